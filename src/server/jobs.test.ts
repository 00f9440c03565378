/**
 * Durable jobs on the real databases: done, retried, deduplicated by key, kept across a restart,
 * finished after a kill -9, and scheduled once per slot by two runners (PostgreSQL).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import pg from 'pg'
import { openPglite, openPostgres, type Db } from '../db/connection.ts'
import { openTestDb, testConfig } from '../../test/helper.ts'
import { checkpointCron } from './job-list.ts'
import { startJobs, type JobDefinition, type JobRunner } from './jobs.ts'

const onServer = Boolean(process.env.DATABASE_URL)
const quiet = { info() {}, warn() {}, error() {} }
const fast = { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 }
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** A database that outlives one runner: a PGlite data folder, or a PostgreSQL database of its own. */
async function durableDatabase(): Promise<{ open(): Promise<Db>; url?: string; dir?: string; drop(): Promise<void> }> {
  if (onServer) {
    const name = `${inject('pgTemplateName').replace(/_template$/, '')}_jobs_${randomBytes(3).toString('hex')}`
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplateName')}`)
    await admin.end()
    const u = new URL(process.env.DATABASE_URL!)
    u.pathname = '/' + name
    return {
      url: u.toString(),
      open: () => openPostgres(u.toString(), 4),
      async drop() {
        const a = new pg.Client({ connectionString: process.env.DATABASE_URL })
        await a.connect()
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await a.end()
      },
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-jobs-'))
  const db = await openPglite(dir, new Blob([fs.readFileSync(inject('pgliteDump'))]))
  await db.close()
  return { dir, open: () => openPglite(dir), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) }
}

describe('durable jobs', () => {
  let db: Db
  let runner: JobRunner
  const done: Array<{ name: string; data: any }> = []
  let failures = 0
  const defs: JobDefinition[] = [
    { name: 'test.echo', async handler(_ctx, data) { done.push({ name: 'test.echo', data }) } },
    {
      name: 'test.flaky',
      retryLimit: 2,
      async handler() {
        failures++
        throw new Error('always fails')
      },
    },
    {
      name: 'test.tx',
      async handler(ctx, data: { n: number }) {
        await ctx.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO settings (key, value) VALUES ($1, '1')`, [`job-${data.n}`])
        })
        done.push({ name: 'test.tx', data })
      },
    },
  ]

  beforeAll(async () => {
    db = await openTestDb()
    runner = await startJobs({ db, config: testConfig(), log: quiet }, defs, fast)
  })
  afterAll(async () => {
    await runner?.stop()
    await db?.close()
  })

  it('a job sent is done; a failing job runs 1 + its retry limit times and ends failed', async () => {
    const id = await runner.send('test.echo', { hello: '你好' })
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    await until(() => done.some((d) => d.data.hello === '你好'))
    await until(async () => (await db.query(`SELECT state FROM pgboss.job WHERE id = $1`, [id])).rows[0]?.state === 'completed')

    const flaky = await runner.send('test.flaky', {})
    await until(async () => (await db.query(`SELECT state FROM pgboss.job WHERE id = $1`, [flaky])).rows[0]?.state === 'failed')
    expect(failures).toBe(3)
    const { rows } = await db.query(`SELECT retry_count FROM pgboss.job WHERE id = $1`, [flaky])
    expect(rows[0].retry_count).toBe(2)
  })

  it('the same key twice while the first waits: one job; after it is done the key is free again', async () => {
    const later = new Date(Date.now() + 60_000)
    const first = await runner.send('test.echo', { k: 1 }, { key: 'case-7:remind', startAfter: later })
    const second = await runner.send('test.echo', { k: 2 }, { key: 'case-7:remind' })
    const concurrent = await Promise.all([1, 2, 3].map((k) => runner.send('test.echo', { k }, { key: 'case-8:remind', startAfter: later })))
    expect(first).toBeTruthy()
    expect(second).toBeNull()
    expect(concurrent.filter(Boolean)).toHaveLength(1)
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'test.echo' AND singleton_key IN ('case-7:remind', 'case-8:remind')`)
    expect(rows[0].n).toBe(2)
    const other = await runner.send('test.echo', { k: 3 }, { key: 'case-9:remind' })
    await until(() => done.some((d) => d.data.k === 3))
    await until(async () => (await db.query(`SELECT state FROM pgboss.job WHERE id = $1`, [other])).rows[0]?.state === 'completed')
    expect(await runner.send('test.echo', { k: 4 }, { key: 'case-9:remind' })).toBeTruthy()
  })

  it("pg-boss's polling neither starves nor deadlocks the app's transactions (one PGlite connection)", async () => {
    const started = Date.now()
    const sends = Array.from({ length: 20 }, (_, n) => runner.send('test.tx', { n }))
    const own = Array.from({ length: 50 }, (_, n) =>
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO settings (key, value) VALUES ($1, '1')`, [`app-${n}`])
        await tx.query('SELECT count(*) FROM settings')
      }),
    )
    await Promise.all([...sends, ...own])
    await until(() => done.filter((d) => d.name === 'test.tx').length === 20, 30_000)
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM settings WHERE key LIKE 'job-%' OR key LIKE 'app-%'`)
    expect(rows[0].n).toBe(70)
    expect(Date.now() - started).toBeLessThan(30_000)
  })

  it("a send inside the caller's transaction exists only if it commits (no deadlock on PGlite)", async () => {
    const later = new Date(Date.now() + 60_000)
    await expect(
      db.transaction(async (tx) => {
        await runner.send('test.echo', { k: 'rolled' }, { tx, key: 'tx-rolled', startAfter: later })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    const kept = await db.transaction((tx) => runner.send('test.echo', { k: 'kept' }, { tx, startAfter: later }))
    const { rows } = await db.query(`SELECT singleton_key, data->>'k' AS k FROM pgboss.job WHERE name = 'test.echo' AND data->>'k' IN ('rolled', 'kept')`)
    expect(rows).toEqual([{ singleton_key: null, k: 'kept' }])
    expect(kept).toBeTruthy()
  })

  it('an unknown job name is refused before anything is written', async () => {
    await expect(runner.send('test.nope', {})).rejects.toThrow(/no job named/)
  })
})

describe('durability', () => {
  it('a job sent and not yet run survives the runner and the database being closed: the next runner runs it once', async () => {
    const store = await durableDatabase()
    try {
      const runs: number[] = []
      const defs: JobDefinition[] = [{ name: 'test.later', async handler(_ctx, data: { n: number }) { runs.push(data.n) } }]
      let db = await store.open()
      let runner = await startJobs({ db, config: testConfig(), log: quiet }, defs, fast)
      await runner.send('test.later', { n: 1 }, { startAfter: new Date(Date.now() + 1500) })
      await runner.stop()
      await db.close()
      expect(runs).toEqual([])
      db = await store.open()
      runner = await startJobs({ db, config: testConfig(), log: quiet }, defs, fast)
      await until(() => runs.length === 1)
      await new Promise((r) => setTimeout(r, 1500))
      expect(runs).toEqual([1])
      await runner.stop()
      await db.close()
    } finally {
      await store.drop()
    }
  })

  it('kill -9 during a long job: once its expiry passes, a new runner runs it to the end', async () => {
    const store = await durableDatabase()
    const marks = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-jobs-marks-'))
    try {
      // The child: a runner whose job writes "started" and then never ends.
      const script = path.join(marks, 'child.mts')
      fs.writeFileSync(
        script,
        `import fs from 'node:fs'
import { openPglite, openPostgres } from ${JSON.stringify(path.join(root, 'src/db/connection.ts'))}
import { startJobs } from ${JSON.stringify(path.join(root, 'src/server/jobs.ts'))}
import { loadConfig } from ${JSON.stringify(path.join(root, 'src/config.ts'))}
const db = process.env.JOB_DB_URL ? await openPostgres(process.env.JOB_DB_URL, 2) : await openPglite(process.env.JOB_DB_DIR)
const quiet = { info() {}, warn() {}, error() {} }
const runner = await startJobs({ db, config: loadConfig({ DATA_DIR: '/nonexistent' } as any), log: quiet }, [
  { name: 'test.long', expireInSeconds: 6, retryLimit: 1, async handler() { fs.writeFileSync(${JSON.stringify(path.join(marks, 'started'))}, 'x'); await new Promise(() => {}) } },
], { pollingIntervalSeconds: 0.5 })
await runner.send('test.long', { n: 1 })
`,
      )
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        cwd: root,
        env: { ...process.env, JOB_DB_URL: store.url ?? '', JOB_DB_DIR: store.dir ?? '' },
        stdio: 'ignore',
      })
      await until(() => fs.existsSync(path.join(marks, 'started')), 40_000)
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))

      const db = await store.open()
      const runs: number[] = []
      const runner = await startJobs({ db, config: testConfig(), log: quiet }, [
        { name: 'test.long', expireInSeconds: 6, retryLimit: 1, async handler(_ctx, data: { n: number }) { runs.push(data.n) } },
      ], fast)
      try {
        const { rows } = await db.query(`SELECT state FROM pgboss.job WHERE name = 'test.long'`)
        expect(rows.map((r) => r.state)).toEqual(['active'])
        await until(() => runs.length === 1, 30_000)
        await until(async () => (await db.query(`SELECT state FROM pgboss.job WHERE name = 'test.long'`)).rows[0].state === 'completed')
        const after = await db.query(`SELECT retry_count FROM pgboss.job WHERE name = 'test.long'`)
        expect(after.rows[0].retry_count).toBe(1)
        expect(runs).toEqual([1])
      } finally {
        await runner.stop()
        await db.close()
      }
    } finally {
      fs.rmSync(marks, { recursive: true, force: true })
      await store.drop()
    }
  }, 90_000)
})

