import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { businessInput, insertBusiness, nextUscc } from '../../../test/factories-businesses.ts'
import { makeUscc } from './uscc.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const chief = await userWith(app, db, ['district_chief'], '05')
const head1 = await userWith(app, db, ['grid_head'], '050101')
const worker1 = await userWith(app, db, ['grid_worker'], '050101')

const count = async (where = 'true', params: unknown[] = []) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM businesses WHERE ${where}`, params)).rows[0].n
const audits = async (action: string) =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE action = $1', [action])).rows[0].n
const EN = { 'accept-language': 'en' }

describe('registering a business places it in its grid (M2.2)', () => {
  it('places a point inside 050101 in grid 050101', async () => {
    const before = await audits('business.created')
    const res = await chief.post('/api/businesses', businessInput())
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ gridCode: '050101', areaCode: '050101', unplacedReason: null, kind: 'enterprise' })
    expect(await audits('business.created')).toBe(before + 1)
  })

  it('leaves a point outside every grid unplaced, with the creator’s scope responsible', async () => {
    const res = await chief.post('/api/businesses', businessInput({ location: { lng: 109.5, lat: 34.05 } }))
    expect(res.json()).toMatchObject({ gridCode: null, areaCode: '05', unplacedReason: 'outsideGrids' })
  })

  it('leaves a business without location unplaced as noLocation', async () => {
    const res = await chief.post('/api/businesses', businessInput({ location: null }))
    expect(res.json()).toMatchObject({ gridCode: null, areaCode: '05', unplacedReason: 'noLocation', location: null })
  })

  it('converts a GCJ-02 location to WGS-84 before placing', async () => {
    const res = await chief.post('/api/businesses', { ...businessInput({ location: { lng: 109.03, lat: 34.05 } }), crs: 'GCJ02' })
    const loc = res.json().location
    expect(loc.lng).not.toBe(109.03)
    expect(Math.abs(loc.lng - 109.03)).toBeLessThan(0.01)
  })

  it('refuses each bad input with its code in zh-CN and en, and changes nothing', async () => {
    const bad: Array<[Record<string, unknown>, string, string?]> = [
      [{ uscc: '91350100M000100Y4' }, 'business.invalidUscc', 'length'],
      [{ uscc: '91350100M000100Y4I' }, 'business.invalidUscc', 'charset'],
      [{ uscc: 'B1350100M000100Y43' }, 'business.invalidUscc', 'authority'],
      [{ uscc: '97350100M000100Y43' }, 'business.invalidUscc', 'orgType'],
      [{ uscc: '91990100M000100Y43' }, 'business.invalidUscc', 'division'],
      [{ uscc: '91350100M000100Y44' }, 'business.invalidUscc', 'checkCharacter'],
      [{ location: { lng: 200, lat: 34 } }, 'business.coordinatesInvalid'],
      [{ location: { lng: 109, lat: -91 } }, 'business.coordinatesInvalid'],
      [{ kind: 'individual' }, 'business.kindMismatch'],
      [{ licences: [{ type: '食品经营许可证', number: 'JY1', validFrom: '2025-01-01', validTo: '2024-01-01' }] }, 'business.licenceDates'],
      [{ name: '' }, 'business.fieldLength'],
      [{ colour: 'red' }, 'request.unknownField'],
      [{ riskClass: 'extreme' }, 'request.invalid'],
    ]
    const before = await count()
    const auditsBefore = await audits('business.created')
    for (const [override, code, rule] of bad) {
      const input = { ...businessInput(), ...override }
      const zh = await chief.post('/api/businesses', input)
      const en = await chief.post('/api/businesses', input, EN)
      expect(zh.statusCode, code).toBe(400)
      expect(zh.json().error.code).toBe(code)
      expect(en.json().error.code).toBe(code)
      expect(zh.json().error.message).not.toBe(en.json().error.message)
      expect(zh.json().error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(en.json().error.message).not.toMatch(/[\u4e00-\u9fff]/)
      if (rule) expect(zh.json().error.details.rule).toBe(rule)
    }
    expect(await count()).toBe(before)
    expect(await audits('business.created')).toBe(auditsBefore)
  })

  it('refuses a duplicate USCC with 409 without revealing the holder', async () => {
    const other = businessInput({ location: { lng: 109.075, lat: 34.05 }, name: '隔壁网格的秘密公司' }) // grid 050102
    expect((await chief.post('/api/businesses', other)).statusCode).toBe(200)
    const before = await count()
    const res = await head1.post('/api/businesses', businessInput({ uscc: other.uscc }))
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('business.duplicateUscc')
    expect(res.body).not.toContain('隔壁网格')
    expect(res.body).not.toContain('050102')
    expect(await count()).toBe(before)
  })

  it('refuses to create a business outside the creator’s area', async () => {
    const before = await count()
    const res = await head1.post('/api/businesses', businessInput({ location: { lng: 109.075, lat: 34.05 } }))
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('business.outsideScope')
    const worker = await worker1.post('/api/businesses', businessInput())
    expect(worker.statusCode).toBe(403)
    expect(await count()).toBe(before)
  })
})

describe('reading within scope (Q3) and personal data', () => {
  it('answers 404 for a business outside the scope, with no business fields', async () => {
    const id = await insertBusiness(db, { location: { lng: 109.075, lat: 34.05 }, name: '第二网格商店' })
    const res = await head1.get(`/api/businesses/${id}`)
    expect(res.statusCode).toBe(404)
    expect(Object.keys(res.json())).toEqual(['error'])
    expect(res.body).not.toContain('第二网格商店')
    expect((await head1.patch(`/api/businesses/${id}`, { name: '改名' })).statusCode).toBe(404)
    expect((await chief.get(`/api/businesses/${id}`)).statusCode).toBe(200)
  })

  it('never lists a business of 050102 to the grid head of 050101', async () => {
    await insertBusiness(db, { location: { lng: 109.075, lat: 34.05 } })
    let after = 0
    for (;;) {
      const page = (await head1.get(`/api/businesses?limit=500&after=${after}`)).json()
      for (const b of page.items) expect(b.areaCode.startsWith('050101')).toBe(true)
      if (page.nextAfter === null) break
      after = page.nextAfter
    }
    const viaFilter = (await head1.get('/api/businesses?gridCode=050102')).json()
    expect(viaFilter.items).toEqual([])
  })

  it('masks phone and legal representative without person.readPersonal, and audits an unmasked view', async () => {
    const id = await insertBusiness(db, { legalRepresentative: '张三', contactPhone: '13812341234' })
    const masked = (await worker1.get(`/api/businesses/${id}`)).json()
    expect(masked).toMatchObject({ legalRepresentative: '张*', contactPhone: '138****1234', personalMasked: true })
    const before = await audits('personal.viewed')
    const full = (await head1.get(`/api/businesses/${id}`)).json()
    expect(full).toMatchObject({ legalRepresentative: '张三', contactPhone: '13812341234', personalMasked: false })
    expect(await audits('personal.viewed')).toBe(before + 1)
    const listed = (await head1.get(`/api/businesses?uscc=${full.uscc}`)).json().items[0]
    expect(listed.contactPhone).toBe('138****1234')
  })
})

describe('search and keyset paging', () => {
  it('filters by q (name or USCC prefix), risk class, kind, grid, area, placed', async () => {
    const uscc = makeUscc('individual', '610111', 424242)
    await chief.post('/api/businesses', businessInput({ uscc, name: '纺织城兰州牛肉面馆', riskClass: 'high', location: { lng: 109.125, lat: 34.05 } }))
    const q = async (qs: string) => (await chief.get(`/api/businesses?${qs}`)).json().items as any[]
    expect((await q(`q=${encodeURIComponent('牛肉面')}`)).map((b) => b.uscc)).toEqual([uscc])
    expect((await q(`q=${uscc.slice(0, 10)}`)).map((b) => b.uscc)).toContain(uscc)
    expect((await q(`q=${uscc.slice(0, 10).toLowerCase()}`)).map((b) => b.uscc)).toContain(uscc)
    const high = await q('riskClass=high&limit=500')
    expect(high.length).toBeGreaterThan(0)
    expect(high.every((b) => b.riskClass === 'high')).toBe(true)
    expect((await q('kind=individual&limit=500')).every((b) => b.kind === 'individual')).toBe(true)
    expect((await q('gridCode=050201&limit=500')).map((b) => b.uscc)).toContain(uscc)
    expect((await q('under=0502&limit=500')).every((b) => b.areaCode.startsWith('0502'))).toBe(true)
    expect((await q('placed=false&limit=500')).every((b) => b.gridCode === null)).toBe(true)
    expect((await q(`address=${encodeURIComponent('纺织城正街')}&limit=1`)).length).toBe(1)
    const tower = makeUscc('enterprise', '610111', 424243)
    await chief.post('/api/businesses', businessInput({ uscc: tower, actualAddress: '西安市灞桥区纺织城正街9号B座1201', location: { lng: 109.125, lat: 34.05 } }))
    expect((await q(`address=${encodeURIComponent('9号b座')}`)).map((b) => b.uscc)).toEqual([tower])
    expect((await q(`q=${encodeURIComponent('%')}`))).toEqual([])
  })

  it('pages without duplicates or gaps for any page size', async () => {
    for (let i = 0; i < 40; i++) await insertBusiness(db, { riskClass: i % 3 === 0 ? 'high' : 'low', location: { lng: 109.01 + (i % 10) * 0.018, lat: 34.05 } })
    // Every row of the filter in id order, as one plain query gives them (other tests may leave
    // more than one page of 500).
    const WHERE: Record<string, string> = { '': 'true', 'riskClass=high&': `risk_class = 'high'`, 'under=0501&': `area_code LIKE '0501%'` }
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.constantFrom(...Object.keys(WHERE)), async (limit, filter) => {
      const all = (await db.query<{ id: number }>(`SELECT id FROM businesses WHERE area_code LIKE '05%' AND ${WHERE[filter]} ORDER BY id`)).rows.map((r) => r.id)
      const seen: number[] = []
      let after = 0
      for (;;) {
        const page = (await chief.get(`/api/businesses?${filter}limit=${limit}&after=${after}`)).json()
        seen.push(...page.items.map((b: any) => b.id))
        if (page.nextAfter === null) break
        after = page.nextAfter
      }
      expect(seen).toEqual(all)
      expect(new Set(seen).size).toBe(seen.length)
    }), { numRuns: 12 })
  })
})

describe('resolving unplaced businesses', () => {
  /** Every unplaced business the chief sees, page by page (other tests leave thousands). */
  const unplaced = async (qs: string) => {
    const items: any[] = []
    for (let after = 0; ;) {
      const page = (await chief.get(`/api/businesses/unplaced?${qs}limit=500&after=${after}`)).json()
      items.push(...page.items)
      if (page.nextAfter === null) return items
      after = page.nextAfter
    }
  }

  it('lists unplaced businesses by reason; giving a location places them', async () => {
    const created = (await chief.post('/api/businesses', businessInput({ location: null, name: '待定位商户' }))).json()
    const list = await unplaced('reason=noLocation&')
    expect(list.map((b: any) => b.id)).toContain(created.id)
    expect(list.every((b: any) => b.unplacedReason === 'noLocation')).toBe(true)
    const before = await audits('business.updated')
    const res = await chief.patch(`/api/businesses/${created.id}`, { location: { lng: 109.175, lat: 34.02 } })
    expect(res.json()).toMatchObject({ gridCode: '050202', areaCode: '050202', unplacedReason: null })
    expect(await audits('business.updated')).toBe(before + 1)
    const after = await unplaced('')
    expect(after.map((b: any) => b.id)).not.toContain(created.id)
  })

  it('refuses a move out of the actor’s scope and a bad patch, changing nothing', async () => {
    const created = (await head1.post('/api/businesses', businessInput())).json()
    const moved = await head1.patch(`/api/businesses/${created.id}`, { location: { lng: 109.175, lat: 34.02 } })
    expect(moved.statusCode).toBe(403)
    expect(moved.json().error.code).toBe('business.outsideScope')
    const bad = await head1.patch(`/api/businesses/${created.id}`, { uscc: '91350100M000100Y44' })
    expect(bad.json().error.code).toBe('business.invalidUscc')
    const now = (await head1.get(`/api/businesses/${created.id}`)).json()
    expect(now).toMatchObject({ gridCode: '050101', uscc: created.uscc, updatedAt: created.updatedAt })
  })

  it('refuses to take another business’s USCC on update', async () => {
    const a = (await chief.post('/api/businesses', businessInput())).json()
    const b = (await chief.post('/api/businesses', businessInput())).json()
    const res = await chief.patch(`/api/businesses/${b.id}`, { uscc: a.uscc })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('business.duplicateUscc')
    const ok = await chief.patch(`/api/businesses/${b.id}`, { uscc: nextUscc('individual') })
    expect(ok.json().kind).toBe('individual')
  })
})

describe('counting a search (the console pager)', () => {
  it('counts what the search lists, inside the scope, with the same filters', async () => {
    const listed = async (client: typeof chief, qs: string) => {
      let after = 0
      let n = 0
      for (;;) {
        const page = (await client.get(`/api/businesses?${qs}&limit=500&after=${after}`)).json()
        n += page.items.length
        if (page.nextAfter === null) return n
        after = page.nextAfter
      }
    }
    for (const qs of ['', 'riskClass=high', 'placed=false', `q=${encodeURIComponent('牛肉面')}`, 'under=0502']) {
      const res = await chief.get(`/api/businesses/count?${qs}`)
      expect(res.statusCode).toBe(200)
      expect(res.json(), qs).toEqual({ total: await listed(chief, qs), exact: true })
    }
    const own = (await head1.get('/api/businesses/count')).json()
    expect(own.total).toBe(await count(`area_code LIKE '050101%'`))
    expect(own.total).toBeLessThan((await chief.get('/api/businesses/count')).json().total)
    const noLocation = (await chief.get('/api/businesses/count?reason=noLocation')).json().total
    expect(noLocation).toBe(await count(`unplaced_reason = 'noLocation'`))
  })
})

describe('name search (contains the whole term, in id order, inside the scope)', () => {
  const names = ['灞桥羊肉泡馍馆', '老孙家泡馍', '西安KFC餐厅888号', '纺织城泡菜坊', '羊肉串烧烤店']
  const ids: number[] = []
  let outside = 0
  const page = async (client: typeof chief, q: string, qs = 'limit=500') =>
    (await client.get(`/api/businesses?q=${encodeURIComponent(q)}&${qs}`)).json() as { items: any[]; nextAfter: number | null }
  const matching = async (q: string, scope: string) =>
    (await db.query<{ id: number }>(`SELECT id FROM businesses WHERE strpos(name, $1) > 0 AND area_code LIKE $2 ORDER BY id`, [q, scope + '%'])).rows.map((r) => r.id)

  beforeAll(async () => {
    for (const name of names) ids.push(await insertBusiness(db, { name }))
    outside = await insertBusiness(db, { name: '纺织城羊肉泡馍', location: { lng: 109.175, lat: 34.02 } }) // grid 050202
  })

  it('finds one, two and more characters, Latin letters in either case and digits, and nothing for an absent term', async () => {
    for (const q of ['馍', '泡馍', '羊肉泡馍', '肉泡', 'KFC', '888', 'C餐厅8', '泡菜坊', '串烧']) {
      const got = (await page(chief, q)).items.map((b) => b.id)
      expect(got, q).toEqual(await matching(q, '05'))
      expect(got.length, q).toBeGreaterThan(0)
      expect(got.every((id, i) => i === 0 || id > got[i - 1]), q).toBe(true)
    }
    expect((await page(chief, '羊肉泡馍')).items.map((b) => b.name).sort()).toEqual(['灞桥羊肉泡馍馆', '纺织城羊肉泡馍'])
    expect((await page(chief, '泡馍')).items.map((b) => b.id)).toEqual(expect.arrayContaining([ids[0], ids[1], outside]))
    // the whole term, not its characters in any order or apart
    expect((await page(chief, '馍泡')).items).toEqual([])
    expect((await page(chief, '羊泡')).items).toEqual([])
    expect((await page(chief, '不存在的字号')).items).toEqual([])
    // Latin letters regardless of case (ILIKE); the rest of the term still as typed
    for (const q of ['kfc', 'Kfc', 'c餐厅8']) expect((await page(chief, q)).items.map((b) => b.name), q).toEqual(['西安KFC餐厅888号'])
    expect((await page(chief, 'kfd')).items).toEqual([])
    expect((await page(chief, '_')).items).toEqual([])
  })

  it('keeps a grid head to their grid', async () => {
    const own = (await page(head1, '泡馍')).items.map((b) => b.id)
    expect(own).toEqual(expect.arrayContaining([ids[0], ids[1]]))
    expect(own).not.toContain(outside)
    expect(own.every((id) => id !== outside)).toBe(true)
    expect(own).toEqual(await matching('泡馍', '050101'))
  })

  it('pages a rare and a common name in id order without gaps, whichever way each page is read', async () => {
    // More matches than RARE_NAME_ROWS: the first pages walk the primary key, the last ones read the bitmap.
    await db.query(`INSERT INTO businesses (uscc, name, kind, registered_address, area_code, unplaced_reason)
      SELECT 'ZZ' || lpad(i::text, 16, '0'), '常见商贸有限公司' || i, 'enterprise', '西安市', '050101', 'noLocation'
      FROM generate_series(1, 2100) i`)
    for (const [q, limit] of [['泡馍', 1], ['常见商贸', 400], ['商贸有限公司20', 3]] as const) {
      const want = await matching(q, '05')
      const seen: number[] = []
      let after = 0
      for (;;) {
        const p = await page(chief, q, `limit=${limit}&after=${after}`)
        seen.push(...p.items.map((b) => b.id))
        if (p.nextAfter === null) break
        after = p.nextAfter
      }
      expect(seen, q).toEqual(want)
    }
    expect((await matching('常见商贸', '05')).length).toBeGreaterThan(2000)
  })
})

describe('sorting the list (name, risk class, updated, grid), paged by cursor', () => {
  // Written out here rather than taken from sorting.ts: the order the list must follow.
  const EXPR: Record<string, string> = {
    name: 'name COLLATE "C"',
    riskClass: `array_position(ARRAY['high', 'higher', 'general', 'low'], risk_class)`,
    updatedAt: 'updated_at',
    gridCode: 'area_code COLLATE "C"',
  }
  const SORTS = Object.keys(EXPR).flatMap((k) => [k, '-' + k])
  const RISK = ['high', 'higher', 'general', 'low']
  // Latin upper and lower case, digits, CJK, a fullwidth sign (U+FF01) and an ideograph outside the
  // BMP (U+20000): code-point order differs here from a locale's order and from UTF-16 order.
  const NAMES = ['阿里小卖部', '张记面馆', 'Zebra超市', 'apple水果店', '1号便利店', '张记面馆', '𠀀奇字商店', '！全角商店', '丁家饭店', 'Ápple商行', '张记面馆分店']
  let station: typeof chief
  let head201: typeof chief

  /** The ids of `scope` in `sort` order, as one plain query gives them. */
  const expected = async (sort: string, scope: string, where = 'true') => {
    const desc = sort.startsWith('-')
    const dir = desc ? 'DESC' : 'ASC'
    const { rows } = await db.query<{ id: number }>(
      `SELECT id FROM businesses WHERE area_code LIKE $1 AND ${where} ORDER BY ${EXPR[desc ? sort.slice(1) : sort]} ${dir}, id ${dir}`, [scope + '%'])
    return rows.map((r) => r.id)
  }

  /** Every row of a sorted list, following nextCursor from the first page. */
  const walk = async (client: typeof chief, qs: string, limit: number) => {
    const seen: any[] = []
    let cursor: string | null = null
    for (let pages = 0; ; pages++) {
      const res = await client.get(`/api/businesses?${qs}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      expect(res.statusCode, res.body).toBe(200)
      const page = res.json()
      if (qs.includes('sort=')) expect(page.nextAfter, 'after pages the registration order only').toBeNull()
      seen.push(...page.items)
      if (page.nextCursor === null) return seen
      cursor = page.nextCursor
      expect(pages, 'the cursor moves on').toBeLessThan(2000)
    }
  }

  const codePoints = (s: string) => Array.from(s, (ch) => ch.codePointAt(0)!)
  const compareCodePoints = (a: string, b: string) => {
    const x = codePoints(a)
    const y = codePoints(b)
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i]
    return x.length - y.length
  }
  /** The listed rows' own comparison in `sort`, independent of SQL (updatedAt to the millisecond). */
  const compareBy: Record<string, (a: any, b: any) => number> = {
    name: (a, b) => compareCodePoints(a.name, b.name),
    riskClass: (a, b) => RISK.indexOf(a.riskClass) - RISK.indexOf(b.riskClass),
    updatedAt: (a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt),
    gridCode: (a, b) => compareCodePoints(a.areaCode, b.areaCode),
  }

  // A station with ties in every key, for every test below.
  beforeAll(async () => {
    station = await userWith(app, db, ['station_chief'], '0502')
    head201 = await userWith(app, db, ['grid_head'], '050201')
    const ids: number[] = []
    for (let i = 0; i < 30; i++) {
      const location = i % 7 === 6 ? null : { lng: i % 2 ? 109.125 : 109.175, lat: 34.01 + i * 0.002 }
      ids.push(await insertBusiness(db, { name: NAMES[i % NAMES.length], riskClass: RISK[Math.floor(i / 3) % 4] as any, location, areaCode: '0502' }))
    }
    // Ties, and neighbours a microsecond apart: a cursor that kept milliseconds only would skip or repeat them.
    await db.query(`UPDATE businesses SET updated_at = timestamptz '2024-05-01 10:00:00.123456+00' + (id % 4) * interval '1 microsecond' WHERE id = ANY($1)`, [ids])
  })

  it('seeds a station with ties in every key', async () => {
    expect((await expected('name', '0502')).length).toBeGreaterThanOrEqual(30)
    const { rows } = await db.query<{ names: number; risks: number; times: number }>(
      `SELECT count(*) - count(DISTINCT name) AS names, count(*) - count(DISTINCT risk_class) AS risks, count(*) - count(DISTINCT updated_at) AS times
       FROM businesses WHERE area_code LIKE '0502%'`)
    for (const ties of Object.values(rows[0])) expect(Number(ties)).toBeGreaterThan(0)
  })

  it('visits every row of the scope once, in the database’s order with ties by id, for each key and direction', async () => {
    const RAW = new Set(['name', 'riskClass', 'updatedAt', 'gridCode'])
    expect(new Set(SORTS.map((s) => s.replace('-', '')))).toEqual(RAW)
    for (const [client, scope] of [[station, '0502'], [head201, '050201']] as const) {
      for (const sort of SORTS) {
        const seen = await walk(client, `sort=${sort}`, 7)
        const ids = seen.map((b) => b.id)
        expect(ids, `${scope} ${sort}`).toEqual(await expected(sort, scope))
        expect(seen.every((b) => b.areaCode.startsWith(scope)), `${scope} ${sort}`).toBe(true)
        const desc = sort.startsWith('-')
        const compare = compareBy[desc ? sort.slice(1) : sort]
        for (let i = 1; i < seen.length; i++) {
          const c = compare(seen[i - 1], seen[i]) * (desc ? -1 : 1)
          expect(c, `${sort} at ${i}`).toBeLessThanOrEqual(0)
          if (c === 0 && sort.slice(-9) !== 'updatedAt') expect(seen[i - 1].id < seen[i].id, `${sort} tie at ${i}`).toBe(!desc)
        }
      }
    }
    // The seeded names really sort apart from UTF-16 order: 𠀀 (U+20000) after ！ (U+FF01).
    const names = (await walk(station, 'sort=name', 50)).map((b) => b.name)
    expect(names.indexOf('𠀀奇字商店')).toBeGreaterThan(names.indexOf('！全角商店'))
    expect(names.indexOf('Zebra超市')).toBeLessThan(names.indexOf('apple水果店'))
  })

  it('pages any sort, page size and filter without gaps or repeats (property)', async () => {
    const FILTERS: Record<string, string> = {
      '': 'true',
      'riskClass=high': `risk_class = 'high'`,
      [`q=${encodeURIComponent('面馆')}`]: `strpos(name, '面馆') > 0`,
      'placed=true': 'grid_code IS NOT NULL',
      'under=050202': `area_code LIKE '050202%'`,
    }
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.constantFrom(...SORTS), fc.constantFrom(...Object.keys(FILTERS)), async (limit, sort, filter) => {
      const seen = (await walk(station, `${filter}&sort=${sort}`, limit)).map((b) => b.id)
      expect(seen).toEqual(await expected(sort, '0502', FILTERS[filter]))
    }), { numRuns: 20 })
  })

  it('keeps a scope-limited user to their scope when sorted, whatever the filters ask', async () => {
    const own = await walk(head201, 'sort=-gridCode&under=0502', 500)
    expect(own.map((b) => b.id)).toEqual(await expected('-gridCode', '050201'))
    expect(own.every((b) => b.areaCode.startsWith('050201'))).toBe(true)
    expect(await walk(head201, 'sort=name&gridCode=050202', 5)).toEqual([])
  })

  it('answers GET /api/businesses?sort=-name&limit=5 and follows nextCursor', async () => {
    const first = await chief.get('/api/businesses?sort=-name&limit=5')
    expect(first.statusCode).toBe(200)
    const body = first.json()
    expect(Object.keys(body).sort()).toEqual(['items', 'nextAfter', 'nextCursor'])
    expect(typeof body.nextCursor).toBe('string')
    const seen = [...body.items]
    let cursor = body.nextCursor
    for (let i = 0; i < 3; i++) {
      const page = (await chief.get(`/api/businesses?sort=-name&limit=5&cursor=${encodeURIComponent(cursor)}`)).json()
      seen.push(...page.items)
      cursor = page.nextCursor
    }
    expect(seen.map((b) => b.id)).toEqual((await expected('-name', '05')).slice(0, 20))
  })

  it('pages the registration order by cursor as by after', async () => {
    const byCursor = (await walk(station, 'placed=true', 4)).map((b) => b.id)
    const { rows } = await db.query<{ id: number }>(`SELECT id FROM businesses WHERE area_code LIKE '0502%' AND grid_code IS NOT NULL ORDER BY id`)
    expect(byCursor).toEqual(rows.map((r) => r.id))
    const byAfter: number[] = []
    for (let after = 0; ;) {
      const page = (await station.get(`/api/businesses?placed=true&limit=4&after=${after}`)).json()
      byAfter.push(...page.items.map((b: any) => b.id))
      if (page.nextAfter === null) break
      after = page.nextAfter
    }
    expect(byCursor).toEqual(byAfter)
  })

  it('refuses a bad sort, a malformed cursor and a cursor of another order with a 400 in both languages', async () => {
    const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
    const byName = (await station.get('/api/businesses?sort=name&limit=2')).json().nextCursor
    const byId = (await station.get('/api/businesses?limit=2')).json().nextCursor
    const bad: Array<[string, string]> = [
      ['sort=colour', 'request.invalid'],
      ['sort=-', 'request.invalid'],
      ['sort=name&cursor=not-a-cursor!', 'business.cursorInvalid'],
      ['sort=name&cursor=abc', 'business.cursorInvalid'],
      [`sort=name&cursor=${cursorOf({ name: 'x' })}`, 'business.cursorInvalid'],
      [`sort=name&cursor=${cursorOf(['name', 3])}`, 'business.cursorInvalid'],
      [`sort=name&cursor=${cursorOf(['name', 1.5, 'x'])}`, 'business.cursorInvalid'],
      [`sort=name&cursor=${cursorOf(['name', 3, 'a\u0000b'])}`, 'business.cursorInvalid'],
      [`sort=riskClass&cursor=${cursorOf(['riskClass', 3, 'extreme'])}`, 'business.cursorInvalid'],
      [`sort=updatedAt&cursor=${cursorOf(['updatedAt', 3, '2024-02-30T10:00:00.000000Z'])}`, 'business.cursorInvalid'],
      [`sort=updatedAt&cursor=${cursorOf(['updatedAt', 3, '2024-05-01T10:00:00.123Z'])}`, 'business.cursorInvalid'],
      [`cursor=${cursorOf(['colour', 3, 'x'])}`, 'business.cursorInvalid'],
      [`sort=-name&cursor=${byName}`, 'business.cursorSortMismatch'],
      [`sort=name&cursor=${byId}`, 'business.cursorSortMismatch'],
      [`cursor=${byName}`, 'business.cursorSortMismatch'],
      ['sort=name&after=3', 'business.afterWithSort'],
      [`cursor=${byId}&after=3`, 'business.cursorWithAfter'],
    ]
    for (const [qs, code] of bad) {
      const zh = await station.get(`/api/businesses?${qs}&limit=5`)
      const en = await station.get(`/api/businesses?${qs}&limit=5`, EN)
      expect(zh.statusCode, qs).toBe(400)
      expect(zh.json().error.code, qs).toBe(code)
      expect(en.json().error.code, qs).toBe(code)
      expect(zh.json().error.message, qs).toMatch(/[\u4e00-\u9fff]/)
      expect(en.json().error.message, qs).not.toMatch(/[\u4e00-\u9fff]/)
    }
    // Each cursor still works in its own order.
    expect((await station.get(`/api/businesses?sort=name&limit=2&cursor=${byName}`)).statusCode).toBe(200)
    expect((await station.get(`/api/businesses?limit=2&cursor=${byId}`)).statusCode).toBe(200)
  })
})
