import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { openTestDb } from '../../../test/helper.ts'
import type { Db } from '../../db/connection.ts'
import { fillNameGrams, keepNameGramsFilled } from './name-grams.ts'
import { CommonSearches, GRAM_WINDOW, hasGram, nameSearchKey, nameSearchSql, RARE_NAME_ROWS, readNamePage, type NameSearchDb } from './name-search.ts'
import { searchWhere } from './service.ts'

/** The database of the describe running now: each opens its own (useDatabase), as their grams differ. */
let db: Db
/** The first and last id of the bulk insert, when the describe has one. */
let first = 0
let last = 0

/**
 * A database of its own for the describe around the call. With `bulk`, 30,000 businesses in one
 * statement (so their grams wait in the backlog): every 10th a "常见商贸" (3,000, common: more
 * than RARE_NAME_ROWS and GRAM_WINDOW), every 997th a "罕见字号" (rare), the rest neither. Every
 * 1,500th is in station 0502, the others in 0501. 'written': their grams are then filled.
 */
function useDatabase(bulk?: 'pending' | 'written') {
  beforeAll(async () => {
    db = await openTestDb()
    if (!bulk) return
    await db.query(`INSERT INTO businesses (uscc, name, kind, registered_address, area_code, unplaced_reason)
      SELECT 'ZZ' || lpad(i::text, 16, '0'),
             CASE WHEN i % 997 = 0 THEN '灞桥罕见字号' || i WHEN i % 10 = 0 THEN '常见商贸有限公司' || i ELSE '其他商户' || i END,
             'enterprise', '西安市', CASE WHEN i % 1500 = 0 THEN '0502' ELSE '0501' END, 'noLocation'
      FROM generate_series(1, 30000) i`)
    ;({ rows: [{ first, last }] } = await db.query<{ first: number; last: number }>('SELECT min(id)::int AS first, max(id)::int AS last FROM businesses'))
    if (bulk === 'written') expect(await fillNameGrams(db)).toBe(30_000)
  })
  afterAll(() => db.close())
}

const where = 'area_code LIKE $1 AND name LIKE $2'
const sql = nameSearchSql('id, name', where, 3, 4)
const paramsFor = (term: string, after: number, limit: number, scope = '05') => [scope + '%', `%${term}%`, after, limit]

/** The answer by definition: the first `limit` matches after `after` in id order. */
async function expected(term: string, after: number, limit: number, scope = '05') {
  return (await db.query<{ id: number }>(`SELECT id FROM businesses WHERE ${where} AND id > $3 ORDER BY id LIMIT $4`, paramsFor(term, after, limit, scope))).rows.map((r) => r.id)
}

/** The database, noting which of the name search's statements ran. */
function recording(): { db: NameSearchDb; ran: string[] } {
  const ran: string[] = []
  const name = (text: string) => (text === sql.grams ? 'grams' : text === sql.bitmap ? 'bitmap' : text === sql.walk ? 'walk' : 'other')
  return {
    ran,
    db: {
      prepared: (text, params) => { ran.push(name(text)); return db.prepared(text, params) },
      transaction: (fn) => db.transaction((tx) => fn({ query: (text, params) => { ran.push(name(text)); return tx.query(text, params) }, exec: (text) => tx.exec(text) })),
    },
  }
}

const read = async (term: string, after: number, limit: number, common: CommonSearches, scope = '05') => {
  const r = recording()
  const rows = await readNamePage<{ id: number; name: string }>(r.db, term, sql, paramsFor(term, after, limit, scope), common)
  return { ids: rows.map((row) => row.id), ran: r.ran.filter((s) => s !== 'other') }
}

/** Pages from any key, any size, common or not, remembered as common or not, in either station. */
async function answersExactly(runs: number) {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('常见商贸', '罕见字号', '其他商户', '商贸', '不存在的', '见商贸有限公'),
      fc.integer({ min: first - 1, max: last }),
      fc.integer({ min: 1, max: 120 }),
      fc.boolean(),
      fc.constantFrom('05', '0502'),
      async (term, after, limit, heldCommon, scope) => {
        const common = new CommonSearches()
        if (heldCommon) common.add(nameSearchKey(sql, paramsFor(term, after, limit, scope)))
        expect((await read(term, after, limit, common, scope)).ids).toEqual(await expected(term, after, limit, scope))
      },
    ),
    { numRuns: runs },
  )
}

