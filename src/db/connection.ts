import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import type { Extension } from '@electric-sql/pglite'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { acquireDataDirLock } from './data-lock.ts'
import { runningPostgisBundle } from './postgis-bundle.ts'

/** Something SQL can be run on: the database itself or an open transaction. */
export interface Sql {
  query<R = Record<string, any>>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number }>
  /**
   * A statement run often with other values, planned once per connection where the driver allows
   * (a named prepared statement on PostgreSQL; PGlite plans every time): for statements whose best
   * plan does not depend on the values, where planning costs as much as running.
   */
  prepared<R = Record<string, any>>(text: string, params: unknown[]): Promise<{ rows: R[]; rowCount: number }>
  /** Several statements, no parameters (migrations, DDL). */
  exec(text: string): Promise<void>
  /**
   * `COPY <target> FROM STDIN (FORMAT csv)` fed from `csv` (a whole CSV text or chunks of one).
   * PGlite reads it from a blob, PostgreSQL from a stream; both run inside the current transaction.
   */
  copyCsv(target: string, csv: string | AsyncIterable<string>): Promise<void>
  /**
   * NOTIFY `channel` with `payload` once the current transaction has committed (at once outside
   * one); never when it rolls back. The handle sends the notices of all its transactions in
   * batches, one statement each, outside the writing transactions (Notifier below).
   */
  notifyAfterCommit(channel: string, payload: string): void
  /** Runs `fn` once the current transaction has committed, before `transaction()` returns (at once outside one); never when it rolls back. */
  afterCommit(fn: () => void): void
}

export interface Db extends Sql {
  readonly kind: 'pglite' | 'postgres'
  /** PGlite only: the data folder as a tarball, to clone test databases from */
  dumpTemplate?: () => Promise<Blob | File>
  /** Where it runs, for the start-up line: a folder or a URL without its password. */
  readonly location: string
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>
  /**
   * Calls `onMessage` with each NOTIFY payload on `channel`, from any process on this database, until
   * the returned function is called. PostgreSQL holds one connection of its own for it.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

/**
 * The notices of committed transactions, sent in batches. A NOTIFY inside the writing transaction
 * makes PostgreSQL take one lock for the whole database at its commit and hold it through the WAL
 * flush, so every notifying transaction commits after the one before it: that halved the rate of
 * audited writes (issue 12, docs/performance.md). Sent afterwards, on a transaction of their own
 * that does not wait for its flush (a notice is not data), the notices cost one statement per
 * batch: while one batch is on its way the next one gathers. Listeners see the change, because it
 * committed before its notice left. A process that dies between the commit and the send loses
 * those notices, as a listener that reconnects loses the ones sent meanwhile: readers of the feed
 * re-read on reconnect, and caches fed by it expire (src/modules/cases/summary-cache.ts).
 */
export class Notifier {
  private pending: Array<[string, string]> = []
  private sending: Promise<void> | null = null

  constructor(private readonly send: (channels: string[], payloads: string[]) => Promise<unknown>) {}

  push(notices: Array<[string, string]>): void {
    if (notices.length === 0) return
    this.pending.push(...notices)
    this.sending ??= this.drain()
  }

  private async drain(): Promise<void> {
    // let the other transactions that commit in this tick join the batch
    await new Promise((resolve) => setImmediate(resolve))
    while (this.pending.length) {
      const batch = this.pending.splice(0, 1000)
      await this.send(batch.map((n) => n[0]), batch.map((n) => n[1])).catch(() => {})
    }
    this.sending = null
  }

