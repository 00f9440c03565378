import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb } from '../../test/helper.ts'
import type { Db, Sql } from './connection.ts'
import { SharedTransactions } from './shared-transactions.ts'

let db: Db
beforeAll(async () => {
  db = await openTestDb()
  await db.exec(`CREATE TABLE shared_rows (id int PRIMARY KEY, txid text NOT NULL)`)
})
afterAll(() => db?.close())

/** Inserts row `id`, noting the transaction it ran in; waits a little so that others queue meanwhile. */
const insert = (id: number) => async (tx: Sql) => {
  const { rows } = await tx.query<{ txid: string }>(`INSERT INTO shared_rows (id, txid) VALUES ($1, txid_current()::text) RETURNING txid`, [id])
  await new Promise((r) => setTimeout(r, 5))
  return { id, txid: rows[0].txid }
}

/** After the event loop's current turn: writes sent before it have left in a transaction. */
const nextTurn = () => new Promise((r) => setImmediate(r))

describe('writes that arrive together share a transaction (shared-transactions.ts)', () => {
  it('runs the writes of one turn of the event loop together, and those that arrive meanwhile together after them, each answered with its own result', async () => {
    const shared = new SharedTransactions(db, 1, 32)
    const first = [1, 2].map((id) => shared.run(insert(id)))
    await nextTurn() // their transaction has started
    const later = [3, 4, 5].map((id) => shared.run(insert(id)))
    const results = await Promise.all([...first, ...later])
    expect(results.map((r) => r.id)).toEqual([1, 2, 3, 4, 5])
    // The first two went together although a slot was free; the three that waited for them, together.
    expect(results[0].txid).toBe(results[1].txid)
    expect(new Set(results.slice(2).map((r) => r.txid)).size).toBe(1)
    expect(results[0].txid).not.toBe(results[2].txid)
    const { rows } = await db.query(`SELECT id, txid FROM shared_rows WHERE id <= 5 ORDER BY id`)
    expect(rows).toEqual(results)
  })

  it('keeps one write\'s failure its own: the others of its transaction are written again alone', async () => {
    const shared = new SharedTransactions(db, 1, 32)
    const first = shared.run(insert(10))
    await nextTurn()
    const others = [11, 12, 10, 13].map((id) => shared.run(insert(id)).then((r) => r.id, (err) => `refused ${err.code}`))
    expect(await first).toMatchObject({ id: 10 })
    expect(await Promise.all(others)).toEqual([11, 12, 'refused 23505', 13])
    const { rows } = await db.query(`SELECT id FROM shared_rows WHERE id BETWEEN 10 AND 19 ORDER BY id`)
    expect(rows.map((r) => r.id)).toEqual([10, 11, 12, 13])
  })

  it('takes at most maxBatch writes into one transaction', async () => {
    const shared = new SharedTransactions(db, 1, 2)
    const results = await Promise.all([21, 22, 23, 24, 25].map((id) => shared.run(insert(id))))
    const sizes = [...new Set(results.map((r) => r.txid))].map((t) => results.filter((r) => r.txid === t).length)
    expect(sizes).toEqual([2, 2, 1])
  })
})

describe('writes of one kind share a statement (runTogether)', () => {
  /** Inserts all its items in one statement, noting how many went together. */
  const kind = {
    calls: [] as number[][],
    async writeAll(tx: Sql, ids: number[]) {
      this.calls.push(ids)
      const { rows } = await tx.query<{ id: number; txid: string }>(
        `INSERT INTO shared_rows (id, txid) SELECT id, txid_current()::text FROM unnest($1::int[]) id RETURNING id, txid`, [ids])
      await new Promise((r) => setTimeout(r, 5))
      return ids.map((id) => rows.find((r) => r.id === id)!)
    },
  }

  it('hands the items of one kind that wait together to one call, and other writes run beside them in the same transaction', async () => {
    kind.calls = []
    const shared = new SharedTransactions(db, 1, 32)
    const first = shared.runTogether(kind, 31)
    await nextTurn()
    const waiting = [shared.runTogether(kind, 32), shared.run(insert(33)), shared.runTogether(kind, 34), shared.runTogether(kind, 35)]
    const results = [await first, ...(await Promise.all(waiting))]
    expect(results.map((r) => r.id)).toEqual([31, 32, 33, 34, 35])
    expect(kind.calls).toEqual([[31], [32, 34, 35]])
    expect(new Set(results.slice(1).map((r) => r.txid)).size).toBe(1)
  })

  it('writes each item of a failed call again alone, so that only the bad one is refused', async () => {
    kind.calls = []
    const shared = new SharedTransactions(db, 1, 32)
    const first = shared.runTogether(kind, 41)
    await nextTurn()
    const others = [42, 41, 43].map((id) => shared.runTogether(kind, id).then((r) => r.id, (err) => `refused ${err.code}`))
    expect(await first).toMatchObject({ id: 41 })
    expect(await Promise.all(others)).toEqual([42, 'refused 23505', 43])
    expect(kind.calls).toEqual([[41], [42, 41, 43], [42], [41], [43]])
    const { rows } = await db.query(`SELECT id FROM shared_rows WHERE id BETWEEN 40 AND 49 ORDER BY id`)
    expect(rows.map((r) => r.id)).toEqual([41, 42, 43])
  })
})
