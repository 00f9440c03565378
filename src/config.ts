import path from 'node:path'
import { DEFAULT_ANNUAL_REMINDERS_FROM, DEFAULT_RISK_FACTORS, type RiskFactors } from './modules/patrols/schedule.ts'
import type { PositionSettings } from './modules/positions/service.ts'

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
  /** PUBLIC_URL: the address printed in QR plates; unset → the address the request came to */
  publicUrl?: string
  /** /metrics answers only when set, and only to `Authorization: Bearer <this>` (issue 11 §7) */
  metricsToken?: string
  audit: AuditSettings
  evidence: EvidenceSettings
  patrols: PatrolSettings
  positions: PositionSettings
  /** MARKET_CHECK_RATIO: the share of a market's monthly findings the station draws for checking (M4.4) */
  marketCheckRatio: number
}

/** Patrol tasks (issue 15 §2). */
interface PatrolSettings {
  /** PATROL_RISK_FACTORS: a periodic item's cycle times this factor for each risk class (schedule.ts) */
  riskFactors: RiskFactors
  /** ANNUAL_REPORT_REMINDERS_FROM: the day (MM-DD) the annual-report season's reminders start */
  annualRemindersFrom: string
}

/** Evidence files (issue 12 §5): where they live and how large each kind may be. */
export interface EvidenceSettings {
  /** the local content-addressed store; with `s3` set, only the work folder (`incoming/`) of files being received */
  dir: string
  /** set (EVIDENCE_STORE=s3): finished files go to this bucket instead of `dir` */
  s3?: S3Settings
  /** largest accepted file of each kind, in MB */
  maxMb: { image: number; audio: number; video: number; document: number }
}

/** An S3-compatible bucket (MinIO, Aliyun OSS, Tencent COS, AWS S3): docs/evidence.md. */
export interface S3Settings {
  /** `http(s)://host[:port]`, without a path */
  endpoint: string
  bucket: string
  /** the region requests are signed for (MinIO: us-east-1; OSS: cn-hangzhou; COS: ap-guangzhou) */
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** put before every key: '' or a folder ending in '/' */
  prefix: string
  /** `endpoint/bucket/key` (MinIO) rather than `bucket.endpoint/key` (OSS and COS accept only the latter) */
  pathStyle: boolean
}

/** Where the audit chain's keys and signed checkpoints live: outside the database, on purpose. */
interface AuditSettings {
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
  ['EVIDENCE_DIR', 'evidence files, content-addressed; with EVIDENCE_STORE=s3 only files being received (DATA_DIR/evidence)'],
  ['EVIDENCE_MAX_IMAGE_MB / _AUDIO_MB / _VIDEO_MB / _DOCUMENT_MB', 'largest accepted evidence file of each kind (20 / 50 / 2048 / 50)'],
  ['EVIDENCE_STORE', '"s3" to keep evidence files in an S3-compatible bucket (MinIO, OSS, COS) instead of EVIDENCE_DIR (local)'],
  ['EVIDENCE_S3_ENDPOINT', 'the store\'s address, http(s)://host[:port] (required with EVIDENCE_STORE=s3)'],
  ['EVIDENCE_S3_BUCKET', 'the bucket (required with EVIDENCE_STORE=s3)'],
  ['EVIDENCE_S3_ACCESS_KEY_ID / _SECRET_ACCESS_KEY', 'the store\'s credentials (required with EVIDENCE_STORE=s3)'],
  ['EVIDENCE_S3_REGION', 'the region requests are signed for (us-east-1)'],
  ['EVIDENCE_S3_PREFIX', 'a folder in the bucket for the objects, e.g. marketgrid/ (none)'],
  ['EVIDENCE_S3_PATH_STYLE', '"false" for bucket.endpoint addresses, which OSS and COS require (true: endpoint/bucket, for MinIO)'],
  ['PUBLIC_URL', 'the address phones reach the server at, printed in QR address plates, e.g. https://grid.example.gov.cn (unset: the address the console was opened at)'],
  ['ANNUAL_REPORT_REMINDERS_FROM', 'the day (MM-DD) the annual-report season\'s reminders start; the season ends on 30 June (05-01)'],
  ['POSITION_INTERVAL_SECONDS', 'how often a phone on duty reports its position, at least 10 (60)'],
  ['POSITION_RETENTION_DAYS', 'days staff positions are kept before the daily job deletes them (30)'],
  ['MARKET_CHECK_RATIO', 'the share of a market\'s monthly patrol findings the station draws for checking, above 0 and at most 1 (0.1)'],
  ['TRUST_PROXY', '"true" or the proxy address(es) when behind nginx, to read client IPs and HTTPS from it (off)'],
]

/** A share above 0 and at most 1; anything else is a mistake the server refuses to start with. */
function checkRatio(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0.1
  const r = Number(raw)
  if (!(r > 0 && r <= 1)) throw new Error(`MARKET_CHECK_RATIO must be above 0 and at most 1 (e.g. 0.1 for 10 %), not "${raw}"`)
  return r
}

function bool(env: NodeJS.ProcessEnv, key: string, fallback: boolean): boolean {
  const raw = env[key]
  if (raw === undefined || raw === '') return fallback
  if (raw !== 'true' && raw !== 'false') throw new Error(`${key} must be "true" or "false", got "${raw}"`)
  return raw === 'true'
}