  /** Resolves once every notice pushed so far has been sent (or failed). */
  async flushed(): Promise<void> {
    while (this.sending) await this.sending
  }
}

/** The after-commit callbacks of a transaction: each runs, one failing does not stop the others. */
function runAll(fns: Array<() => void>): void {
  for (const fn of fns) {
    try {
      fn()
    } catch {}
  }
}

/** One batch of notices, on a transaction that does not wait for its WAL flush. */
const NOTIFY_BATCH = `SELECT set_config('synchronous_commit', 'off', true), pg_notify(n.channel, n.payload)
  FROM unnest($1::text[], $2::text[]) AS n(channel, payload)`

// Both drivers answer int8 and count(*) as numbers (ids stay far below 2^53).
pg.types.setTypeParser(20, (v) => Number(v))

/**
 * `holder` names the opener in the embedded folder's lock ("server", "market-grid import"): a
 * second process on the same DATA_DIR is refused with it (data-lock.ts).
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; poolSize?: number; holder?: string }): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize)
  if (!opts.dataDir) throw new Error('dataDir is required for the embedded database')
  const release = acquireDataDirLock(opts.dataDir, opts.holder ?? `market-grid ${process.argv.slice(2).join(' ')}`.trim())
  try {
    const db = await openPglite(path.join(opts.dataDir, 'db'))
    return {
      ...db,
      async close() {
        try {
          await db.close()
        } finally {
          release()
        }
      },
    }
  } catch (err) {
    release()
    throw err
  }
}

async function collect(csv: string | AsyncIterable<string>): Promise<string> {
  if (typeof csv === 'string') return csv
  const parts: string[] = []
  for await (const chunk of csv) parts.push(chunk)
  return parts.join('')
}

export async function openPglite(dir: string | undefined, loadDataDir?: Blob): Promise<Db> {
  const [{ PGlite }, { postgis }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-postgis'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ])
  if (dir) fs.mkdirSync(dir, { recursive: true })
  // PostGIS from the bundle cut down to what a running database uses (postgis-bundle.ts).
  const bundle = runningPostgisBundle()
  const runningPostgis: Extension = bundle
    ? { name: postgis.name, setup: async (pg, opts) => ({ ...(await postgis.setup(pg, opts)), bundlePath: pathToFileURL(bundle) }) }
    : postgis
  const pglite = await PGlite.create(dir, { extensions: { postgis: runningPostgis, pg_trgm }, loadDataDir })
  type Tx = { query: typeof pglite.query; exec: typeof pglite.exec }
  const notifier = new Notifier((channels, payloads) => pglite.query(NOTIFY_BATCH, [channels, payloads]))
  const wrap = (conn: Tx, afterCommit: Sql['afterCommit']): Sql => {
    const query: Sql['query'] = async (text, params) => {
      const res = await conn.query<any>(text, params as any[])
      return { rows: res.rows, rowCount: res.affectedRows || res.rows.length }
    }
    return {
      query,
      // PGlite has one connection for everyone and keeps no plans between calls.
      prepared: query,
      async exec(text) {
        await conn.exec(text)
      },
      async copyCsv(target, csv) {
        const blob = new Blob([await collect(csv)])
        await conn.query(`COPY ${target} FROM '/dev/blob' (FORMAT csv)`, [], { blob })
      },
      notifyAfterCommit: (channel, payload) => afterCommit(() => notifier.push([[channel, payload]])),
      afterCommit,
    }
  }
  const base = wrap(pglite, (fn) => fn())
  return {
    ...base,
    kind: 'pglite',
    location: dir ?? 'memory',
    dumpTemplate: () => pglite.dumpDataDir('none'),
    async transaction(fn) {
      const committed: Array<() => void> = []
      const result = await pglite.transaction((tx) => fn(wrap(tx, (f) => committed.push(f))))
      runAll(committed)
      return result
    },
    listen: async (channel, onMessage) => {
      const stop = await pglite.listen(channel, onMessage)
      return () => stop()
    },
    async close() {
      await notifier.flushed()
      await pglite.close()
    },
  }
}

/** A prepared statement's name on a connection: its text's hash, so that one name is one text. */
export function preparedName(text: string): string {
  let name = preparedNames.get(text)
  if (name === undefined) {
    // Hashing a long statement on every call showed in the filing profile (issue 12); the texts are few.
    if (preparedNames.size > 10_000) preparedNames.clear()
    name = 'mg_' + createHash('sha1').update(text).digest('hex').slice(0, 24)
    preparedNames.set(text, name)
  }
  return name
}
const preparedNames = new Map<string, string>()

/** `fn` on one client of the pool inside BEGIN … COMMIT, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  } finally {
    client.release()
  }
}

export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize })
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {})
  const notifier = new Notifier((channels, payloads) => pool.query(NOTIFY_BATCH, [channels, payloads]))
  const wrap = (conn: pg.Pool | pg.PoolClient, afterCommit: Sql['afterCommit']): Sql => ({
    async query(text, params) {
      const res = await conn.query(text, params as any[])
      return { rows: res.rows, rowCount: res.rowCount ?? 0 }
    },
    async prepared(text, params) {
      const res = await conn.query({ name: preparedName(text), text, values: params as any[] })
      return { rows: res.rows, rowCount: res.rowCount ?? 0 }
    },
    async exec(text) {
      await conn.query(text)
    },
    async copyCsv(target, csv) {
      const client = 'release' in conn ? conn : await (conn as pg.Pool).connect()
      try {
        const sink = client.query(copyFrom(`COPY ${target} FROM STDIN (FORMAT csv)`))
        const source = typeof csv === 'string' ? Readable.from([csv]) : Readable.from(csv)
        await pipeline(source, sink)
      } finally {
        if (client !== conn) (client as pg.PoolClient).release()
      }
    },
    notifyAfterCommit: (channel, payload) => afterCommit(() => notifier.push([[channel, payload]])),
    afterCommit,
  })
  await pool.query('SELECT 1')
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
  return {
    ...wrap(pool, (fn) => fn()),
    kind: 'postgres',
    location: safeUrl,
    async transaction(fn) {
      const committed: Array<() => void> = []
      const result = await inTransaction(pool, (client) => fn(wrap(client, (f) => committed.push(f))))
      runAll(committed)
      return result
    },
    listen: (channel, onMessage) => listenPostgres(url, channel, onMessage),
    async close() {
      await notifier.flushed()
      await pool.end()
    },
  }
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to others). A lost connection is
 * opened again after a second; notices sent meanwhile are lost, which the feed's readers tolerate
 * (they re-read the case lists when they reconnect).
 */
async function listenPostgres(url: string, channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name: ${channel}`)
  let client: pg.Client | null = null
  let stopped = false
  const open = async () => {
    const c = new pg.Client({ connectionString: url })
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onMessage(n.payload)
    })
    c.on('error', () => {
      c.end().catch(() => {})
      if (client === c) client = null
      if (!stopped) setTimeout(() => void reopen(), 1000).unref()
    })
    await c.connect()
    await c.query(`LISTEN ${channel}`)
    client = c
  }
  const reopen = async () => {
    if (stopped || client) return
    await open().catch(() => {
      if (!stopped) setTimeout(() => void reopen(), 1000).unref()
    })
  }
  await open()
  return async () => {
    stopped = true
    const c = client
    client = null
    await c?.end().catch(() => {})
  }
}
