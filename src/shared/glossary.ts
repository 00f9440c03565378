/**
 * The bureau's words for roles, grid duties and being on duty, once, for the server's messages and
 * exports and for the console's texts alike (issue 13 §5: the district chief was 分局局长 on one page
 * and 片区长 on others; off duty was 不在岗 here and 离岗 there). The seed documents decide a word
 * where they name it (seed 001 三(一): 片区长, 单元长, 网格长, 管理员, 信息员, 监督员, 在岗); see
 * docs/decisions.md. Pure data, imported by src/ and web/ both: no imports here.
 */
export interface Term { zh: string; en: string }

const DISTRICT_CHIEF: Term = { zh: '片区长', en: 'District chief' }
// 三(一)2: 实行单元长负责制，单元长由市场监管所所长担任. The role, not the post, as for 片区长.
const STATION_CHIEF: Term = { zh: '单元长', en: 'Station chief' }
const GRID_HEAD: Term = { zh: '网格长', en: 'Grid head' }
const OVERSEER: Term = { zh: '监督员', en: 'Overseer' }
const COMMAND_OPERATOR: Term = { zh: '指挥中心值班员', en: 'Command centre operator' }
const CREDIT_OFFICER: Term = { zh: '信用监管员', en: 'Credit officer' }
const DEPARTMENT_LIAISON: Term = { zh: '部门联络员', en: 'Department liaison' }
const SYSTEM_ADMIN: Term = { zh: '系统管理员', en: 'System administrator' }

/** Account roles (what a login may do: src/modules/access/policy.ts ROLES). */
export const ACCOUNT_ROLE_TERMS = {
  district_chief: DISTRICT_CHIEF,
  station_chief: STATION_CHIEF,
  grid_head: GRID_HEAD,
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  overseer: OVERSEER,
  command_operator: COMMAND_OPERATOR,
  credit_officer: CREDIT_OFFICER,
  department_liaison: DEPARTMENT_LIAISON,
  market_operator: { zh: '市场开办者', en: 'Market operator' },
  system_admin: SYSTEM_ADMIN,
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator' },
} as const satisfies Record<string, Term>

/** Duties of a person in the personnel ledger (M2.3: src/modules/people/rules.ts PERSON_ROLES). */
export const DUTY_TERMS = {
  grid_head: GRID_HEAD,
  grid_manager: { zh: '管理员', en: 'Grid manager' },
  informant: { zh: '信息员', en: 'Informant' },
  overseer: OVERSEER,
  station_chief: STATION_CHIEF,
  district_chief: DISTRICT_CHIEF,
  command_operator: COMMAND_OPERATOR,
  credit_officer: CREDIT_OFFICER,
  department_liaison: DEPARTMENT_LIAISON,
  administrator: SYSTEM_ADMIN,
} as const satisfies Record<string, Term>

/** 三(一), 七(一): 人员在岗履职. Not 离岗 (which reads as having left the post for good). */
export const ON_DUTY: Term = { zh: '在岗', en: 'On duty' }
export const OFF_DUTY: Term = { zh: '不在岗', en: 'Off duty' }

/** Words no text may use any more; an import still reads them (people-columns.ts). */
export const RETIRED_TERMS: Record<string, Term> = {
  分局局长: DISTRICT_CHIEF,
  离岗: OFF_DUTY,
  监管所所长: STATION_CHIEF,
  网格督导员: OVERSEER,
  指挥中心操作员: COMMAND_OPERATOR,
}

/** The terms of a map in one language, for the console's i18n resources. */
export function termsIn<K extends string>(terms: Record<K, Term>, lang: 'zh' | 'en'): Record<K, string> {
  return Object.fromEntries(Object.entries<Term>(terms).map(([k, v]) => [k, v[lang]])) as Record<K, string>
}
