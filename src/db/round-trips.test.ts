import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb } from '../../test/helper.ts'
import type { Db } from './connection.ts'

// Transactions on PostgreSQL send prepared statements as EXECUTE with their values spelled in SQL,
// and writeLater's statements with the next statement or the COMMIT (connection.ts FewerRoundTrips).
// These tests hold on both databases: PGlite runs the same contract without the spelling.

let db: Db
beforeAll(async () => {
  db = await openTestDb()
  await db.exec(`CREATE TABLE round_trip_rows (id int PRIMARY KEY, note text)`)
})
afterAll(() => db?.close())

const ECHO = `SELECT $1::text AS t, $2::int8 AS n, $3::float8 AS f, $4::boolean AS b, $5::timestamptz AS at,
  $6::text[] AS list, $7::jsonb AS doc, $8::int AS nothing`

/** Text without U+0000 (no PostgreSQL text holds it) and without lone surrogates (they are not UTF-8). */
const text = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replaceAll('\u0000', ''))
const hostile = fc.constantFrom(`'`, `''`, `\\`, `\\'`, `E'\\x41'`, `$1`, `; DROP TABLE round_trip_rows; --`, '{"a":1}', '{a,b}', `"quoted"`, 'NULL', '', ' ', '\n\t', '统一社会信用代码', '😀')

describe('a transaction\'s statements in fewer round trips (connection.ts)', () => {
  it('reads every value exactly as a parameterised query does', async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(text, hostile), fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(), fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
      fc.array(fc.option(fc.oneof(text, hostile), { nil: null }), { maxLength: 5 }), fc.dictionary(fc.oneof(text, hostile), fc.oneof(text, hostile, fc.integer()), { maxKeys: 3 }),
      async (t, n, f, b, at, list, doc) => {
        const params = [t, n, f, b, at, list, doc, null]
        const plain = await db.query(ECHO, params)
        const inTransaction = await db.transaction((tx) => tx.prepared(ECHO, params))
        expect(inTransaction.rows).toEqual(plain.rows)
      },
    ), { numRuns: 150 })
  })

  it('sends a later write before the transaction\'s next statement, so that statement sees it', async () => {
    const seen = await db.transaction(async (tx) => {
      tx.writeLater('INSERT INTO round_trip_rows (id, note) VALUES ($1, $2)', [1, `it's \\ here`])
      return (await tx.prepared('SELECT note FROM round_trip_rows WHERE id = $1', [1])).rows[0]?.note
    })
    expect(seen).toBe(`it's \\ here`)
    const after = await db.transaction(async (tx) => {
      tx.writeLater('INSERT INTO round_trip_rows (id, note) VALUES ($1, $2)', [2, 'plain query next'])
      return (await tx.query('SELECT count(*) AS n FROM round_trip_rows WHERE id = 2')).rows[0].n
    })
    expect(after).toBe(1)
  })

  it('commits a later write left at the end with the transaction', async () => {
    await db.transaction(async (tx) => {
      await tx.prepared('SELECT 1 AS one', [])
      tx.writeLater('INSERT INTO round_trip_rows (id, note) VALUES ($1, $2)', [3, 'last'])
    })
    expect((await db.query('SELECT note FROM round_trip_rows WHERE id = 3')).rows[0].note).toBe('last')
  })

  it('fails the transaction, and keeps none of it, when a later write fails at the commit', async () => {
    await db.query(`INSERT INTO round_trip_rows (id, note) VALUES (20, 'taken')`)
    await expect(db.transaction(async (tx) => {
      await tx.prepared('INSERT INTO round_trip_rows (id, note) VALUES ($1, $2)', [10, 'kept only if all commit'])
      tx.writeLater('INSERT INTO round_trip_rows (id, note) VALUES ($1, $2)', [20, 'duplicate id'])
    })).rejects.toMatchObject({ code: '23505' })
    expect((await db.query('SELECT count(*) AS n FROM round_trip_rows WHERE id = 10')).rows[0].n).toBe(0)
    // the connection is usable afterwards
    expect((await db.transaction((tx) => tx.prepared('SELECT $1::int + 1 AS n', [41]))).rows[0].n).toBe(42)
  })

  it('fails the next statement with a later write\'s error, and the transaction with it', async () => {
    await db.query(`INSERT INTO round_trip_rows (id, note) VALUES (21, 'taken')`)
    await expect(db.transaction(async (tx) => {
      tx.writeLater('INSERT INTO round_trip_rows (id, note) VALUES ($1, $2)', [21, 'duplicate id'])
      await tx.prepared('INSERT INTO round_trip_rows (id, note) VALUES ($1, $2)', [11, 'never kept'])
    })).rejects.toMatchObject({ code: '23505' })
    expect((await db.query('SELECT count(*) AS n FROM round_trip_rows WHERE id = 11')).rows[0].n).toBe(0)
  })

  it('runs a statement prepared outside a transaction inside one on the same connection', async () => {
    const text = 'SELECT $1::int * 2 AS n'
    for (let i = 1; i <= 3; i++) {
      expect((await db.prepared(text, [i])).rows[0].n).toBe(2 * i)
      expect((await db.transaction((tx) => tx.prepared(text, [i + 10]))).rows[0].n).toBe(2 * (i + 10))
    }
  })

  it('runs a statement asked to keep one generic plan with it, and the transaction\'s next statement as usual', async () => {
    const mode = `SELECT current_setting('plan_cache_mode') AS mode, $1::int AS n`
    const [during, after, later] = await db.transaction(async (tx) => {
      const during = (await tx.prepared(mode, [1], { generic: true })).rows[0]
      const after = (await tx.prepared(mode, [2])).rows[0]
      tx.writeLater('INSERT INTO round_trip_rows (id, note) VALUES ($1, $2)', [30, 'after a generic plan'])
      return [during, after, (await tx.query(`SELECT current_setting('plan_cache_mode') AS mode`)).rows[0]]
    })
    // PGlite plans every statement: there the option changes nothing.
    expect(during).toEqual({ mode: db.kind === 'postgres' ? 'force_generic_plan' : 'auto', n: 1 })
    expect(after).toEqual({ mode: 'auto', n: 2 })
    expect(later.mode).toBe('auto')
    expect((await db.query('SELECT note FROM round_trip_rows WHERE id = 30')).rows[0].note).toBe('after a generic plan')
  })

  it('refuses a later write outside a transaction, where its failure would be lost', () => {
    expect(() => db.writeLater('SELECT 1', [])).toThrow(/transaction/)
  })
})
