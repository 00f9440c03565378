/**
 * The audit log's API shapes, declared once: the routes validate and document them, and the
 * service's types are derived from them — the signed checkpoint and receipt too: what is signed is
 * the object the code builds, key by key, so a field added here changes no signature. The hashed
 * record (chain.ts AuditFields) keeps its own type: it is not an API shape.
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
const BreakReason = Type.Union((['hashMismatch', 'badMac', 'unknownKey', 'unkeyedAfterKeyed', 'prevHashMismatch'] as const).map((r) => Type.Literal(r)), {
  description: 'hashMismatch: the row\'s own link does not match its content (unkeyed legacy row); badMac: the HMAC does not match ' +
    '(changed, or written without the key); unknownKey: the key folder does not hold the row\'s key; unkeyedAfterKeyed: a plain ' +
    'SHA-256 row after the first keyed one; prevHashMismatch: the row does not link to the one before it (rows removed or inserted)',
})
const ChainBreak = Type.Object({ fromId: Type.Integer(), toId: Type.Integer(), reason: BreakReason })
export type ChainBreak = Static<typeof ChainBreak>
const CheckpointProblem = Type.Union([
  Type.Object({ reason: Type.Literal('checkpointBadSignature'), eventId: Type.Integer(), writtenAt: Type.String() }),
  Type.Object({
    reason: Type.Union([Type.Literal('checkpointEventMissing'), Type.Literal('checkpointHashMismatch')]), eventId: Type.Integer(), writtenAt: Type.String(),
    chain: Type.Integer({ description: 'the chain whose head the checkpoint names (0 for checkpoints from before the chains were split)' }),
  }),
  Type.Object({ reason: Type.Literal('checkpointUnreadable'), line: Type.Integer() }),
])
export type CheckpointProblem = Static<typeof CheckpointProblem>
/** Events a checkpoint saw at the end of a chain that the table no longer holds: that chain's tail was cut off. */
const MissingTail = Type.Object({
  chain: Type.Integer(), lastPresentId: Nullable(Type.Integer({ description: 'the chain\'s last event in the table, null when none is left' })),
  missingUpToId: Type.Integer(), checkpointWrittenAt: Type.String(),
})
export type MissingTail = Static<typeof MissingTail>
export const VerifyResult = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  keyed: Type.Integer({ description: 'keyed (HMAC) events' }),
  unkeyedLegacy: Type.Integer({ description: 'plain SHA-256 events from before keying' }),
  breaks: Type.Array(ChainBreak, { description: 'every broken range, in id order; consecutive rows broken the same way form one range' }),
  breaksTruncated: Type.Optional(Type.Boolean({ description: 'more breaks than listed' })),
  head: Type.Optional(Type.Object({ id: Type.Integer(), hash: Type.String(), eventAt: Type.String() }, { description: 'the newest event of all' })),
  chains: Type.Array(Type.Object({ chain: Type.Integer(), checked: Type.Integer(), headId: Type.Integer(), headHash: Type.String() }), { description: 'the independent chains of the log, each with its newest event' }),
  checkpoints: Type.Optional(Type.Object({
    count: Type.Integer(),
    problems: Type.Array(CheckpointProblem),
    lastGood: Type.Optional(Type.Object({ eventId: Type.Integer(), writtenAt: Type.String() }, { description: 'the newest checkpoint agreeing with the chains' })),
    missingTails: Type.Array(MissingTail, { description: 'per chain whose last events were removed: the furthest event a checkpoint saw' }),
  }, { description: 'the comparison with the signed checkpoints outside the database, when a folder was given' })),
})
export type VerifyResult = Static<typeof VerifyResult>
// The newest event of one chain. Its keys are written in alphabetical order (checkpoints.ts), as signed.
const ChainHead = Type.Object({ chain: Type.Integer(), eventId: Type.Integer(), hash: Type.String() })
export type ChainHead = Static<typeof ChainHead>
const ChainHeads = (description: string) => Type.Array(ChainHead, { description })
export const Checkpoint = Type.Object({
  eventId: Type.Integer({ description: 'the newest event of all' }), hash: Type.String(),
  eventAt: Type.String({ description: 'the event\'s time as stored, ISO 8601 with microseconds' }),
  chains: Type.Optional(ChainHeads('the newest event of every chain (absent in checkpoints written before the chains were split, whose event is chain 0\'s head)')),
  writtenAt: Type.String(), keyId: Type.String(), signature: Type.String(),
})
/** A signed statement of the log's heads, written outside the database (checkpoints.ts). */
export type Checkpoint = Static<typeof Checkpoint>
/** A checkpoint as listed, with whether its signature verifies under the keys known now. */
export const CheckpointView = Type.Composite([Checkpoint, Type.Object({ signatureValid: Type.Boolean() })])
export type CheckpointView = Static<typeof CheckpointView>
export const Receipt = Type.Object({
  eventId: Type.Integer(), hash: Type.String(), eventAt: Type.String(), chains: ChainHeads('the newest event of every chain'), issuedAt: Type.String(), keyId: Type.String(),
  publicKey: Type.String({ description: 'raw Ed25519 public key, base64' }),
  signature: Type.String({ description: 'Ed25519 over the other fields (publicKey excepted) plus "type":"receipt", as JSON with sorted keys' }),
})
export type HeadReceipt = Static<typeof Receipt>