describe('schedules', () => {
  it('AUDIT_CHECKPOINT_MINUTES as a cron slot', () => {
    expect(checkpointCron(0)).toBeUndefined()
    expect(checkpointCron(1)).toBe('* * * * *')
    expect(checkpointCron(10)).toBe('*/10 * * * *')
    expect(checkpointCron(60)).toBe('0 * * * *')
    expect(checkpointCron(180)).toBe('0 */3 * * *')
    expect(checkpointCron(5000)).toBe('0 0 * * *')
  })

  it.skipIf(!onServer)('two runners (two servers) on one PostgreSQL database with the same cron job: one run per slot', async () => {
    // Stay inside one minute slot: start early in a minute.
    const second = new Date().getSeconds()
    if (second > 35) await new Promise((r) => setTimeout(r, (61 - second) * 1000))
    const store = await durableDatabase()
    try {
      const runs: string[] = []
      const def = (server: string): JobDefinition => ({ name: 'test.every-minute', cron: '* * * * *', async handler() { runs.push(server) } })
      const a = await store.open()
      const b = await store.open()
      const ra = await startJobs({ db: a, config: testConfig(), log: quiet }, [def('a')], fast)
      const rb = await startJobs({ db: b, config: testConfig(), log: quiet }, [def('b')], fast)
      // Both check the schedule every second for 12 s; the slot is this minute's.
      await new Promise((r) => setTimeout(r, 12_000))
      await ra.stop()
      await rb.stop()
      expect(runs).toHaveLength(1)
      const { rows } = await a.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'test.every-minute'`)
      expect(rows[0].n).toBe(1)
      await a.close()
      await b.close()
    } finally {
      await store.drop()
    }
  }, 60_000)
})

describe('the audit checkpoint runs as a job', () => {
  it('a scheduled checkpoint job writes the signed checkpoint', async () => {
    const { JOBS } = await import('./job-list.ts')
    const db = await openTestDb()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-jobs-cp-'))
    try {
      const { recordAuditAlone } = await import('../modules/audit/service.ts')
      await recordAuditAlone(db, null, { action: 'test.event' })
      const config = testConfig()
      config.audit.checkpointDir = dir
      config.audit.checkpointMinutes = 1
      const runner = await startJobs({ db, config, log: quiet }, JOBS, fast)
      try {
        // '* * * * *': the current minute's slot fires at start.
        await until(() => fs.existsSync(path.join(dir, 'checkpoints.jsonl')), 30_000)
        const lines = fs.readFileSync(path.join(dir, 'checkpoints.jsonl'), 'utf8').trim().split('\n')
        expect(lines).toHaveLength(1)
        expect(JSON.parse(lines[0]).signature).toBeTruthy()
      } finally {
        await runner.stop()
      }
    } finally {
      await db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
