/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015. Pure.
 *
 * 18 characters: [1] registration authority, [2] organisation type, [3–8] administrative division
 * code, [9–17] organisation code (GB 11714, with its own check character at 17), [18] check character.
 */

/** The 31 characters of the code: digits and upper-case letters without I, O, S, V, Z. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** Registration authority → the organisation types it may register (GB 32100-2015, annex A). */
const AUTHORITY_TYPES: Record<string, string> = {
  '1': '1239', '2': '19', '3': '123459', '4': '19', '5': '1239', '6': '129', '7': '129', '8': '19',
  '9': '123', A: '19', N: '1239', Y: '1',
}

/** First two digits of a division code: the provinces of GB/T 2260. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44',
  '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
])

export type UsccProblem = 'length' | 'charset' | 'authority' | 'orgType' | 'division' | 'checkCharacter'
/** What is doubtful about a code that GB 32100 accepts. */
export type UsccWarning = 'orgCodeCheck'

/** The GB 32100 check character for the first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]) * WEIGHTS[i]
  return USCC_CHARSET[(31 - (sum % 31)) % 31]
}

/** The GB 11714 check character of an organisation code's first 8 characters. */
export function orgCodeCheckCharacter(first8: string): string {
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const c = first8[i]
    const value = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55 // A = 10 … Z = 35
    sum += value * ORG_WEIGHTS[i]
  }
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

/**
 * The first rule the code breaks, or null when it is a valid USCC. GB 32100-2015's own check
 * character decides; the GB 11714 check of the organisation code inside it (character 17) does not
 * refuse: registration authorities have issued codes whose character 17 does not check, and a real
 * business must be registrable by its real code (issue 13 §6). See usccWarnings.
 */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length'
  for (const c of code) if (!USCC_CHARSET.includes(c)) return 'charset'
  const types = AUTHORITY_TYPES[code[0]]
  if (!types) return 'authority'
  if (!types.includes(code[1])) return 'orgType'
  if (!/^[0-9]{6}$/.test(code.slice(2, 8)) || !PROVINCES.has(code.slice(2, 4))) return 'division'
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return 'checkCharacter'
  return null
}

export const isValidUscc = (code: string) => usccProblem(code) === null

/** What is doubtful about a valid code: its organisation code's own check character (GB 11714), shown, never refused. */
export function usccWarnings(code: string): UsccWarning[] {
  if (usccProblem(code) !== null) return []
  return orgCodeCheckCharacter(code.slice(8, 16)) === code[16] ? [] : ['orgCodeCheck']
}

export type BusinessKind = 'enterprise' | 'individual' | 'cooperative' | 'other'

/** What the market regulator's codes (authority 9) say the business is; null for other authorities. */
export function kindOfUscc(code: string): BusinessKind | null {
  if (code[0] !== '9') return null
  return ({ '1': 'enterprise', '2': 'individual', '3': 'cooperative' } as const)[code[1] as '1' | '2' | '3'] ?? null
}

/**
 * A valid code for generated data: market-regulator authority, the kind's type digit, the given
 * division, and an organisation code built from `serial` (deterministic, distinct per serial).
 */
export function makeUscc(kind: BusinessKind, division: string, serial: number): string {
  const type = { enterprise: '1', individual: '2', cooperative: '3', other: '9' }[kind]
  // 8 characters of organisation code from the serial, in the organisation-code alphabet (digits and A–Z).
  let body = ''
  let n = serial
  const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY' // also valid USCC characters
  for (let i = 0; i < 8; i++) {
    body = ORG_CHARS[n % ORG_CHARS.length] + body
    n = Math.floor(n / ORG_CHARS.length)
  }
  const org = body + orgCodeCheckCharacter(body)
  const first17 = '9' + type + division + org
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) throw new Error(`bad division ${division}`)
  return first17 + usccCheckCharacter(first17)
}