/** The bucket of EVIDENCE_STORE=s3, checked before anything starts; undefined for the local store. */
function s3Settings(env: NodeJS.ProcessEnv, maxMb: EvidenceSettings['maxMb']): S3Settings | undefined {
  const store = env.EVIDENCE_STORE || 'local'
  if (store === 'local') return undefined
  if (store !== 's3') throw new Error(`EVIDENCE_STORE must be "local" or "s3", got "${store}"`)
  const required = ['EVIDENCE_S3_ENDPOINT', 'EVIDENCE_S3_BUCKET', 'EVIDENCE_S3_ACCESS_KEY_ID', 'EVIDENCE_S3_SECRET_ACCESS_KEY']
  const missing = required.filter((key) => !env[key])
  if (missing.length) throw new Error(`EVIDENCE_STORE=s3 needs ${missing.join(', ')} (docs/evidence.md)`)
  const raw = env.EVIDENCE_S3_ENDPOINT!
  let endpoint: URL | null = null
  try {
    endpoint = new URL(raw)
  } catch {}
  if (!endpoint || !/^https?:$/.test(endpoint.protocol) || endpoint.pathname !== '/' || endpoint.search || endpoint.username) {
    throw new Error(`EVIDENCE_S3_ENDPOINT must be an http(s) address without a path, such as https://minio.example.gov.cn:9000, got "${raw}"`)
  }
  const bucket = env.EVIDENCE_S3_BUCKET!
  // S3's bucket naming rule; a COS bucket's name-APPID fits it.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(`EVIDENCE_S3_BUCKET must be a bucket name (lower-case letters, digits, dots and hyphens, 3 to 63), got "${bucket}"`)
  }
  const prefix = (env.EVIDENCE_S3_PREFIX ?? '').replace(/^\/+|\/+$/g, '')
  if (!/^[A-Za-z0-9._/-]*$/.test(prefix)) {
    throw new Error(`EVIDENCE_S3_PREFIX may hold only letters, digits and . _ - /, got "${env.EVIDENCE_S3_PREFIX}"`)
  }
  // One PUT carries a whole file, and S3, OSS and COS take at most 5 GB in one PUT.
  for (const [kind, mb] of Object.entries(maxMb)) {
    if (mb > 5120) throw new Error(`EVIDENCE_MAX_${kind.toUpperCase()}_MB must be at most 5120 with EVIDENCE_STORE=s3 (one upload to the bucket takes at most 5 GB), got ${mb}`)
  }
  return {
    endpoint: endpoint.origin,
    bucket,
    region: env.EVIDENCE_S3_REGION || 'us-east-1',
    accessKeyId: env.EVIDENCE_S3_ACCESS_KEY_ID!,
    secretAccessKey: env.EVIDENCE_S3_SECRET_ACCESS_KEY!,
    prefix: prefix ? `${prefix}/` : '',
    pathStyle: bool(env, 'EVIDENCE_S3_PATH_STYLE', true),
  }
}

/** "high=0.25,higher=0.5,general=1,low=2" (any of them; the others keep their defaults). */
function riskFactors(text: string | undefined): RiskFactors {
  const factors = { ...DEFAULT_RISK_FACTORS }
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.split('=').map((x) => x.trim())
    const n = Number(value)
    if (!(name in factors) || !Number.isFinite(n) || n <= 0 || n > 100) {
      throw new Error(`PATROL_RISK_FACTORS: "${part}" should be a risk class (high, higher, general, low) = a factor above 0, e.g. high=0.25`)
    }
    factors[name as keyof RiskFactors] = n
  }
  return factors
}

function num(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${key} must be a non-negative number, got "${raw}"`)
  return value
}

/** An http(s) origin with an optional path, without a trailing slash. */
function publicUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`PUBLIC_URL must be an http(s) address, got "${raw}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_URL must be an http(s) address, got "${raw}"`)
  return (url.origin + url.pathname).replace(/\/+$/, '')
}

/** A day of the season, 1 January to 30 June, as MM-DD. */
function annualRemindersFrom(raw: string | undefined): string {
  if (!raw) return DEFAULT_ANNUAL_REMINDERS_FROM
  const m = /^(\d\d)-(\d\d)$/.exec(raw.trim())
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 6 || Number(m[2]) < 1 || Number(m[2]) > 31) {
    throw new Error(`ANNUAL_REPORT_REMINDERS_FROM must be a day of the season as MM-DD between 01-01 and 06-30, got "${raw}"`)
  }
  return m[0]
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data')
  const evidenceMaxMb = {
    image: num(env, 'EVIDENCE_MAX_IMAGE_MB', 20),
    audio: num(env, 'EVIDENCE_MAX_AUDIO_MB', 50),
    video: num(env, 'EVIDENCE_MAX_VIDEO_MB', 2048),
    document: num(env, 'EVIDENCE_MAX_DOCUMENT_MB', 50),
  }
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
    publicUrl: publicUrl(env.PUBLIC_URL),
    trustProxy: !env.TRUST_PROXY || env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY,
    audit: {
      keyDir: path.resolve(env.AUDIT_KEY_DIR || path.join(dataDir, 'audit-keys')),
      checkpointDir: path.resolve(env.AUDIT_CHECKPOINT_DIR || path.join(dataDir, 'audit-checkpoints')),
      checkpointMinutes: num(env, 'AUDIT_CHECKPOINT_MINUTES', 10),
    },
    patrols: { riskFactors: riskFactors(env.PATROL_RISK_FACTORS), annualRemindersFrom: annualRemindersFrom(env.ANNUAL_REPORT_REMINDERS_FROM) },
    positions: {
      intervalSeconds: Math.max(10, Math.round(num(env, 'POSITION_INTERVAL_SECONDS', 60))),
      retentionDays: Math.max(1, Math.round(num(env, 'POSITION_RETENTION_DAYS', 30))),
    },
    marketCheckRatio: checkRatio(env.MARKET_CHECK_RATIO),
    evidence: {
      dir: path.resolve(env.EVIDENCE_DIR || path.join(dataDir, 'evidence')),
      s3: s3Settings(env, evidenceMaxMb),
      maxMb: evidenceMaxMb,
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
