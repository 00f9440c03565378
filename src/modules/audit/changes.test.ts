import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { AppError } from '../../server/errors.ts'
import { etagOf, fieldChanges, parseIfMatch, replayChanges } from './changes.ts'

const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }),
  fc.record({ lng: fc.double({ noNaN: true }), lat: fc.double({ noNaN: true }) }))
const record = fc.dictionary(fc.constantFrom('name', 'industry', 'riskClass', 'location', 'keyDomains', 'onDuty'), value)

describe('fieldChanges (issue 11 §1 item 5)', () => {
  it('records nothing for an unchanged record', () => {
    fc.assert(fc.property(record, (r) => {
      expect(fieldChanges(r, structuredClone(r))).toEqual({})
    }))
  })

  it('replaying the changes of a sequence of versions rebuilds each version (a lost update stays visible)', () => {
    fc.assert(fc.property(fc.array(record, { minLength: 2, maxLength: 6 }), (versions) => {
      const norm = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null))
      const events = versions.slice(1).map((v, i) => fieldChanges(versions[i], v))
      for (let k = 1; k < versions.length; k++) {
        expect(norm(replayChanges(versions[0], events.slice(0, k)))).toEqual(norm(versions[k]))
      }
    }))
  })

  it('never records a personal value in clear', () => {
    const phone = fc.stringMatching(/^1[3-9][0-9]{9}$/)
    const name = fc.string({ minLength: 2, maxLength: 6, unit: fc.constantFrom(...'韩梅李雷王欧阳修张三') })
    fc.assert(fc.property(phone, phone, name, name, (p1, p2, n1, n2) => {
      fc.pre(p1 !== p2 && n1 !== n2)
      const c = fieldChanges({ contactPhone: p1, legalRepresentative: n1 }, { contactPhone: p2, legalRepresentative: n2 },
        { contactPhone: 'phone', legalRepresentative: 'name' })
      const text = JSON.stringify(c)
      for (const v of [p1, p2, n1, n2]) expect(text).not.toContain(v)
      expect(c.contactPhone).toEqual({ from: `${p1.slice(0, 3)}****${p1.slice(-4)}`, to: `${p2.slice(0, 3)}****${p2.slice(-4)}` })
    }))
  })

  it('compares objects regardless of key order', () => {
    expect(fieldChanges({ location: { lng: 1, lat: 2 } }, { location: { lat: 2, lng: 1 } })).toEqual({})
  })
})

describe('If-Match', () => {
  it('reads the version of an ETag, weak or strong, and refuses anything else', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999 }), (v) => {
      expect(parseIfMatch(etagOf(v))).toBe(v)
      expect(parseIfMatch(`W/${etagOf(v)}`)).toBe(v)
    }))
    expect(parseIfMatch(undefined)).toBeUndefined()
    expect(parseIfMatch('*')).toBeUndefined()
    for (const bad of ['"abc"', '"1", "2"', '"99999999999"', 'yesterday']) expect(() => parseIfMatch(bad)).toThrow(AppError)
  })
})
