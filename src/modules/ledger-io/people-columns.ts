/**
 * The columns of the personnel ledger file (M2.4) and how cells read and write. Pure. Headers and
 * labels are accepted in Chinese and English; an export writes what an import reads back.
 */
import type { Lang } from '../../server/errors.ts'
import {
  POSITION_LABELS, POSITIONS, ROLE_LABELS, PERSON_ROLES, type PersonChange, type PersonRole, type Position, type Problem,
  type RoleAssignment,
} from '../people/rules.ts'
import type { Column } from '../../server/tabular.ts'
import { DUTY_TERMS, OFF_DUTY, ON_DUTY, RETIRED_TERMS } from '../../shared/glossary.ts'

export const PEOPLE_COLUMNS: Column[] = [
  // Present in exports: a row with an id updates that person, so a re-imported export adds nobody twice.
  { key: 'id', zh: '人员编号', en: 'ID' },
  { key: 'name', zh: '姓名', en: 'Name', required: true },
  { key: 'position', zh: '职务', en: 'Position', required: true },
  { key: 'phone', zh: '联系电话', en: 'Phone' },
  { key: 'organisation', zh: '单位', en: 'Organisation' },
  { key: 'areaCode', zh: '所属单位编码', en: 'Home unit code', required: true },
  { key: 'onDuty', ...ON_DUTY },
  { key: 'roles', zh: '网格职责', en: 'Roles' },
]

export function columnLabel(key: string, lang: Lang): string {
  const c = PEOPLE_COLUMNS.find((col) => col.key === key)
  return c ? (lang === 'en' ? c.en : c.zh) : key
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ')

function lookup<K extends string>(keys: readonly K[], labels: Record<K, { zh: string; en: string }>, extra: Record<string, K> = {}) {
  const map = new Map<string, K>()
  for (const k of keys) for (const name of [k, labels[k].zh, labels[k].en]) map.set(norm(name), k)
  for (const [name, k] of Object.entries(extra)) map.set(norm(name), k)
  return (text: string): K | null => map.get(norm(text)) ?? null
}

/** Position from its key or its Chinese/English label (副所长 → deputy_station_chief). */
const parsePosition = lookup<Position>(POSITIONS, POSITION_LABELS, { 监管员: 'supervision_officer', 网格协管员: 'coordinator' })
/** Role from its key or label (网格长 → grid_head); 网格管理员 is read as grid_manager too. */
export const parseRole = lookup<PersonRole>(PERSON_ROLES, ROLE_LABELS, {
  网格管理员: 'grid_manager', 网格监督员: 'overseer', 网格信息员: 'informant',
  // Retired words for a duty still read (glossary.ts RETIRED_TERMS).
  ...Object.fromEntries(Object.entries(RETIRED_TERMS).flatMap(([word, term]) => {
    const key = (Object.keys(DUTY_TERMS) as PersonRole[]).find((k) => DUTY_TERMS[k] === term)
    return key ? [[word, key]] : []
  })),
})

// The glossary's words, and the words retired from the texts: files written before still read.
const YES = new Set(['是', ON_DUTY.zh, ON_DUTY.en.toLowerCase(), 'true', 'yes', 'y', '1'])
const NO = new Set(['否', OFF_DUTY.zh, OFF_DUTY.en.toLowerCase(), ...Object.entries(RETIRED_TERMS).filter(([, t]) => t === OFF_DUTY).map(([word]) => word), 'false', 'no', 'n', '0'])

export function parseOnDuty(text: string): boolean | null {
  const t = norm(text)
  if (YES.has(t)) return true
  if (NO.has(t)) return false
  return null
}

/** "grid_head@050101;监督员@050102" → duties; the unknown names kept as written for the rules to refuse. */
export function parseRoles(text: string): { roles: RoleAssignment[]; bad: string | null } {
  const roles: RoleAssignment[] = []
  for (const part of text.split(/[;；,，\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[@＠]\s*([0-9]{2,12})$/.exec(part)
    if (!m) return { roles, bad: part }
    roles.push({ role: parseRole(m[1]) ?? m[1].trim(), areaCode: m[2] })
  }
  return { roles, bad: null }
}

export function formatRoles(roles: readonly RoleAssignment[], lang: Lang): string {
  return roles.map((r) => `${ROLE_LABELS[r.role as PersonRole]?.[lang === 'en' ? 'en' : 'zh'] ?? r.role}@${r.areaCode}`).join(';')
}

export interface ParsedRow {
  id: number | null
  change: PersonChange
  problems: Problem[]
}

/**
 * One file row as a change of the ledger. A column absent from the file leaves the field as it is
 * on an update; an empty roles cell on a row with an id removes the duties in the importer's scope.
 */
export function parsePeopleRow(values: Record<string, string>): ParsedRow {
  const problems: Problem[] = []
  const has = (k: string) => k in values
  const change: PersonChange = {}
  let id: number | null = null
  const idText = values.id?.trim() ?? ''
  if (idText !== '') {
    if (/^[1-9][0-9]{0,9}$/.test(idText)) id = Number(idText)
    else problems.push({ code: 'person.idUnknown', field: 'id', details: { field: 'id', value: idText } })
  }
  const creating = id === null
  for (const k of ['name', 'position', 'areaCode'] as const) {
    if (creating && (values[k] ?? '').trim() === '') problems.push({ code: 'person.fieldRequired', field: k, details: { field: k } })
  }
  if (has('name') && values.name.trim() !== '') change.name = values.name
  if (has('position') && values.position.trim() !== '') change.position = parsePosition(values.position) ?? values.position.trim()
  if (has('areaCode') && values.areaCode.trim() !== '') change.areaCode = values.areaCode.trim()
  if (has('phone')) change.phone = values.phone.replace(/\s+/g, '') || null
  if (has('organisation')) change.organisation = values.organisation || null
  if (has('onDuty') && values.onDuty.trim() !== '') {
    const onDuty = parseOnDuty(values.onDuty)
    if (onDuty === null) problems.push({ code: 'person.onDutyInvalid', field: 'onDuty', details: { field: 'onDuty', value: values.onDuty } })
    else change.onDuty = onDuty
  }
  if (has('roles')) {
    const { roles, bad } = parseRoles(values.roles)
    if (bad !== null) problems.push({ code: 'person.roleFormat', field: 'roles', details: { field: 'roles', value: bad } })
    else change.roles = roles
  }
  if (values.__extra) problems.push({ code: 'person.extraCells', field: '', details: { count: values.__extra } })
  return { id, change, problems }
}
