import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AppError, languageOf } from '../../server/errors.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { etagOf, parseIfMatch } from '../audit/changes.ts'
import { AreaCode, Coordinates, Crs, ErrorBody, errorResponses, Id, Sha256 } from '../../server/schemas.ts'
import { authorize } from '../access/policy.ts'
import { CASE_ACTIONS, CASE_STATES, STATE_LABELS, RECORDED_STEP_LABELS, TRANSITIONS, type CaseAction } from './loop.ts'
import { CASE_SOURCES, SOURCE_LABELS, type StepInput } from './rules.ts'
import { createCase, type NewCase } from './filing.ts'
import { getCase, listCases, revealContact, takeStep } from './service.ts'
import { caseCatalogue } from './catalogue.ts'
import { caseSummary, openCasePoints } from './command-centre.ts'
import { CaseFeed, streamFeed } from './feed.ts'
import { caseRecord } from './record.ts'
import { renderCaseRecord } from './record-page.ts'
import { SummaryCache } from './summary-cache.ts'
import { CaseDetail, CaseState, CaseView, CategoryCode, Label, literals, NullableTime } from './schemas.ts'

const tags = ['cases']
const NewCaseBody = Type.Object({
  source: literals(CASE_SOURCES),
  categoryCode: CategoryCode,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ minLength: 1, maxLength: 5000 }),
  location: Type.Optional(Coordinates),
  crs: Type.Optional(Crs),
  gridCode: Type.Optional(AreaCode),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  businessId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  contact: Type.Optional(Type.Object({
    name: Type.Optional(Type.String({ maxLength: 50 })),
    phone: Type.Optional(Type.String({ maxLength: 30, pattern: '^[0-9+() -]*$' })),
    email: Type.Optional(Type.String({ maxLength: 100, format: 'email' })),
  }, { additionalProperties: false })),
  evidence: Type.Optional(Type.Array(Sha256, { maxItems: 30 })),
}, { additionalProperties: false })

const StepBody = Type.Object({
  action: literals(CASE_ACTIONS),
  note: Type.Optional(Type.String({ maxLength: 5000 })),
  gridCode: Type.Optional(AreaCode),
  departmentCode: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_-]{1,39}$' })),
  targetCaseId: Type.Optional(Type.Integer({ minimum: 1 })),
  evidence: Type.Optional(Type.Array(Sha256, { maxItems: 30 })),
  location: Type.Optional(Coordinates),
}, { additionalProperties: false })

const CaseListQuery = Type.Object({
  queue: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('all')], { description: 'mine: open cases you can take a step on now, most urgent first' })),
  state: Type.Optional(CaseState),
  under: Type.Optional(AreaCode),
  categoryCode: Type.Optional(CategoryCode),
  emergency: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  open: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'tracking number or words of the title' })),
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
}, { additionalProperties: false })

const Contact = Type.Object({
  name: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]),
})

const LoopDeclaration = Type.Object({
  states: Type.Array(Type.Object({ state: CaseState, label: Label })),
  transitions: Type.Array(Type.Object({
    action: literals(CASE_ACTIONS), from: Type.Array(CaseState), to: Type.String(), roles: Type.Array(Type.String()),
    standing: Type.String(), requires: Type.Record(Type.String(), Type.Any()), label: Label,
  })),
  sources: Type.Array(Type.Object({ source: Type.String(), label: Label })),
  events: Type.Array(Type.Object({ action: Type.String(), label: Label }), { description: 'what a timeline holds besides steps (filing, deadline flags, merges, ratings)' }),
})

const RecordQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { description: 'language of the page; default from Accept-Language' })),
}, { additionalProperties: false })

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,100}$/

export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined
  const key = Array.isArray(header) ? header[0] : header
  if (!IDEMPOTENCY_KEY.test(key)) throw new AppError('case.idempotencyKeyInvalid', { field: 'Idempotency-Key' })
  return key
}

const UrgentCase = Type.Object({
  id: Type.Integer(), trackingNo: Type.String(), title: Type.String(), state: CaseState, gridCode: Type.Union([Type.String(), Type.Null()]),
  holderCode: Type.String(), emergency: Type.Boolean(), dueAt: NullableTime, overdueAt: NullableTime,
})
const CaseSummary = Type.Object({
  under: Type.String(),
  byState: Type.Record(Type.String(), Type.Integer()),
  byArea: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), open: Type.Integer(), overdue: Type.Integer(), emergency: Type.Integer() })),
  open: Type.Integer(),
  overdue: Type.Integer(),
  emergencies: Type.Array(UrgentCase),
  dueSoon: Type.Array(UrgentCase),
  overdueCases: Type.Array(UrgentCase),
})
const SummaryQuery = Type.Object({
  under: Type.Optional(AreaCode),
  dueWithinHours: Type.Integer({ minimum: 1, maximum: 720, default: 24 }),
}, { additionalProperties: false })
const CasePoints = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Object({
    type: Type.Literal('Feature'), id: Type.Integer(),
    geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }) }),
    properties: Type.Object({ id: Type.Integer(), state: CaseState, emergency: Type.Boolean(), overdue: Type.Boolean(), title: Type.String() }),
  })),
})
const PointsQuery = Type.Object({
  under: Type.Optional(AreaCode),
  limit: Type.Integer({ minimum: 1, maximum: 20000, default: 5000 }),
}, { additionalProperties: false })

