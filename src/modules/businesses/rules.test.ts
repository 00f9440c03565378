import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkBusiness, maskName, maskPhone, toWgs84, type BusinessInput } from './rules.ts'
import { makeUscc, orgCodeCheckCharacter, usccCheckCharacter, usccWarnings } from './uscc.ts'

const base = (o: Partial<BusinessInput> = {}): BusinessInput => ({
  uscc: makeUscc('enterprise', '610111', 42), name: '灞桥商贸有限公司', registeredAddress: '西安市灞桥区纺织城正街1号', ...o,
})
const codes = (input: BusinessInput) => checkBusiness(input).problems.map((p) => p.code)

/** A valid code of another registration authority (1 = organisation-establishment offices). */
function nonMarketUscc(): string {
  const org = 'MB1234567'.slice(0, 8)
  const first17 = '11' + '610111' + org + orgCodeCheckCharacter(org)
  return first17 + usccCheckCharacter(first17)
}

describe('business rules (M2.2)', () => {
  it('accepts a valid business and derives its kind from the USCC', () => {
    const { problems, record } = checkBusiness(base({ uscc: makeUscc('cooperative', '610111', 7) }))
    expect(problems).toEqual([])
    expect(record).toMatchObject({ kind: 'cooperative', operatingState: 'operating', riskClass: 'general', lng: null, licences: [] })
  })

  it('names the USCC rule that is broken', () => {
    const cases: Array<[string, string]> = [
      ['91350100M000100Y4', 'length'], ['91350100M000100Y4I', 'charset'], ['B1350100M000100Y43', 'authority'],
      ['97350100M000100Y43', 'orgType'], ['91990100M000100Y43', 'division'], ['91350100M000100Y44', 'checkCharacter'],
    ]
    for (const [uscc, rule] of cases) {
      const p = checkBusiness(base({ uscc })).problems[0]
      expect(p).toMatchObject({ field: 'uscc', code: 'business.invalidUscc', rule })
      expect(p.details.ruleZh).toBeTruthy()
    }
    // A broken organisation-code check character (GB 11714), the USCC's own made right again: the code
    // is accepted, as authorities issued such codes, and flagged as doubtful.
    const good = makeUscc('enterprise', '610111', 99)
    const bad17 = good.slice(0, 16) + (good[16] === '0' ? '1' : '0')
    const doubtful = bad17 + usccCheckCharacter(bad17)
    expect(checkBusiness(base({ uscc: doubtful })).problems).toEqual([])
    expect(usccWarnings(doubtful)).toEqual(['orgCodeCheck'])
    expect(usccWarnings(good)).toEqual([])
    expect(usccWarnings('91350100M000100Y44')).toEqual([])
  })

  it('refuses a kind that contradicts the USCC, and asks for one it cannot derive', () => {
    expect(codes(base({ uscc: makeUscc('enterprise', '610111', 1), kind: 'individual' }))).toEqual(['business.kindMismatch'])
    expect(codes(base({ uscc: makeUscc('enterprise', '610111', 1), kind: 'other' }))).toEqual(['business.kindMismatch'])
  })

  it('files a code of another authority (a public institution) as an other organisation, without forcing a market kind (issue 13 §6)', () => {
    expect(checkBusiness(base({ uscc: nonMarketUscc() })).record?.kind).toBe('other')
    expect(checkBusiness(base({ uscc: nonMarketUscc(), kind: 'enterprise' })).record?.kind).toBe('enterprise')
  })

  it('checks lengths, key domains, states and phone numbers', () => {
    expect(codes(base({ name: '  ' }))).toEqual(['business.fieldLength'])
    expect(codes(base({ registeredAddress: 'x'.repeat(301) }))).toEqual(['business.fieldLength'])
    expect(codes(base({ keyDomains: ['food', 'drugs'] }))).toEqual(['business.valueNotAllowed'])
    expect(codes(base({ riskClass: 'extreme' }))).toEqual(['business.valueNotAllowed'])
    expect(codes(base({ contactPhone: 'call me' }))).toEqual(['business.phoneInvalid'])
  })

  it('accepts a licence iff it does not end before it starts', () => {
    const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
    fc.assert(fc.property(day, day, (from, to) => {
      const r = checkBusiness(base({ licences: [{ type: '食品经营许可证', number: 'JY1', validFrom: from, validTo: to }] }))
      return (r.record !== null) === (to >= from) && (to >= from || r.problems[0].code === 'business.licenceDates')
    }))
    expect(codes(base({ licences: [{ type: '食品经营许可证', number: 'JY1', validFrom: '2024-02-30' }] }))).toEqual(['business.licenceInvalid'])
  })

  it('accepts coordinates iff they lie in range, and keeps WGS-84 as given', () => {
    fc.assert(fc.property(fc.double({ min: -400, max: 400, noNaN: true }), fc.double({ min: -200, max: 200, noNaN: true }), (lng, lat) => {
      const r = checkBusiness(base({ location: { lng, lat } }))
      const inRange = lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90
      return inRange ? r.record!.lng === lng && r.record!.lat === lat : r.problems[0].code === 'business.coordinatesInvalid'
    }))
    expect(codes(base({ location: { lng: 109, lat: NaN } }))).toEqual(['business.coordinatesInvalid'])
  })

  it('converts GCJ-02 and BD-09 input to WGS-84 (Q4), a few hundred metres away inside China', () => {
    fc.assert(fc.property(fc.double({ min: 100, max: 120, noNaN: true }), fc.double({ min: 25, max: 40, noNaN: true }), fc.constantFrom('GCJ02' as const, 'BD09' as const), (lng, lat, crs) => {
      const [x, y] = toWgs84(lng, lat, crs)
      const d = Math.hypot(x - lng, y - lat)
      return d > 0.0005 && d < 0.02
    }))
    const r = checkBusiness(base({ location: { lng: 108.95, lat: 34.27 } }), 'GCJ02')
    expect(r.record!.lng).toBeCloseTo(108.9453, 3)
  })

  it('masks personal data, keeping its length and the last digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳修')).toBe('欧**')
    fc.assert(fc.property(fc.stringMatching(/^1[3-9][0-9]{9}$/), (phone) => {
      const m = maskPhone(phone)!
      return m.length === phone.length && m.endsWith(phone.slice(-4)) && m.slice(3, 7) === '****'
    }))
  })
})
