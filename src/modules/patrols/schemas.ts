/**
 * The shapes of the patrol item catalogue (M4.1), declared once: the API validates and documents
 * them, and the types below are derived from them.
 */
import { Type, type Static } from '@sinclair/typebox'
import { OPERATING_STATES } from '../businesses/rules.ts'
import { Sha256 } from '../../server/schemas.ts'
import { ANSWER_KINDS, CYCLE_EVENTS, PATROL_DUTIES, TASK_STATES } from './rules.ts'

const Label = Type.Object({
  zh: Type.String({ minLength: 1, maxLength: 200 }),
  en: Type.String({ minLength: 1, maxLength: 200 }),
}, { additionalProperties: false })

const Key = Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$', description: 'a name for machines: letters and digits, starting with a small letter' })


export const ChecklistQuestion = Type.Object({
  key: Key,
  text: Label,
  answer: Type.Union(ANSWER_KINDS.map((k) => Type.Literal(k))),
  required: Type.Boolean(),
  /** the answers to choose from, for `choice` only */
  options: Type.Optional(Type.Array(Type.Object({ value: Key, label: Label }, { additionalProperties: false }), { minItems: 2, maxItems: 20 })),
}, { additionalProperties: false })

const TransferCondition = Type.Object({
  question: Key,
  /** a finding whose answer to `question` is one of these becomes a case */
  answers: Type.Array(Type.Union([Type.Boolean(), Key]), { minItems: 1, maxItems: 20 }),
  categoryCode: Type.String({ minLength: 1, maxLength: 40 }),
}, { additionalProperties: false })

export const PatrolItemDefinition = Type.Object({
  name: Label,
  targets: Type.Object({
    operatingStates: Type.Optional(Type.Array(Type.Union(OPERATING_STATES.map((s) => Type.Literal(s))), { minItems: 1, uniqueItems: true })),
    licensedTradesOnly: Type.Optional(Type.Boolean()),
    annualReportMissing: Type.Optional(Type.Boolean()),
    /** the whole grid rather than its registered businesses (a patrol for unlicensed trading) */
    wholeGrid: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false }),
  cycle: Type.Union([
    Type.Object({ kind: Type.Literal('periodic'), days: Type.Integer({ minimum: 1, maximum: 3650 }) }, { additionalProperties: false }),
    Type.Object({
      kind: Type.Literal('event'), event: Type.Union(CYCLE_EVENTS.map((e) => Type.Literal(e))),
      dueWorkingDays: Type.Integer({ minimum: 1, maximum: 250 }),
    }, { additionalProperties: false }),
  ]),
  duties: Type.Array(Type.Union(PATROL_DUTIES.map((d) => Type.Literal(d))), { minItems: 1, uniqueItems: true }),
  checklist: Type.Array(ChecklistQuestion, { minItems: 1, maxItems: 50 }),
  evidence: Type.Object({
    minPhotos: Type.Integer({ minimum: 0, maximum: 20 }),
    video: Type.Boolean(),
  }, { additionalProperties: false }),
  transfers: Type.Array(TransferCondition, { maxItems: 20 }),
}, { additionalProperties: false })

export const PatrolItemCode = Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' })

export const PatrolItemView = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  active: Type.Boolean(),
  definition: PatrolItemDefinition,
})

export const PatrolItemHistory = Type.Object({
  code: Type.String(),
  active: Type.Boolean(),
  versions: Type.Array(Type.Object({
    version: Type.Integer(),
    definition: PatrolItemDefinition,
    createdBy: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  })),
})

export const NewPatrolItem = Type.Object({ code: PatrolItemCode, definition: PatrolItemDefinition }, { additionalProperties: false })

export const PatrolItemRevision = Type.Object({
  /** the version the editor started from: a revision made meanwhile is a 409 */
  version: Type.Integer({ minimum: 1 }),
  definition: Type.Optional(PatrolItemDefinition),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })

/** A patrol task as its lists show it (M4.2). */
const PatrolTaskView = Type.Object({
  id: Type.Integer(),
  itemCode: Type.String(),
  itemVersion: Type.Integer({ description: 'the item version the task was made with' }),
  itemName: Label,
  business: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), uscc: Type.String(), address: Type.String() }), Type.Null()], {
    description: 'null for a patrol of the whole grid',
  }),
  gridCode: Type.String(),
  period: Type.String({ description: 'the period\'s first day (periodic items), or the event and its day' }),
  dueOn: Type.String({ format: 'date' }),
  overdue: Type.Boolean(),
  assignee: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()], { description: 'null: in the grid\'s queue' }),
  state: Type.Union(TASK_STATES.map((s) => Type.Literal(s))),
  createdAt: Type.String({ format: 'date-time' }),
})

export const PatrolTaskQuery = Type.Object({
  state: Type.Optional(Type.Union(TASK_STATES.map((s) => Type.Literal(s)))),
  mine: Type.Optional(Type.Boolean({ description: 'only the tasks given to the caller' })),
  under: Type.Optional(Type.String({ pattern: '^(0[1-9]|[1-9][0-9])+$', maxLength: 12, description: 'an area code: its grids\' tasks' })),
  itemCode: Type.Optional(PatrolItemCode),
  after: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_007_199_254_740_991, description: 'nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
}, { additionalProperties: false })

export const PatrolTaskPage = Type.Object({ items: Type.Array(PatrolTaskView), nextCursor: Type.Union([Type.Integer(), Type.Null()]) })

const Place = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  accuracy: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000, description: 'metres, as the phone reports it' })),
}, { additionalProperties: false })
const Answer = Type.Union([Type.Boolean(), Type.Number(), Type.String({ maxLength: 2000 })])

/** A finding as the phone sends it (M4.3): its id is made on the phone, so a resend is recognised. */
export const NewPatrolFinding = Type.Object({
  id: Type.String({ format: 'uuid', description: 'made on the phone when the finding is recorded' }),
  taskId: Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 }),
  answers: Type.Record(Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$' }), Answer, { maxProperties: 50 }),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  photos: Type.Array(Type.Object({
    sha256: Sha256,
    capturedAt: Type.Optional(Type.String({ format: 'date-time' })),
    location: Type.Optional(Place),
  }, { additionalProperties: false }), { maxItems: 20 }),
  location: Type.Optional(Place),
  crs: Type.Optional(Type.Union([Type.Literal('WGS84'), Type.Literal('GCJ02'), Type.Literal('BD09')], { description: 'of every position in the finding (Chinese map SDKs give GCJ-02)' })),
  recordedAt: Type.String({ format: 'date-time', description: 'the phone clock when the finding was recorded' }),
  sentAt: Type.Optional(Type.String({ format: 'date-time', description: 'the phone clock when this request was sent (not part of the content)' })),
}, { additionalProperties: false })

export const PatrolFindingView = Type.Object({
  id: Type.String(),
  taskId: Type.Integer(),
  itemCode: Type.String(),
  itemVersion: Type.Integer(),
  businessId: Type.Union([Type.Integer(), Type.Null()]),
  gridCode: Type.String(),
  answers: Type.Record(Type.String(), Answer),
  note: Type.Union([Type.String(), Type.Null()]),
  photos: Type.Array(Type.String()),
  location: Type.Union([Place, Type.Null()]),
  recordedAt: Type.String({ format: 'date-time' }),
  receivedAt: Type.String({ format: 'date-time' }),
  clockSkewSeconds: Type.Union([Type.Integer(), Type.Null()], { description: 'server minus phone clock when it was sent' }),
  clockFlagged: Type.Boolean({ description: 'the phone clock was more than 5 minutes off' }),
  caseIds: Type.Array(Type.Integer(), { description: 'cases the finding became (transfer conditions of the item)' }),
  recordedBy: Type.Integer(),
})

export type NewPatrolFinding = Static<typeof NewPatrolFinding>
export type PatrolFindingView = Static<typeof PatrolFindingView>
type PatrolTaskView = Static<typeof PatrolTaskView>
export type PatrolTaskQuery = Static<typeof PatrolTaskQuery>
export type PatrolTaskPage = Static<typeof PatrolTaskPage>
export type ChecklistQuestion = Static<typeof ChecklistQuestion>
export type PatrolItemDefinition = Static<typeof PatrolItemDefinition>
export type PatrolItemView = Static<typeof PatrolItemView>
export type PatrolItemHistory = Static<typeof PatrolItemHistory>
export type NewPatrolItem = Static<typeof NewPatrolItem>
export type PatrolItemRevision = Static<typeof PatrolItemRevision>
