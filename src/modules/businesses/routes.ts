import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type, type SchemaOptions, type Static, type TLiteral, type TUnion } from '@sinclair/typebox'
import { AreaCode, Crs, ErrorBody, FileLang, errorResponses, ImportFieldChange, ImportRowNote, Page, PageQuery } from '../../server/schemas.ts'
import { languageOf } from '../../server/errors.ts'
import { filePart } from '../../server/file-part.ts'
import { etagOf, parseIfMatch } from '../audit/changes.ts'
import { exportBusinesses } from '../ledger-io/businesses-export.ts'
import { importBusinesses, spoolUpload } from '../ledger-io/businesses-import.ts'
import { BUSINESS_COLUMNS } from '../ledger-io/businesses-columns.ts'
import { reasonsByRow, REFUSED_ROWS_MAX, refusedRowsWorkbook, sendRefusedRows } from '../ledger-io/refused-rows.ts'
import { sniffFormat } from '../ledger-io/tabular.ts'
import { KEY_DOMAINS, KINDS, OPERATING_STATES, RISK_CLASSES, type BusinessInput } from './rules.ts'
import { BUSINESS_SORTS } from './sorting.ts'
import { sendJsonCompressed } from '../../server/compressed-json.ts'
import { businessesOnPhone, ON_PHONE_MAX } from './on-phone.ts'
import { ANNUAL_REPORTS_MAX, recordAnnualReports } from './annual-reports.ts'
import { gridPlates, platesPdf } from './plates.ts'
import { COUNT_CAP, countBusinesses, createBusiness, getBusiness, listUnplaced, searchBusinesses, updateBusiness, requirePermission, type BusinessPatch } from './service.ts'

const tags = ['businesses']
const literals = <T extends readonly string[]>(values: T, options?: SchemaOptions) =>
  Type.Union(values.map((v) => Type.Literal(v)), options) as TUnion<Array<TLiteral<T[number]>>>
const Kind = literals(KINDS)
const OperatingState = literals(OPERATING_STATES)
const RiskClass = literals(RISK_CLASSES)
const KeyDomain = literals(KEY_DOMAINS)
const Reason = Type.Union([Type.Literal('noLocation'), Type.Literal('outsideGrids')])
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

// Lengths, ranges and the USCC are checked by rules.ts so that the error names the broken rule;
// the schema only bounds the sizes a request may carry.
const Licence = Type.Object({
  type: Type.String({ maxLength: 200 }),
  number: Type.String({ maxLength: 200 }),
  validFrom: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }))),
  validTo: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }))),
}, { additionalProperties: false })
const Location = Type.Object({ lng: Type.Number(), lat: Type.Number() }, { additionalProperties: false, description: 'in `crs` (default WGS84), stored as WGS-84' })

const fields = {
  uscc: Type.String({ maxLength: 40, description: 'unified social credit code (GB 32100-2015)' }),
  name: Type.String({ maxLength: 1000 }),
  kind: Type.Optional(Type.Union([Kind, Type.Null()], { description: 'derived from the USCC when omitted' })),
  registeredAddress: Type.String({ maxLength: 1000 }),
  actualAddress: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  location: Type.Optional(Type.Union([Location, Type.Null()])),
  industry: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  licences: Type.Optional(Type.Array(Licence, { maxItems: 200 })),
  keyDomains: Type.Optional(Type.Array(KeyDomain, { maxItems: 10 })),
  operatingState: Type.Optional(OperatingState),
  riskClass: Type.Optional(RiskClass),
  legalRepresentative: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  crs: Type.Optional(Crs),
}
const NewBusiness = Type.Object(fields, { additionalProperties: false })
const BusinessChange = Type.Partial(Type.Object(fields), { additionalProperties: false })

const BusinessView = Type.Object({
  id: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  kind: Kind,
  registeredAddress: Type.String(),
  actualAddress: Nullable(Type.String()),
  location: Type.Union([Type.Object({ lng: Type.Number(), lat: Type.Number() }), Type.Null()]),
  industry: Nullable(Type.String()),
  licences: Type.Array(Type.Object({
    type: Type.String(), number: Type.String(),
    validFrom: Type.Optional(Nullable(Type.String())), validTo: Type.Optional(Nullable(Type.String())),
  })),
  keyDomains: Type.Array(Type.String()),
  operatingState: Type.String(),
  riskClass: Type.String(),
  legalRepresentative: Nullable(Type.String({ description: 'masked (张*) without person.readPersonal' })),
  contactPhone: Nullable(Type.String({ description: 'masked (138****1234) without person.readPersonal' })),
  personalMasked: Type.Boolean(),
  usccWarnings: Type.Array(Type.Literal('orgCodeCheck'), { description: 'doubts that do not refuse the code: orgCodeCheck = its GB 11714 organisation-code check character (17th) does not check' }),
  gridCode: Nullable(Type.String()),
  areaCode: Type.String(),
  unplacedReason: Type.Union([Reason, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'raised by every change; the ETag. Send it back as If-Match to change the business safely' }),
})

