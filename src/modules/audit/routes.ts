import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type, type TSchema } from '@sinclair/typebox'
import { languageOf } from '../../server/errors.ts'
import { errorResponses, FileLang } from '../../server/schemas.ts'
import { csvStream, type Column } from '../../server/tabular.ts'
import { createCheckpoint, exportAuditEvents, issueReceipt, listAuditEvents, listCheckpoints, verifyAuditFor } from './service.ts'

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
const AuditQuery = Type.Object({
  ...filters,
  afterId: Type.Optional(Type.Integer({ minimum: 1, maximum: 9007199254740991, description: 'keyset paging: events older than this id' })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
}, { additionalProperties: false })
const ExportQuery = Type.Object({ ...filters, lang: FileLang }, { additionalProperties: false })

const AuditEvent = Type.Object({
  id: Type.Integer(), at: Type.String({ description: 'ISO 8601, microseconds, as stored and hashed' }), userId: Nullable(Type.Integer()),
  username: Nullable(Type.String()), areaCode: Nullable(Type.String()), ip: Nullable(Type.String()), action: Type.String(),
  objectType: Nullable(Type.String()), objectId: Nullable(Type.String()), result: Type.String(), details: Type.Any(),
  hash: Type.String(), keyId: Nullable(Type.String({ description: 'HMAC key of the link; null = unkeyed legacy event' })),
})
const BreakReason = Type.Union(['hashMismatch', 'badMac', 'unknownKey', 'unkeyedAfterKeyed', 'prevHashMismatch'].map((r) => Type.Literal(r)))
const VerifyResult = Type.Object({
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
const Checkpoint = Type.Object({
  eventId: Type.Integer(), hash: Type.String(), eventAt: Type.String(),
  chains: Type.Optional(ChainHeads('the newest event of every chain (absent in checkpoints written before the chains were split)')),
  writtenAt: Type.String(), keyId: Type.String(), signature: Type.String(),
})
const CheckpointView = Type.Composite([Checkpoint, Type.Object({ signatureValid: Type.Boolean() })])
const Receipt = Type.Object({
  eventId: Type.Integer(), hash: Type.String(), eventAt: Type.String(), chains: ChainHeads('the newest event of every chain'), issuedAt: Type.String(), keyId: Type.String(),
  publicKey: Type.String({ description: 'raw Ed25519 public key, base64' }),
  signature: Type.String({ description: 'Ed25519 over the other fields (publicKey excepted) plus "type":"receipt", as JSON with sorted keys' }),
})

const COLUMNS: Column[] = [
  { key: 'id', zh: '编号', en: 'ID' },
  { key: 'at', zh: '时间', en: 'Time' },
  { key: 'username', zh: '用户', en: 'User' },
  { key: 'ip', zh: 'IP 地址', en: 'IP address' },
  { key: 'action', zh: '操作', en: 'Action' },
  { key: 'objectType', zh: '对象类型', en: 'Object type' },
  { key: 'objectId', zh: '对象编号', en: 'Object ID' },
  { key: 'areaCode', zh: '区域', en: 'Area' },
  { key: 'result', zh: '结果', en: 'Result' },
  { key: 'details', zh: '详情', en: 'Details' },
  { key: 'hash', zh: '哈希', en: 'Hash' },
  { key: 'keyId', zh: '密钥', en: 'Key' },
]

/** The audit administrator's log: read, verify, checkpoint, receipt, export. Every call is itself recorded. */
export async function auditRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['audit']
  const checkpointDir = () => app.config.audit.checkpointDir

  app.get('/audit-events', {
    schema: { tags, summary: '审计日志（审计管理员）Audit log', querystring: AuditQuery, response: { 200: Type.Array(AuditEvent), ...errorResponses } },
  }, (req) => listAuditEvents(app.db, req.actor!, req.query))

  app.get('/audit-events/verify', {
    schema: { tags, summary: '校验审计链及检查点（审计管理员）Verify the audit chain and checkpoints', response: { 200: VerifyResult, ...errorResponses } },
  }, (req) => verifyAuditFor(app.db, req.actor!, checkpointDir()))

  app.get('/audit-events/checkpoints', {
    schema: { tags, summary: '审计检查点列表（审计管理员）Signed checkpoints, newest first', response: { 200: Type.Array(CheckpointView), ...errorResponses } },
  }, (req) => listCheckpoints(app.db, req.actor!, checkpointDir()))

  app.post('/audit-events/checkpoints', {
    schema: { tags, summary: '立即生成检查点（审计管理员）Write a checkpoint now', response: { 200: Checkpoint, ...errorResponses } },
  }, (req) => createCheckpoint(app.db, req.actor!, checkpointDir()))

  app.get('/audit-events/receipt', {
    schema: { tags, summary: '下载签名的链头回执（审计管理员）Signed head receipt', response: { 200: Receipt, ...errorResponses } },
  }, async (req, reply) => {
    const receipt = await issueReceipt(app.db, req.actor!)
    reply.header('content-disposition', `attachment; filename="audit-receipt-${receipt.eventId}.json"`)
    return receipt
  })

  app.get('/audit-events/export', {
    schema: {
      tags, summary: '导出审计日志 CSV（审计管理员）Export the filtered audit log (CSV)', querystring: ExportQuery,
      response: { 200: { description: 'the file', content: { 'text/csv': { schema: {} } } }, ...errorResponses },
    },
  }, async (req, reply) => {
    const { lang, ...q } = req.query
    const events = exportAuditEvents(app.db, req.actor!, q)
    // The first step authorizes and records the export: a refusal is a plain error, not a broken download.
    const first = await events.next()
    async function* rows() {
      for (let r = first; !r.done; r = await events.next()) {
        yield { ...r.value, details: r.value.details === null ? '' : JSON.stringify(r.value.details) }
      }
    }
    reply.header('content-type', 'text/csv; charset=utf-8')
    reply.header('content-disposition', `attachment; filename="audit-events.csv"`)
    return reply.send(csvStream(COLUMNS, lang ?? languageOf(req.headers['accept-language']), rows()))
  })
}
