import fs from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { languageOf } from '../../server/errors.ts'
import { filePart } from '../../server/file-part.ts'
import { etagOf, parseIfMatch } from '../audit/changes.ts'
import { AreaCode, ErrorBody, errorResponses, FileLang, ImportFieldChange, ImportRowNote, Page, PageQuery } from '../../server/schemas.ts'
import { exportPeople } from '../ledger-io/people-export.ts'
import { importPeople } from '../ledger-io/people-import.ts'
import { PEOPLE_COLUMNS } from '../ledger-io/people-columns.ts'
import { spoolUpload } from '../ledger-io/businesses-import.ts'
import { reasonsByRow, REFUSED_ROWS_MAX, refusedRowsWorkbook, sendRefusedRows } from '../ledger-io/refused-rows.ts'
import { PERSON_ROLES, POSITIONS, VIOLATION_CODES } from './rules.ts'
import { createPerson, getPerson, listPeople, updatePerson } from './service.ts'
import { staffingReport } from './staffing.ts'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
const PositionName = literals(POSITIONS)
// Role names are checked by the rules (person.roleUnknown), so that API and import refuse alike.
const RoleAssignment = Type.Object({
  role: Type.String({ minLength: 1, maxLength: 40, description: PERSON_ROLES.join(' | ') }),
  areaCode: AreaCode,
}, { additionalProperties: false })
const Phone = Type.Union([Type.String({ maxLength: 30, description: 'mobile 13800138000 or landline 029-83123456' }), Type.Null()])
const Organisation = Type.Union([Type.String({ maxLength: 200 }), Type.Null()])

const NewPerson = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  position: PositionName,
  phone: Type.Optional(Phone),
  organisation: Type.Optional(Organisation),
  areaCode: AreaCode,
  onDuty: Type.Optional(Type.Boolean({ default: true })),
  roles: Type.Optional(Type.Array(RoleAssignment, { maxItems: 50 })),
}, { additionalProperties: false })

const PersonChange = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  position: Type.Optional(PositionName),
  phone: Type.Optional(Phone),
  organisation: Type.Optional(Organisation),
  areaCode: Type.Optional(AreaCode),
  onDuty: Type.Optional(Type.Boolean()),
  roles: Type.Optional(Type.Array(RoleAssignment, { maxItems: 50, description: 'replaces the duties inside your scope' })),
}, { additionalProperties: false })

const PersonView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  position: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Boolean(),
  organisation: Type.Union([Type.String(), Type.Null()]),
  areaCode: Type.String(),
  onDuty: Type.Boolean(),
  roles: Type.Array(Type.Object({ role: Type.String(), areaCode: Type.String() })),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'raised by every change, duties included; the ETag. Send it back as If-Match to change the person safely' }),
})

const PeopleQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  role: Type.Optional(literals(PERSON_ROLES)),
  under: Type.Optional(AreaCode),
  gridCode: Type.Optional(AreaCode),
  onDuty: Type.Optional(Type.Boolean()),
  ...PageQuery,
}, { additionalProperties: false })

const PersonRef = Type.Object({ id: Type.Integer(), name: Type.String() })
const GridStaffing = Type.Object({
  code: Type.String(),
  name: Type.String(),
  counts: Type.Object({
    gridHead: Type.Integer(), gridManager: Type.Integer(), informant: Type.Integer(), overseer: Type.Integer(),
    offDuty: Type.Integer({ description: 'people holding a duty here while off duty; they count in no rule' }),
  }),
  gridHeads: Type.Array(PersonRef),
  overseers: Type.Array(PersonRef),
  violations: Type.Array(Type.Object({
    code: literals(VIOLATION_CODES), zh: Type.String(), en: Type.String(), people: Type.Array(PersonRef),
  })),
})
const StaffingReport = Type.Object({
  under: Type.String(),
  grids: Type.Array(GridStaffing),
  retiredDuties: Type.Array(Type.Object({
    areaCode: Type.String(), areaName: Type.String(), successorCodes: Type.Array(Type.String()), role: Type.String(),
    person: Type.Object({ id: Type.Integer(), name: Type.String() }),
  }), { description: 'duties still held on retired (split, merged) grids, to re-assign' }),
  summary: Type.Object({
    grids: Type.Integer(), gridsOk: Type.Integer(), gridsWithViolations: Type.Integer(),
    violations: Type.Object(Object.fromEntries(VIOLATION_CODES.map((c) => [c, Type.Integer()]))),
  }),
})
const StaffingQuery = Type.Object({
  under: Type.Optional(AreaCode),
  violationsOnly: Type.Boolean({ default: false }),
}, { additionalProperties: false })

