import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { errorResponses } from '../../server/schemas.ts'
import { authorize } from '../access/policy.ts'
import { listAuditEvents, verifyAudit } from './service.ts'

const AuditQuery = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 100 })),
  username: Type.Optional(Type.String({ maxLength: 64 })),
  objectType: Type.Optional(Type.String({ maxLength: 50 })),
  objectId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  afterId: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
}, { additionalProperties: false })
const AuditEvent = Type.Object({
  id: Type.Integer(), at: Type.String(), userId: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]), areaCode: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]), action: Type.String(), objectType: Type.Union([Type.String(), Type.Null()]),
  objectId: Type.Union([Type.String(), Type.Null()]), result: Type.String(), details: Type.Any(), hash: Type.String(),
})

export async function auditRoutes(app: FastifyInstance) {
  const tags = ['audit']
  app.get('/audit-events', {
    schema: { tags, summary: '审计日志（审计管理员）Audit log', querystring: AuditQuery, response: { 200: Type.Array(AuditEvent), ...errorResponses } },
  }, (req: FastifyRequest<{ Querystring: Static<typeof AuditQuery> }>) => listAuditEvents(app.db, req.actor!, req.query))

  app.get('/audit-events/verify', {
    schema: {
      tags, summary: '校验审计链（审计管理员）Verify the audit chain',
      response: { 200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), brokenAt: Type.Optional(Type.Object({ id: Type.Integer(), reason: Type.String() })), head: Type.Optional(Type.Object({ id: Type.Integer(), hash: Type.String() })) }), ...errorResponses },
    },
  }, (req) => {
    authorize(req.actor!, 'audit.read')
    return verifyAudit(app.db)
  })
}
