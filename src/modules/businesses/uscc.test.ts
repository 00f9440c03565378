import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isValidUscc, kindOfUscc, makeUscc, usccCheckCharacter, usccProblem, USCC_CHARSET } from './uscc.ts'

describe('USCC (GB 32100-2015)', () => {
  it('accepts published real codes', () => {
    // Codes printed on public business licences.
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T']) {
      expect(usccProblem(code)).toBeNull()
    }
  })

  it('names the rule a bad code breaks', () => {
    expect(usccProblem('91350100M000100Y4')).toBe('length')
    expect(usccProblem('91350100M000100Y4I')).toBe('charset')
    expect(usccProblem('Z1350100M000100Y43')).toBe('charset')
    expect(usccProblem('B1350100M000100Y43')).toBe('authority')
    expect(usccProblem('97350100M000100Y43')).toBe('orgType')
    expect(usccProblem('91990100M000100Y43')).toBe('division')
    expect(usccProblem('91350100M000100Y44')).toBe('checkCharacter')
  })

  it('generates valid codes of the requested kind for any serial', () => {
    fc.assert(
      fc.property(fc.constantFrom('enterprise', 'individual', 'cooperative' as const), fc.nat(2 ** 31), (kind, serial) => {
        const code = makeUscc(kind as any, '610111', serial)
        return isValidUscc(code) && kindOfUscc(code) === kind && code.slice(2, 8) === '610111'
      }),
    )
  })

  it('catches every single-character change of a valid code', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (serial, pos, shift) => {
        const code = makeUscc('enterprise', '610111', serial)
        const changed = USCC_CHARSET[(USCC_CHARSET.indexOf(code[pos]) + shift) % 31]
        const mutated = code.slice(0, pos) + changed + code.slice(pos + 1)
        return !isValidUscc(mutated)
      }),
    )
  })

  it('computes a check character that completes the weighted sum to a multiple of 31', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 17, maxLength: 17 }), (chars) => {
        const first17 = chars.join('')
        const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        const sum = chars.reduce((s, c, i) => s + USCC_CHARSET.indexOf(c) * weights[i], 0)
        return (sum + USCC_CHARSET.indexOf(usccCheckCharacter(first17))) % 31 === 0
      }),
    )
  })
})
