/**
 * The five-step closed loop of M3.2 declared once, as data: the states a case can be in, and for
 * each step who may take it from which state, standing where, with what input. The API refuses
 * what this table does not allow, the console draws its buttons from `allowedActions`, the tests
 * walk it, and docs/cases.md's diagram is generated from it (`loopDiagram`). Pure: no I/O.
 */
import type { Role } from '../access/policy.ts'

export const CASE_STATES = [
  'new', 'verifying', 'handling', 'referred', 'departmentHandling', 'reviewing', 'closed', 'dismissed', 'merged',
] as const
export type CaseState = (typeof CASE_STATES)[number]

/** States in which nothing more happens unless someone above reopens the case. */
export const FINAL_STATES: readonly CaseState[] = ['closed', 'dismissed', 'merged']
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !FINAL_STATES.includes(s))
export const isOpen = (state: CaseState) => !FINAL_STATES.includes(state)

export const STATE_LABELS: Record<CaseState, { zh: string; en: string }> = {
  new: { zh: '待受理', en: 'New' },
  verifying: { zh: '核查取证', en: 'Verifying' },
  handling: { zh: '处置中', en: 'Handling' },
  referred: { zh: '已移送待签收', en: 'Referred, awaiting the department' },
  departmentHandling: { zh: '部门办理中', en: 'With the department' },
  reviewing: { zh: '待复核', en: 'Awaiting review' },
  closed: { zh: '已办结', en: 'Closed' },
  dismissed: { zh: '不予受理', en: 'Dismissed' },
  merged: { zh: '已合并', en: 'Merged' },
}

/**
 * Where the actor must stand relative to the case, besides holding one of the step's roles:
 * - holder: their scope covers the area that holds the case now (a station chief covers his grids);
 * - above: their scope covers the holder and lies strictly above it, so the level above reviews; the
 *   command centre (command_operator) counts as above every level it covers, as it reviews district
 *   cases, whose level above (the city) is outside the tree;
 * - chain: their scope covers the case's grid or its holder (the command centre dispatching);
 * - department: a liaison of the department the case is referred to.
 */
export type Standing = 'holder' | 'above' | 'chain' | 'department'

/** What a step needs from the actor besides permission. */
interface Requirements {
  /** a note, and what the console calls it */
  note?: 'reason' | 'findings' | 'result' | 'progress' | 'note'
  /** at least one piece of evidence on the case once this step is taken (this step's included) */
  evidence?: boolean
  /** the grid to dispatch to */
  gridCode?: boolean
  /** the department to refer to */
  department?: boolean
  /** the surviving case of a merge */
  targetCase?: boolean
  /** the case must have a grid (a case waiting for manual placement is dispatched first) */
  placed?: boolean
  /** not by the person who reported the result: nobody reviews their own work */
  notTheReporter?: boolean
}

export const CASE_ACTIONS = [
  'accept', 'dispatch', 'dismiss', 'merge', 'verify', 'escalate', 'refer', 'acknowledge', 'returnReferral',
  'progress', 'report', 'departmentReport', 'close', 'sendBack', 'reopen', 'record',
] as const
export type CaseAction = (typeof CASE_ACTIONS)[number]

export interface Transition {
  action: CaseAction
  from: readonly CaseState[]
  /** 'same' leaves the state as it is (dispatch, escalate, progress, record) */
  to: CaseState | 'same'
  roles: readonly Role[]
  standing: Standing
  requires: Requirements
  /** how the holding area changes: to the dispatched grid, or one level up */
  holder?: 'grid' | 'parent'
  /** the department link: set by a referral, cleared when the case comes back */
  department?: 'set' | 'clear'
  /** the step starts a new deadline even though the state stays (escalation, dispatch, a progress report) */
  restartsDeadline?: boolean
  label: { zh: string; en: string }
}

const GRID_STAFF: Role[] = ['grid_worker', 'grid_head']
const LEADERS: Role[] = ['station_chief', 'district_chief']
const REVIEWERS: Role[] = [...LEADERS, 'command_operator']
const ALL_HANDLERS: Role[] = [...GRID_STAFF, ...LEADERS, 'command_operator', 'department_liaison']

