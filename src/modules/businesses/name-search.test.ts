import { afterAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { openTestDb } from '../../../test/helper.ts'
import { CommonSearches, nameSearchKey, nameSearchSql, RARE_NAME_ROWS, readNamePage } from './name-search.ts'

const db = await openTestDb()
afterAll(() => db.close())
// 30,000 businesses: every 10th a "常见商贸" (3,000, common: more than RARE_NAME_ROWS), every 997th a
// "罕见字号" (rare), the rest neither.
await db.query(`INSERT INTO businesses (uscc, name, kind, registered_address, area_code, unplaced_reason)
  SELECT 'ZZ' || lpad(i::text, 16, '0'),
         CASE WHEN i % 997 = 0 THEN '灞桥罕见字号' || i WHEN i % 10 = 0 THEN '常见商贸有限公司' || i ELSE '其他商户' || i END,
         'enterprise', '西安市', '05', 'noLocation'
  FROM generate_series(1, 30000) i`)
const { rows: [{ first, last }] } = await db.query<{ first: number; last: number }>('SELECT min(id)::int AS first, max(id)::int AS last FROM businesses')

const where = 'area_code LIKE $1 AND name LIKE $2'
const sql = nameSearchSql('id, name', where, 3, 4)
const paramsFor = (term: string, after: number, limit: number) => ['05%', `%${term}%`, after, limit]

/** The answer by definition: the first `limit` matches after `after` in id order. */
async function expected(term: string, after: number, limit: number) {
  return (await db.query<{ id: number }>(`SELECT id FROM businesses WHERE ${where} AND id > $3 ORDER BY id LIMIT $4`, paramsFor(term, after, limit))).rows.map((r) => r.id)
}
const read = (term: string, after: number, limit: number, common: CommonSearches) =>
  db.transaction((tx) => readNamePage<{ id: number; name: string }>(tx, term, sql, paramsFor(term, after, limit), common))

describe('name search statements (name-search.ts)', () => {
  it('has a common and a rare term in the data, as the cases below need', async () => {
    expect((await expected('常见商贸', 0, 100_000)).length).toBeGreaterThan(RARE_NAME_ROWS)
    expect((await expected('罕见字号', 0, 100_000)).length).toBe(30)
  })

  it('answers exactly the first matches after the key, whatever it remembers about the search', async () => {
    // The memory only chooses the statement: a search it holds as common walks at once, a rare
    // one held as common too (a stale entry), any other starts with the bitmap.
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('常见商贸', '罕见字号', '其他商户', '商贸', '不存在的'),
        fc.integer({ min: first - 1, max: last }),
        fc.integer({ min: 1, max: 120 }),
        fc.boolean(),
        async (term, after, limit, heldCommon) => {
          const common = new CommonSearches()
          if (heldCommon) common.add(nameSearchKey(sql, paramsFor(term, after, limit)))
          const got = (await read(term, after, limit, common)).map((r) => r.id)
          expect(got).toEqual(await expected(term, after, limit))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('remembers a common page for any page size, but not other pages of it, nor a rare term', async () => {
    const common = new CommonSearches()
    expect(await read('常见商贸', first - 1, 50, common)).toHaveLength(50)
    expect(common.has(nameSearchKey(sql, paramsFor('常见商贸', first - 1, 20)))).toBe(true)
    // Near the end few matches are left: that page is asked of the bitmap again.
    expect(common.has(nameSearchKey(sql, paramsFor('常见商贸', last - 100, 50)))).toBe(false)
    expect(await read('罕见字号', first - 1, 50, common)).toHaveLength(30)
    expect(common.has(nameSearchKey(sql, paramsFor('罕见字号', first - 1, 50)))).toBe(false)
  })
})

describe('CommonSearches', () => {
  it('forgets an entry after its time and the oldest entry beyond its capacity', () => {
    const common = new CommonSearches(2, 1000)
    common.add('a', 0)
    common.add('b', 500)
    expect(common.has('a', 1000)).toBe(true)
    expect(common.has('a', 1001)).toBe(false)
    common.add('c', 1001)
    common.add('d', 1001)
    expect(common.has('b', 1001)).toBe(false) // still in time, but the oldest of three
    expect([common.has('c', 1001), common.has('d', 1001)]).toEqual([true, true])
  })
})
