import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { languageOf } from '../../server/errors.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { errorResponses } from '../../server/schemas.ts'
import { csvStream, type Column } from '../../server/tabular.ts'
import { AuditEventView, AuditQuery, Checkpoint, CheckpointView, ExportQuery, Receipt, VerifyResult } from './schemas.ts'
import { createCheckpoint, exportAuditEvents, issueReceipt, listAuditEvents, listCheckpoints, verifyAuditFor } from './service.ts'

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
    schema: { tags, summary: '审计日志（审计管理员）Audit log', querystring: AuditQuery, response: { 200: Type.Array(AuditEventView), ...errorResponses } },
  }, (req) => listAuditEvents(app.db, signedIn(req), req.query))

  app.get('/audit-events/verify', {
    schema: { tags, summary: '校验审计链及检查点（审计管理员）Verify the audit chain and checkpoints', response: { 200: VerifyResult, ...errorResponses } },
  }, (req) => verifyAuditFor(app.db, signedIn(req), checkpointDir()))

  app.get('/audit-events/checkpoints', {
    schema: { tags, summary: '审计检查点列表（审计管理员）Signed checkpoints, newest first', response: { 200: Type.Array(CheckpointView), ...errorResponses } },
  }, (req) => listCheckpoints(app.db, signedIn(req), checkpointDir()))

  app.post('/audit-events/checkpoints', {
    schema: { tags, summary: '立即生成检查点（审计管理员）Write a checkpoint now', response: { 200: Checkpoint, ...errorResponses } },
  }, (req) => createCheckpoint(app.db, signedIn(req), checkpointDir()))

  app.get('/audit-events/receipt', {
    schema: { tags, summary: '下载签名的链头回执（审计管理员）Signed head receipt', response: { 200: Receipt, ...errorResponses } },
  }, async (req, reply) => {
    const receipt = await issueReceipt(app.db, signedIn(req))
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
    const events = exportAuditEvents(app.db, signedIn(req), q)
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