export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'accept', from: ['new'], to: 'verifying', roles: [...GRID_STAFF, ...REVIEWERS], standing: 'holder',
    requires: { placed: true }, label: { zh: '受理', en: 'Accept' },
  },
  {
    action: 'dispatch', from: ['new', 'verifying', 'handling'], to: 'same', roles: REVIEWERS, standing: 'chain',
    requires: { gridCode: true }, holder: 'grid', restartsDeadline: true, label: { zh: '派遣/改派', en: 'Dispatch' },
  },
  {
    action: 'dismiss', from: ['new'], to: 'dismissed', roles: ['grid_head', ...REVIEWERS], standing: 'holder',
    requires: { note: 'reason' }, label: { zh: '不予受理', en: 'Dismiss' },
  },
  {
    action: 'merge', from: ['new', 'verifying'], to: 'merged', roles: [...GRID_STAFF, ...REVIEWERS], standing: 'holder',
    requires: { targetCase: true }, label: { zh: '合并到重复事件', en: 'Merge into duplicate' },
  },
  {
    action: 'verify', from: ['verifying'], to: 'handling', roles: [...GRID_STAFF, ...LEADERS], standing: 'holder',
    requires: { note: 'findings', evidence: true }, label: { zh: '核查完成', en: 'Verified' },
  },
  {
    action: 'escalate', from: ['handling'], to: 'same', roles: [...GRID_STAFF, ...LEADERS], standing: 'holder',
    requires: { note: 'reason' }, holder: 'parent', restartsDeadline: true, label: { zh: '上报上级', en: 'Escalate' },
  },
  {
    action: 'refer', from: ['handling'], to: 'referred', roles: ['grid_head', ...REVIEWERS], standing: 'holder',
    requires: { note: 'reason', department: true }, department: 'set', label: { zh: '移送部门', en: 'Refer to department' },
  },
  {
    action: 'acknowledge', from: ['referred'], to: 'departmentHandling', roles: ['department_liaison'],
    standing: 'department', requires: {}, label: { zh: '签收', en: 'Acknowledge' },
  },
  {
    action: 'returnReferral', from: ['referred', 'departmentHandling'], to: 'handling', roles: ['department_liaison'],
    standing: 'department', requires: { note: 'reason' }, department: 'clear', label: { zh: '退回移送', en: 'Return referral' },
  },
  {
    action: 'progress', from: ['departmentHandling'], to: 'same', roles: ['department_liaison'], standing: 'department',
    requires: { note: 'progress' }, restartsDeadline: true, label: { zh: '报告进展', en: 'Report progress' },
  },
  {
    action: 'report', from: ['handling'], to: 'reviewing', roles: [...GRID_STAFF, ...LEADERS], standing: 'holder',
    requires: { note: 'result', evidence: true }, label: { zh: '反馈结果', en: 'Report result' },
  },
  {
    action: 'departmentReport', from: ['departmentHandling'], to: 'reviewing', roles: ['department_liaison'],
    standing: 'department', requires: { note: 'result', evidence: true }, label: { zh: '部门反馈结果', en: 'Department reports result' },
  },
  {
    action: 'close', from: ['reviewing'], to: 'closed', roles: REVIEWERS, standing: 'above',
    requires: { notTheReporter: true }, label: { zh: '复核办结', en: 'Review and close' },
  },
  {
    action: 'sendBack', from: ['reviewing'], to: 'handling', roles: REVIEWERS, standing: 'above',
    requires: { note: 'reason', notTheReporter: true }, department: 'clear', label: { zh: '退回重办', en: 'Send back' },
  },
  {
    action: 'reopen', from: ['closed', 'dismissed'], to: 'handling', roles: REVIEWERS, standing: 'above',
    requires: { note: 'reason' }, label: { zh: '重新办理', en: 'Reopen' },
  },
  {
    action: 'record', from: OPEN_STATES, to: 'same', roles: ALL_HANDLERS, standing: 'chain',
    requires: { note: 'note' }, label: { zh: '补充记录', en: 'Add a record' },
  },
]

export const transitionOf = (action: CaseAction): Transition => TRANSITIONS.find((t) => t.action === action)!

/**
 * Rows of a case's timeline that are not steps anyone takes through the loop: the filing, the note
 * a merge leaves on the surviving case, the deadline sweep's flags and the complainant's rating.
 */
export const RECORDED_STEP_LABELS: Record<string, { zh: string; en: string }> = {
  create: { zh: '登记', en: 'Filed' },
  mergedFrom: { zh: '重复事件合并入本事件', en: 'A duplicate merged into this case' },
  deadlineMissed: { zh: '超期提醒', en: 'Deadline missed' },
  overdueEscalated: { zh: '超期提请上级督办', en: 'Overdue, called to the level above' },
  rate: { zh: '公众评价', en: 'Rated by the complainant' },
}

