import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import type { Extension } from '@electric-sql/pglite'
import pg from 'pg'
import pgUtils from 'pg/lib/utils.js'
import { from as copyFrom } from 'pg-copy-streams'
import { acquireDataDirLock } from './data-lock.ts'
import { runningPostgisBundle } from './postgis-bundle.ts'

interface PreparedOptions {
  /**
   * Inside a transaction on PostgreSQL: run the statement's one generic plan, never planning it for
   * the values at hand. PostgreSQL keeps a generic plan only when its estimate beats the plans made
   * for the values, which a statement over arrays (one row per element) never does: its estimate
   * counts ten elements where the plans for the values count the few there are, so every run was
   * planned again (≈ 1 ms of a filing batch's 3, issue 12). Ignored elsewhere (PGlite plans every
   * statement; outside a transaction PostgreSQL chooses as usual).
   */
  generic?: boolean
}

/** Something SQL can be run on: the database itself or an open transaction. */
export interface Sql {
  query<R = Record<string, any>>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number }>
  /**
   * A statement run often with other values, planned once per connection where the driver allows
   * (a named prepared statement on PostgreSQL; PGlite plans every time): for statements whose best
   * plan does not depend on the values, where planning costs as much as running.
   */
  prepared<R = Record<string, any>>(text: string, params: unknown[], options?: PreparedOptions): Promise<{ rows: R[]; rowCount: number }>
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
  /**
   * A prepared write whose result nobody reads (the audit event), sent with the transaction's next
   * statement or with its COMMIT: one round trip fewer. If it fails, that statement or the commit
   * fails with its error and the transaction rolls back. Only inside a transaction.
   */
  writeLater(text: string, params: unknown[]): void
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
class Notifier {
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
  /** `later` holds a transaction's writeLater statements (null outside one); each statement sends them first, as on PostgreSQL. */
  const wrap = (conn: Tx, afterCommit: Sql['afterCommit'], later: Array<[string, unknown[]]> | null) => {
    const sendLater = async () => {
      while (later?.length) {
        const [text, params] = later.shift()!
        await conn.query(text, params as any[])
      }
    }
    const query: Sql['query'] = async (text, params) => {
      await sendLater()
      const res = await conn.query<any>(text, params as any[])
      return { rows: res.rows, rowCount: res.affectedRows || res.rows.length }
    }
    const sql: Sql = {
      query,
      // PGlite has one connection for everyone and keeps no plans between calls.
      prepared: query,
      async exec(text) {
        await sendLater()
        await conn.exec(text)
      },
      async copyCsv(target, csv) {
        await sendLater()
        const blob = new Blob([await collect(csv)])
        await conn.query(`COPY ${target} FROM '/dev/blob' (FORMAT csv)`, [], { blob })
      },
      notifyAfterCommit: (channel, payload) => afterCommit(() => notifier.push([[channel, payload]])),
      afterCommit,
      writeLater(text, params) {
        if (!later) throw new Error('writeLater needs a transaction')
        later.push([text, params])
      },
    }
    return { sql, sendLater }
  }
  const base = wrap(pglite, (fn) => fn(), null).sql
  return {
    ...base,
    kind: 'pglite',
    location: dir ?? 'memory',
    dumpTemplate: () => pglite.dumpDataDir('none'),
    async transaction(fn) {
      const committed: Array<() => void> = []
      const result = await pglite.transaction(async (tx) => {
        const { sql, sendLater } = wrap(tx, (f) => committed.push(f), [])
        const value = await fn(sql)
        await sendLater()
        return value
      })
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
    writeLater() {
      throw new Error('writeLater needs a transaction')
    },
  })
  await pool.query('SELECT 1')
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
  return {
    ...wrap(pool, (fn) => fn()),
    kind: 'postgres',
    location: safeUrl,
    async transaction(fn) {
      const committed: Array<() => void> = []
      const client = await pool.connect()
      const tx = new FewerRoundTrips(client)
      const sql: Sql = {
        ...wrap(client, (f) => committed.push(f)),
        query: (text, params) => tx.query(text, params),
        prepared: (text, params, options) => tx.prepared(text, params, options),
        async exec(text) {
          await tx.query(text)
        },
        async copyCsv(target, csv) {
          await tx.sendWaiting()
          await wrap(client, () => {}).copyCsv(target, csv)
        },
        writeLater: (text, params) => tx.writeLater(text, params),
      }
      let result
      try {
        result = await fn(sql)
        await tx.commit()
      } catch (err) {
        await tx.rollback().catch(() => {})
        throw err
      } finally {
        client.release()
      }
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

/** The statements prepared on each pooled connection by FewerRoundTrips (PREPARE outlives a rollback). */
const preparedOn = new WeakMap<pg.ClientBase, Set<string>>()

/**
 * A transaction on one pooled connection, in fewer round trips. Each round trip costs a write, a
 * read and a wake-up on both sides; filing a case took four (issue 12, docs/performance.md). So
 * BEGIN is not sent alone: it travels with
 * the transaction's first statement; writes whose result nobody reads (writeLater: the audit event)
 * travel with the next statement or with COMMIT; and a prepared statement travels with them as
 * `EXECUTE name(values)` in one simple-protocol message. Its values are spelled as the text the
 * extended protocol would have sent (pg's prepareValue) and quoted by pg's escapeLiteral, so the
 * server reads exactly the same values. A filing is two round trips where it was four.
 */
class FewerRoundTrips {
  /** Not sent yet, in order: BEGIN until something is sent, then writeLater's statements. */
  private waiting: Array<string | { text: string; values: Array<string | null> }> = ['BEGIN']
  private begun = false
  private readonly preparedHere: Set<string>

  constructor(private readonly client: pg.PoolClient) {
    let names = preparedOn.get(client)
    if (!names) preparedOn.set(client, (names = new Set()))
    this.preparedHere = names
  }

  async query(text: string, params?: unknown[]): Promise<{ rows: any[]; rowCount: number }> {
    await this.sendWaiting()
    const res = await this.client.query(text, params as any[])
    return { rows: res.rows, rowCount: res.rowCount ?? 0 }
  }

  async prepared(text: string, params: unknown[], options: PreparedOptions = {}): Promise<{ rows: any[]; rowCount: number }> {
    // A generic plan's setting is for this statement alone: set in its message, restored with the next.
    const generic = options.generic ? ['SET LOCAL plan_cache_mode = force_generic_plan'] : []
    const res = await this.send([...this.take(), ...generic, { text, values: params.map(spellValue) }])
    if (options.generic) this.waiting.push('SET LOCAL plan_cache_mode TO DEFAULT')
    return { rows: res.rows, rowCount: res.rowCount ?? 0 }
  }

  writeLater(text: string, params: unknown[]): void {
    // Spelled now: the caller may change its objects afterwards.
    this.waiting.push({ text, values: params.map(spellValue) })
  }

  /** Sends what waits, alone (before a statement that cannot travel with it). */
  async sendWaiting(): Promise<void> {
    if (this.waiting.length) await this.send(this.take())
  }

  async commit(): Promise<void> {
    // Nothing was sent: there is nothing to commit, not even a BEGIN.
    if (!this.begun && this.waiting.length === 1) return
    await this.send([...this.take(), 'COMMIT'])
  }

  async rollback(): Promise<void> {
    this.waiting = []
    if (this.begun) await this.client.query('ROLLBACK')
  }

  private take() {
    const waiting = this.waiting
    this.waiting = []
    return waiting
  }

  /** One simple-protocol message; the answer of its last statement. */
  private async send(statements: Array<string | { text: string; values: Array<string | null> }>): Promise<pg.QueryResult> {
    const texts: string[] = []
    for (const s of statements) texts.push(typeof s === 'string' ? s : await this.execute(s.text, s.values))
    this.begun = true
    const res = (await this.client.query(texts.join(';\n'))) as pg.QueryResult | pg.QueryResult[]
    return Array.isArray(res) ? res[res.length - 1] : res
  }

  /**
   * `EXECUTE name(…)` of `text`, preparing it on this connection first if it is new here. The SQL
   * name differs from the one `prepared()` gives the same text outside a transaction (a protocol
   * prepared statement on the same connection, which pg tracks apart): one name, one kind.
   */
  private async execute(text: string, values: Array<string | null>): Promise<string> {
    const name = 'x' + preparedName(text)
    if (!this.preparedHere.has(name)) {
      await this.client.query(`PREPARE ${name} AS ${text}`)
      this.preparedHere.add(name)
    }
    return values.length ? `EXECUTE ${name}(${values.map(literal).join(', ')})` : `EXECUTE ${name}`
  }
}

/** A value as the text the extended protocol sends for it (null stays null). */
function spellValue(value: unknown): string | null {
  const text = pgUtils.prepareValue(value)
  if (text !== null && typeof text !== 'string') throw new Error('binary values cannot be spelled in SQL')
  return text
}

/** A spelled value as a quoted literal of unknown type, which the statement's parameter type reads. */
function literal(text: string | null): string {
  return text === null ? 'NULL' : pgUtils.escapeLiteral(text)
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
