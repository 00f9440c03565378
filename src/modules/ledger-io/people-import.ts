/**
 * Personnel ledger import (M2.4): a CSV or xlsx file, checked row by row by the same rules as the
 * API, then written in one transaction. mode 'all' (default) writes nothing when any row is
 * refused; mode 'valid' writes the accepted rows and reports the others. Either way the report
 * names row, field, rule and message in the request's language, and one audit event keeps the
 * file's sha256 and the counts.
 */
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Db } from '../../db/connection.ts'
import { AppError, formatMessage, type Lang } from '../../server/errors.ts'
import { authorize, type Actor } from '../access/policy.ts'
import { recordAudit, recordAuditAlone } from '../audit/service.ts'
import { checkPerson, mergeChange, type PersonRecord, type Problem } from '../people/rules.ts'
import { areaCodesOf, insertPeople, loadAreas, loadForUpdate, updatePeople } from '../people/service.ts'
import { columnLabel, parsePeopleRow, PEOPLE_COLUMNS, type ParsedRow } from './people-columns.ts'
import { peek, readTable, sniffFormat, type Refusal } from './tabular.ts'
import '../people/errors.ts'

export interface ImportOptions {
  mode: 'all' | 'valid'
  dryRun: boolean
  lang: Lang
}

export type { Refusal }

export interface ImportReport {
  format: 'csv' | 'xlsx'
  sha256: string
  mode: 'all' | 'valid'
  dryRun: boolean
  rows: number
  accepted: number
  refused: number
  created: number
  updated: number
  refusals: Refusal[]
}

/** At most this many refusals travel in a report; the counts stay exact. */
const MAX_REFUSALS = 1000

export async function importPeople(db: Db, actor: Actor, input: Readable, opts: ImportOptions): Promise<ImportReport> {
  authorize(actor, 'person.import')
  const { head, stream } = await peek(input)
  const format = sniffFormat(head)
  if (!format) throw new AppError('request.unsupportedType', { type: head.length ? 'binary' : 'empty' })
  const hash = createHash('sha256')
  const hashed = Readable.from((async function* () {
    for await (const chunk of stream) {
      hash.update(chunk)
      yield chunk
    }
  })())
  const rows: Array<ParsedRow & { row: number }> = []
  for await (const r of readTable(hashed, format, PEOPLE_COLUMNS)) rows.push({ row: r.row, ...parsePeopleRow(r.values) })
  const sha256 = hash.digest('hex')

  const outcome = await db.transaction(async (tx) => {
    const ids = rows.map((r) => r.id).filter((id): id is number => id !== null)
    const current = await loadForUpdate(tx, actor, ids)
    const merged = rows.map((r) => mergeChange(r.id === null ? null : current.get(r.id) ?? null, r.change, actor.scope))
    const areas = await loadAreas(tx, merged.flatMap(areaCodesOf))
    const seenIds = new Map<number, number>()
    const refusals: Refusal[] = []
    let refused = 0
    const creates: PersonRecord[] = []
    const updates: Array<{ id: number; next: PersonRecord }> = []
    rows.forEach((r, i) => {
      const problems: Problem[] = [...r.problems]
      const cur = r.id === null ? null : current.get(r.id)
      if (r.id !== null && seenIds.has(r.id)) {
        problems.push({ code: 'person.idRepeated', field: 'id', details: { field: 'id', value: r.id, firstRow: seenIds.get(r.id) } })
      } else if (r.id !== null && !cur) {
        problems.push({ code: 'person.idUnknown', field: 'id', details: { field: 'id', value: r.id } })
      } else if (problems.every((p) => p.field !== 'id')) {
        // A field the parser already refused is not reported twice.
        const parsed = new Set(problems.map((p) => p.field))
        problems.push(...checkPerson(merged[i], { areas, scope: actor.scope, current: cur }).filter((p) => !parsed.has(p.field)))
      }
      if (r.id !== null && !seenIds.has(r.id)) seenIds.set(r.id, r.row)
      if (problems.length) {
        refused++
        for (const p of problems) {
          if (refusals.length >= MAX_REFUSALS) break
          const details = { ...p.details, field: p.field ? columnLabel(p.field, opts.lang) : '' }
          refusals.push({ row: r.row, field: p.field, column: p.field ? columnLabel(p.field, opts.lang) : '', rule: p.code, message: formatMessage(p.code, opts.lang, details) })
        }
      } else if (r.id === null) creates.push(merged[i])
      else updates.push({ id: r.id, next: merged[i] })
    })
    const report: ImportReport = {
      format, sha256, mode: opts.mode, dryRun: opts.dryRun, rows: rows.length,
      accepted: creates.length + updates.length, refused, created: creates.length, updated: updates.length, refusals,
    }
    if (opts.mode === 'all' && refused > 0) return { report, refusedAll: true }
    if (!opts.dryRun) {
      await insertPeople(tx, creates)
      await updatePeople(tx, updates.map((u) => u.id), updates.map((u) => u.next))
    }
    await recordAudit(tx, actor, { action: 'person.imported', objectType: 'person', areaCode: actor.scope, details: auditDetails(report) })
    return { report, refusedAll: false }
  })

  if (outcome.refusedAll) {
    // The transaction wrote nothing; the refused attempt is still on record.
    const r = outcome.report
    await recordAuditAlone(db, actor, {
      action: 'person.imported', objectType: 'person', areaCode: actor.scope, result: 'denied', details: auditDetails(r),
    })
    throw new AppError('import.rowsRefused', { refused: r.refused, rows: r.rows, sha256: r.sha256, refusals: r.refusals })
  }
  return outcome.report
}

function auditDetails(r: ImportReport) {
  return {
    sha256: r.sha256, format: r.format, mode: r.mode, dryRun: r.dryRun, rows: r.rows, accepted: r.accepted,
    refused: r.refused, created: r.created, updated: r.updated,
  }
}
