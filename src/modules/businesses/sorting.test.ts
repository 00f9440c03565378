import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { AppError } from '../../server/errors.ts'
import { BUSINESS_SORTS, encodeCursor, pageStart } from './sorting.ts'

const codeOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    return e instanceof AppError ? e.code : String(e)
  }
  return 'no error'
}

describe('page cursors (sorting.ts)', () => {
  it('give back the position they were made from, in their own order only', () => {
    fc.assert(fc.property(fc.constantFrom('name', '-name', 'gridCode', '-gridCode', 'riskClass', '-riskClass'), fc.nat(), fc.string({ unit: 'binary' }), (sort, id, text) => {
      const kind = sort.replace('-', '') as 'name' | 'gridCode' | 'riskClass'
      const value = kind === 'riskClass' ? ['high', 'higher', 'general', 'low'][id % 4] : text.replace(/\u0000/g, '')
      const cursor = encodeCursor(sort as any, id, value)
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(pageStart({ sort: sort as any, cursor })).toEqual({ sort, from: { id, value } })
      const other = BUSINESS_SORTS.find((s) => s !== sort)!
      expect(codeOf(() => pageStart({ sort: other, cursor }))).toBe('business.cursorSortMismatch')
      expect(codeOf(() => pageStart({ cursor }))).toBe('business.cursorSortMismatch')
    }))
  })

  it('keeps the microseconds of an update time and refuses any other form of it', () => {
    const v = '2024-05-01T10:00:00.123457Z'
    expect(pageStart({ sort: '-updatedAt', cursor: encodeCursor('-updatedAt', 9, v) })).toEqual({ sort: '-updatedAt', from: { id: 9, value: v } })
    for (const bad of ['2024-05-01T10:00:00.123Z', '2024-02-30T10:00:00.000000Z', '2024-05-01 10:00:00.123457+00', ''])
      expect(codeOf(() => pageStart({ sort: '-updatedAt', cursor: encodeCursor('-updatedAt', 9, bad) })), bad).toBe('business.cursorInvalid')
  })

  it('reads the registration order from after or an id cursor, as before', () => {
    expect(pageStart({})).toEqual({ sort: undefined, after: 0 })
    expect(pageStart({ after: 41 })).toEqual({ sort: undefined, after: 41 })
    expect(pageStart({ cursor: encodeCursor('id', 41) })).toEqual({ sort: undefined, after: 41 })
    expect(pageStart({ sort: 'name' })).toEqual({ sort: 'name', from: null })
    expect(codeOf(() => pageStart({ sort: 'name', after: 0 }))).toBe('business.afterWithSort')
    expect(codeOf(() => pageStart({ cursor: encodeCursor('id', 41), after: 41 }))).toBe('business.cursorWithAfter')
  })
})
