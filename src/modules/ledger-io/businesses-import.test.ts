import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { makeUscc } from '../businesses/uscc.ts'
import { UsccRows } from './businesses-import.ts'

describe('first row of each USCC in a file', () => {
  it('answers like a Map, through growth and collisions', () => {
    const code = fc.tuple(fc.constantFrom('enterprise', 'individual', 'cooperative'), fc.nat(31 ** 8 - 1))
      .map(([kind, serial]) => makeUscc(kind as 'enterprise', '610111', serial))
    fc.assert(fc.property(fc.array(code, { maxLength: 3000 }), (codes) => {
      const ours = new UsccRows()
      const map = new Map<string, number>()
      codes.forEach((c, row) => {
        const expected = map.get(c) ?? -1
        if (expected === -1) map.set(c, row)
        expect(ours.firstRowOr(c, row)).toBe(expected)
      })
    }), { numRuns: 50 })
    const many = new UsccRows()
    for (let i = 0; i < 200_000; i++) many.firstRowOr(makeUscc('individual', '610111', i), i)
    expect(many.firstRowOr(makeUscc('individual', '610111', 123_456), 9)).toBe(123_456)
    expect(many.firstRowOr(makeUscc('enterprise', '610111', 123_456), 9)).toBe(-1)
  })
})
