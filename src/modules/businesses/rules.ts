/**
 * What a regulated business must look like (M2.2). Pure: data in, problems or a clean record out.
 * The HTTP API and the file import both pass every business through `checkBusiness`, so a row of a
 * file and a form are refused for the same reasons with the same messages.
 */
import gcoordModule from 'gcoord'
import { kindOfUscc, usccProblem, type BusinessKind, type UsccProblem } from './uscc.ts'

// gcoord is CommonJS whose types describe an ES default export: at run time the default import is
// the API itself under Node, but TypeScript sees it one level down.
const gcoord = ((gcoordModule as any).transform ? gcoordModule : (gcoordModule as any).default) as (typeof gcoordModule)['default']

export const KINDS = ['enterprise', 'individual', 'cooperative'] as const
/** M2.2 key domains: food (incl. special food), special equipment, key industrial products */
export const KEY_DOMAINS = ['food', 'special_food', 'special_equipment', 'industrial_products'] as const
export const OPERATING_STATES = ['operating', 'suspended', 'closed', 'deregistered'] as const
export const RISK_CLASSES = ['high', 'higher', 'general', 'low'] as const
/** Q4 input coordinate systems; storage is always WGS-84 */
export const CRS_LIST = ['WGS84', 'GCJ02', 'BD09'] as const

export type KeyDomain = (typeof KEY_DOMAINS)[number]
export type OperatingState = (typeof OPERATING_STATES)[number]
export type RiskClass = (typeof RISK_CLASSES)[number]
export type Crs = (typeof CRS_LIST)[number]

export interface Licence {
  type: string
  number: string
  /** YYYY-MM-DD; absent for a licence without a start or end (长期) */
  validFrom?: string | null
  validTo?: string | null
}

export interface BusinessInput {
  uscc: string
  name: string
  kind?: BusinessKind | null
  registeredAddress: string
  actualAddress?: string | null
  location?: { lng: number; lat: number } | null
  industry?: string | null
  licences?: Licence[]
  keyDomains?: string[]
  operatingState?: string
  riskClass?: string
  legalRepresentative?: string | null
  contactPhone?: string | null
}

/** A business that passed every rule: kind derived, coordinates in WGS-84. */
export interface BusinessRecord {
  uscc: string
  name: string
  kind: BusinessKind
  registeredAddress: string
  actualAddress: string | null
  lng: number | null
  lat: number | null
  industry: string | null
  licences: Licence[]
  keyDomains: KeyDomain[]
  operatingState: OperatingState
  riskClass: RiskClass
  legalRepresentative: string | null
  contactPhone: string | null
}

/** One broken rule: `code` is an error code of errors.ts, `details` fills its message. */
export interface Problem {
  field: string
  rule: string
  code: string
  details: Record<string, unknown>
}

export const USCC_RULE_TEXT: Record<UsccProblem, { zh: string; en: string }> = {
  length: { zh: '须为 18 位', en: 'it must have 18 characters' },
  charset: { zh: '只能包含数字和除 I、O、S、V、Z 以外的大写字母', en: 'only digits and capital letters other than I, O, S, V, Z are allowed' },
  authority: { zh: '第 1 位登记管理部门代码不存在', en: 'character 1 is not a registration authority' },
  orgType: { zh: '第 2 位机构类别不属于该登记管理部门', en: 'character 2 is not an organisation type of that authority' },
  division: { zh: '第 3–8 位行政区划码不正确', en: 'characters 3–8 are not an administrative division code' },
  orgCodeCheck: { zh: '第 9–17 位组织机构代码校验位错误', en: 'the organisation code (characters 9–17) fails its check' },
  checkCharacter: { zh: '第 18 位校验码错误', en: 'the check character (18) is wrong' },
}

const LIMITS = {
  name: [1, 200], registeredAddress: [1, 300], actualAddress: [0, 300], industry: [0, 100],
  legalRepresentative: [0, 50], licenceType: [1, 50], licenceNumber: [1, 100],
} as const
export const MAX_LICENCES = 50

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
function isDate(s: string): boolean {
  const m = DATE.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
}

const PHONE = /^[0-9+\- ]{7,20}$/

function blankToNull(s: string | null | undefined): string | null {
  if (s === undefined || s === null) return null
  const t = s.trim()
  return t === '' ? null : t
}

/** WGS-84 coordinates of a point given in `crs` (Q4: GCJ-02 and BD-09 input is converted). */
export function toWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'WGS84') return [lng, lat]
  const out = gcoord.transform([lng, lat], crs === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09, gcoord.WGS84) as [number, number]
  return [out[0], out[1]]
}

export function isCoordinateInRange(lng: number, lat: number): boolean {
  return Number.isFinite(lng) && Number.isFinite(lat) && lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90
}

function checkLength(problems: Problem[], field: keyof typeof LIMITS, label: string, value: string | null) {
  const [min, max] = LIMITS[field]
  const n = value === null ? 0 : [...value].length
  if (n < min || n > max) problems.push({ field: label, rule: n < min ? 'minLength' : 'maxLength', code: 'business.fieldLength', details: { field: label, min, max } })
}

function checkEnum(problems: Problem[], field: string, value: string, allowed: readonly string[]) {
  if (!allowed.includes(value)) {
    problems.push({ field, rule: 'enum', code: 'business.valueNotAllowed', details: { field, value, allowed: allowed.join(', ') } })
  }
}

/** The USCC problem as a Problem, or null. Kept apart so the import can check codes in a tight loop. */
export function usccAsProblem(uscc: string): Problem | null {
  const rule = usccProblem(uscc)
  if (!rule) return null
  return {
    field: 'uscc', rule, code: 'business.invalidUscc',
    details: { field: 'uscc', uscc, rule, ruleZh: USCC_RULE_TEXT[rule].zh, ruleEn: USCC_RULE_TEXT[rule].en },
  }
}

