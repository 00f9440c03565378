import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { errorResponses, FileResponse, Page } from '../../server/schemas.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { languageOf } from '../../server/errors.ts'
import { etagOf, parseIfMatch } from '../audit/changes.ts'
import type { BusinessInput } from './rules.ts'
import { sendJsonCompressed } from '../../server/compressed-json.ts'
import { businessesOnPhone } from './on-phone.ts'
import { recordAnnualReports } from './annual-reports.ts'
import { gridPlates, platesPdf } from './plates.ts'
import { countBusinesses, createBusiness, getBusiness, listUnplaced, searchBusinesses, updateBusiness, type BusinessPatch } from './service.ts'
import {
  AnnualReportsBody, AnnualReportsRecorded, BusinessChange, BusinessView, Count, CountQuery, Id, ListPage,
  NewBusiness, OnPhoneBody, OnPhoneSync, PlatesQuery, SearchQuery, UnplacedQuery, Year,
} from './schemas.ts'

const tags = ['businesses']

/** Where the request came to, for addresses printed on paper when PUBLIC_URL is not set. */
function requestOrigin(req: FastifyRequest): string {
  const host = /^[A-Za-z0-9.:[\]-]{1,255}$/.test(req.host) ? req.host : 'localhost'
  return `${req.protocol}://${host}`
}

const withoutCrs = <T extends { crs?: unknown }>(body: T) => {
  const { crs: _crs, ...rest } = body
  return rest
}

export async function businessRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get('/businesses', {
    schema: { tags, summary: '市场主体台账查询 Search the business ledger', querystring: SearchQuery, response: { 200: ListPage, ...errorResponses } },
  }, (req) => searchBusinesses(app.db, signedIn(req), req.query))

  app.post('/businesses', {
    schema: { tags, summary: '登记市场主体（按位置自动入格）Register a business', body: NewBusiness, response: { 200: BusinessView, ...errorResponses } },
  }, (req) =>
    createBusiness(app.db, signedIn(req), withoutCrs(req.body) as BusinessInput, req.body.crs ?? 'WGS84'))

  app.get('/businesses/unplaced', {
    schema: { tags, summary: '未入格市场主体 Businesses left for a person to place', querystring: UnplacedQuery, response: { 200: Page(BusinessView), ...errorResponses } },
  }, (req) => listUnplaced(app.db, signedIn(req), req.query))

  app.get('/businesses/count', {
    schema: { tags, summary: '市场主体计数（与查询同条件）Count the businesses a search matches', querystring: CountQuery, response: { 200: Count, ...errorResponses } },
  }, (req) => {
    const { reason, ...f } = req.query
    return countBusinesses(app.db, signedIn(req), { ...f, unplacedReason: reason })
  })

  app.post('/businesses/on-phone', {
    schema: {
      tags, summary: '手机离线保存的本人网格市场主体：只返回新增和变化的 The businesses of the caller\'s own grids for the phone: only what is new or changed',
      body: OnPhoneBody, response: { 200: OnPhoneSync, ...errorResponses },
    },
  }, async (req, reply) =>
    sendJsonCompressed(req, reply, await businessesOnPhone(app.db, signedIn(req), req.body.known as Array<[number, number]>)))

  app.put('/annual-reports/:year', {
    schema: {
      tags, summary: '登记已报送年报的市场主体（公示系统名单；关闭当年的年报提醒）Record the businesses that filed their annual report on a year; closes that year\'s reminders',
      params: Year, body: AnnualReportsBody, response: { 200: AnnualReportsRecorded, ...errorResponses },
    },
  }, (req) =>
    recordAnnualReports(app.db, signedIn(req), req.params.year, req.body.usccs))

  app.get('/businesses/plates', {
    schema: {
      tags, summary: '打印网格市场主体二维码门牌（PDF，A4）Print QR address plates for a grid\'s businesses (PDF, A4)',
      querystring: PlatesQuery, produces: ['application/pdf'],
      response: { 200: FileResponse('the PDF'), ...errorResponses },
    },
  }, async (req, reply) => {
    const plates = await gridPlates(app.db, signedIn(req), req.query.grid, req.query.uscc)
    const lang = (req.query.lang ?? languageOf(req.headers['accept-language'])) === 'en' ? 'en' : 'zh'
    const title = lang === 'en' ? `QR plates of grid ${req.query.grid}` : `网格 ${req.query.grid} 市场主体门牌`
    const pdf = await platesPdf(plates, app.config.publicUrl ?? requestOrigin(req), title, lang)
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="plates-${req.query.grid}.pdf"`)
      .header('x-row-count', String(plates.length))
      .send(pdf)
  })

  app.get('/businesses/:id', {
    schema: { tags, summary: '市场主体详情（ETag 为版本号）One business (ETag: its version)', params: Id, response: { 200: BusinessView, ...errorResponses } },
  }, async (req, reply) => {
    const view = await getBusiness(app.db, signedIn(req), req.params.id)
    reply.header('etag', etagOf(view.version))
    return view
  })

  app.patch('/businesses/:id', {
    schema: {
      tags, summary: '修改市场主体（改位置即重新入格；If-Match 版本不符则 409）Change a business; a new location re-places it; a stale If-Match is a 409',
      params: Id, body: BusinessChange, response: { 200: BusinessView, ...errorResponses },
    },
  }, async (req, reply) => {
    const expected = parseIfMatch(req.headers['if-match'])
    const view = await updateBusiness(app.db, signedIn(req), req.params.id, withoutCrs(req.body) as BusinessPatch, req.body.crs ?? 'WGS84', expected)
    reply.header('etag', etagOf(view.version))
    return view
  })
}

