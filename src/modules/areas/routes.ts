import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { languageOf } from '../../server/errors.ts'
import { etagOf, parseIfMatch } from '../audit/changes.ts'
import { Crs, errorResponses } from '../../server/schemas.ts'
import { areaCoverage, coverageSummary } from './coverage.ts'
import { dashboardRoutes } from './dashboard.ts'
import { exportAreas, importAreas } from './geojson-io.ts'
import {
  createArea, getArea, listAreas, listProfiles, listVersions, redivide, renameArea, setBoundary, suggestCode,
} from './service.ts'

// Codes arrive as plain strings: the rules answer a malformed one with `area.codeMalformed` and
// the rule it breaks, clearer than a schema pattern failure.
const CodeText = Type.String({ minLength: 1, maxLength: 24, description: 'area code: two digits per level (M1.2)' })
const CodeParam = Type.Object({ code: CodeText })
const Geometry = Type.Unsafe<unknown>({ type: 'object', description: 'GeoJSON Polygon or MultiPolygon (or a Feature wrapping one)' })
const AnyGeoJson = Type.Unsafe<unknown>({ description: 'GeoJSON geometry (EPSG:4326)' })
const LevelName = Type.Object({ key: Type.String(), zh: Type.String(), en: Type.String() })
const Profile = Type.Object({ id: Type.String(), nameZh: Type.String(), nameEn: Type.String(), levels: Type.Array(LevelName) })
const Placement = Type.Object({
  moved: Type.Integer({ description: 'businesses whose grid changed' }),
  unplaced: Type.Integer({ description: 'of those, left in no grid' }),
})
// Required for codes and boundaries (M1.4); optional in the schema so that its absence is answered
// with area.approvalRequired, which says who must approve, rather than a bare "required".
const ApprovedBy = Type.String({ maxLength: 100, description: 'who approved: the district grid office (网格办) or a named person (M1.4)' })
const ApprovalFields = {
  approvalRef: Type.Optional(Type.String({ maxLength: 200, description: 'approval document number' })),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
}
const Name = Type.String({ minLength: 1, maxLength: 100 })

const AreaSummary = Type.Object({
  code: Type.String(), name: Type.String(), level: Type.Integer(), levelName: Type.Union([LevelName, Type.Null()]),
  parentCode: Type.Union([Type.String(), Type.Null()]), profileId: Type.String(),
  areaKm2: Type.Union([Type.Number(), Type.Null()]), version: Type.Integer(), retired: Type.Boolean(),
  retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]), successorCodes: Type.Array(Type.String()),
  childCount: Type.Integer(),
})
const AreaDetail = Type.Composite([AreaSummary, Type.Object({
  profile: Profile, boundary: Type.Union([AnyGeoJson, Type.Null()]), businessCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
})])
const Notice = Type.Object({
  code: Type.Union([Type.Literal('area.alignedToNeighbour'), Type.Literal('area.alignedToParent')]),
  message: Type.String({ description: 'what was adjusted, in the request language' }),
  areaCode: Type.String({ description: 'the neighbouring area (or the parent) whose edge the boundary now follows' }),
  areaM2: Type.Number({ description: 'overlapM2 + gapM2' }),
  overlapM2: Type.Number({ description: 'cut off: it lay on the neighbour (or outside the parent)' }),
  gapM2: Type.Number({ description: 'added: it lay between the two' }),
})
const AreaChange = Type.Object({
  area: AreaDetail, placement: Placement,
  notices: Type.Array(Notice, { description: 'adjustments made on save: overlaps and gaps narrower than the edge tolerance along a neighbour\'s edge (issue 13 §6)' }),
})

