import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { AppError, errorSpec, formatMessage, languageOf } from '../../server/errors.ts'
import { hitLimit } from '../../server/rate-limit.ts'
import { ErrorBody } from '../../server/schemas.ts'
import { createCase } from '../cases/filing.ts'
import { recordExternalRef } from '../cases/service.ts'
import { idempotencyKeyOf } from '../cases/routes.ts'
import { intakeClientOf } from './intake.ts'
import { EvidenceView } from '../evidence/schemas.ts'
import { filePart } from '../../server/file-part.ts'
import { storeEvidence } from '../evidence/service.ts'
import { errorsBody, requests, serviceExists, services, toXml, type Format, type Open311Error } from './open311.ts'
import { fileComplaint, publicCategories, publicMap, publicView, rateCase } from './service.ts'
import { Complaint, IntakeCase, IntakeReceipt, Label, PublicCase, Rating } from './schemas.ts'

const tags = ['portal']
const TrackingParams = Type.Object({ trackingNo: Type.String({ maxLength: 40 }) })

const publicErrors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody }

/** Per-address limits of the public routes (counted in the database: every server agrees). */
const LIMITS = {
  file: { max: 5, windowSeconds: 3600 },
  photo: { max: 30, windowSeconds: 3600 },
  read: { max: 120, windowSeconds: 60 },
  rate: { max: 10, windowSeconds: 3600 },
}

const limit = (req: FastifyRequest, kind: keyof typeof LIMITS) =>
  hitLimit(req.server.db, { bucket: `portal.${kind}:${req.ip}`, ...LIMITS[kind] })

