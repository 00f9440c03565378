import path from 'node:path'

/**
 * Everything the server can be told from the environment. All optional: the defaults give a
 * working demo on the embedded database. `market-grid --help` prints this list.
 */
export interface Config {
  port: number
  host: string
  /** unset → embedded PGlite in `dataDir/db` */
  databaseUrl?: string
  dataDir: string
  /** PostgreSQL connections of one server process (the embedded database has one) */
  dbPoolSize: number
  logLevel: string
  /** seed the demo district when the embedded database is empty */
  seedDemoOnEmpty: boolean
  /** build web/dist at start when the console's sources changed */
  buildWeb: boolean
  security: SecuritySettings
  uploadLimitBytes: number
  /**
   * Believe X-Forwarded-For/-Proto from this proxy ('true' for any, or an address/CIDR list). Off by
   * default: otherwise any client could forge its address and slip past the per-IP login throttle.
   */
  trustProxy: boolean | string
  /** /metrics answers only when set, and only to `Authorization: Bearer <this>` (issue 11 §7) */
  metricsToken?: string
  audit: AuditSettings
  evidence: EvidenceSettings
}

/** Evidence files (issue 12 §5): where they live and how large each kind may be. */
export interface EvidenceSettings {
  /** the local content-addressed store */
  dir: string
  /** largest accepted file of each kind, in MB */
  maxMb: { image: number; audio: number; video: number; document: number }
}

/** Where the audit chain's keys and signed checkpoints live: outside the database, on purpose. */
export interface AuditSettings {
  /** HMAC keys and the Ed25519 checkpoint key pair (files mode 0600) */
  keyDir: string
  /** append-only signed checkpoints of the chain's head */
  checkpointDir: string
  /** minutes between automatic checkpoints; 0 turns the timer off */
  checkpointMinutes: number
}

export interface SecuritySettings {
  /**
   * failed logins of one account from one source address before that source must wait (ASVS 2.2.1);
   * each further failure doubles the wait, up to `maxLoginDelaySeconds`. Other sources are not slowed.
   */
  maxFailedLogins: number
  maxLoginDelaySeconds: number
  /** per-IP failed login (or password-change) attempts allowed per minute, whatever the user name */
  loginAttemptsPerIpPerMinute: number
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
  /** 0 turns rotation off */
  passwordRotationDays: number
  /** mark cookies Secure; on automatically when the request came over HTTPS */
  secureCookies: boolean
  /**
   * How long one app server may trust a session it has already checked, in ms. Saves a query per
   * request; a logout is seen at once on the server that handled it, on others after this long.
   */
  sessionCacheMs: number
}