describe('name search statements (name-search.ts)', () => {
  describe('while the grams of a bulk insert are pending', () => {
    useDatabase('pending')

    it('has the common and rare terms the cases below need', async () => {
      expect((await expected('常见商贸', 0, 100_000)).length).toBeGreaterThan(Math.max(RARE_NAME_ROWS, GRAM_WINDOW))
      expect((await expected('罕见字号', 0, 100_000)).length).toBe(30)
      expect((await expected('常见商贸', 0, 100_000, '0502')).length).toBe(20)
    })

    it('reads the trigram index alone while the grams of a bulk insert are being written, and answers exactly', async () => {
      expect((await db.query('SELECT 1 FROM business_name_gram_backlog')).rows.length).toBeGreaterThan(0)
      const { ran } = await read('罕见字号', first - 1, 50, new CommonSearches())
      expect(ran).toEqual(['grams', 'bitmap'])
      await answersExactly(40)
    })

    it('remembers a common trigram page for any page size, but not other pages of it, nor a rare term', async () => {
      // Grams still pending: the trigram statements answer.
      const common = new CommonSearches()
      expect((await read('常见商贸', first - 1, 50, common)).ids).toHaveLength(50)
      expect(common.has(nameSearchKey(sql, paramsFor('常见商贸', first - 1, 20)))).toBe(true)
      // Near the end few matches are left: that page is asked of the bitmap again.
      expect(common.has(nameSearchKey(sql, paramsFor('常见商贸', last - 100, 50)))).toBe(false)
      expect((await read('罕见字号', first - 1, 50, common)).ids).toHaveLength(30)
      expect(common.has(nameSearchKey(sql, paramsFor('罕见字号', first - 1, 50)))).toBe(false)
    })

    it('a term needs three characters of any kind for the grams', () => {
      expect([hasGram('商贸'), hasGram('商贸城'), hasGram('a b'), hasGram('𠮷野家')]).toEqual([false, true, true, true])
    })
  })

  describe('once the grams of a bulk insert are written', () => {
    useDatabase('written')

    it('reads a page from the grams in one statement once they are written, and answers exactly', async () => {
      expect((await db.query('SELECT 1 FROM business_name_gram_backlog')).rows).toEqual([])
      for (const term of ['常见商贸', '罕见字号', '不存在的']) expect((await read(term, first - 1, 50, new CommonSearches())).ran).toEqual(['grams'])
      await answersExactly(60)
    })

    it('gives the rest of a page to the trigram index when a window of grams held too few matches', async () => {
      // Station 0502 holds 20 of the 3,000 "常见商贸": the first GRAM_WINDOW grams hold 13 of them.
      const { ids, ran } = await read('常见商贸', first - 1, 50, new CommonSearches(), '0502')
      expect(ran).toEqual(['grams', 'bitmap'])
      expect(ids).toEqual(await expected('常见商贸', first - 1, 50, '0502'))
      expect(ids).toHaveLength(20)
    })
  })
})