export async function portalRoutes(app: FastifyInstance) {
  app.get('/public/categories', {
    config: { public: true },
    schema: {
      tags, summary: '公众可选的投诉类别 Categories the public may choose',
      response: { 200: Type.Array(Type.Object({ code: Type.String(), name: Label, emergency: Type.Boolean() })), ...publicErrors },
    },
  }, async (req) => {
    await limit(req, 'read')
    return publicCategories(app.db)
  })

  app.get('/public/map', {
    config: { public: true },
    schema: {
      tags, summary: '投诉地图：底图与辖区轮廓 The portal map: basemap and outlines',
      response: { 200: Type.Object({ basemap: Type.Any(), outline: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Any()) }) }), ...publicErrors },
    },
  }, async (req) => {
    await limit(req, 'read')
    return publicMap(app.db)
  })

  app.post('/public/complaints', {
    config: { public: true },
    schema: {
      tags, summary: '公众投诉举报（无需登录，可带 Idempotency-Key）File a complaint without an account', body: Complaint,
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 100 })) }),
      response: { 201: PublicCase, ...publicErrors },
    },
  }, async (req: FastifyRequest<{ Body: Static<typeof Complaint> }>, reply) => {
    await limit(req, 'file')
    const view = await fileComplaint(app.db, req.body, { idempotencyKey: idempotencyKeyOf(req.headers['idempotency-key']) })
    return reply.code(201).send(view)
  })

  app.post('/public/photos', {
    config: { public: true },
    schema: {
      tags, summary: '公众上传投诉照片（multipart 字段 file）A photo for a complaint (multipart field "file")', consumes: ['multipart/form-data'],
      response: { 200: EvidenceView, ...publicErrors, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req) => {
    await limit(req, 'photo')
    const part = await filePart(req)
    // Photos only, from the public: the image limit applies, and the photo stays invisible to
    // staff until a complaint attaches it.
    return storeEvidence(app.db, app.config.evidence, null, part.stream, { name: part.name, mediaType: part.mediaType }, ['image'])
  })

  app.get('/public/complaints/:trackingNo', {
    config: { public: true },
    schema: { tags, summary: '按受理编号查询进度 Follow a complaint by its tracking number', params: TrackingParams, response: { 200: PublicCase, ...publicErrors } },
  }, async (req: FastifyRequest<{ Params: Static<typeof TrackingParams> }>) => {
    await limit(req, 'read')
    const view = await publicView(app.db, req.params.trackingNo.trim().toUpperCase())
    if (!view) throw new AppError('portal.notFound')
    return view
  })

  app.post('/public/complaints/:trackingNo/rating', {
    config: { public: true },
    schema: { tags, summary: '评价办理结果 Rate the result', params: TrackingParams, body: Rating, response: { 200: PublicCase, ...publicErrors } },
  }, async (req: FastifyRequest<{ Params: Static<typeof TrackingParams>; Body: Static<typeof Rating> }>) => {
    await limit(req, 'rate')
    return rateCase(app.db, req.params.trackingNo.trim().toUpperCase(), req.body.rating, req.body.comment)
  })

  app.post('/intake/cases', {
    config: { public: true },
    schema: {
      tags, summary: '其他平台转办事件（X-Api-Key 与 Idempotency-Key）Cases from other platforms (X-Api-Key, Idempotency-Key)',
      body: IntakeCase,
      headers: Type.Object({ 'x-api-key': Type.Optional(Type.String({ maxLength: 200 })), 'idempotency-key': Type.Optional(Type.String({ maxLength: 100 })) }),
      response: { 201: IntakeReceipt, 200: IntakeReceipt, 401: ErrorBody, ...publicErrors },
    },
  }, async (req: FastifyRequest<{ Body: Static<typeof IntakeCase> }>, reply) => {
    const client = await intakeClientOf(app.db, req.headers['x-api-key'] as string | undefined)
    const key = idempotencyKeyOf(req.headers['idempotency-key'])
    if (!key) throw new AppError('intake.idempotencyKeyRequired')
    const { externalRef, ...input } = req.body
    const { case: c, created } = await createCase(app.db, null, input, { idempotencyKey: key, submitter: `client:${client.name}` })
    if (externalRef && created) await recordExternalRef(app.db, c.id, externalRef)
    return reply.code(created ? 201 : 200).send({
      id: c.id, trackingNo: c.trackingNo, state: c.state, gridCode: c.gridCode, holderCode: c.holderCode, dueAt: c.dueAt, createdAt: c.createdAt,
    })
  })
}

// ---------------------------------------------------------------- Open311 GeoReport v2

const FORMAT = /^(json|xml)$/

/** The request's format from the path's extension; anything else answers the JSON error list. */
function formatOf(raw: string): Format | null {
  return FORMAT.test(raw) ? (raw as Format) : null
}

function send(reply: FastifyReply, format: Format, status: number, root: string, item: string, rows: Array<Record<string, unknown>>) {
  reply.code(status).header('content-type', format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8')
  return reply.send(format === 'xml' ? toXml(root, item, rows) : JSON.stringify(rows))
}

function sendErrors(reply: FastifyReply, format: Format, status: number, errors: Open311Error[]) {
  reply.code(status).header('content-type', format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8')
  return reply.send(errorsBody(format, errors))
}

/** An AppError as the specification's error list, in the request's language. */
function open311Error(err: unknown, req: FastifyRequest): { status: number; errors: Open311Error[] } {
  const lang = languageOf(req.headers['accept-language'])
  if (err instanceof AppError) {
    const status = errorSpec(err.code)?.status ?? 400
    return { status, errors: [{ code: status, description: formatMessage(err.code, lang, err.details) }] }
  }
  throw err
}

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : undefined)

export async function open311Routes(app: FastifyInstance) {
  // GeoReport clients post form fields; JSON bodies are taken too.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })
  const lang = (req: FastifyRequest) => languageOf(req.headers['accept-language'])
  const hide = { hide: true }
  const guard = async (req: FastifyRequest, reply: FastifyReply, format: Format | null, fn: (format: Format) => Promise<unknown>) => {
    if (!format) return sendErrors(reply, 'json', 404, [{ code: 404, description: 'format must be json or xml' }])
    try {
      await limit(req, 'read')
      return await fn(format)
    } catch (err) {
      const { status, errors } = open311Error(err, req)
      return sendErrors(reply, format, status, errors)
    }
  }

  app.get('/open311/v2/discovery.:format', { schema: hide }, async (req: FastifyRequest<{ Params: { format: string } }>, reply) =>
    guard(req, reply, formatOf(req.params.format), async (format) => {
      const base = `${req.protocol}://${req.headers.host ?? 'localhost'}/open311/v2/`
      const endpoint = { specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset: '2026-12-04', type: 'production', formats: 'application/json,text/xml' }
      if (format === 'json') return reply.send({ changeset: '2026-12-04', contact: '', key_service: 'market-grid intake-client add', endpoints: [endpoint] })
      return send(reply, format, 200, 'discovery', 'endpoint', [endpoint])
    }))

  app.get('/open311/v2/services.:format', { schema: hide }, async (req: FastifyRequest<{ Params: { format: string } }>, reply) =>
    guard(req, reply, formatOf(req.params.format), async (format) => send(reply, format, 200, 'services', 'service', await services(app.db, lang(req)))))

  app.get('/open311/v2/services/:code.:format', { schema: hide }, async (req: FastifyRequest<{ Params: { code: string; format: string } }>, reply) =>
    guard(req, reply, formatOf(req.params.format), async (format) => {
      if (!(await serviceExists(app.db, req.params.code))) return sendErrors(reply, format, 404, [{ code: 404, description: `service_code ${req.params.code} not found` }])
      const definition = { service_code: req.params.code, attributes: [] }
      if (format === 'json') return reply.send(definition)
      return reply.header('content-type', 'text/xml; charset=utf-8').send(
        `<?xml version="1.0" encoding="utf-8"?>\n<service_definition><service_code>${req.params.code}</service_code><attributes></attributes></service_definition>`)
    }))

  app.get('/open311/v2/requests.:format', { schema: hide }, async (req: FastifyRequest<{ Params: { format: string }; Querystring: Record<string, unknown> }>, reply) =>
    guard(req, reply, formatOf(req.params.format), async (format) => {
      const q = req.query
      const date = (v: unknown) => {
        const s = str(v)
        if (!s) return undefined
        const d = new Date(s)
        if (Number.isNaN(d.getTime())) throw new AppError('request.invalid', { summary: `date ${s.slice(0, 40)}` })
        return d
      }
      const status = str(q.status)
      const rows = await requests(app.db, {
        ids: str(q.service_request_id)?.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 100),
        serviceCode: str(q.service_code), start: date(q.start_date), end: date(q.end_date),
        status: status === 'open' || status === 'closed' ? status : undefined,
      }, lang(req))
      return send(reply, format, 200, 'service_requests', 'request', rows)
    }))

  app.get('/open311/v2/requests/:id.:format', { schema: hide }, async (req: FastifyRequest<{ Params: { id: string; format: string } }>, reply) =>
    guard(req, reply, formatOf(req.params.format), async (format) => {
      const rows = await requests(app.db, { ids: [req.params.id.toUpperCase()] }, lang(req))
      if (rows.length === 0) return sendErrors(reply, format, 404, [{ code: 404, description: `service_request_id ${req.params.id} not found` }])
      return send(reply, format, 200, 'service_requests', 'request', rows)
    }))

  // The request id is returned at once, so a token is its own request id.
  app.get('/open311/v2/tokens/:token.:format', { schema: hide }, async (req: FastifyRequest<{ Params: { token: string; format: string } }>, reply) =>
    guard(req, reply, formatOf(req.params.format), async (format) => {
      const rows = await requests(app.db, { ids: [req.params.token.toUpperCase()] }, lang(req))
      if (rows.length === 0) return sendErrors(reply, format, 404, [{ code: 404, description: `token ${req.params.token} not found` }])
      return send(reply, format, 200, 'service_requests', 'request', [{ service_request_id: rows[0].service_request_id, token: req.params.token }])
    }))

  app.post('/open311/v2/requests.:format', { schema: hide }, async (req: FastifyRequest<{ Params: { format: string }; Body: Record<string, unknown> | undefined }>, reply) =>
    guard(req, reply, formatOf(req.params.format), async (format) => {
      const b = req.body ?? {}
      const client = await intakeClientOf(app.db, str(b.api_key))
      const code = str(b.service_code)
      if (!code || !(await serviceExists(app.db, code))) return sendErrors(reply, format, 400, [{ code: 400, description: 'service_code not found' }])
      const lat = Number(str(b.lat))
      const lng = Number(str(b.long))
      if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
        return sendErrors(reply, format, 400, [{ code: 400, description: 'lat and long are required (this jurisdiction places requests by their point)' }])
      }
      const description = str(b.description)?.trim()
      if (!description) return sendErrors(reply, format, 400, [{ code: 400, description: 'description is required' }])
      const name = [str(b.last_name), str(b.first_name)].filter(Boolean).join('') || undefined
      const idem = idempotencyKeyOf(req.headers['idempotency-key'] as string | undefined)
      const view = await fileComplaint(app.db, {
        categoryCode: code, description: description.slice(0, 5000), location: { lng, lat },
        address: str(b.address_string)?.slice(0, 300),
        contact: { name: name?.slice(0, 50), phone: str(b.phone)?.replace(/[^0-9+() -]/g, '').slice(0, 30) || undefined },
      }, { idempotencyKey: idem, submitter: `client:${client.name}`, source: 'complaint' })
      return send(reply, format, 201, 'service_requests', 'request', [{ service_request_id: view.trackingNo, service_notice: null, account_id: null }])
    }))
}
