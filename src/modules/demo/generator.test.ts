import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isValidUscc, kindOfUscc } from '../businesses/uscc.ts'
import { checkPassword } from '../auth/rules.ts'
import { BUSINESS_COLUMNS, csvChunks, type Licence } from './businesses.ts'
import { planStaff } from './people.ts'
import { Random } from './prng.ts'
import { DEMO_PASSWORD } from './seed.ts'
import { allocate, planTerritory } from './territory.ts'

const small = (seed: number) => planTerritory({ gridsPerStation: [3, 5] }, new Random(seed))

/** Minimal CSV reader for the generator's own output (quoted fields, doubled quotes). */
function parseCsvLine(line: string): Array<string | null> {
  const out: Array<string | null> = []
  let k = 0
  while (k <= line.length) {
    if (line[k] === '"') {
      let v = ''
      k++
      for (;;) {
        const q = line.indexOf('"', k)
        v += line.slice(k, q)
        k = q + 1
        if (line[k] === '"') {
          v += '"'
          k++
        } else break
      }
      out.push(v)
      k++
    } else {
      const comma = line.indexOf(',', k)
      const end = comma < 0 ? line.length : comma
      out.push(end === k ? null : line.slice(k, end))
      k = end + 1
    }
  }
  return out
}

describe('territory plan', () => {
  it('builds Baqiao: district 05, stations 0501–0506 with their names, grids numbered from 01', () => {
    const plan = small(1)
    expect(plan.districts.map((d) => [d.code, d.name])).toEqual([['05', '灞桥区']])
    expect(plan.stations.map((s) => s.code + s.name)).toEqual([
      '0501纺织城市场监督管理所', '0502席王市场监督管理所', '0503洪庆市场监督管理所', '0504红旗市场监督管理所',
      '0505灞桥市场监督管理所', '0506狄寨市场监督管理所',
    ])
    for (const s of plan.stations) {
      const codes = s.grids.map((g) => plan.grids[g].code)
      expect(codes).toEqual(codes.map((_, k) => s.code + String(k + 1).padStart(2, '0')))
      expect(codes.length).toBeGreaterThanOrEqual(3)
      expect(codes.length).toBeLessThanOrEqual(5)
      expect(plan.grids[s.grids[0]].name).toMatch(new RegExp(`^${s.name.replace('市场监督管理所', '')}第01网格（.+）$`))
    }
  })

  it('keeps grid counts within the range and gives 0502 at least three grids', () => {
    fc.assert(fc.property(fc.nat(), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 6 }), (seed, min, extra) => {
      const plan = planTerritory({ gridsPerStation: [min, min + extra] }, new Random(seed))
      for (const s of plan.stations) {
        expect(s.grids.length).toBeLessThanOrEqual(Math.max(min + extra, s.code === '0502' ? 3 : 0))
        expect(s.grids.length).toBeGreaterThanOrEqual(s.code === '0502' ? Math.max(3, min) : min)
      }
    }), { numRuns: 15 })
  })

  it('is the same for the same seed and differs for another', () => {
    const strip = (seed: number) => {
      const p = small(seed)
      return JSON.stringify([p.districts, p.stations, p.grids])
    }
    expect(strip(42)).toBe(strip(42))
    expect(strip(42)).not.toBe(strip(43))
  })

  it('adds districts when a benchmark asks for more grids than six stations can number', () => {
    const plan = planTerritory({ gridsPerStation: [8, 15], totalGrids: 1500 }, new Random(3))
    expect(plan.grids).toHaveLength(1500)
    expect(plan.districts.length).toBeGreaterThan(1)
    expect(plan.districts.map((d) => d.code)).toContain('05')
    for (const s of plan.stations) expect(s.grids.length).toBeLessThanOrEqual(99)
    expect(new Set(plan.grids.map((g) => g.code)).size).toBe(1500)
    expect(plan.grids.every((g) => /^\d{6}$/.test(g.code))).toBe(true)
  })

  it('splits a total in proportion within the limits', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }), fc.nat(2000), (weights, want) => {
      const caps = weights.map(() => 99)
      const total = Math.max(weights.length, Math.min(want, 99 * weights.length))
      const counts = allocate(total, weights, caps, weights.map(() => 1))
      expect(counts.reduce((a, b) => a + b, 0)).toBe(total)
      expect(counts.every((c) => c >= 1 && c <= 99)).toBe(true)
    }))
  })
})

