/**
 * The shapes of a case as the API answers it, declared once: the routes document and serialise
 * them, and the service's types are derived from them.
 */
import { Type, type Static } from '@sinclair/typebox'
import { CASE_ACTIONS, CASE_STATES } from './loop.ts'
import { CASE_SOURCES } from './rules.ts'

export const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
export const Label = Type.Object({ zh: Type.String(), en: Type.String() })
const Time = Type.String({ format: 'date-time' })
export const NullableTime = Type.Union([Time, Type.Null()])
export const CaseState = literals(CASE_STATES)
export const CategoryCode = Type.String({ pattern: '^[a-z][a-z0-9_-]{1,39}$' })

export const CaseView = Type.Object({
  id: Type.Integer(),
  trackingNo: Type.String(),
  source: literals(CASE_SOURCES),
  categoryCode: Type.String(),
  category: Label,
  emergency: Type.Boolean(),
  state: CaseState,
  gridCode: Type.Union([Type.String(), Type.Null()], { description: 'null while the case waits for the command centre to place it' }),
  holderCode: Type.String({ description: 'the area holding the case now: its grid, or the station/district it was escalated to' }),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  location: Type.Union([Type.Object({ lng: Type.Number(), lat: Type.Number() }), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  businessId: Type.Union([Type.Integer(), Type.Null()]),
  title: Type.String(),
  description: Type.String(),
  dueAt: NullableTime,
  overdueAt: NullableTime,
  overdueLevel: Type.Integer(),
  mergedInto: Type.Union([Type.Integer(), Type.Null()]),
  rating: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Time,
  updatedAt: Time,
  closedAt: NullableTime,
  version: Type.Integer({ description: 'the ETag; send it back as If-Match with a step' }),
})

export const CaseContactView = Type.Object({
  name: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  /** always true in a case view: unmasking is its own audited request */
  masked: Type.Boolean(),
})

export const CaseStepView = Type.Object({
  id: Type.Integer(), action: Type.String(), fromState: Type.Union([CaseState, Type.Null()]), toState: CaseState,
  actorName: Type.Union([Type.String(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]),
  changes: Type.Union([Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() })), Type.Null()]),
  evidence: Type.Array(Type.String()),
  location: Type.Union([Type.Object({ lng: Type.Number(), lat: Type.Number() }), Type.Null()]),
  dueAt: NullableTime, at: Time,
})

export const DuplicateView = Type.Object({
  id: Type.Integer(), trackingNo: Type.String(), title: Type.String(), state: CaseState, distanceM: Type.Integer(), createdAt: Time,
})

export const CaseDetail = Type.Intersect([CaseView, Type.Object({
  contact: Type.Union([CaseContactView, Type.Null()]),
  steps: Type.Array(CaseStepView),
  actions: Type.Array(literals(CASE_ACTIONS), { description: 'the steps you may take now' }),
  /** open cases of the same category nearby, offered for merging while the case is new (issue 12 §8) */
  duplicates: Type.Array(DuplicateView),
})])

export type CaseView = Static<typeof CaseView>
export type CaseContactView = Static<typeof CaseContactView>
export type CaseStepView = Static<typeof CaseStepView>
export type DuplicateView = Static<typeof DuplicateView>
export type CaseDetail = Static<typeof CaseDetail>
