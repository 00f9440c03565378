/**
 * Personnel ledger rules (M2.3). Pure: data in, decision out. The service and the importer share
 * `checkPerson`, so a person refused by the API is refused by the same words in an import report.
 */
import { maskPhone } from '../access/personal-data.ts'
import { DUTY_TERMS } from '../../shared/glossary.ts'
import type { ErrorCode } from '../../server/errors.ts'

export const POSITIONS = [
  'station_chief', 'deputy_station_chief', 'supervision_officer', 'coordinator', 'community_cadre', 'deputy',
  'property_manager', 'department_staff', 'other',
] as const
export type Position = (typeof POSITIONS)[number]

/** Roles a person holds in an area (person_roles.role); not the same list as account roles. */
export const PERSON_ROLES = [
  'grid_head', 'grid_manager', 'informant', 'overseer', 'station_chief', 'district_chief', 'command_operator',
  'credit_officer', 'department_liaison', 'administrator',
] as const
export type PersonRole = (typeof PERSON_ROLES)[number]

export const POSITION_LABELS: Record<Position, { zh: string; en: string }> = {
  station_chief: { zh: '所长', en: 'Station chief' },
  deputy_station_chief: { zh: '副所长', en: 'Deputy station chief' },
  supervision_officer: { zh: '监管人员', en: 'Supervision officer' },
  coordinator: { zh: '协管员', en: 'Coordinator' },
  community_cadre: { zh: '社区干部', en: 'Community cadre' },
  deputy: { zh: '人大代表', en: 'Deputy' },
  property_manager: { zh: '物业管理人员', en: 'Property manager' },
  department_staff: { zh: '部门工作人员', en: 'Department staff' },
  other: { zh: '其他', en: 'Other' },
}

/** The duties' names: the glossary's (src/shared/glossary.ts), shared with the console. */
export const ROLE_LABELS: Record<PersonRole, { zh: string; en: string }> = DUTY_TERMS

/**
 * Where an area sits, counted from the bottom of its profile: the deepest level is the grid, the one
 * above it the station (community), anything higher the district (sub-district). Counting from the
 * bottom keeps the rule right for profiles of other depths (M1.1).
 */
export type AreaTier = 'district' | 'station' | 'grid'
const TIER_LABELS: Record<AreaTier, { zh: string; en: string }> = {
  district: { zh: '片区', en: 'district' },
  station: { zh: '单元', en: 'station' },
  grid: { zh: '网格', en: 'grid' },
}

export interface AreaInfo {
  code: string
  level: number
  /** number of levels of the area's profile */
  depth: number
  retired: boolean
}

export function areaTier(area: Pick<AreaInfo, 'level' | 'depth'>): AreaTier {
  if (area.level >= area.depth) return 'grid'
  if (area.level === area.depth - 1) return 'station'
  return 'district'
}

/** M2.3 which role may sit at which level of the tree. */
export const ROLE_TIERS: Record<PersonRole, readonly AreaTier[]> = {
  grid_head: ['grid'],
  grid_manager: ['grid'],
  informant: ['grid'],
  overseer: ['grid'],
  station_chief: ['station'],
  district_chief: ['district'],
  command_operator: ['district', 'station'],
  credit_officer: ['district', 'station'],
  department_liaison: ['district', 'station'],
  administrator: ['district', 'station'],
}

export const GRID_ROLES: readonly PersonRole[] = ['grid_head', 'grid_manager', 'informant', 'overseer']

/** 网格长由副所长或监管人员担任 (M2.3). */
const GRID_HEAD_POSITIONS: readonly Position[] = ['deputy_station_chief', 'supervision_officer']
const MIN_OVERSEERS = 1
const MAX_OVERSEERS = 3

const isPosition = (v: string): v is Position => (POSITIONS as readonly string[]).includes(v)
const isPersonRole = (v: string): v is PersonRole => (PERSON_ROLES as readonly string[]).includes(v)