const filters = {
  q: Type.Optional(Type.String({ maxLength: 100, description: 'name contains, or USCC prefix when it looks like one' })),
  uscc: Type.Optional(Type.String({ maxLength: 24, description: 'USCC or its first characters (prefix search)' })),
  address: Type.Optional(Type.String({ maxLength: 100, description: 'registered or actual address contains' })),
  gridCode: Type.Optional(AreaCode),
  under: Type.Optional(AreaCode),
  industry: Type.Optional(Type.String({ maxLength: 100 })),
  riskClass: Type.Optional(RiskClass),
  kind: Type.Optional(Kind),
  operatingState: Type.Optional(OperatingState),
  placed: Type.Optional(Type.Boolean()),
}
const SearchQuery = Type.Object({
  ...filters, ...PageQuery,
  sort: Type.Optional(literals(BUSINESS_SORTS, {
    description: 'name, riskClass (high first), updatedAt or gridCode; a leading - sorts descending; absent: registration order. Page a sort with cursor.',
  })),
  cursor: Type.Optional(Type.String({ maxLength: 2000, description: 'nextCursor of the previous page, in the same sort' })),
}, { additionalProperties: false })
const ListPage = Type.Object({
  ...Page(BusinessView).properties,
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'cursor of the next page in this order (also unsorted); null after the last' }),
})
const CountQuery = Type.Object({ ...filters, reason: Type.Optional(Reason) }, { additionalProperties: false })
const Count = Type.Object({
  total: Type.Integer({ description: `matching businesses, counted up to ${COUNT_CAP}` }),
  exact: Type.Boolean({ description: 'false when more than `total` match' }),
})
const UnplacedQuery = Type.Object({ reason: Type.Optional(Reason), under: Type.Optional(AreaCode), ...PageQuery }, { additionalProperties: false })
const ExportQuery = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' }), lang: FileLang, ...filters,
}, { additionalProperties: false })
const ImportQuery = Type.Object({
  mode: Type.Union([Type.Literal('all'), Type.Literal('valid')], { default: 'all', description: 'all: nothing lands if any row is refused; valid: the valid rows land' }),
  dryRun: Type.Boolean({ default: false }),
  crs: Crs,
  existing: Type.Union([Type.Literal('refuse'), Type.Literal('update')], {
    default: 'refuse', description: 'a code already registered: refuse the row, or update that business from it (only the columns the file has)',
  }),
  unplaced: Type.Union([Type.Literal('accept'), Type.Literal('refuse')], {
    default: 'accept', description: 'a row that cannot be placed in a grid: import it unplaced (listed as a warning), or refuse it',
  }),
}, { additionalProperties: false })
const RefusedRowsQuery = Type.Object({
  crs: Crs, existing: ImportQuery.properties.existing, unplaced: ImportQuery.properties.unplaced, lang: FileLang,
}, { additionalProperties: false })
const ImportReport = Type.Object({
  rows: Type.Integer(), accepted: Type.Integer(), refused: Type.Integer(),
  refusals: Type.Array(ImportRowNote), refusalsTotal: Type.Integer(),
  warnings: Type.Array(ImportRowNote, { description: 'accepted rows that will land unplaced' }), warningsTotal: Type.Integer(),
  placed: Type.Integer(), unplaced: Type.Integer(),
  created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer({ description: 'rows naming a registered business as it is: not written' }),
  changes: Type.Array(Type.Object({
    row: Type.Integer(), id: Type.Integer(), uscc: Type.String(), name: Type.String(),
    fields: Type.Array(ImportFieldChange),
    grid: Type.Optional(Type.Object({ from: Type.Union([Type.String(), Type.Null()]), to: Type.Union([Type.String(), Type.Null()]) })),
  }), { description: 'update mode: per row, what changes from what to what (the first 1,000)' }),
  mode: Type.String(), existing: Type.String(), dryRun: Type.Boolean(), sha256: Type.String(),
})
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) })

