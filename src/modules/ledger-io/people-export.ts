/**
 * Personnel ledger export (M2.4), streamed as CSV or xlsx with the import's columns, so that the
 * file can be edited and imported back (rows carry their id). Phones are masked unless the actor
 * may read personal data; the export itself is an audit event.
 */
import type { Readable } from 'node:stream'
import type { Db } from '../../db/connection.ts'
import type { Lang } from '../../server/errors.ts'
import { authorize, can, type Actor } from '../access/policy.ts'
import { recordAuditAlone } from '../audit/service.ts'
import { POSITION_LABELS, type Position } from '../people/rules.ts'
import { eachPerson } from '../people/service.ts'
import { formatRoles, PEOPLE_COLUMNS } from './people-columns.ts'
import { csvStream, xlsxStream, type TabularFormat } from '../../server/tabular.ts'

export interface ExportOptions {
  format: TabularFormat
  under?: string
  lang: Lang
}

export async function exportPeople(db: Db, actor: Actor, opts: ExportOptions): Promise<{ stream: Readable; filename: string; contentType: string }> {
  authorize(actor, 'person.export')
  const personal = can(actor, 'person.readPersonal')
  // Recorded before the first byte leaves: a client that stops reading half way still counts.
  await recordAuditAlone(db, actor, {
    action: 'person.exported', objectType: 'person', areaCode: opts.under ?? actor.scope,
    details: { format: opts.format, under: opts.under ?? null, personal },
  })
  const zh = opts.lang !== 'en'
  async function* rows() {
    for await (const p of eachPerson(db, actor, { under: opts.under }, personal)) {
      yield {
        id: p.id, name: p.name,
        position: POSITION_LABELS[p.position as Position]?.[zh ? 'zh' : 'en'] ?? p.position,
        phone: p.phone ?? '', organisation: p.organisation ?? '', areaCode: p.areaCode,
        onDuty: zh ? (p.onDuty ? '是' : '否') : p.onDuty ? 'yes' : 'no',
        roles: formatRoles(p.roles, opts.lang),
      }
    }
  }
  const stamp = new Date().toISOString().slice(0, 10)
  const base = `people-${opts.under ?? (actor.scope || 'all')}-${stamp}`
  if (opts.format === 'csv') {
    return { stream: csvStream(PEOPLE_COLUMNS, opts.lang, rows()), filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8' }
  }
  return {
    stream: xlsxStream(PEOPLE_COLUMNS, opts.lang, rows(), zh ? '人员台账' : 'people'),
    filename: `${base}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  }
}