describe('staff plan (M2.3)', () => {
  it('gives every grid a qualified head, 1–3 overseers and at least one manager or informant', () => {
    const plan = small(5)
    const staff = planStaff(plan, new Random(5), 1)
    const position = new Map(staff.people.map((p) => [p.id, p.position]))
    for (const g of plan.grids) {
      const here = staff.roles.filter((r) => r.areaCode === g.code)
      const heads = here.filter((r) => r.role === 'grid_head')
      expect(heads.length).toBeGreaterThanOrEqual(1)
      expect(heads.every((h) => ['deputy_station_chief', 'supervision_officer'].includes(position.get(h.personId)!))).toBe(true)
      const overseers = here.filter((r) => r.role === 'overseer')
      expect(overseers.length).toBeGreaterThanOrEqual(1)
      expect(overseers.length).toBeLessThanOrEqual(3)
      expect(here.some((r) => r.role === 'grid_manager')).toBe(true)
    }
    // 一员多责: someone heads more than one grid.
    const headed = new Map<number, number>()
    for (const r of staff.roles) if (r.role === 'grid_head') headed.set(r.personId, (headed.get(r.personId) ?? 0) + 1)
    expect([...headed.values()].some((n) => n > 1)).toBe(true)
    expect([...headed.values()].every((n) => n <= 3)).toBe(true)
    const keys = new Set(staff.roles.map((r) => `${r.personId}/${r.role}/${r.areaCode}`))
    expect(keys.size).toBe(staff.roles.length)
  })
})

describe('business rows (M2.2)', () => {
  const plan = small(9)
  const text = [...csvChunks(plan, 6000, new Random(9), 0, 1000)].join('')
  const rows = text.trimEnd().split('\n').map(parseCsvLine).map((f) => Object.fromEntries(BUSINESS_COLUMNS.map((c, k) => [c, f[k]])))

  it('writes the requested number of rows with valid, distinct codes of the right kind', () => {
    expect(rows).toHaveLength(6000)
    expect(rows.every((r) => isValidUscc(r.uscc!) && kindOfUscc(r.uscc!) === r.kind)).toBe(true)
    expect(new Set(rows.map((r) => r.uscc)).size).toBe(6000)
    expect(rows.every((r) => r.registered_address!.startsWith('西安市灞桥区'))).toBe(true)
    expect(rows.every((r) => r.grid_code === r.area_code && /^05\d{4}$/.test(r.grid_code!))).toBe(true)
  })

  it('draws risk classes near 30/50/15/5 and mostly operating businesses', () => {
    const share = (f: (r: any) => boolean) => rows.filter(f).length / rows.length
    expect(share((r) => r.risk_class === 'low')).toBeCloseTo(0.3, 1)
    expect(share((r) => r.risk_class === 'general')).toBeCloseTo(0.5, 1)
    expect(share((r) => r.risk_class === 'higher')).toBeCloseTo(0.15, 1)
    expect(share((r) => r.risk_class === 'high')).toBeCloseTo(0.05, 1)
    expect(share((r) => r.operating_state === 'operating')).toBeGreaterThan(0.85)
    expect(share((r) => r.kind === 'cooperative')).toBeGreaterThan(0)
  })

  it('gives licences and key-domain flags that fit the industry', () => {
    for (const r of rows) {
      const licences: Licence[] = JSON.parse(r.licences!)
      const types = licences.map((l) => l.type)
      const domains = r.key_domains!.slice(1, -1).split(',').filter(Boolean)
      for (const l of licences) expect(l.validFrom < l.validTo).toBe(true)
      if (r.industry === '餐饮服务') {
        expect(domains).toEqual(['food'])
        if (licences.length) expect(licences[0].number).toMatch(/^JY2610111\d{7}$/)
      }
      if (r.industry === '食品销售') {
        expect(domains).toContain('food')
        if (licences.length) expect(licences[0].number).toMatch(/^JY1610111\d{7}$/)
      }
      if (r.industry === '特种设备使用') expect(domains).toEqual(['special_equipment'])
      if (r.industry === '工业产品生产') expect(domains).toEqual(['industrial_products'])
      if (types.includes('全国工业产品生产许可证')) expect(r.industry).toBe('工业产品生产')
      if (types.includes('药品经营许可证')) expect(r.industry).toBe('药品零售')
      if (r.industry === '批发零售' || r.kind === 'cooperative') expect(licences).toEqual([])
    }
  })

  it('names businesses by kind', () => {
    for (const r of rows) {
      if (r.kind === 'cooperative') expect(r.name).toMatch(/专业合作社$/)
      if (r.kind === 'enterprise') expect(r.name).toMatch(/(有限公司|有限责任公司)$/)
      if (r.kind === 'individual') expect(r.name).toMatch(/^灞桥区/)
    }
  })
})

describe('demo password', () => {
  it('passes the password policy for every demo user name, and is refused for any other account', () => {
    for (const u of ['chief', 'operator', 'station0502', 'head050203', 'worker050203', 'overseer050203', 'market050203', 'credit', 'liaison',
      'sysadmin', 'secadmin', 'auditor']) {
      expect(checkPassword(DEMO_PASSWORD, u, { isDemo: true })).toBeNull()
      expect(checkPassword(DEMO_PASSWORD, u)).toMatchObject({ code: 'auth.passwordDemo' })
    }
  })
})
