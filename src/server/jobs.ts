/**
 * Durable jobs (issue 12 §3): pg-boss behind one small interface. Jobs live in the database
 * (schema `pgboss`), so a job sent survives a restart, a job whose process was killed is retried
 * once its expiry passes, and a scheduled job runs once per slot however many servers run.
 *
 * Both databases go through the application's own `Db` (pg-boss's `db: { executeSql }` option):
 * PGlite has one connection, so pg-boss's polls queue behind the app's queries and transactions
 * (PGlite runs one at a time) instead of opening a second handle on the data folder.
 */
import { createRequire } from 'node:module'
import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import type { Db, Sql } from '../db/connection.ts'

export interface JobContext {
  db: Db
  config: Config
  log: Pick<Logger, 'info' | 'warn' | 'error'>
}

export interface JobDefinition<T = any> {
  /** the queue's name, e.g. 'audit.checkpoint', 'cases.deadlines' */
  name: string
  /**
   * Scheduled (Asia/Shanghai, minute resolution): at most once per slot across all servers. A
   * function reads it from the settings; undefined there means "not scheduled now". A definition
   * with a `cron` field gets a queue that holds at most one waiting and one running job.
   */
  cron?: string | ((config: Config) => string | undefined)
  handler(ctx: JobContext, data: T): Promise<void>
  /** retries after the first failure (pg-boss default 2) */
  retryLimit?: number
  /** a running job older than this is taken as dead (its process killed) and retried (default 15 min) */
  expireInSeconds?: number
}

interface SendOptions {
  /** while a job with this key waits or runs in the queue, a second send creates nothing (null) */
  key?: string
  startAfter?: Date
  /**
   * Send inside the caller's transaction: the job exists only if it commits. Required when sending
   * from within `db.transaction()` on PGlite, whose one connection the transaction holds.
   */
  tx?: Sql
}

export interface JobRunner {
  send<T>(name: string, data: T, opts?: SendOptions): Promise<string | null>
  stop(): Promise<void>
}

/** Intervals, shortened by tests; the defaults suit a server. */
export interface JobTuning {
  pollingIntervalSeconds?: number
  maintenanceIntervalSeconds?: number
  cronMonitorIntervalSeconds?: number
  cronWorkerIntervalSeconds?: number
}

const JOB_SCHEMA = 'pgboss'
/** pg-boss's own queue for scheduled sends (timekeeper.js QUEUES.SEND_IT): it must exist for cron to work */
const SEND_IT_QUEUE = '__pgboss__send-it'
const TIME_ZONE = 'Asia/Shanghai'

/** pg-boss's schema version that this release expects (its version.json). */
export function expectedJobSchemaVersion(): number {
  return Number(createRequire(import.meta.url)('pg-boss/version.json').schema)
}

/**
 * pg-boss's SQL on our Db. Without values pg-boss sends either one statement (run as a query, its
 * rows returned) or a `BEGIN; …; COMMIT;` block (its schema and maintenance): that block runs
 * inside our transaction instead, so that a failure rolls back and never leaves the one PGlite
 * connection inside an aborted transaction.
 */
function jobDbAdapter(sql: Sql | Db): PgBoss.Db {
  return {
    async executeSql(text: string, values?: any[]) {
      if (values && values.length) return sql.query(text, values)
      const block = /^\s*BEGIN;([\s\S]*);\s*COMMIT;\s*$/.exec(text)
      if (block) {
        if ('transaction' in sql) await sql.transaction((tx) => tx.exec(block[1]))
        else await sql.exec(block[1])
        return { rows: [] }
      }
      return sql.query(text)
    },
  }
}

function queueOptions(def: JobDefinition): PgBoss.Queue {
  return {
    name: def.name,
    policy: 'cron' in def ? 'stately' : 'standard',
    ...(def.retryLimit !== undefined ? { retryLimit: def.retryLimit } : {}),
    ...(def.expireInSeconds !== undefined ? { expireInSeconds: def.expireInSeconds } : {}),
  }
}

/**
 * Creates or upgrades the pg-boss schema and the queues of `defs` (run by `migrate`, as the
 * database owner: creating a queue creates a table). Idempotent.
 */
export async function installJobSchema(db: Db, defs: JobDefinition[]): Promise<void> {
  const boss = new PgBoss({ db: jobDbAdapter(db), schema: JOB_SCHEMA, migrate: true, schedule: false, supervise: false })
  boss.on('error', () => {})
  await boss.start()
  try {
    await boss.createQueue(SEND_IT_QUEUE)
    for (const def of defs) await ensureQueue(boss, def)
  } finally {
    await boss.stop({ graceful: false })
  }
}