const ListQuery = Type.Object({
  parentCode: Type.Optional(CodeText),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
  includeRetired: Type.Boolean({ default: false }),
  after: Type.Optional(CodeText),
  limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
}, { additionalProperties: false })
const NewArea = Type.Object({
  code: Type.Optional(CodeText),
  parentCode: Type.Optional(CodeText),
  name: Name,
  boundary: Geometry,
  crs: Type.Optional(Crs),
  profileId: Type.Optional(Type.String({ maxLength: 40 })),
  approvedBy: Type.Optional(ApprovedBy),
  ...ApprovalFields,
}, { additionalProperties: false })
const Rename = Type.Object({ name: Name, approvedBy: Type.Optional(ApprovedBy), ...ApprovalFields }, { additionalProperties: false })
const NewBoundary = Type.Object({ boundary: Geometry, crs: Type.Optional(Crs), approvedBy: Type.Optional(ApprovedBy), ...ApprovalFields }, { additionalProperties: false })
const Redivide = Type.Object({
  retire: Type.Array(CodeText, { minItems: 1, maxItems: 200 }),
  create: Type.Array(Type.Object({ code: CodeText, name: Name, boundary: Geometry }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
  crs: Type.Optional(Crs),
  approvedBy: Type.Optional(ApprovedBy),
  ...ApprovalFields,
}, { additionalProperties: false })
const RedivideResult = Type.Object({ retired: Type.Array(AreaDetail), created: Type.Array(AreaDetail), placement: Placement })
const Version = Type.Object({
  version: Type.Integer(), change: Type.String(), name: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]),
  boundary: Type.Union([AnyGeoJson, Type.Null()]), approvedBy: Type.Union([Type.String(), Type.Null()]),
  approvalRef: Type.Union([Type.String(), Type.Null()]), reason: Type.Union([Type.String(), Type.Null()]),
  changedBy: Type.Union([Type.Object({ id: Type.Integer(), username: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  changedAt: Type.String({ format: 'date-time' }),
})
const Coverage = Type.Object({
  code: Type.String(), name: Type.String(), level: Type.Integer(), areaKm2: Type.Union([Type.Number(), Type.Null()]),
  childCount: Type.Integer(), coveragePercent: Type.Union([Type.Number(), Type.Null()]),
  overlaps: Type.Array(Type.Object({ codes: Type.Array(Type.String()), areaM2: Type.Number(), geometry: AnyGeoJson })),
  gaps: Type.Array(Type.Object({
    areaM2: Type.Number(),
    neighbours: Type.Array(Type.String(), { description: 'codes of the child areas touching the gap' }),
    geometry: AnyGeoJson,
  })),
  outside: Type.Array(Type.Object({ code: Type.String(), areaM2: Type.Number(), geometry: AnyGeoJson })),
  toleranceM2: Type.Number(),
})
const CoverageRow = Type.Object({
  code: Type.String(), name: Type.String(), level: Type.Integer(), childCount: Type.Integer(),
  coveragePercent: Type.Union([Type.Number(), Type.Null()]), overlapCount: Type.Integer(), gapCount: Type.Integer(),
  outsideCount: Type.Integer(), areaKm2: Type.Union([Type.Number(), Type.Null()]),
})
const UnderQuery = Type.Object({ under: Type.Optional(CodeText) }, { additionalProperties: false })
const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  // Members GIS tools add (QGIS writes name and crs); the coordinates are read as `crs` below says.
  name: Type.Optional(Type.String()),
  crs: Type.Optional(Type.Unsafe<unknown>({})),
  bbox: Type.Optional(Type.Array(Type.Number())),
  features: Type.Array(Type.Object({
    type: Type.Literal('Feature'),
    id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    bbox: Type.Optional(Type.Array(Type.Number())),
    properties: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
    geometry: Type.Unsafe<unknown>({}),
  }, { additionalProperties: false }), { maxItems: 100_000 }),
}, { additionalProperties: false })
const ImportQuery = Type.Object({
  crs: Type.Optional(Crs),
  approvedBy: Type.Optional(ApprovedBy),
  ...ApprovalFields,
}, { additionalProperties: false })
const ImportResult = Type.Object({
  created: Type.Array(Type.String()), updated: Type.Array(Type.String()), unchanged: Type.Integer(), placement: Placement,
})

/** M1.1–M1.4, M2.1: the area tree, boundaries, coverage and GeoJSON exchange. */
export async function areaRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['areas']
  const withImportErrors = errorResponses

  app.addContentTypeParser('application/geo+json', { parseAs: 'string', bodyLimit: app.config.uploadLimitBytes },
    app.getDefaultJsonParser('error', 'error'))

  app.get('/area-profiles', {
    schema: { tags, summary: '区域层级方案 Level profiles', response: { 200: Type.Array(Profile), ...errorResponses } },
  }, (req) => listProfiles(app.db, req.actor!))

  app.get('/areas', {
    schema: {
      tags, summary: '区域列表（按编码树序）List areas in tree order', querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(AreaSummary), nextAfter: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
  }, (req) => listAreas(app.db, req.actor!, req.query))

  app.get('/areas/next-code', {
    schema: {
      tags, summary: '建议下一个可用下级编码 Suggest the next free child code',
      querystring: Type.Object({ parentCode: Type.Optional(CodeText) }, { additionalProperties: false }),
      response: { 200: Type.Object({ parentCode: Type.Union([Type.String(), Type.Null()]), code: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
  }, (req) => suggestCode(app.db, req.actor!, req.query.parentCode))

  app.get('/areas/export.geojson', {
    schema: {
      tags, summary: '导出区域边界 GeoJSON Export boundaries as GeoJSON', querystring: UnderQuery,
      response: { 200: Type.Unsafe<unknown>({ description: 'GeoJSON FeatureCollection (properties code, name, parentCode, level, areaKm2)' }), ...errorResponses },
    },
  }, async (req, reply) => {
    const chunks = await exportAreas(app.db, req.actor!, req.query.under)
    const name = `areas-${req.query.under ?? (req.actor!.scope || 'all')}.geojson`
    reply.type('application/geo+json; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`)
    return reply.send(Readable.from(chunks))
  })

  app.post('/areas/import', {
    bodyLimit: app.config.uploadLimitBytes,
    schema: {
      tags, summary: '从 GeoJSON 导入区域（全部成功或全部不导入）Import areas from GeoJSON, all or nothing',
      querystring: ImportQuery, body: FeatureCollection, response: { 200: ImportResult, ...withImportErrors },
    },
  }, (req) =>
    importAreas(app.db, req.actor!, req.body.features as any, { ...req.query, fileCrs: req.body.crs }, languageOf(req.headers['accept-language'])))

  app.post('/areas/redivide', {
    schema: {
      tags, summary: '调整划分：拆分、合并（旧编码撤销保留）Split or merge areas (old codes are retired, kept)',
      body: Redivide, response: { 200: RedivideResult, ...errorResponses },
    },
  }, (req) => redivide(app.db, req.actor!, req.body))

  app.get('/areas/:code', {
    schema: { tags, summary: '区域详情 One area', params: CodeParam, response: { 200: AreaDetail, ...errorResponses } },
  }, async (req, reply) => {
    const area = await getArea(app.db, req.actor!, req.params.code)
    reply.header('etag', etagOf(area.version))
    return area
  })

  app.get('/areas/:code/versions', {
    schema: { tags, summary: '区域变更历史 Area history', params: CodeParam, response: { 200: Type.Array(Version), ...errorResponses } },
  }, (req) => listVersions(app.db, req.actor!, req.params.code))

  app.get('/areas/:code/coverage', {
    schema: {
      tags, summary: '下级区域覆盖检查：重叠、缝隙、越界 Coverage of an area by its children',
      params: CodeParam, response: { 200: Coverage, ...errorResponses },
    },
  }, (req) => areaCoverage(app.db, req.actor!, req.params.code))

  app.get('/coverage', {
    schema: {
      tags, summary: '覆盖率汇总（每个非末级区域一行）Coverage summary per non-leaf area',
      querystring: UnderQuery, response: { 200: Type.Array(CoverageRow), ...errorResponses },
    },
  }, (req) => coverageSummary(app.db, req.actor!, req.query.under))

  app.post('/areas', {
    schema: { tags, summary: '新建区域 Create an area', body: NewArea, response: { 200: AreaChange, ...errorResponses } },
  }, (req) => createArea(app.db, req.actor!, req.body, languageOf(req.headers['accept-language'])))

  app.patch('/areas/:code', {
    schema: { tags, summary: '区域更名 Rename an area', params: CodeParam, body: Rename, response: { 200: AreaDetail, ...errorResponses } },
  }, async (req, reply) => {
    const area = await renameArea(app.db, req.actor!, req.params.code, req.body, parseIfMatch(req.headers['if-match']))
    reply.header('etag', etagOf(area.version))
    return area
  })

  app.put('/areas/:code/boundary', {
    schema: {
      tags, summary: '修改区域边界 Redraw an area boundary', params: CodeParam, body: NewBoundary,
      response: { 200: AreaChange, ...errorResponses },
    },
  }, (req) =>
    setBoundary(app.db, req.actor!, req.params.code, req.body, parseIfMatch(req.headers['if-match']), languageOf(req.headers['accept-language'])))

  await dashboardRoutes(app)
}