/** One thing wrong with an input: an error code of errors.ts, the field it concerns and the message values. */
export interface Problem {
  code: ErrorCode
  field: string
  details: Record<string, unknown>
}

/** The problem of putting `role` on `area`, or null when the role may sit there. */
export function checkRoleArea(role: PersonRole, area: Pick<AreaInfo, 'code' | 'level' | 'depth'>, field: string): Problem | null {
  const tier = areaTier(area)
  const allowed = ROLE_TIERS[role]
  if (allowed.includes(tier)) return null
  return {
    code: 'person.roleLevelMismatch',
    field,
    details: {
      field, role, roleZh: ROLE_LABELS[role].zh, roleEn: ROLE_LABELS[role].en, areaCode: area.code, level: tier, levelZh: TIER_LABELS[tier].zh,
      levelEn: TIER_LABELS[tier].en ?? tier, allowed: allowed.join(', '), allowedZh: allowed.map((t) => TIER_LABELS[t].zh).join('、'),
      allowedEn: allowed.map((t) => TIER_LABELS[t].en ?? t).join(', '),
    },
  }
}

// Mainland mobile numbers, or a landline with area code (and an optional extension).
const MOBILE = /^1[3-9][0-9]{9}$/
const LANDLINE = /^0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}(-[0-9]{1,6})?$/
const MASKED = /^[0-9]{3}\*{4}[0-9]{4}$/

function isValidPhone(phone: string): boolean {
  return MOBILE.test(phone) || LANDLINE.test(phone)
}

function isMaskedPhone(phone: string): boolean {
  return MASKED.test(phone)
}

export { maskPhone }

export interface RoleAssignment {
  role: string
  areaCode: string
}

/** A person as the ledger stores it. */
export interface PersonRecord {
  name: string
  position: string
  phone: string | null
  organisation: string | null
  areaCode: string
  onDuty: boolean
  roles: RoleAssignment[]
}

/** What a create or an update gives; a field left undefined keeps its current value. */
export interface PersonChange {
  name?: string
  position?: string
  phone?: string | null
  organisation?: string | null
  areaCode?: string
  onDuty?: boolean
  roles?: RoleAssignment[]
}

export interface CheckContext {
  /** the areas the input names, by code; a code missing here is unknown */
  areas: ReadonlyMap<string, AreaInfo>
  /** the actor's scope prefix */
  scope: string
  /** the person as stored, for an update: what is unchanged is not checked again */
  current?: PersonRecord | null
}

const MAX_NAME = 100
const MAX_ORGANISATION = 200

const inScope = (scope: string, code: string) => code.startsWith(scope)
const PERSONAL_FIELDS = ['name', 'position', 'phone', 'organisation', 'areaCode', 'onDuty'] as const

/**
 * The person after `change`. Roles given replace the person's roles inside the actor's scope; roles
 * outside it stay (a station chief cannot drop a duty another station gave). A masked phone equal
 * to the stored number's mask keeps the stored number, so an exported file can be re-imported.
 */
export function mergeChange(current: PersonRecord | null, change: PersonChange, scope: string): PersonRecord {
  const pick = <K extends keyof PersonChange>(k: K, fallback: any) => (change[k] === undefined ? fallback : change[k])
  let phone: string | null = pick('phone', current?.phone ?? null)
  phone = phone === null || phone.trim() === '' ? null : phone.trim()
  if (phone && current?.phone && isMaskedPhone(phone) && maskPhone(current.phone) === phone) phone = current.phone
  const organisation: string | null = pick('organisation', current?.organisation ?? null)
  const roles = change.roles === undefined
    ? current?.roles ?? []
    : normaliseRoles([...(current?.roles ?? []).filter((r) => !inScope(scope, r.areaCode)), ...change.roles])
  return {
    name: String(pick('name', current?.name ?? '')).trim(),
    position: pick('position', current?.position ?? ''),
    phone,
    organisation: organisation === null || organisation.trim() === '' ? null : organisation.trim(),
    areaCode: pick('areaCode', current?.areaCode ?? ''),
    onDuty: pick('onDuty', current?.onDuty ?? true),
    roles,
  }
}