async function ensureQueue(boss: PgBoss, def: JobDefinition) {
  const options = queueOptions(def)
  // create_queue does nothing (no DDL) when the queue exists; the update is plain DML.
  if (!(await boss.getQueue(def.name))) await boss.createQueue(def.name, options)
  else await boss.updateQueue(def.name, options)
}

/**
 * What is missing of the job schema, read only (the application role may run it): [] when pg-boss
 * is installed at this release's version with the queues of `defs`.
 */
export async function jobSchemaProblems(sql: Sql, defs: JobDefinition[]): Promise<string[]> {
  const { rows } = await sql.query<{ t: string | null }>(`SELECT to_regclass('${JOB_SCHEMA}.version')::text AS t`)
  const expected = expectedJobSchemaVersion()
  if (!rows[0].t) return [`pg-boss schema ${expected}`]
  const version = await sql.query<{ version: number }>(`SELECT version FROM ${JOB_SCHEMA}.version`)
  if (Number(version.rows[0]?.version) !== expected) return [`pg-boss schema ${expected} (found ${version.rows[0]?.version ?? 'none'})`]
  const names = [SEND_IT_QUEUE, ...defs.map((d) => d.name)]
  const { rows: queues } = await sql.query<{ name: string }>(`SELECT name FROM ${JOB_SCHEMA}.queue WHERE name = ANY($1::text[])`, [names])
  const have = new Set(queues.map((q) => q.name))
  return names.filter((n) => !have.has(n)).map((n) => `job queue ${n}`)
}

function cronOf(def: JobDefinition, config: Config): string | undefined {
  return typeof def.cron === 'function' ? def.cron(config) : def.cron
}

/**
 * Starts pg-boss on the application's database without DDL (`migrate: false`: `market-grid
 * migrate` installed the schema and the queues), registers a worker per definition and its
 * schedule (removing the schedule of a definition that has none now).
 */
export async function startJobs(ctx: JobContext, defs: JobDefinition[], tuning: JobTuning = {}): Promise<JobRunner> {
  const boss = new PgBoss({
    db: jobDbAdapter(ctx.db),
    schema: JOB_SCHEMA,
    migrate: false,
    ...tuning,
  })
  boss.on('error', (err) => ctx.log.error({ err }, 'jobs: pg-boss error'))
  await boss.start()
  const known = new Map(defs.map((d) => [d.name, d]))
  for (const def of defs) {
    // A queue migrate did not create (a test's own): created here when the role may.
    await ensureQueue(boss, def)
    const cron = cronOf(def, ctx.config)
    if (cron) await boss.schedule(def.name, cron, {}, { tz: TIME_ZONE, singletonKey: `${def.name}:cron`, singletonSeconds: 60 })
    else await boss.unschedule(def.name)
    const polling = tuning.pollingIntervalSeconds ? { pollingIntervalSeconds: tuning.pollingIntervalSeconds } : {}
    await boss.work(def.name, polling, async ([job]) => {
      try {
        await def.handler(ctx, job.data)
      } catch (err) {
        ctx.log.warn({ err, job: def.name, id: job.id }, 'jobs: a job failed; pg-boss retries it up to its limit')
        throw err
      }
    })
  }
  return {
    async send(name, data, opts = {}) {
      if (!known.has(name)) throw new Error(`no job named ${name}`)
      const options: PgBoss.SendOptions = opts.startAfter ? { startAfter: opts.startAfter } : {}
      if (opts.key === undefined) return boss.send(name, (data ?? {}) as object, opts.tx ? { ...options, db: jobDbAdapter(opts.tx) } : options)
      const key = opts.key
      // pg-boss's singletonKey alone deduplicates nothing in a standard queue: the key is checked
      // here, under a lock on (queue, key) so that two servers sending at once agree.
      const sendKeyed = async (tx: Sql) => {
        if (ctx.db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [name, key])
        const { rows } = await tx.query(
          `SELECT 1 FROM ${JOB_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`,
          [name, key],
        )
        if (rows.length) return null
        return boss.send(name, (data ?? {}) as object, { ...options, singletonKey: key, db: jobDbAdapter(tx) })
      }
      return opts.tx ? sendKeyed(opts.tx) : ctx.db.transaction(sendKeyed)
    },
    async stop() {
      // Running jobs get 5 s to finish; pg-boss then marks the ones still running failed, and so
      // retried (by another server, or this one after its restart).
      await boss.stop({ graceful: true, timeout: 5000, wait: true })
    },
  }
}
