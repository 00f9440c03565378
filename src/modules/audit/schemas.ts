/**
 * The audit log's API shapes, declared once: the routes validate and document them, and the
 * service's view types are derived from them. The hashed record (chain.ts AuditFields) and the
 * signed checkpoint (checkpoints.ts Checkpoint) keep their own types: what is hashed or signed does
 * not follow the API; a view is built from them and is checked against these shapes when compiled.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { FileLang } from '../../server/schemas.ts'

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

const filters = {
  action: Type.Optional(Type.String({ maxLength: 100 })),
  username: Type.Optional(Type.String({ maxLength: 64 })),
  objectType: Type.Optional(Type.String({ maxLength: 50 })),
  objectId: Type.Optional(Type.String({ maxLength: 100 })),
  result: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed')])),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
}
export const AuditQuery = Type.Object({
  ...filters,
  afterId: Type.Optional(Type.Integer({ minimum: 1, maximum: 9007199254740991, description: 'keyset paging: events older than this id' })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
}, { additionalProperties: false })
export const ExportQuery = Type.Object({ ...filters, lang: FileLang }, { additionalProperties: false })

/** An event as the audit administrator reads it: the hashed fields, time as text, its hash and key. */
export const AuditEventView = Type.Object({
  id: Type.Integer(), at: Type.String({ description: 'ISO 8601, microseconds, as stored and hashed' }), userId: Nullable(Type.Integer()),
  username: Nullable(Type.String()), areaCode: Nullable(Type.String()), ip: Nullable(Type.String()), action: Type.String(),
  objectType: Nullable(Type.String()), objectId: Nullable(Type.String()), result: Type.String(), details: Type.Any(),
  hash: Type.String(), keyId: Nullable(Type.String({ description: 'HMAC key of the link; null = unkeyed legacy event' })),
})
export type AuditEventView = Static<typeof AuditEventView>
const BreakReason = Type.Union(['hashMismatch', 'badMac', 'unknownKey', 'unkeyedAfterKeyed', 'prevHashMismatch'].map((r) => Type.Literal(r)))
export const VerifyResult = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  keyed: Type.Integer(),
  unkeyedLegacy: Type.Integer(),
  breaks: Type.Array(Type.Object({ fromId: Type.Integer(), toId: Type.Integer(), reason: BreakReason })),
  breaksTruncated: Type.Optional(Type.Boolean()),
  head: Type.Optional(Type.Object({ id: Type.Integer(), hash: Type.String(), eventAt: Type.String() }, { description: 'the newest event of all' })),
  chains: Type.Array(Type.Object({ chain: Type.Integer(), checked: Type.Integer(), headId: Type.Integer(), headHash: Type.String() }), { description: 'the independent chains of the log, each with its newest event' }),
  checkpoints: Type.Optional(Type.Object({
    count: Type.Integer(),
    problems: Type.Array(Type.Object({
      reason: Type.String(), eventId: Type.Optional(Type.Integer()), writtenAt: Type.Optional(Type.String()), chain: Type.Optional(Type.Integer()), line: Type.Optional(Type.Integer()),
    })),
    lastGood: Type.Optional(Type.Object({ eventId: Type.Integer(), writtenAt: Type.String() })),
    missingTails: Type.Array(Type.Object({
      chain: Type.Integer(), lastPresentId: Nullable(Type.Integer()), missingUpToId: Type.Integer(), checkpointWrittenAt: Type.String(),
    }), { description: 'per chain whose last events were removed: the furthest event a checkpoint saw' }),
  })),
})
// Keys of a chain head in alphabetical order, as signed (checkpoints.ts ChainHead).
const ChainHeads = (description: string) => Type.Array(Type.Object({ chain: Type.Integer(), eventId: Type.Integer(), hash: Type.String() }), { description })
export const Checkpoint = Type.Object({
  eventId: Type.Integer(), hash: Type.String(), eventAt: Type.String(),
  chains: Type.Optional(ChainHeads('the newest event of every chain (absent in checkpoints written before the chains were split)')),
  writtenAt: Type.String(), keyId: Type.String(), signature: Type.String(),
})
/** A checkpoint as listed, with whether its signature verifies under the keys known now. */
export const CheckpointView = Type.Composite([Checkpoint, Type.Object({ signatureValid: Type.Boolean() })])
export type CheckpointView = Static<typeof CheckpointView>
export const Receipt = Type.Object({
  eventId: Type.Integer(), hash: Type.String(), eventAt: Type.String(), chains: ChainHeads('the newest event of every chain'), issuedAt: Type.String(), keyId: Type.String(),
  publicKey: Type.String({ description: 'raw Ed25519 public key, base64' }),
  signature: Type.String({ description: 'Ed25519 over the other fields (publicKey excepted) plus "type":"receipt", as JSON with sorted keys' }),
})