/**
 * Every problem of a person as the ledger would store it, in field order. Area codes are checked
 * for existence and scope, roles for their level (M2.3). On an update only what changed is checked:
 * a value accepted before stays acceptable, and a person whose home unit lies outside the actor's
 * scope (seen through a duty inside it) may get duties but no change of personal fields.
 */
export function checkPerson(next: PersonRecord, ctx: CheckContext): Problem[] {
  const cur = ctx.current ?? null
  const changed = (k: (typeof PERSONAL_FIELDS)[number]) => !cur || cur[k] !== next[k]
  const problems: Problem[] = []
  if (changed('name')) {
    if (next.name === '') problems.push({ code: 'person.fieldRequired', field: 'name', details: { field: 'name' } })
    else if ([...next.name].length > MAX_NAME) problems.push({ code: 'person.fieldTooLong', field: 'name', details: { field: 'name', max: MAX_NAME } })
  }
  if (changed('position') && !isPosition(next.position)) {
    problems.push({
      code: 'person.positionUnknown', field: 'position',
      details: { field: 'position', value: next.position, allowedZh: POSITIONS.map((x) => POSITION_LABELS[x].zh).join('、'), allowedEn: POSITIONS.map((x) => POSITION_LABELS[x].en).join(', ') },
    })
  }
  if (changed('phone') && next.phone !== null) {
    if (isMaskedPhone(next.phone)) problems.push({ code: 'person.phoneMasked', field: 'phone', details: { field: 'phone', value: next.phone } })
    else if (!isValidPhone(next.phone)) problems.push({ code: 'person.phoneInvalid', field: 'phone', details: { field: 'phone', value: next.phone } })
  }
  if (changed('organisation') && [...(next.organisation ?? '')].length > MAX_ORGANISATION) {
    problems.push({ code: 'person.fieldTooLong', field: 'organisation', details: { field: 'organisation', max: MAX_ORGANISATION } })
  }
  if (cur && !inScope(ctx.scope, cur.areaCode) && PERSONAL_FIELDS.some(changed)) {
    problems.push({ code: 'person.areaOutOfScope', field: 'areaCode', details: { field: 'areaCode', areaCode: cur.areaCode } })
  } else if (changed('areaCode')) {
    const home = areaProblem(next.areaCode, 'areaCode', ctx)
    if (home) problems.push(home)
  }
  const held = new Set((cur?.roles ?? []).map((r) => `${r.role}@${r.areaCode}`))
  // Roles are named by their value, not by a position in the list: the stored set is normalised.
  for (const r of next.roles) {
    if (held.has(`${r.role}@${r.areaCode}`)) continue
    if (!isPersonRole(r.role)) {
      problems.push({
        code: 'person.roleUnknown', field: 'roles',
        details: { field: 'roles', value: r.role, allowedZh: PERSON_ROLES.map((x) => ROLE_LABELS[x].zh).join('、'), allowedEn: PERSON_ROLES.map((x) => ROLE_LABELS[x].en).join(', ') },
      })
      continue
    }
    const p = areaProblem(r.areaCode, 'roles', ctx) ?? checkRoleArea(r.role, ctx.areas.get(r.areaCode)!, 'roles')
    if (p) problems.push(p)
  }
  return problems
}

function areaProblem(code: string, field: string, ctx: CheckContext): Problem | null {
  const area = ctx.areas.get(code)
  if (!area || area.retired) return { code: 'person.areaUnknown', field, details: { field, areaCode: code } }
  if (!inScope(ctx.scope, code)) return { code: 'person.areaOutOfScope', field, details: { field, areaCode: code } }
  return null
}

/** The role set without repeats, in a stable order (role list order, then area code). */
export function normaliseRoles(roles: readonly RoleAssignment[]): RoleAssignment[] {
  const seen = new Map<string, RoleAssignment>()
  for (const r of roles) seen.set(`${r.role}@${r.areaCode}`, { role: r.role, areaCode: r.areaCode })
  const rank = (role: string) => (PERSON_ROLES as readonly string[]).indexOf(role)
  return [...seen.values()].sort((a, b) => rank(a.role) - rank(b.role) || a.areaCode.localeCompare(b.areaCode))
}