export const configHelp: Array<[string, string]> = [
  ['PORT', 'HTTP port (8080)'],
  ['HOST', 'listen address (0.0.0.0)'],
  ['DATABASE_URL', 'PostgreSQL/PostGIS URL; unset → embedded PGlite in DATA_DIR/db'],
  ['DATA_DIR', 'embedded database and files (./data)'],
  ['DB_POOL_SIZE', 'PostgreSQL connections per server process (10)'],
  ['POSTGIS_FULL_BUNDLE', '"true" to load the embedded database\'s whole PostGIS bundle, upgrade scripts included (false)'],
  ['LOG_LEVEL', 'pino level (info)'],
  ['SEED_DEMO', '"false" to keep an empty embedded database empty (true)'],
  ['WEB_BUILD', '"false" to serve web/dist as it is, without rebuilding the console at start (true)'],
  ['UPLOAD_LIMIT_MB', 'largest accepted import file (200)'],
  ['MAX_FAILED_LOGINS', 'failed logins of one account from one address before that address waits (5)'],
  ['MAX_LOGIN_DELAY_SECONDS', 'longest wait after repeated failures, doubling from 2 s (900)'],
  ['LOGIN_ATTEMPTS_PER_IP_PER_MINUTE', 'failed logins allowed per address and minute (30)'],
  ['SESSION_IDLE_MINUTES', 'idle session timeout (30)'],
  ['SESSION_ABSOLUTE_HOURS', 'absolute session lifetime (12)'],
  ['PASSWORD_ROTATION_DAYS', 'password age before a change is required, 0 = never (90)'],
  ['SECURE_COOKIES', '"true" behind an HTTPS proxy (false; on by itself for HTTPS requests)'],
  ['SESSION_CACHE_MS', 'per-server session cache (2000)'],
  ['METRICS_TOKEN', 'turns /metrics on; Prometheus must send "Authorization: Bearer <token>" (unset: /metrics is off)'],
  ['AUDIT_KEY_DIR', 'audit chain keys, outside the database (DATA_DIR/audit-keys)'],
  ['AUDIT_CHECKPOINT_DIR', 'signed checkpoints of the audit chain head (DATA_DIR/audit-checkpoints)'],
  ['AUDIT_CHECKPOINT_MINUTES', 'minutes between automatic audit checkpoints, 0 = off (10)'],
  ['EVIDENCE_DIR', 'evidence files, content-addressed (DATA_DIR/evidence)'],
  ['EVIDENCE_MAX_IMAGE_MB / _AUDIO_MB / _VIDEO_MB / _DOCUMENT_MB', 'largest accepted evidence file of each kind (20 / 50 / 2048 / 50)'],
  ['TRUST_PROXY', '"true" or the proxy address(es) when behind nginx, to read client IPs and HTTPS from it (off)'],
]

function num(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${key} must be a non-negative number, got "${raw}"`)
  return value
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data')
  return {
    port: num(env, 'PORT', 8080),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    dbPoolSize: Math.max(1, Math.floor(num(env, 'DB_POOL_SIZE', 10))),
    logLevel: env.LOG_LEVEL || 'info',
    seedDemoOnEmpty: env.SEED_DEMO !== 'false',
    buildWeb: env.WEB_BUILD !== 'false',
    uploadLimitBytes: num(env, 'UPLOAD_LIMIT_MB', 200) * 1024 * 1024,
    metricsToken: env.METRICS_TOKEN || undefined,
    trustProxy: !env.TRUST_PROXY || env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY,
    audit: {
      keyDir: path.resolve(env.AUDIT_KEY_DIR || path.join(dataDir, 'audit-keys')),
      checkpointDir: path.resolve(env.AUDIT_CHECKPOINT_DIR || path.join(dataDir, 'audit-checkpoints')),
      checkpointMinutes: num(env, 'AUDIT_CHECKPOINT_MINUTES', 10),
    },
    evidence: {
      dir: path.resolve(env.EVIDENCE_DIR || path.join(dataDir, 'evidence')),
      maxMb: {
        image: num(env, 'EVIDENCE_MAX_IMAGE_MB', 20),
        audio: num(env, 'EVIDENCE_MAX_AUDIO_MB', 50),
        video: num(env, 'EVIDENCE_MAX_VIDEO_MB', 2048),
        document: num(env, 'EVIDENCE_MAX_DOCUMENT_MB', 50),
      },
    },
    security: {
      maxFailedLogins: num(env, 'MAX_FAILED_LOGINS', 5),
      maxLoginDelaySeconds: num(env, 'MAX_LOGIN_DELAY_SECONDS', 900),
      loginAttemptsPerIpPerMinute: num(env, 'LOGIN_ATTEMPTS_PER_IP_PER_MINUTE', 30),
      sessionIdleMinutes: num(env, 'SESSION_IDLE_MINUTES', 30),
      sessionAbsoluteHours: num(env, 'SESSION_ABSOLUTE_HOURS', 12),
      passwordRotationDays: num(env, 'PASSWORD_ROTATION_DAYS', 90),
      secureCookies: env.SECURE_COOKIES === 'true',
      sessionCacheMs: num(env, 'SESSION_CACHE_MS', 2000),
    },
  }
}
