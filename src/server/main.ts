import pino from 'pino'
import type { Config } from '../config.ts'
import { openDatabase } from '../db/connection.ts'
import { prepareDatabase } from '../db/migrate.ts'
import { installAuditKeysOrExplain } from '../modules/audit/keys.ts'
import { keepNameGramsFilled } from '../modules/businesses/name-grams.ts'
import { S3StoreError, type S3EvidenceStorage } from '../modules/evidence/s3-storage.ts'
import { evidenceStore } from '../modules/evidence/service.ts'
import { isDatabaseEmpty, seedDemo } from '../modules/demo/seed.ts'
import { buildApp } from './app.ts'
import { JOBS } from './job-list.ts'
import { startJobs } from './jobs.ts'
import { ensureWebBuilt } from './web-build.ts'

/**
 * Opens the database, seeds the demo on a new embedded one, and listens. The embedded database is
 * locked for this process and migrated; on PostgreSQL the server only checks that the schema is
 * current and refuses to start otherwise: it runs as the application role, which has no DDL rights.
 */
export async function serve(config: Config): Promise<void> {
  const started = Date.now()
  const log = pino({ level: config.logLevel })
  // Before the database: without its key the server could not write a verifiable audit event.
  installAuditKeysOrExplain(config.audit.keyDir, !config.databaseUrl)
  if (config.evidence.s3) await checkEvidenceBucket(config, log)
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize, holder: 'server' })
  if (db.kind === 'pglite') {
    log.warn({ database: 'pglite', location: db.location },
      'database: embedded PGlite + PostGIS — for trial and small installs (no fsync); production runs on PostgreSQL (docs/deployment.md)')
  } else {
    log.info({ database: 'postgresql', location: db.location }, 'database: PostgreSQL + PostGIS')
  }
  let applied: string[]
  try {
    applied = await prepareDatabase(db)
  } catch (err) {
    await db.close()
    throw err
  }
  if (applied.length) log.info({ applied }, 'migrations applied')

  if (db.kind === 'pglite' && config.seedDemoOnEmpty && (await isDatabaseEmpty(db))) {
    log.info('empty embedded database: building the Baqiao demo district')
    const summary = await seedDemo(db, { log: (msg) => log.info(msg), cases: { evidence: config.evidence }, patrols: true })
    log.info({ grids: summary.grids, businesses: summary.businesses, people: summary.people, ms: summary.ms }, 'demo district ready')
    printDemoAccounts(summary.accounts)
  }

  // A fresh clone has no built console: build it once (later starts find it current and skip).
  if (config.buildWeb) await ensureWebBuilt((msg) => log.info(msg))
  const app = await buildApp({ db, config, logger: { level: config.logLevel } })
  const stopGrams = keepNameGramsFilled(db, (err) => log.error({ err }, 'name grams: fill failed, retried in a minute'))
  // Durable jobs (the audit checkpoint among them): docs/jobs.md.
  const jobs = await startJobs({ db, config, log }, JOBS)
  const close = async (signal: string) => {
    log.info({ signal }, 'shutting down')
    await app.close()
    await jobs.stop()
    await stopGrams()
    await db.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => void close('SIGTERM'))
  process.once('SIGINT', () => void close('SIGINT'))
  await app.listen({ port: config.port, host: config.host })
  log.info({ url: `http://localhost:${config.port}`, startupMs: Date.now() - started }, 'MarketGrid is ready')
}

/**
 * EVIDENCE_STORE=s3: a bucket that refuses these settings (credentials, name, region) stops the
 * start with what to fix; one out of reach is only reported, since the rest of the platform works
 * without it and uploads go through once it answers.
 */
async function checkEvidenceBucket(config: Config, log: pino.Logger): Promise<void> {
  const { endpoint, bucket, prefix } = config.evidence.s3!
  try {
    await (evidenceStore(config.evidence) as S3EvidenceStorage).checkBucket()
    log.info({ endpoint, bucket, prefix }, 'evidence: S3-compatible bucket')
  } catch (err) {
    if (err instanceof S3StoreError && err.status >= 300 && err.status < 500) throw err
    log.error({ err, endpoint, bucket }, 'evidence: the S3-compatible bucket does not answer; uploads and downloads of evidence fail until it does')
  }
}

function printDemoAccounts(accounts: Array<{ username: string; password: string; roles: string[]; scope: string; displayName: string }>) {
  const lines = [
    '',
    '演示账户 Demo accounts (demo district only — a real installation has none; see `market-grid create-admin`):',
    ...accounts.map((a) => `  ${a.username.padEnd(16)} ${a.password.padEnd(18)} ${a.roles.join(',').padEnd(20)} scope ${a.scope || '(all)'}  ${a.displayName}`),
    '',
  ]
  process.stdout.write(lines.join('\n') + '\n')
}