/**
 * Every rule the input breaks (empty when none) and, when it breaks none, the record to store.
 * `crs` is the coordinate system the location was given in.
 */
export function checkBusiness(input: BusinessInput, crs: Crs = 'WGS84'): { problems: Problem[]; record: BusinessRecord | null } {
  const problems: Problem[] = []
  const uscc = input.uscc.trim()
  const usccBad = usccAsProblem(uscc)
  if (usccBad) problems.push(usccBad)

  let kind = input.kind ?? null
  if (kind !== null) checkEnum(problems, 'kind', kind, KINDS)
  if (!usccBad) {
    const expected = kindOfUscc(uscc)
    if (kind === null && expected === null) {
      problems.push({ field: 'kind', rule: 'required', code: 'business.kindRequired', details: { field: 'kind' } })
    } else if (kind !== null && expected !== null && kind !== expected && KINDS.includes(kind)) {
      problems.push({ field: 'kind', rule: 'matchesUscc', code: 'business.kindMismatch', details: { field: 'kind', kind, expected } })
    }
    kind = kind ?? expected
  }

  const name = input.name.trim()
  const registeredAddress = input.registeredAddress.trim()
  const actualAddress = blankToNull(input.actualAddress)
  const industry = blankToNull(input.industry)
  const legalRepresentative = blankToNull(input.legalRepresentative)
  const contactPhone = blankToNull(input.contactPhone)
  checkLength(problems, 'name', 'name', name)
  checkLength(problems, 'registeredAddress', 'registeredAddress', registeredAddress)
  checkLength(problems, 'actualAddress', 'actualAddress', actualAddress)
  checkLength(problems, 'industry', 'industry', industry)
  checkLength(problems, 'legalRepresentative', 'legalRepresentative', legalRepresentative)
  if (contactPhone !== null && !PHONE.test(contactPhone)) {
    problems.push({ field: 'contactPhone', rule: 'pattern', code: 'business.phoneInvalid', details: { field: 'contactPhone' } })
  }

  const licences: Licence[] = []
  const given = input.licences ?? []
  if (given.length > MAX_LICENCES) {
    problems.push({ field: 'licences', rule: 'maxItems', code: 'business.licenceInvalid', details: { index: MAX_LICENCES + 1, reasonZh: `最多 ${MAX_LICENCES} 个`, reasonEn: `at most ${MAX_LICENCES} are allowed` } })
  }
  given.slice(0, MAX_LICENCES).forEach((l, i) => {
    const index = i + 1
    const field = `licences.${i}`
    const type = l.type.trim()
    const number = l.number.trim()
    const validFrom = blankToNull(l.validFrom)
    const validTo = blankToNull(l.validTo)
    if (type.length < 1 || type.length > LIMITS.licenceType[1] || number.length < 1 || number.length > LIMITS.licenceNumber[1]) {
      problems.push({ field, rule: 'typeAndNumber', code: 'business.licenceInvalid', details: { index, reasonZh: '须有许可证类型（≤50 字）和编号（≤100 字）', reasonEn: 'needs a type (≤ 50 characters) and a number (≤ 100 characters)' } })
      return
    }
    for (const d of [validFrom, validTo]) {
      if (d !== null && !isDate(d)) {
        problems.push({ field, rule: 'date', code: 'business.licenceInvalid', details: { index, reasonZh: `日期 ${d} 不是 YYYY-MM-DD 格式的有效日期`, reasonEn: `${d} is not a valid YYYY-MM-DD date` } })
        return
      }
    }
    // ISO dates compare as strings.
    if (validFrom !== null && validTo !== null && validTo < validFrom) {
      problems.push({ field, rule: 'validToNotBeforeValidFrom', code: 'business.licenceDates', details: { index, validFrom, validTo } })
      return
    }
    licences.push({ type, number, validFrom, validTo })
  })

  const keyDomains = [...new Set(input.keyDomains ?? [])]
  for (const d of keyDomains) checkEnum(problems, 'keyDomains', d, KEY_DOMAINS)
  const operatingState = input.operatingState ?? 'operating'
  checkEnum(problems, 'operatingState', operatingState, OPERATING_STATES)
  const riskClass = input.riskClass ?? 'general'
  checkEnum(problems, 'riskClass', riskClass, RISK_CLASSES)

  let lng: number | null = null
  let lat: number | null = null
  if (input.location) {
    const { lng: x, lat: y } = input.location
    if (!isCoordinateInRange(x, y)) {
      problems.push({ field: 'location', rule: 'range', code: 'business.coordinatesInvalid', details: { field: 'location', lng: x, lat: y } })
    } else {
      ;[lng, lat] = toWgs84(x, y, crs)
    }
  }

  if (problems.length) return { problems, record: null }
  return {
    problems,
    record: {
      uscc, name, kind: kind as BusinessKind, registeredAddress, actualAddress, lng, lat, industry, licences,
      keyDomains: keyDomains as KeyDomain[], operatingState: operatingState as OperatingState, riskClass: riskClass as RiskClass,
      legalRepresentative, contactPhone,
    },
  }
}

/** Personal data shown to those without 'person.readPersonal': 13812341234 → 138****1234. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null
  const chars = [...phone]
  if (chars.length >= 8) return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('')
  return '*'.repeat(Math.max(chars.length - 2, 0)) + chars.slice(-2).join('')
}

/** 张三 → 张*, 欧阳修 → 欧**. */
export function maskName(name: string | null): string | null {
  if (name === null) return null
  const chars = [...name]
  if (chars.length <= 1) return '*'
  return chars[0] + '*'.repeat(chars.length - 1)
}
