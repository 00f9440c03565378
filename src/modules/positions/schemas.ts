/**
 * The shapes of staff positions (M5.1), declared once: the API validates and documents them, and
 * the types are derived from them.
 */
import { Type, type Static } from '@sinclair/typebox'

export const DutyView = Type.Object({
  onDuty: Type.Boolean(),
  consentedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** how often the phone reports while on duty */
  intervalSeconds: Type.Integer(),
  /** how long positions are kept */
  retentionDays: Type.Integer(),
})
export type DutyView = Static<typeof DutyView>

export const DutyChange = Type.Object({
  onDuty: Type.Boolean(),
  /** required (true) to go on duty: the user agrees that the phone reports where they are */
  consent: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })
export type DutyChange = Static<typeof DutyChange>

const PositionFix = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  accuracy: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000, description: 'metres' })),
  recordedAt: Type.String({ format: 'date-time', description: 'the phone\'s clock when the fix was taken' }),
}, { additionalProperties: false })

export const PositionReport = Type.Object({
  /** WGS-84, as the browser's Geolocation API gives them */
  fixes: Type.Array(PositionFix, { minItems: 1, maxItems: 100 }),
}, { additionalProperties: false })
export type PositionReport = Static<typeof PositionReport>

export const PositionReceipt = Type.Object({ stored: Type.Integer(), intervalSeconds: Type.Integer() })
export type PositionReceipt = Static<typeof PositionReceipt>

const LiveStaff = Type.Object({
  userId: Type.Integer(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  scope: Type.String(),
  lng: Type.Number(),
  lat: Type.Number(),
  accuracy: Type.Union([Type.Number(), Type.Null()]),
  recordedAt: Type.String({ format: 'date-time' }),
  receivedAt: Type.String({ format: 'date-time' }),
})
export const LivePositions = Type.Object({
  items: Type.Array(LiveStaff),
  /** positions older than this are not shown: the phone stopped reporting */
  freshSeconds: Type.Integer(),
})
export type LivePositions = Static<typeof LivePositions>
