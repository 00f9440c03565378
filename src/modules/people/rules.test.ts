import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  areaTier, checkPerson, checkRoleArea, GRID_ROLES, maskPhone, mergeChange, PERSON_ROLES, POSITIONS, ROLE_TIERS,
  staffingViolations, type AreaInfo, type GridAssignment, type PersonRecord,
} from './rules.ts'

const area = (code: string, retired = false): AreaInfo => ({ code, level: code.length / 2, depth: 3, retired })
const areas = new Map(['05', '0501', '0502', '050101', '050102', '050201', '0601'].map((c) => [c, area(c)]))
areas.set('050199', area('050199', true))

const person = (over: Partial<PersonRecord> = {}): PersonRecord => ({
  name: '张三', position: 'supervision_officer', phone: '13812345678', organisation: null, areaCode: '0501', onDuty: true,
  roles: [], ...over,
})

describe('role levels (M2.3)', () => {
  it('tiers areas from the bottom of the profile', () => {
    expect(areaTier({ level: 3, depth: 3 })).toBe('grid')
    expect(areaTier({ level: 2, depth: 3 })).toBe('station')
    expect(areaTier({ level: 1, depth: 3 })).toBe('district')
    expect(areaTier({ level: 2, depth: 4 })).toBe('district')
  })

  it('allows a role exactly at the levels of its table', () => {
    fc.assert(fc.property(fc.constantFrom(...PERSON_ROLES), fc.integer({ min: 1, max: 3 }), (role, level) => {
      const a = { code: '05'.padEnd(level * 2, '1'), level, depth: 3 }
      const problem = checkRoleArea(role, a, 'roles')
      expect(problem === null).toBe(ROLE_TIERS[role].includes(areaTier(a)))
      if (GRID_ROLES.includes(role)) expect(problem === null).toBe(level === 3)
    }))
  })

  it('refuses a grid head at a station with a message naming role, area and allowed levels', () => {
    const p = checkRoleArea('grid_head', area('0501'), 'roles')!
    expect(p.code).toBe('person.roleLevelMismatch')
    expect(p.details).toMatchObject({ role: 'grid_head', areaCode: '0501', level: 'station', allowed: 'grid' })
  })
})

describe('checkPerson', () => {
  const ctx = { areas, scope: '0501' }
  it('accepts a well-formed person with duties in scope', () => {
    expect(checkPerson(person({ roles: [{ role: 'grid_head', areaCode: '050101' }] }), ctx)).toEqual([])
  })

  it('names each problem: unknown role, unknown or retired area, out of scope, bad phone', () => {
    const codes = checkPerson(person({
      phone: '12345',
      roles: [{ role: 'boss', areaCode: '050101' }, { role: 'overseer', areaCode: '050199' }, { role: 'overseer', areaCode: '050201' }],
    }), ctx).map((p) => p.code)
    expect(codes).toEqual(['person.phoneInvalid', 'person.roleUnknown', 'person.areaUnknown', 'person.areaOutOfScope'])
  })

  it('accepts mobile and landline numbers, refuses masked ones as new numbers', () => {
    for (const phone of ['13800138000', '029-83123456', '02983123456', '0917-3123456-12']) {
      expect(checkPerson(person({ phone }), ctx)).toEqual([])
    }
    expect(checkPerson(person({ phone: '138****5678' }), ctx)[0].code).toBe('person.phoneMasked')
  })

  it('does not re-check what an update leaves unchanged', () => {
    const current = person({ phone: 'legacy', roles: [{ role: 'overseer', areaCode: '050201' }] })
    const next = mergeChange(current, { onDuty: false }, '0501')
    expect(checkPerson(next, { ...ctx, current })).toEqual([])
  })

  it('keeps duties outside the scope and refuses personal changes to a person homed outside it', () => {
    const current = person({ areaCode: '0502', roles: [{ role: 'overseer', areaCode: '050201' }, { role: 'informant', areaCode: '050101' }] })
    const next = mergeChange(current, { roles: [{ role: 'grid_manager', areaCode: '050102' }] }, '0501')
    expect(next.roles).toEqual([{ role: 'grid_manager', areaCode: '050102' }, { role: 'overseer', areaCode: '050201' }])
    expect(checkPerson(next, { ...ctx, current })).toEqual([])
    const renamed = mergeChange(current, { name: '李四' }, '0501')
    expect(checkPerson(renamed, { ...ctx, current })[0]).toMatchObject({ code: 'person.areaOutOfScope', field: 'areaCode' })
  })
})