const Int4 = (minimum: number) => Type.Integer({ minimum, maximum: 2_147_483_647 })
const OnPhoneBody = Type.Object({
  known: Type.Array(Type.Tuple([Int4(1), Int4(0)]), { maxItems: ON_PHONE_MAX, description: '[id, version] of each business the phone holds' }),
}, { additionalProperties: false })
const OnPhoneSync = Type.Object({
  grids: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  changed: Type.Array(BusinessView, { description: 'new or changed since the versions sent' }),
  removed: Type.Array(Type.Integer(), { description: 'ids the phone should drop' }),
  total: Type.Integer(),
})
const AnnualReportsBody = Type.Object({
  usccs: Type.Array(Type.String({ maxLength: 40 }), { maxItems: ANNUAL_REPORTS_MAX, description: 'the codes of the businesses that filed the report on `year`' }),
}, { additionalProperties: false })
const AnnualReportsRecorded = Type.Object({
  year: Type.Integer(), recorded: Type.Integer(), unknown: Type.Array(Type.String()), remindersClosed: Type.Integer(),
})
const Year = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) })

const PlatesQuery = Type.Object({
  grid: AreaCode,
  uscc: Type.Optional(Type.String({ maxLength: 18, description: 'one business, to replace its plate' })),
  lang: FileLang,
}, { additionalProperties: false })

/** Where the request came to, for addresses printed on paper when PUBLIC_URL is not set. */
function requestOrigin(req: FastifyRequest): string {
  const host = /^[A-Za-z0-9.:[\]-]{1,255}$/.test(req.host) ? req.host : 'localhost'
  return `${req.protocol}://${host}`
}

type Filters = Static<typeof SearchQuery>
const withoutCrs = <T extends { crs?: unknown }>(body: T) => {
  const { crs: _crs, ...rest } = body
  return rest
}