// ---------------------------------------------------------------------------------------------
// Staffing of a grid (M2.3)

export interface GridAssignment {
  personId: number
  name: string
  position: string
  onDuty: boolean
  role: string
}

export const VIOLATION_CODES = ['noGridHead', 'gridHeadNotOfficer', 'noOverseer', 'tooManyOverseers'] as const
export type ViolationCode = (typeof VIOLATION_CODES)[number]

export interface PersonRef {
  id: number
  name: string
}

export interface Violation {
  code: ViolationCode
  /** the people concerned: off-duty holders for a missing role, the offenders otherwise */
  people: PersonRef[]
}

export const VIOLATION_TEXT: Record<ViolationCode, { zh: string; en: string }> = {
  noGridHead: { zh: '没有在岗的网格长', en: 'No grid head on duty' },
  gridHeadNotOfficer: {
    zh: '网格长须由副所长或监管人员担任', en: 'A grid head must be a deputy station chief or a supervision officer',
  },
  noOverseer: { zh: `没有在岗的监督员（应为 ${MIN_OVERSEERS}–${MAX_OVERSEERS} 名）`, en: `No overseer on duty (${MIN_OVERSEERS}–${MAX_OVERSEERS} required)` },
  tooManyOverseers: { zh: `监督员超过 ${MAX_OVERSEERS} 名`, en: `More than ${MAX_OVERSEERS} overseers` },
}

export interface StaffingCounts {
  gridHead: number
  gridManager: number
  informant: number
  overseer: number
  /** distinct people holding a role in the grid while off duty (counted in no rule) */
  offDuty: number
}

const ref = (a: GridAssignment): PersonRef => ({ id: a.personId, name: a.name })
const byId = (a: PersonRef, b: PersonRef) => a.id - b.id

/** On-duty holders per grid role, and the off-duty people apart. */
export function staffingCounts(assignments: readonly GridAssignment[]): StaffingCounts {
  const on = (role: string) => new Set(assignments.filter((a) => a.onDuty && a.role === role).map((a) => a.personId)).size
  return {
    gridHead: on('grid_head'), gridManager: on('grid_manager'), informant: on('informant'), overseer: on('overseer'),
    offDuty: new Set(assignments.filter((a) => !a.onDuty).map((a) => a.personId)).size,
  }
}

/**
 * The staffing rules a grid breaks (M2.3): at least one grid head, each a deputy station chief or
 * a supervision officer; 1–3 overseers; managers and informants any number. Only people on duty
 * count: an off-duty grid head leaves the grid without a head (he is named in the violation).
 */
export function staffingViolations(_grid: { code: string }, assignments: readonly GridAssignment[]): Violation[] {
  const unique = (list: GridAssignment[]) => [...new Map(list.map((a) => [a.personId, ref(a)])).values()].sort(byId)
  const holders = (role: string, onDuty: boolean) => unique(assignments.filter((a) => a.role === role && a.onDuty === onDuty))
  const violations: Violation[] = []
  const heads = holders('grid_head', true)
  if (heads.length === 0) violations.push({ code: 'noGridHead', people: holders('grid_head', false) })
  const notOfficers = unique(assignments.filter((a) => a.role === 'grid_head' && a.onDuty && !(GRID_HEAD_POSITIONS as readonly string[]).includes(a.position)))
  if (notOfficers.length > 0) violations.push({ code: 'gridHeadNotOfficer', people: notOfficers })
  const overseers = holders('overseer', true)
  if (overseers.length < MIN_OVERSEERS) violations.push({ code: 'noOverseer', people: holders('overseer', false) })
  if (overseers.length > MAX_OVERSEERS) violations.push({ code: 'tooManyOverseers', people: overseers })
  return violations
}
