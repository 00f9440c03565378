/**
 * Pure rules of cases besides the loop itself (loop.ts): tracking numbers, the input each step
 * takes, and how a refusal reads. No I/O.
 */
import { randomInt } from 'node:crypto'
import { AppError } from '../../server/errors.ts'
import { hasPermission, type Actor } from '../access/policy.ts'
import { STATE_LABELS, type CaseFacts, type ActorFacts, type CaseState, type Refusal, type Transition, refusalOf } from './loop.ts'
import './errors.ts'
import type { ErrorCode } from '../../server/errors.ts'

export const CASE_SOURCES = ['patrol', 'complaint', 'hotline12315', 'media', 'referral', 'superior'] as const
export type CaseSource = (typeof CASE_SOURCES)[number]

export const SOURCE_LABELS: Record<CaseSource, { zh: string; en: string }> = {
  patrol: { zh: '巡查发现', en: 'Patrol' },
  complaint: { zh: '群众投诉举报', en: 'Public complaint' },
  hotline12315: { zh: '12315 转办', en: '12315 hotline' },
  media: { zh: '媒体曝光', en: 'Media' },
  referral: { zh: '部门移送', en: 'Department referral' },
  superior: { zh: '上级交办', en: 'Order from above' },
}

// Crockford's base32 without I, L, O, U: read aloud over the phone without confusion.
const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A tracking number such as `MG20261204-7KQ9X3`: the day it was filed (Asia/Shanghai) and 30
 * random bits, so that nobody can walk through other people's cases by counting.
 */
export function newTrackingNo(now: Date, random: (max: number) => number = randomInt): string {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '')
  let tail = ''
  for (let i = 0; i < 6; i++) tail += TRACKING_ALPHABET[random(32)]
  return `MG${day}-${tail}`
}

export const TRACKING_NO = /^MG\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/

/** The input a step may carry; which fields a step takes is declared by its requirements. */
export interface StepInput {
  note?: string
  gridCode?: string
  departmentCode?: string
  targetCaseId?: number
  evidence?: string[]
  location?: { lng: number; lat: number }
}

/** What a step's note is called, by the step's `requires.note`. */
export const NOTE_LABELS: Record<NonNullable<Transition['requires']['note']>, { zh: string; en: string }> = {
  reason: { zh: '理由', en: 'reason' },
  findings: { zh: '核查情况', en: 'findings' },
  result: { zh: '办理结果', en: 'result' },
  progress: { zh: '办理进展', en: 'progress report' },
  note: { zh: '记录内容', en: 'note' },
}

const stepLabels = (t: Transition) => ({ stepZh: t.label.zh, stepEn: t.label.en })

/**
 * Refuses input the step does not take or lacks what it needs. Evidence is checked by the service,
 * which knows what the case holds already.
 */
export function checkStepInput(t: Transition, input: StepInput): void {
  const r = t.requires
  const unused = (field: keyof StepInput, used: boolean | undefined) => {
    if (!used && input[field] !== undefined) throw new AppError('case.fieldNotForStep', { ...stepLabels(t), field })
  }
  unused('gridCode', r.gridCode)
  unused('departmentCode', r.department)
  unused('targetCaseId', r.targetCase)
  if (r.note && !input.note?.trim()) {
    const label = NOTE_LABELS[r.note]
    throw new AppError('case.noteRequired', { ...stepLabels(t), noteZh: label.zh, noteEn: label.en, field: 'note' })
  }
  if (r.gridCode && !input.gridCode) throw new AppError('case.gridRequired', { field: 'gridCode' })
  if (r.department && !input.departmentCode) throw new AppError('case.departmentRequired', { field: 'departmentCode' })
  if (r.targetCase && input.targetCaseId === undefined) throw new AppError('case.mergeTargetRequired', { field: 'targetCaseId' })
}

const REFUSAL_CODES: Record<Refusal, ErrorCode> = {
  wrongState: 'case.stepNotAllowedInState',
  wrongRole: 'case.stepNotForRole',
  wrongPlace: 'case.stepNotForPlace',
  ownReport: 'case.ownReport',
  notPlaced: 'case.notPlaced',
}

/** Throws the refusal of the step, in the user's words, or returns when the actor may take it. */
export function authorizeStep(actor: ActorFacts, c: CaseFacts, t: Transition): void {
  const refusal = refusalOf(actor, c, t)
  if (refusal === null) return
  const state: CaseState = c.state
  throw new AppError(REFUSAL_CODES[refusal], {
    ...stepLabels(t), state, stateZh: STATE_LABELS[state].zh, stateEn: STATE_LABELS[state].en, step: t.action,
  })
}

/** A liaison with no other case role sees only the cases referred to their department. */
export const isLiaisonOnly = (actor: Pick<Actor, 'roles'>) =>
  actor.roles.includes('department_liaison') &&
  !actor.roles.some((r) => r !== 'department_liaison' && hasPermission({ roles: [r] }, 'case.read'))

/**
 * Q3 Whether an actor sees a case: its grid or holding area lies in their scope ("visible along its
 * area chain"), or, for a liaison, it is referred to their department. service.ts `visibleCases`
 * says the same in SQL.
 */
export function seesCase(
  actor: Pick<Actor, 'scope' | 'roles' | 'departmentCode'>,
  c: { holderCode: string; gridCode: string | null; departmentCode: string | null },
): boolean {
  const department = actor.roles.includes('department_liaison') && c.departmentCode !== null && c.departmentCode === actor.departmentCode
  if (isLiaisonOnly(actor)) return department
  return c.holderCode.startsWith(actor.scope) || (c.gridCode?.startsWith(actor.scope) ?? false) || department
}
