import fs from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ErrorBody, errorResponses, FileResponse } from '../../server/schemas.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { languageOf } from '../../server/errors.ts'
import { filePart } from '../../server/file-part.ts'
import { sniffFormat } from '../../server/tabular.ts'
import { requirePermission } from '../businesses/service.ts'
import { exportBusinesses } from './businesses-export.ts'
import { importBusinesses, spoolUpload } from './businesses-import.ts'
import { BUSINESS_COLUMNS } from './businesses-columns.ts'
import { exportPeople } from './people-export.ts'
import { importPeople } from './people-import.ts'
import { PEOPLE_COLUMNS } from './people-columns.ts'
import { reasonsByRow, REFUSED_ROWS_MAX, refusedRowsWorkbook, sendRefusedRows } from './refused-rows.ts'
import {
  BusinessExportQuery, BusinessImportQuery, BusinessImportReport, BusinessRefusedRowsQuery,
  PeopleExportQuery, PeopleImportQuery, PeopleImportReport, PeopleRefusedRowsQuery,
} from './schemas.ts'

/**
 * M2.4 the business and people ledgers as files: export, import, and the workbook of an import's
 * refused rows. The ledgers' modules know nothing of files; this module reads and writes through
 * their rules and services (docs/decisions.md, "Module walls").
 */
export async function ledgerIoRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get('/businesses/export', {
    schema: {
      tags: ['businesses'], summary: '导出市场主体台账（CSV/xlsx）Export the business ledger', querystring: BusinessExportQuery,
      produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: FileResponse('the file, in the import columns'), ...errorResponses },
    },
  }, async (req, reply) => {
    const { format, lang, ...f } = req.query
    const file = await exportBusinesses(app.db, signedIn(req), f, format, lang ?? languageOf(req.headers['accept-language']))
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('x-row-count', String(file.rows))
      .send(file.stream)
  })

  app.post('/businesses/import', {
    schema: {
      tags: ['businesses'], summary: '导入市场主体台账（CSV/xlsx，字段 file）Import businesses (multipart field "file")', consumes: ['multipart/form-data'],
      querystring: BusinessImportQuery,
      response: { 200: BusinessImportReport, ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req) => {
    requirePermission(signedIn(req), 'business.import')
    const part = await filePart(req)
    const upload = await spoolUpload(part.stream, app.config.uploadLimitBytes)
    try {
      return await importBusinesses(app.db, signedIn(req), { ...upload, filename: part.name }, {
        mode: req.query.mode, dryRun: req.query.dryRun, crs: req.query.crs, existing: req.query.existing, unplaced: req.query.unplaced,
        lang: languageOf(req.headers['accept-language']),
      })
    } finally {
      await upload.remove()
    }
  })

  app.post('/businesses/import/refused-rows', {
    schema: {
      tags: ['businesses'], summary: '导入文件中被拒绝的行（xlsx，首列为原因，改正后可直接重新导入）The refused rows of an import file as a workbook, with the reasons',
      consumes: ['multipart/form-data'], querystring: BusinessRefusedRowsQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: FileResponse('the workbook'), ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req, reply) => {
    requirePermission(signedIn(req), 'business.import')
    const part = await filePart(req)
    const upload = await spoolUpload(part.stream, app.config.uploadLimitBytes)
    try {
      const lang = req.query.lang ?? languageOf(req.headers['accept-language'])
      const report = await importBusinesses(app.db, signedIn(req), { ...upload, filename: part.name }, {
        mode: 'valid', dryRun: true, crs: req.query.crs, existing: req.query.existing, unplaced: req.query.unplaced, lang, listLimit: REFUSED_ROWS_MAX,
      })
      const file = await refusedRowsWorkbook(upload.path, sniffFormat(upload.head)!, BUSINESS_COLUMNS, reasonsByRow(report.refusals), lang)
      // The refused rows were read from the spooled file before it goes; the workbook streams from memory.
      return sendRefusedRows(reply, file)
    } finally {
      await upload.remove()
    }
  })

  app.post('/people/import', {
    schema: {
      tags: ['people'], summary: '导入人员台账（multipart 字段 file，CSV 或 xlsx）Import people', consumes: ['multipart/form-data'],
      querystring: PeopleImportQuery,
      response: { 200: PeopleImportReport, ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req) => {
    const part = await filePart(req)
    return importPeople(app.db, signedIn(req), part.stream, { ...req.query, lang: languageOf(req.headers['accept-language']) })
  })

  app.post('/people/import/refused-rows', {
    schema: {
      tags: ['people'], summary: '人员导入文件中被拒绝的行（xlsx，首列为原因，改正后可直接重新导入）The refused rows of a people import file as a workbook, with the reasons',
      consumes: ['multipart/form-data'], querystring: PeopleRefusedRowsQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: FileResponse('the workbook'), ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req, reply) => {
    const part = await filePart(req)
    const upload = await spoolUpload(part.stream, app.config.uploadLimitBytes)
    try {
      const lang = req.query.lang ?? languageOf(req.headers['accept-language'])
      const report = await importPeople(app.db, signedIn(req), fs.createReadStream(upload.path), { mode: 'valid', dryRun: true, lang, listLimit: REFUSED_ROWS_MAX })
      return sendRefusedRows(reply, await refusedRowsWorkbook(upload.path, report.format, PEOPLE_COLUMNS, reasonsByRow(report.refusals), lang))
    } finally {
      await upload.remove()
    }
  })

  app.get('/people/export', {
    schema: {
      tags: ['people'], summary: '导出人员台账 Export people (CSV or xlsx)', querystring: PeopleExportQuery,
      response: { 200: { description: 'the file', content: { 'text/csv': { schema: {} }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: {} } } }, ...errorResponses },
    },
  }, async (req, reply) => {
    const out = await exportPeople(app.db, signedIn(req), { ...req.query, lang: req.query.lang ?? languageOf(req.headers['accept-language']) })
    reply.header('content-type', out.contentType)
    reply.header('content-disposition', `attachment; filename="${out.filename}"`)
    return reply.send(out.stream)
  })
}
