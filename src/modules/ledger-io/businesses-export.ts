/**
 * Exporting the business ledger (M2.4) as CSV or xlsx, streamed page by page (keyset on id), in the
 * import's columns so that the file re-imports. Only the actor's scope is read (Q3).
 */
import type { Readable } from 'node:stream'
import type { Db } from '../../db/connection.ts'
import { AppError, type Lang } from '../../server/errors.ts'
import { can, hasPermission, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { BUSINESS_COLUMNS as SELECT_COLUMNS, searchWhere, toView, type BusinessFilters, type BusinessRow } from '../businesses/service.ts'
import { BUSINESS_COLUMNS, viewToRow } from './businesses-columns.ts'
import { csvStream, xlsxStream, type TabularFormat } from '../../server/tabular.ts'

const PAGE = 5000

export interface ExportFile {
  stream: Readable
  contentType: string
  filename: string
  rows: number
}

/**
 * The audit event is written before the first byte leaves, with the filters and the number of rows
 * matched; the stream then reads up to the highest id matched at that moment.
 */
export async function exportBusinesses(db: Db, actor: Actor, filters: BusinessFilters, format: TabularFormat, lang: Lang): Promise<ExportFile> {
  if (!hasPermission(actor, 'business.export')) throw new AppError('auth.forbidden', { action: 'business.export' })
  const params: unknown[] = []
  const where = searchWhere(actor, filters, params)
  const { rows: [found] } = await db.query<{ n: number; max_id: number }>(
    `SELECT count(*)::int AS n, coalesce(max(id), 0)::int AS max_id FROM businesses WHERE ${where}`, params,
  )
  // Personal data leaves unmasked only for those allowed to read it; the audit event says so.
  const unmasked = can(actor, 'person.readPersonal')
  await db.transaction((tx) => recordAudit(tx, actor, {
    action: 'business.exported', objectType: 'business', areaCode: actor.scope,
    details: { filters, format, rows: found.n, personalData: unmasked },
  }))

  async function* rows(): AsyncGenerator<Record<string, unknown>> {
    let after = 0
    for (;;) {
      const p = [...params, after, found.max_id, PAGE]
      const n = params.length
      const { rows: page } = await db.query<BusinessRow>(
        `SELECT ${SELECT_COLUMNS} FROM businesses WHERE ${where} AND id > $${n + 1} AND id <= $${n + 2} ORDER BY id LIMIT $${n + 3}`, p,
      )
      for (const r of page) yield viewToRow(toView(r, !unmasked), lang)
      if (page.length < PAGE) return
      after = page[page.length - 1].id
    }
  }

  const stamp = new Date().toISOString().slice(0, 10)
  return format === 'csv'
    ? { stream: csvStream(BUSINESS_COLUMNS, lang, rows()), contentType: 'text/csv; charset=utf-8', filename: `businesses-${stamp}.csv`, rows: found.n }
    : {
        stream: xlsxStream(BUSINESS_COLUMNS, lang, rows(), lang === 'en' ? 'Businesses' : '市场主体'),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `businesses-${stamp}.xlsx`, rows: found.n,
      }
}
