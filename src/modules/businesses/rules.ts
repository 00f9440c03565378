/**
 * What a regulated business must look like (M2.2). Pure: data in, problems or a clean record out.
 * The HTTP API and the file import both pass every business through `checkBusiness`, so a row of a
 * file and a form are refused for the same reasons with the same messages.
 */
import gcoordModule from 'gcoord'
import { kindOfUscc, usccProblem, type BusinessKind, type UsccProblem } from './uscc.ts'

// gcoord is CommonJS whose types describe an ES default export: at run time the default import is
// the API itself under Node, but TypeScript sees it one level down (and the console's bundler
// resolution sees it at the top: the console runs these rules too).
type Gcoord = typeof gcoordModule extends { default: infer D } ? D : typeof gcoordModule
const gcoord = ((gcoordModule as any).transform ? gcoordModule : (gcoordModule as any).default) as Gcoord

/** GB 32100 type codes of the market regulator (authority 9): enterprise, individual, cooperative; 'other'
 * for organisations registered by other authorities (public institutions, social organisations…). */
export const KINDS = ['enterprise', 'individual', 'cooperative', 'other'] as const
/** M2.2 key domains: food (incl. special food), special equipment, key industrial products */
export const KEY_DOMAINS = ['food', 'special_food', 'special_equipment', 'industrial_products'] as const
export const OPERATING_STATES = ['operating', 'suspended', 'closed', 'deregistered'] as const
export const RISK_CLASSES = ['high', 'higher', 'general', 'low'] as const

type Labels<K extends string> = Record<K, { zh: string; en: string }>

/**
 * What the ledger's coded values are called, in both languages: the export writes these, the import
 * reads them (or the codes), and messages name values by them.
 */
export const VALUE_LABELS: {
  kind: Labels<(typeof KINDS)[number]>
  operatingState: Labels<(typeof OPERATING_STATES)[number]>
  riskClass: Labels<(typeof RISK_CLASSES)[number]>
  keyDomains: Labels<(typeof KEY_DOMAINS)[number]>
} = {
  kind: { enterprise: { zh: '企业', en: 'Enterprise' }, individual: { zh: '个体工商户', en: 'Individual business' }, cooperative: { zh: '农民专业合作社', en: 'Farmers’ cooperative' }, other: { zh: '其他组织', en: 'Other organisation' } },
  operatingState: {
    operating: { zh: '在营', en: 'Operating' }, suspended: { zh: '停业', en: 'Suspended' }, closed: { zh: '歇业', en: 'Closed' },
    deregistered: { zh: '注销', en: 'Deregistered' },
  },
  riskClass: { high: { zh: '高风险', en: 'High risk' }, higher: { zh: '较高风险', en: 'Elevated risk' }, general: { zh: '一般风险', en: 'General risk' }, low: { zh: '低风险', en: 'Low risk' } },
  keyDomains: {
    food: { zh: '食品', en: 'Food' }, special_food: { zh: '特殊食品', en: 'Special food' }, special_equipment: { zh: '特种设备', en: 'Special equipment' },
    industrial_products: { zh: '重点工业产品', en: 'Key industrial products' },
  },
}

type KeyDomain = (typeof KEY_DOMAINS)[number]
type OperatingState = (typeof OPERATING_STATES)[number]
export type RiskClass = (typeof RISK_CLASSES)[number]
/** Q4 input coordinate systems; storage is always WGS-84 */
export type Crs = 'WGS84' | 'GCJ02' | 'BD09'

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

const USCC_RULE_TEXT: Record<UsccProblem, { zh: string; en: string }> = {
  length: { zh: '须为 18 位', en: 'it must have 18 characters' },
  charset: { zh: '只能包含数字和除 I、O、S、V、Z 以外的大写字母', en: 'only digits and capital letters other than I, O, S, V, Z are allowed' },
  authority: { zh: '第 1 位登记管理部门代码不存在', en: 'character 1 is not a registration authority' },
  orgType: { zh: '第 2 位机构类别不属于该登记管理部门', en: 'character 2 is not an organisation type of that authority' },
  division: { zh: '第 3–8 位行政区划码不正确', en: 'characters 3–8 are not an administrative division code' },
  checkCharacter: { zh: '第 18 位校验码错误', en: 'the check character (18) is wrong' },
}

const LIMITS = {
  name: [1, 200], registeredAddress: [1, 300], actualAddress: [0, 300], industry: [0, 100],
  legalRepresentative: [0, 50], licenceType: [1, 50], licenceNumber: [1, 100],
} as const
const MAX_LICENCES = 50

/**
 * A real calendar date written YYYY-MM-DD. Read digit by digit (the import checks a million rows, Q5);
 * it answers as `new Date(Date.UTC(y, m - 1, d))` round-tripping would, which also refuses the
 * years 0000–0099 (Date.UTC takes them as 1900–1999).
 */
function isDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  let y = 0
  let m = 0
  let d = 0
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return false
    if (i < 4) y = y * 10 + c
    else if (i < 7) m = m * 10 + c
    else d = d * 10 + c
  }
  if (y < 100 || m < 1 || m > 12 || d < 1) return false
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
  return d <= days
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

function isCoordinateInRange(lng: number, lat: number): boolean {
  return Number.isFinite(lng) && Number.isFinite(lat) && lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90
}

/** Characters as users count them: code points, a lone surrogate counting as one (as `[...s].length`). */
function codePoints(s: string): number {
  let n = s.length
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--
        i++
      }
    }
  }
  return n
}

function checkLength(problems: Problem[], field: keyof typeof LIMITS, label: string, value: string | null) {
  const limits = LIMITS[field]
  const min = limits[0]
  const max = limits[1]
  // A string has between length / 2 and length code points: count them only when that decides.
  const length = value === null ? 0 : value.length
  if (length <= max && (length + 1) >> 1 >= min) return
  const n = value === null ? 0 : codePoints(value)
  if (n < min || n > max) problems.push({ field: label, rule: n < min ? 'minLength' : 'maxLength', code: 'business.fieldLength', details: { field: label, min, max } })
}

/** The values in first-seen order without repeats (`[...new Set(values)]`, without the Set for the usual one or two). */
function distinct(values: string[] | undefined): string[] {
  if (!values || values.length === 0) return []
  if (values.length === 1) return [values[0]]
  if (values.length > 8) return [...new Set(values)]
  const out: string[] = []
  for (const v of values) if (!out.includes(v)) out.push(v)
  return out
}

function checkEnum(problems: Problem[], field: string, value: string, allowed: readonly string[]) {
  if (!allowed.includes(value)) {
    // The allowed values by their names, as the form and the file show them.
    const labels = (VALUE_LABELS as Record<string, Record<string, { zh: string; en: string }>>)[field]
    const names = (lang: 'zh' | 'en') => allowed.map((a) => labels?.[a]?.[lang] ?? a).join(lang === 'zh' ? '、' : ', ')
    problems.push({ field, rule: 'enum', code: 'business.valueNotAllowed', details: { field, value, allowedZh: names('zh'), allowedEn: names('en') } })
  }
}

/** The USCC problem as a Problem, or null. Kept apart so the import can check codes in a tight loop. */
function usccAsProblem(uscc: string): Problem | null {
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
    // A code issued by another authority (1 机构编制, 5 民政, …) says nothing of the three market
    // kinds: it is an 'other' organisation unless the person says otherwise (issue 13 §6). The
    // market regulator's own codes always name their kind (type digits 1–3, checked above).
    if (kind !== null && expected !== null && kind !== expected && KINDS.includes(kind)) {
      const k = VALUE_LABELS.kind
      problems.push({
        field: 'kind', rule: 'matchesUscc', code: 'business.kindMismatch',
        details: { field: 'kind', kind, expected, kindZh: k[kind as BusinessKind]?.zh ?? kind, kindEn: k[kind as BusinessKind]?.en ?? kind, expectedZh: k[expected].zh, expectedEn: k[expected].en },
      })
    }
    kind = kind ?? expected ?? 'other'
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
  for (let i = 0; i < given.length && i < MAX_LICENCES; i++) {
    const l = given[i]
    const index = i + 1
    const field = `licences.${i}`
    const type = l.type.trim()
    const number = l.number.trim()
    const validFrom = blankToNull(l.validFrom)
    const validTo = blankToNull(l.validTo)
    if (type.length < 1 || type.length > LIMITS.licenceType[1] || number.length < 1 || number.length > LIMITS.licenceNumber[1]) {
      problems.push({ field, rule: 'typeAndNumber', code: 'business.licenceInvalid', details: { index, reasonZh: '须有许可证类型（≤50 字）和编号（≤100 字）', reasonEn: 'needs a type (≤ 50 characters) and a number (≤ 100 characters)' } })
      continue
    }
    const badDate = validFrom !== null && !isDate(validFrom) ? validFrom : validTo !== null && !isDate(validTo) ? validTo : null
    if (badDate !== null) {
      problems.push({ field, rule: 'date', code: 'business.licenceInvalid', details: { index, reasonZh: `日期 ${badDate} 不是 YYYY-MM-DD 格式的有效日期`, reasonEn: `${badDate} is not a valid YYYY-MM-DD date` } })
      continue
    }
    // ISO dates compare as strings.
    if (validFrom !== null && validTo !== null && validTo < validFrom) {
      problems.push({ field, rule: 'validToNotBeforeValidFrom', code: 'business.licenceDates', details: { index, validFrom, validTo } })
      continue
    }
    licences.push({ type, number, validFrom, validTo })
  }

  const keyDomains = distinct(input.keyDomains)
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
    } else if (crs === 'WGS84') {
      lng = x
      lat = y
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

export { maskName, maskPhone } from '../access/personal-data.ts'
