/**
 * The shapes of the public side (M9.1), declared once: the routes validate and document them, and
 * the service's types are derived from them.
 */
import { Type, type Static } from '@sinclair/typebox'
import { Coordinates, Crs, Sha256 } from '../../server/schemas.ts'
import { CASE_SOURCES } from '../cases/rules.ts'

/** The stages the public is told about; several internal states read the same from outside. */
const PUBLIC_STAGES = ['received', 'verifying', 'handling', 'closed', 'dismissed'] as const
export type PublicStage = (typeof PUBLIC_STAGES)[number]

export const Label = Type.Object({ zh: Type.String(), en: Type.String() })
const Stage = Type.Union(PUBLIC_STAGES.map((s) => Type.Literal(s)))

export const Complaint = Type.Object({
  categoryCode: Type.String({ pattern: '^[a-z][a-z0-9_-]{1,39}$' }),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.String({ minLength: 5, maxLength: 5000 }),
  location: Coordinates,
  crs: Type.Optional(Crs),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  contact: Type.Optional(Type.Object({
    name: Type.Optional(Type.String({ maxLength: 50 })),
    phone: Type.Optional(Type.String({ maxLength: 30, pattern: '^[0-9+() -]*$' })),
  }, { additionalProperties: false })),
  evidence: Type.Optional(Type.Array(Sha256, { maxItems: 9 })),
}, { additionalProperties: false })

export const PublicCase = Type.Object({
  trackingNo: Type.String(),
  category: Label,
  stage: Stage,
  stageLabel: Label,
  filedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  result: Type.Union([Type.String(), Type.Null()]),
  history: Type.Array(Type.Object({ stage: Stage, label: Label, at: Type.String({ format: 'date-time' }) })),
  rating: Type.Union([Type.Integer(), Type.Null()]),
  canRate: Type.Boolean(),
  followingTrackingNo: Type.Union([Type.String(), Type.Null()]),
})

export const Rating = Type.Object({
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false })

export const IntakeCase = Type.Object({
  source: Type.Union(CASE_SOURCES.filter((s) => s !== 'patrol').map((s) => Type.Literal(s))),
  categoryCode: Type.String({ pattern: '^[a-z][a-z0-9_-]{1,39}$' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ minLength: 1, maxLength: 5000 }),
  location: Type.Optional(Coordinates),
  crs: Type.Optional(Crs),
  gridCode: Type.Optional(Type.String({ pattern: '^(0[1-9]|[1-9][0-9])+$', maxLength: 12 })),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  externalRef: Type.Optional(Type.String({ maxLength: 100, description: 'the order number on the sending platform' })),
  contact: Type.Optional(Type.Object({
    name: Type.Optional(Type.String({ maxLength: 50 })),
    phone: Type.Optional(Type.String({ maxLength: 30, pattern: '^[0-9+() -]*$' })),
    email: Type.Optional(Type.String({ maxLength: 100, format: 'email' })),
  }, { additionalProperties: false })),
}, { additionalProperties: false })

export const IntakeReceipt = Type.Object({
  id: Type.Integer(), trackingNo: Type.String(), state: Type.String(), gridCode: Type.Union([Type.String(), Type.Null()]),
  holderCode: Type.String(), dueAt: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
})

export type PublicComplaint = Static<typeof Complaint>
export type PublicCaseView = Static<typeof PublicCase>
