import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { languageOf } from '../../server/errors.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { etagOf, parseIfMatch } from '../audit/changes.ts'
import { errorResponses } from '../../server/schemas.ts'
import { areaCoverage, coverageSummary } from './coverage.ts'
import { dashboardRoutes } from './dashboard.ts'
import { exportAreas, importAreas } from './geojson-io.ts'
import {
  AreaChange, AreaDetail, AreaSummary, AreaVersionView, CodeParam, CodeText, Coverage, CoverageRow, FeatureCollection, ImportQuery,
  ImportResult, ListQuery, NewArea, NewBoundary, Profile, Redivide, RedivideResult, Rename, UnderQuery,
} from './schemas.ts'
import {
  createArea, getArea, listAreas, listProfiles, listVersions, redivide, renameArea, setBoundary, suggestCode,
} from './service.ts'

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
  }, (req) => listProfiles(app.db, signedIn(req)))

  app.get('/areas', {
    schema: {
      tags, summary: '区域列表（按编码树序）List areas in tree order', querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(AreaSummary), nextAfter: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
  }, (req) => listAreas(app.db, signedIn(req), req.query))

  app.get('/areas/next-code', {
    schema: {
      tags, summary: '建议下一个可用下级编码 Suggest the next free child code',
      querystring: Type.Object({ parentCode: Type.Optional(CodeText) }, { additionalProperties: false }),
      response: { 200: Type.Object({ parentCode: Type.Union([Type.String(), Type.Null()]), code: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
  }, (req) => suggestCode(app.db, signedIn(req), req.query.parentCode))

  app.get('/areas/export.geojson', {
    schema: {
      tags, summary: '导出区域边界 GeoJSON Export boundaries as GeoJSON', querystring: UnderQuery,
      response: { 200: Type.Unsafe<unknown>({ description: 'GeoJSON FeatureCollection (properties code, name, parentCode, level, areaKm2)' }), ...errorResponses },
    },
  }, async (req, reply) => {
    const chunks = await exportAreas(app.db, signedIn(req), req.query.under)
    const name = `areas-${req.query.under ?? (signedIn(req).scope || 'all')}.geojson`
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
    importAreas(app.db, signedIn(req), req.body.features as any, { ...req.query, fileCrs: req.body.crs }, languageOf(req.headers['accept-language'])))

  app.post('/areas/redivide', {
    schema: {
      tags, summary: '调整划分：拆分、合并（旧编码撤销保留）Split or merge areas (old codes are retired, kept)',
      body: Redivide, response: { 200: RedivideResult, ...errorResponses },
    },
  }, (req) => redivide(app.db, signedIn(req), req.body))

  app.get('/areas/:code', {
    schema: { tags, summary: '区域详情 One area', params: CodeParam, response: { 200: AreaDetail, ...errorResponses } },
  }, async (req, reply) => {
    const area = await getArea(app.db, signedIn(req), req.params.code)
    reply.header('etag', etagOf(area.version))
    return area
  })

  app.get('/areas/:code/versions', {
    schema: { tags, summary: '区域变更历史 Area history', params: CodeParam, response: { 200: Type.Array(AreaVersionView), ...errorResponses } },
  }, (req) => listVersions(app.db, signedIn(req), req.params.code))

  app.get('/areas/:code/coverage', {
    schema: {
      tags, summary: '下级区域覆盖检查：重叠、缝隙、越界 Coverage of an area by its children',
      params: CodeParam, response: { 200: Coverage, ...errorResponses },
    },
  }, (req) => areaCoverage(app.db, signedIn(req), req.params.code))

  app.get('/coverage', {
    schema: {
      tags, summary: '覆盖率汇总（每个非末级区域一行）Coverage summary per non-leaf area',
      querystring: UnderQuery, response: { 200: Type.Array(CoverageRow), ...errorResponses },
    },
  }, (req) => coverageSummary(app.db, signedIn(req), req.query.under))

  app.post('/areas', {
    schema: { tags, summary: '新建区域 Create an area', body: NewArea, response: { 200: AreaChange, ...errorResponses } },
  }, (req) => createArea(app.db, signedIn(req), req.body, languageOf(req.headers['accept-language'])))

  app.patch('/areas/:code', {
    schema: { tags, summary: '区域更名 Rename an area', params: CodeParam, body: Rename, response: { 200: AreaDetail, ...errorResponses } },
  }, async (req, reply) => {
    const area = await renameArea(app.db, signedIn(req), req.params.code, req.body, parseIfMatch(req.headers['if-match']))
    reply.header('etag', etagOf(area.version))
    return area
  })

  app.put('/areas/:code/boundary', {
    schema: {
      tags, summary: '修改区域边界 Redraw an area boundary', params: CodeParam, body: NewBoundary,
      response: { 200: AreaChange, ...errorResponses },
    },
  }, (req) =>
    setBoundary(app.db, signedIn(req), req.params.code, req.body, parseIfMatch(req.headers['if-match']), languageOf(req.headers['accept-language'])))

  await dashboardRoutes(app)
}