const ImportQuery = Type.Object({
  mode: Type.Union([Type.Literal('all'), Type.Literal('valid')], { default: 'all', description: 'all: nothing lands if a row is refused; valid: accepted rows land' }),
  dryRun: Type.Boolean({ default: false }),
}, { additionalProperties: false })
const RefusedRowsQuery = Type.Object({ lang: FileLang }, { additionalProperties: false })
const ImportReport = Type.Object({
  format: Type.String(), sha256: Type.String(), mode: Type.String(), dryRun: Type.Boolean(),
  rows: Type.Integer(), accepted: Type.Integer(), refused: Type.Integer(), created: Type.Integer(), updated: Type.Integer(),
  unchanged: Type.Integer({ description: 'rows with an id that change nothing: not written' }),
  changes: Type.Array(Type.Object({ row: Type.Integer(), id: Type.Integer(), name: Type.String(), fields: Type.Array(ImportFieldChange) }), {
    description: 'per updating row, what changes from what to what (the first 1,000)',
  }),
  refusals: Type.Array(ImportRowNote),
})
const ExportQuery = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'xlsx' }),
  under: Type.Optional(AreaCode),
  lang: FileLang,
}, { additionalProperties: false })

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })

/** M2.3 personnel ledger and staffing report, M2.4 its import and export. */
export async function peopleRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['people']

  app.get('/people', {
    schema: { tags, summary: '人员台账 List people', querystring: PeopleQuery, response: { 200: Page(PersonView), ...errorResponses } },
  }, (req) => listPeople(app.db, req.actor!, req.query))

  app.post('/people', {
    schema: { tags, summary: '新增人员 Add a person', body: NewPerson, response: { 200: PersonView, ...errorResponses } },
  }, (req) => createPerson(app.db, req.actor!, req.body))

  app.get('/people/:id', {
    schema: {
      tags, summary: '人员详情（有权限时显示完整电话并记录审计）Get a person', params: IdParams,
      response: { 200: PersonView, ...errorResponses },
    },
  }, async (req, reply) => {
    const view = await getPerson(app.db, req.actor!, req.params.id)
    reply.header('etag', etagOf(view.version))
    return view
  })

  app.patch('/people/:id', {
    schema: {
      tags, summary: '修改人员；不在岗：onDuty=false 且 roles=[] Change a person (no deletion)', params: IdParams,
      body: PersonChange, response: { 200: PersonView, ...errorResponses },
    },
  }, async (req, reply) => {
    const view = await updatePerson(app.db, req.actor!, req.params.id, req.body, parseIfMatch(req.headers['if-match']))
    reply.header('etag', etagOf(view.version))
    return view
  })

  app.get('/staffing', {
    schema: {
      tags, summary: '网格人员配置检查 Staffing of the grids (M2.3)', querystring: StaffingQuery,
      response: { 200: StaffingReport, ...errorResponses },
    },
  }, (req) => staffingReport(app.db, req.actor!, req.query))

  app.post('/people/import', {
    schema: {
      tags, summary: '导入人员台账（multipart 字段 file，CSV 或 xlsx）Import people', consumes: ['multipart/form-data'],
      querystring: ImportQuery,
      response: { 200: ImportReport, ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req) => {
    const part = await filePart(req)
    return importPeople(app.db, req.actor!, part.stream, { ...req.query, lang: languageOf(req.headers['accept-language']) })
  })

  app.post('/people/import/refused-rows', {
    schema: {
      tags, summary: '人员导入文件中被拒绝的行（xlsx，首列为原因，改正后可直接重新导入）The refused rows of a people import file as a workbook, with the reasons',
      consumes: ['multipart/form-data'], querystring: RefusedRowsQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.String({ description: 'the workbook' }), ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req, reply) => {
    const part = await filePart(req)
    const upload = await spoolUpload(part.stream, app.config.uploadLimitBytes)
    try {
      const lang = req.query.lang ?? languageOf(req.headers['accept-language'])
      const report = await importPeople(app.db, req.actor!, fs.createReadStream(upload.path), { mode: 'valid', dryRun: true, lang, listLimit: REFUSED_ROWS_MAX })
      return sendRefusedRows(reply, await refusedRowsWorkbook(upload.path, report.format, PEOPLE_COLUMNS, reasonsByRow(report.refusals), lang))
    } finally {
      await upload.remove()
    }
  })

  app.get('/people/export', {
    schema: {
      tags, summary: '导出人员台账 Export people (CSV or xlsx)', querystring: ExportQuery,
      response: { 200: { description: 'the file', content: { 'text/csv': { schema: {} }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: {} } } }, ...errorResponses },
    },
  }, async (req, reply) => {
    const out = await exportPeople(app.db, req.actor!, { ...req.query, lang: req.query.lang ?? languageOf(req.headers['accept-language']) })
    reply.header('content-type', out.contentType)
    reply.header('content-disposition', `attachment; filename="${out.filename}"`)
    return reply.send(out.stream)
  })
}
