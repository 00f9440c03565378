/**
 * Who filed the annual report (企业信息公示暂行条例 第八条), recorded from the list the national
 * publicity system gives the bureau: the codes of the businesses that reported on a year. Recording
 * one closes the open annual-report reminder of that year (patrol item 'annual-report', M4.2), and
 * the season's reminders skip it.
 */
import type { Db } from '../../db/connection.ts'
import { authorize, scopeFilter, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { closeAnnualReportReminders } from '../patrols/tasks.ts'

export const ANNUAL_REPORTS_MAX = 50_000

export interface AnnualReportsRecorded {
  year: number
  /** businesses of the caller's area now recorded as reported (already recorded ones included) */
  recorded: number
  /** codes not registered in the caller's area */
  unknown: string[]
  /** open reminders closed by it */
  remindersClosed: number
}

export async function recordAnnualReports(db: Db, actor: Actor, year: number, usccs: string[]): Promise<AnnualReportsRecorded> {
  authorize(actor, 'annualReport.record')
  const codes = [...new Set(usccs.map((u) => u.trim().toUpperCase()))]
  return db.transaction(async (tx) => {
    const params: unknown[] = [codes]
    const { rows } = await tx.query<{ id: number; uscc: string }>(
      `SELECT id, uscc FROM businesses WHERE uscc = ANY($1::text[]) AND ${scopeFilter(actor, 'area_code', params)}`, params)
    const ids = rows.map((r) => r.id)
    await tx.query(
      `INSERT INTO annual_reports (business_id, year, recorded_by) SELECT unnest($1::int[]), $2, $3 ON CONFLICT DO NOTHING`,
      [ids, year, actor.userId])
    const remindersClosed = await closeAnnualReportReminders(tx, year, ids)
    const found = new Set(rows.map((r) => r.uscc))
    const result = { year, recorded: ids.length, unknown: codes.filter((c) => !found.has(c)), remindersClosed }
    await recordAudit(tx, actor, {
      action: 'business.annualReportsRecorded', objectType: 'annualReportYear', objectId: year, areaCode: actor.scope,
      details: { recorded: result.recorded, unknown: result.unknown.length, remindersClosed: result.remindersClosed },
    })
    return result
  })
}