/** The label of a timeline row's action; an action nobody declared shows as itself. */
export function stepLabel(action: string): { zh: string; en: string } {
  return TRANSITIONS.find((t) => t.action === action)?.label ?? RECORDED_STEP_LABELS[action] ?? { zh: action, en: action }
}

/** The facts about a case that decide who may act on it. */
export interface CaseFacts {
  state: CaseState
  gridCode: string | null
  holderCode: string
  departmentCode: string | null
  /** user id of whoever took the last `report`/`departmentReport`, for `notTheReporter` */
  reportedBy: number | null
}

/** The facts about an actor that decide what they may do. */
export interface ActorFacts {
  userId: number
  roles: readonly Role[]
  scope: string
  departmentCode: string | null
}

const covers = (scope: string, code: string | null) => code !== null && code.startsWith(scope)

export function stands(actor: ActorFacts, c: CaseFacts, standing: Standing, roles: readonly Role[] = actor.roles): boolean {
  switch (standing) {
    case 'holder':
      return covers(actor.scope, c.holderCode)
    case 'above':
      return covers(actor.scope, c.holderCode) && (actor.scope.length < c.holderCode.length || roles.includes('command_operator'))
    case 'chain':
      return covers(actor.scope, c.holderCode) || covers(actor.scope, c.gridCode) ||
        (c.departmentCode !== null && actor.departmentCode === c.departmentCode && roles.includes('department_liaison'))
    case 'department':
      return c.departmentCode !== null && actor.departmentCode === c.departmentCode
  }
}

/** Why an actor may not take a step now, or null when they may. Requirements on input are checked apart. */
export type Refusal = 'wrongState' | 'wrongRole' | 'wrongPlace' | 'ownReport' | 'notPlaced'

export function refusalOf(actor: ActorFacts, c: CaseFacts, t: Transition): Refusal | null {
  if (!t.from.includes(c.state)) return 'wrongState'
  const roles = actor.roles.filter((r) => t.roles.includes(r))
  if (roles.length === 0) return 'wrongRole'
  if (!stands(actor, c, t.standing, roles)) return 'wrongPlace'
  if (t.requires.placed && c.gridCode === null) return 'notPlaced'
  if (t.requires.notTheReporter && c.reportedBy === actor.userId) return 'ownReport'
  return null
}

/** The steps the actor may take on the case now: the console's buttons. */
export function allowedActions(actor: ActorFacts, c: CaseFacts): CaseAction[] {
  return TRANSITIONS.filter((t) => refusalOf(actor, c, t) === null).map((t) => t.action)
}

/** The state a step leads to from `state`. */
export const nextState = (t: Transition, state: CaseState): CaseState => (t.to === 'same' ? state : t.to)

/**
 * Working days allowed for the step a case is in (settings may change them). M3.4: a department
 * starts within 5 working days of the referral and reports every 15 until the case ends.
 */
export const DEFAULT_STEP_DAYS: Record<CaseState, number | null> = {
  new: 1,
  verifying: 3,
  handling: 10,
  referred: 5,
  departmentHandling: 15,
  reviewing: 3,
  closed: null,
  dismissed: null,
  merged: null,
}

/** Whether a step starts a new deadline: the state changed, or the step says so. */
export const startsDeadline = (t: Transition, from: CaseState) => nextState(t, from) !== from || t.restartsDeadline === true

/** The parent of an area code (two digits per level), or null at the top. */
export const parentCode = (code: string): string | null => (code.length > 2 ? code.slice(0, -2) : null)
/** The level of an area code: 1 at the top. */
export const levelOf = (code: string) => code.length / 2

/** A Mermaid state diagram of the loop, for docs/cases.md (generated, never drawn by hand). */
export function loopDiagram(lang: 'zh' | 'en' = 'zh'): string {
  const lines = ['stateDiagram-v2']
  for (const s of CASE_STATES) lines.push(`  ${s}: ${STATE_LABELS[s][lang]}`)
  lines.push('  [*] --> new')
  for (const t of TRANSITIONS) {
    if (t.action === 'record') continue
    for (const from of t.from) lines.push(`  ${from} --> ${nextState(t, from)}: ${t.label[lang]}`)
  }
  for (const s of FINAL_STATES) lines.push(`  ${s} --> [*]`)
  return lines.join('\n')
}