describe('name grams (0203_business_name_grams.sql, name-grams.ts)', () => {
  useDatabase()

  /** Grams a business should have and has not: must always be none once the backlog is empty. */
  const missing = async () => (await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT g, b.id FROM businesses b, business_name_grams_of(b.name) g
       EXCEPT SELECT gram, business_id FROM business_name_grams) m`)).rows[0].n
  const grams = async (id: number) => (await db.query<{ gram: string }>(
    'SELECT gram FROM business_name_grams WHERE business_id = $1', [id])).rows.map((r) => r.gram).sort()
  let serial = 0
  const insert = (names: string[], area = '0503') => db.query<{ id: number }>(
    `INSERT INTO businesses (uscc, name, kind, registered_address, area_code, unplaced_reason)
     SELECT u, n, 'enterprise', '西安市', $3, 'noLocation' FROM unnest($1::text[], $2::text[]) AS t (n, u) RETURNING id`,
    [names, names.map(() => 'ZY' + String(serial++).padStart(16, '0')), area])

  it('are the three-character substrings of the lower-cased name', async () => {
    const { rows: [{ id }] } = await insert(['KFC肯德基 KFC'])
    expect(await grams(id)).toEqual(['kfc', 'fc肯', 'c肯德', '肯德基', '德基 ', '基 k', ' kf'].sort())
  })

  it('of a small insert are written with it; a large one waits in the backlog until filled', async () => {
    const small = await insert(Array.from({ length: 999 }, (_, k) => `小批商户${k}`))
    expect((await db.query('SELECT 1 FROM business_name_gram_backlog')).rows).toEqual([])
    expect(await grams(small.rows[0].id)).toContain('小批商')
    const large = await insert(Array.from({ length: 1500 }, (_, k) => `大批商户${k}`))
    expect(await grams(large.rows[0].id)).toEqual([])
    expect((await db.query('SELECT 1 FROM business_name_gram_backlog')).rows.length).toBe(1)
    expect(await fillNameGrams(db)).toBe(1500)
    expect(await missing()).toBe(0)
    expect(await fillNameGrams(db)).toBe(0)
    // A statement that inserts nothing (an import whose rows were all refused) queues nothing.
    await insert([])
    expect((await db.query('SELECT 1 FROM business_name_gram_backlog')).rows).toEqual([])
  })

  it('are filled by the businesses a range holds, not by its width', async () => {
    await insert(['宽区间商户'])
    await db.query('INSERT INTO business_name_gram_backlog (first_id, last_id) VALUES (0, 2147483647)')
    const { rows } = await db.query<{ n: number }>('SELECT fill_business_name_grams(1000000) AS n')
    expect(rows[0].n).toBe((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM businesses')).rows[0].n)
    expect((await db.query('SELECT 1 FROM business_name_gram_backlog')).rows).toEqual([])
    expect(await missing()).toBe(0)
  })

  it('of a rolled-back insert leave nothing behind', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM business_name_grams')).rows[0].n
    await expect(db.transaction(async (tx) => {
      await tx.query(`INSERT INTO businesses (uscc, name, kind, registered_address, area_code, unplaced_reason)
        VALUES ('ZX0000000000000001', '回滚商户', 'enterprise', '西安市', '0503', 'noLocation')`)
      throw new Error('rolled back')
    })).rejects.toThrow('rolled back')
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM business_name_grams')).rows[0].n).toBe(before)
  })

  it('follow a rename: the old ones go, the new ones come', async () => {
    const { rows: [{ id }] } = await insert(['旧名字号'])
    await db.query(`UPDATE businesses SET name = '新名商行' WHERE id = $1`, [id])
    expect(await grams(id)).toEqual(['名商行', '新名商'].sort())
    // An update that leaves the name as it was keeps its grams.
    await db.query(`UPDATE businesses SET name = name, industry = '餐饮服务' WHERE id = $1`, [id])
    expect(await grams(id)).toEqual(['名商行', '新名商'].sort())
    const found = await readNamePage<{ id: number }>(db, '新名商', sql, paramsFor('新名商', 0, 10), new CommonSearches())
    expect(found.map((r) => r.id)).toEqual([id])
    expect(await readNamePage(db, '旧名字', sql, paramsFor('旧名字', 0, 10), new CommonSearches())).toEqual([])
  })

  it('are filled once by two fills at the same time', async () => {
    await insert(Array.from({ length: 5000 }, (_, k) => `并发商户${k}`))
    const [a, b] = await Promise.all([fillNameGrams(db), fillNameGrams(db)])
    expect(a + b).toBeGreaterThanOrEqual(5000)
    expect(await missing()).toBe(0)
  })

  it('are kept filled by a server: at start and then on its timer, until stopped', async () => {
    await insert(Array.from({ length: 1200 }, (_, k) => `定时商户${k}`))
    const errors: unknown[] = []
    const stop = keepNameGramsFilled(db, (err) => errors.push(err), 50)
    await stop()
    expect(await missing()).toBe(0)
    const again = keepNameGramsFilled(db, (err) => errors.push(err), 50)
    await insert(Array.from({ length: 1200 }, (_, k) => `定时商户二${k}`))
    await expect.poll(missing, { timeout: 10_000, interval: 100 }).toBe(0)
    await again()
    expect(errors).toEqual([])
  })

  it('find exactly what LIKE finds, for any names and terms (Latin case, LIKE wildcards, spaces)', async () => {
    // As the service hands it over: trimmed (searchWhere trims too).
    const letters = fc.constantFrom('a', 'A', 'b', '甲', '乙', '%', '_', '\\', ' ')
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: letters, minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 12 }),
        fc.string({ unit: letters, minLength: 3, maxLength: 5 }).map((t) => t.trim()).filter((t) => t.length > 0),
        fc.integer({ min: 1, max: 6 }),
        async (names, term, limit) => {
          const area = `R${run++}`
          await insert(names, area)
          const params: unknown[] = []
          const w = searchWhere({ scope: area }, { q: term }, params)
          const s = nameSearchSql('id', w, params.length + 1, params.length + 2)
          const want = (await db.query<{ id: number }>(`SELECT id FROM businesses WHERE ${w} ORDER BY id`, params)).rows.map((r) => r.id)
          const got: number[] = []
          for (let after = 0; ;) {
            const page = await readNamePage<{ id: number }>(db, term, s, [...params, after, limit], new CommonSearches())
            got.push(...page.map((r) => r.id))
            if (page.length < limit) break
            after = page[page.length - 1].id
          }
          expect(got).toEqual(want)
        },
      ),
      { numRuns: 60 },
    )
  })
})