export async function caseRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const feed = new CaseFeed(app.db)
  const summaries = new SummaryCache(feed)
  app.addHook('onClose', () => {
    summaries.close()
    return feed.close()
  })

  app.get('/cases/summary', {
    schema: {
      tags, summary: '指挥中心：按状态与区域统计、临期与超期、紧急事件 Command centre counts, deadlines and emergencies',
      querystring: SummaryQuery, response: { 200: CaseSummary, ...errorResponses },
    },
  }, async (req) => caseSummary(app.db, signedIn(req), req.query, summaries))

  app.get('/cases/points', {
    schema: {
      tags, summary: '未办结事件点位（GeoJSON）Open cases as GeoJSON points for the map', querystring: PointsQuery,
      response: { 200: CasePoints, ...errorResponses },
    },
  }, async (req) => openCasePoints(app.db, signedIn(req), req.query))

  // A stream that never ends is left out of the OpenAPI document (its clients are browsers'
  // EventSource, documented in docs/cases.md); it is authorised like every route.
  app.get('/cases/feed', {
    schema: { hide: true },
  }, async (req, reply) => {
    authorize(signedIn(req), 'case.read')
    await streamFeed(feed, signedIn(req), reply)
  })

  app.get('/cases/loop', {
    schema: { tags, summary: '办理流程（状态与步骤的声明）The case loop as declared: states and steps', response: { 200: LoopDeclaration, ...errorResponses } },
  }, async (req) => {
    authorize(signedIn(req), 'case.read')
    return {
      states: CASE_STATES.map((state) => ({ state, label: STATE_LABELS[state] })),
      transitions: TRANSITIONS.map((t) => ({ action: t.action, from: [...t.from], to: t.to, roles: [...t.roles], standing: t.standing, requires: t.requires, label: t.label })),
      sources: CASE_SOURCES.map((source) => ({ source, label: SOURCE_LABELS[source] })),
      events: Object.entries(RECORDED_STEP_LABELS).map(([action, label]) => ({ action, label })),
    }
  })

  app.post('/cases', {
    schema: {
      tags, summary: '登记事件（可带 Idempotency-Key）File a case (Idempotency-Key accepted)', body: NewCaseBody,
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 100 })) }),
      response: { 201: CaseDetail, 200: CaseDetail, ...errorResponses },
    },
  }, async (req, reply) => {
    const key = idempotencyKeyOf(req.headers['idempotency-key'])
    const { case: detail, created } = await createCase(app.db, signedIn(req), req.body as NewCase, { idempotencyKey: key })
    reply.code(created ? 201 : 200).header('etag', etagOf(detail.version))
    return detail
  })

  app.get('/cases', {
    schema: {
      tags, summary: '事件列表与我的待办 Cases in your area; queue=mine for your to-do list', querystring: CaseListQuery,
      response: { 200: Type.Object({ items: Type.Array(CaseView), nextAfter: Type.Union([Type.Integer(), Type.Null()]) }), ...errorResponses },
    },
  }, async (req) => listCases(app.db, signedIn(req), req.query))

  app.get('/cases/:id', {
    schema: { tags, summary: '事件详情与办理过程（ETag 为版本号）A case with its timeline (ETag: its version)', params: Id, response: { 200: CaseDetail, ...errorResponses } },
  }, async (req, reply) => {
    const detail = await getCase(app.db, signedIn(req), req.params.id)
    reply.header('etag', etagOf(detail.version))
    return detail
  })

  app.post('/cases/:id/steps', {
    schema: {
      tags, summary: '办理一步（If-Match 版本不符则 409）Take a step of the loop; a stale If-Match is a 409',
      params: Id, body: StepBody, response: { 200: CaseDetail, ...errorResponses },
    },
  }, async (req, reply) => {
    const { action, ...input } = req.body
    const detail = await takeStep(app.db, signedIn(req), req.params.id, action as CaseAction, input as StepInput, parseIfMatch(req.headers['if-match']))
    reply.header('etag', etagOf(detail.version))
    return detail
  })

  app.get('/cases/:id/contact', {
    schema: {
      tags, summary: '查看投诉人联系方式（留痕）The complainant\'s contact details in clear (audited)',
      params: Id, response: { 200: Contact, ...errorResponses },
    },
  }, async (req) => revealContact(app.db, signedIn(req), req.params.id))

  // A page for people, not a JSON view: the browser opens it in a tab and prints it or saves it as
  // PDF (docs/decisions.md says why the server makes no PDF itself). Authorised as GET /cases/{id}.
  app.get('/cases/:id/record', {
    schema: {
      tags, summary: '事件办理全过程记录（可打印页面，含证据哈希与审计哈希；导出留痕）A case\'s full record as a printable page, with evidence and audit hashes (audited)',
      params: Id, querystring: RecordQuery,
      response: { 200: { description: 'the page (text/html)', content: { 'text/html': { schema: { type: 'string' } } } }, ...errorResponses },
    },
  }, async (req, reply) => {
    const lang = req.query.lang ?? languageOf(req.headers['accept-language'])
    const record = await caseRecord(app.db, signedIn(req), req.params.id, { lang, format: 'html' })
    return reply
      .type('text/html; charset=utf-8')
      .header('content-disposition', `inline; filename="case-record-${record.trackingNo}.html"`)
      .send(renderCaseRecord(record, lang))
  })

  app.get('/case-catalogue', {
    schema: {
      tags, summary: '事件类别、流转路线与部门 Categories, routes and departments',
      response: { 200: Type.Object({
        categories: Type.Array(Type.Object({ code: Type.String(), name: Label, routeCode: Type.String(), emergency: Type.Boolean(), active: Type.Boolean() })),
        routes: Type.Array(Type.Object({ code: Type.String(), name: Label, referFromLevels: Type.Array(Type.Integer()) })),
        departments: Type.Array(Type.Object({ code: Type.String(), name: Label, active: Type.Boolean() })),
      }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
  }, async (req) => {
    authorize(signedIn(req), 'case.read')
    return caseCatalogue(app.db)
  })
}