export async function businessRoutes(app: FastifyInstance) {
  app.get('/businesses', {
    schema: { tags, summary: '市场主体台账查询 Search the business ledger', querystring: SearchQuery, response: { 200: ListPage, ...errorResponses } },
  }, (req: FastifyRequest<{ Querystring: Filters }>) => searchBusinesses(app.db, req.actor!, req.query))

  app.post('/businesses', {
    schema: { tags, summary: '登记市场主体（按位置自动入格）Register a business', body: NewBusiness, response: { 200: BusinessView, ...errorResponses } },
  }, (req: FastifyRequest<{ Body: Static<typeof NewBusiness> }>) =>
    createBusiness(app.db, req.actor!, withoutCrs(req.body) as BusinessInput, req.body.crs ?? 'WGS84'))

  app.get('/businesses/unplaced', {
    schema: { tags, summary: '未入格市场主体 Businesses left for a person to place', querystring: UnplacedQuery, response: { 200: Page(BusinessView), ...errorResponses } },
  }, (req: FastifyRequest<{ Querystring: Static<typeof UnplacedQuery> }>) => listUnplaced(app.db, req.actor!, req.query))

  app.get('/businesses/count', {
    schema: { tags, summary: '市场主体计数（与查询同条件）Count the businesses a search matches', querystring: CountQuery, response: { 200: Count, ...errorResponses } },
  }, (req: FastifyRequest<{ Querystring: Static<typeof CountQuery> }>) => {
    const { reason, ...f } = req.query
    return countBusinesses(app.db, req.actor!, { ...f, unplacedReason: reason })
  })

  app.get('/businesses/export', {
    schema: {
      tags, summary: '导出市场主体台账（CSV/xlsx）Export the business ledger', querystring: ExportQuery,
      produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.String({ description: 'the file, in the import columns' }), ...errorResponses },
    },
  }, async (req: FastifyRequest<{ Querystring: Static<typeof ExportQuery> }>, reply) => {
    const { format, lang, ...f } = req.query
    const file = await exportBusinesses(app.db, req.actor!, f, format, lang ?? languageOf(req.headers['accept-language']))
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('x-row-count', String(file.rows))
      .send(file.stream)
  })

  app.post('/businesses/import', {
    schema: {
      tags, summary: '导入市场主体台账（CSV/xlsx，字段 file）Import businesses (multipart field "file")', consumes: ['multipart/form-data'],
      querystring: ImportQuery,
      response: { 200: ImportReport, ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req: FastifyRequest<{ Querystring: Static<typeof ImportQuery> }>) => {
    requirePermission(req.actor!, 'business.import')
    const part = await filePart(req)
    const upload = await spoolUpload(part.stream, app.config.uploadLimitBytes)
    try {
      return await importBusinesses(app.db, req.actor!, { ...upload, filename: part.name }, {
        mode: req.query.mode, dryRun: req.query.dryRun, crs: req.query.crs, existing: req.query.existing, unplaced: req.query.unplaced,
        lang: languageOf(req.headers['accept-language']),
      })
    } finally {
      await upload.remove()
    }
  })

  app.post('/businesses/import/refused-rows', {
    schema: {
      tags, summary: '导入文件中被拒绝的行（xlsx，首列为原因，改正后可直接重新导入）The refused rows of an import file as a workbook, with the reasons',
      consumes: ['multipart/form-data'], querystring: RefusedRowsQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.String({ description: 'the workbook' }), ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req: FastifyRequest<{ Querystring: Static<typeof RefusedRowsQuery> }>, reply) => {
    requirePermission(req.actor!, 'business.import')
    const part = await filePart(req)
    const upload = await spoolUpload(part.stream, app.config.uploadLimitBytes)
    try {
      const lang = req.query.lang ?? languageOf(req.headers['accept-language'])
      const report = await importBusinesses(app.db, req.actor!, { ...upload, filename: part.name }, {
        mode: 'valid', dryRun: true, crs: req.query.crs, existing: req.query.existing, unplaced: req.query.unplaced, lang, listLimit: REFUSED_ROWS_MAX,
      })
      const file = await refusedRowsWorkbook(upload.path, sniffFormat(upload.head)!, BUSINESS_COLUMNS, reasonsByRow(report.refusals), lang)
      // The refused rows were read from the spooled file before it goes; the workbook streams from memory.
      return sendRefusedRows(reply, file)
    } finally {
      await upload.remove()
    }
  })

  app.post('/businesses/on-phone', {
    schema: {
      tags, summary: '手机离线保存的本人网格市场主体：只返回新增和变化的 The businesses of the caller\'s own grids for the phone: only what is new or changed',
      body: OnPhoneBody, response: { 200: OnPhoneSync, ...errorResponses },
    },
  }, async (req: FastifyRequest<{ Body: Static<typeof OnPhoneBody> }>, reply) =>
    sendJsonCompressed(req, reply, await businessesOnPhone(app.db, req.actor!, req.body.known as Array<[number, number]>)))

  app.put('/annual-reports/:year', {
    schema: {
      tags, summary: '登记已报送年报的市场主体（公示系统名单；关闭当年的年报提醒）Record the businesses that filed their annual report on a year; closes that year\'s reminders',
      params: Year, body: AnnualReportsBody, response: { 200: AnnualReportsRecorded, ...errorResponses },
    },
  }, (req: FastifyRequest<{ Params: Static<typeof Year>; Body: Static<typeof AnnualReportsBody> }>) =>
    recordAnnualReports(app.db, req.actor!, req.params.year, req.body.usccs))

  app.get('/businesses/plates', {
    schema: {
      tags, summary: '打印网格市场主体二维码门牌（PDF，A4）Print QR address plates for a grid\'s businesses (PDF, A4)',
      querystring: PlatesQuery, produces: ['application/pdf'],
      response: { 200: Type.String({ description: 'the PDF' }), ...errorResponses },
    },
  }, async (req: FastifyRequest<{ Querystring: Static<typeof PlatesQuery> }>, reply) => {
    const plates = await gridPlates(app.db, req.actor!, req.query.grid, req.query.uscc)
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
  }, async (req: FastifyRequest<{ Params: { id: number } }>, reply) => {
    const view = await getBusiness(app.db, req.actor!, req.params.id)
    reply.header('etag', etagOf(view.version))
    return view
  })

  app.patch('/businesses/:id', {
    schema: {
      tags, summary: '修改市场主体（改位置即重新入格；If-Match 版本不符则 409）Change a business; a new location re-places it; a stale If-Match is a 409',
      params: Id, body: BusinessChange, response: { 200: BusinessView, ...errorResponses },
    },
  }, async (req: FastifyRequest<{ Params: { id: number }; Body: Static<typeof BusinessChange> }>, reply) => {
    const expected = parseIfMatch(req.headers['if-match'])
    const view = await updateBusiness(app.db, req.actor!, req.params.id, withoutCrs(req.body) as BusinessPatch, req.body.crs ?? 'WGS84', expected)
    reply.header('etag', etagOf(view.version))
    return view
  })
}