describe('phone masking', () => {
  it('keeps the first 3 and last 4 digits of any mobile number', () => {
    fc.assert(fc.property(fc.stringMatching(/^1[3-9][0-9]{9}$/), (phone) => {
      const masked = maskPhone(phone)!
      expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`)
      expect(masked).not.toContain(phone.slice(3, 7) + phone.slice(7))
    }))
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone(null)).toBeNull()
  })

  it('a masked phone sent back keeps the stored number', () => {
    fc.assert(fc.property(fc.stringMatching(/^1[3-9][0-9]{9}$/), (phone) => {
      const current = person({ phone })
      expect(mergeChange(current, { phone: maskPhone(phone) }, '05').phone).toBe(phone)
    }))
  })
})

describe('staffing rules (M2.3)', () => {
  const a = (personId: number, role: string, position = 'supervision_officer', onDuty = true): GridAssignment =>
    ({ personId, name: `p${personId}`, position, onDuty, role })
  const grid = { code: '050101' }
  const codes = (list: GridAssignment[]) => staffingViolations(grid, list).map((v) => v.code)

  it('reports a correctly staffed grid as OK, managers and informants any number', () => {
    const list = [a(1, 'grid_head', 'deputy_station_chief'), a(2, 'overseer', 'community_cadre'), ...[3, 4, 5, 6].map((i) => a(i, 'grid_manager', 'coordinator')), a(7, 'informant', 'other')]
    expect(codes(list)).toEqual([])
  })

  it('flags no head, a head who is not an officer, no overseer, too many overseers', () => {
    expect(codes([])).toEqual(['noGridHead', 'noOverseer'])
    expect(staffingViolations(grid, [a(1, 'grid_head', 'coordinator'), a(2, 'overseer')])).toEqual([
      { code: 'gridHeadNotOfficer', people: [{ id: 1, name: 'p1' }] },
    ])
    expect(codes([a(1, 'grid_head'), ...[2, 3, 4, 5].map((i) => a(i, 'overseer'))])).toEqual(['tooManyOverseers'])
  })

  it('an off-duty grid head does not count, and is named in the violation', () => {
    expect(staffingViolations(grid, [a(1, 'grid_head', 'supervision_officer', false), a(2, 'overseer')])).toEqual([
      { code: 'noGridHead', people: [{ id: 1, name: 'p1' }] },
    ])
  })

  const arbitrary = fc.array(fc.record({
    personId: fc.integer({ min: 1, max: 12 }), name: fc.constant('x'), position: fc.constantFrom(...POSITIONS),
    onDuty: fc.boolean(), role: fc.constantFrom(...GRID_ROLES),
  }), { maxLength: 25 })

  it('holds the rules for any assignment list', () => {
    fc.assert(fc.property(arbitrary, (list) => {
      const found = codes(list)
      const on = (role: string) => new Set(list.filter((x) => x.onDuty && x.role === role).map((x) => x.personId)).size
      expect(found.includes('noGridHead')).toBe(on('grid_head') === 0)
      expect(found.includes('noOverseer')).toBe(on('overseer') === 0)
      expect(found.includes('tooManyOverseers')).toBe(on('overseer') > 3)
      expect(found.includes('gridHeadNotOfficer')).toBe(
        list.some((x) => x.onDuty && x.role === 'grid_head' && !['deputy_station_chief', 'supervision_officer'].includes(x.position)))
    }))
  })

  it('managers, informants and off-duty people never change which rules break', () => {
    fc.assert(fc.property(arbitrary, arbitrary, (list, extra) => {
      const harmless = extra.map((x) => (x.role === 'grid_manager' || x.role === 'informant' ? x : { ...x, onDuty: false, personId: x.personId + 100 }))
      expect(codes([...list, ...harmless])).toEqual(codes(list))
    }))
  })
})
