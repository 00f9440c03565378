/**
 * Personnel ledger import (M2.4): a CSV or xlsx file, checked row by row by the same rules as the
 * API, then written in one transaction. mode 'all' (default) writes nothing when any row is
 * refused; mode 'valid' writes the accepted rows and reports the others. Either way the report
 * names row, field, rule and message in the request's language, and one audit event keeps the
 * file's sha256 and the counts.
 *
 * A row with an id updates that person (issue 13 §1): the report lists per row what changes from
 * what to what; a row that changes nothing is counted as unchanged and not written; each update is
 * its own `person.updated` event with old and new values, as an edit in the console is.
 */
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Db } from '../../db/connection.ts'
import { AppError, formatMessage, type Lang } from '../../server/errors.ts'
import { authorize, can, type Actor } from '../access/policy.ts'
import { maskPhone } from '../access/personal-data.ts'
import { recordAudit, recordAuditAlone } from '../audit/service.ts'
import { checkPerson, mergeChange, POSITION_LABELS, type PersonRecord, type Position, type Problem } from '../people/rules.ts'
import { areaCodesOf, auditShape, insertPeople, loadForUpdate, personChanges, updatePeople } from '../people/service.ts'
import { areaFacts } from '../areas/lookups.ts'
import { columnLabel, formatRoles, parsePeopleRow, PEOPLE_COLUMNS, type ParsedRow } from './people-columns.ts'
import { withRefusalReason } from './refused-rows.ts'
import { peek, readTable, sniffFormat, type Refusal } from '../../server/tabular.ts'
import '../people/errors.ts'

export interface ImportOptions {
  mode: 'all' | 'valid'
  dryRun: boolean
  lang: Lang
  /** refusals listed in the report (default 1,000; the refused-rows workbook asks for all) */
  listLimit?: number
}



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
  /** rows with an id that change nothing: not written */
  unchanged: number
  /** per updating row, what changes from what to what (the first MAX_REFUSALS) */
  changes: PersonRowChange[]
  refusals: Refusal[]
}

interface PersonRowChange {
  row: number
  id: number
  name: string
  fields: Array<{ field: string; column: string; from: string; to: string }>
}

/** A field of a person as the file writes it; the phone masked for who sees it masked. */
function personFieldText(field: string, p: PersonRecord, lang: Lang, masked: boolean): string {
  switch (field) {
    case 'position': return POSITION_LABELS[p.position as Position]?.[lang === 'en' ? 'en' : 'zh'] ?? p.position
    case 'onDuty': return lang === 'en' ? (p.onDuty ? 'yes' : 'no') : (p.onDuty ? '是' : '否')
    case 'roles': return formatRoles(p.roles, lang)
    case 'phone': return (masked ? maskPhone(p.phone) : p.phone) ?? ''
    default: return String((p as unknown as Record<string, unknown>)[field] ?? '')
  }
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
  for await (const r of readTable(hashed, format, withRefusalReason(PEOPLE_COLUMNS))) rows.push({ row: r.row, ...parsePeopleRow(r.values) })
  const sha256 = hash.digest('hex')

  const outcome = await db.transaction(async (tx) => {
    const ids = rows.map((r) => r.id).filter((id): id is number => id !== null)
    const current = await loadForUpdate(tx, actor, ids)
    const merged = rows.map((r) => mergeChange(r.id === null ? null : current.get(r.id) ?? null, r.change, actor.scope))
    const areas = await areaFacts(tx, merged.flatMap(areaCodesOf))
    const seenIds = new Map<number, number>()
    const refusals: Refusal[] = []
    let refused = 0
    const creates: PersonRecord[] = []
    const updates: Array<{ id: number; row: number; before: PersonRecord; next: PersonRecord }> = []
    const changes: PersonRowChange[] = []
    const masked = !can(actor, 'person.readPersonal')
    let unchanged = 0
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
          if (refusals.length >= (opts.listLimit ?? MAX_REFUSALS)) break
          const details = { ...p.details, field: p.field ? columnLabel(p.field, opts.lang) : '' }
          refusals.push({ row: r.row, field: p.field, column: p.field ? columnLabel(p.field, opts.lang) : '', rule: p.code, message: formatMessage(p.code, opts.lang, details) })
        }
      } else if (r.id === null) creates.push(merged[i])
      else {
        const fields = Object.keys(personChanges(cur!, merged[i]))
        if (!fields.length) unchanged++
        else {
          updates.push({ id: r.id, row: r.row, before: cur!, next: merged[i] })
          if (changes.length < MAX_REFUSALS) {
            changes.push({
              row: r.row, id: r.id, name: merged[i].name,
              fields: fields.map((f) => ({ field: f, column: columnLabel(f, opts.lang), from: personFieldText(f, cur!, opts.lang, masked), to: personFieldText(f, merged[i], opts.lang, masked) })),
            })
          }
        }
      }
    })
    const report: ImportReport = {
      format, sha256, mode: opts.mode, dryRun: opts.dryRun, rows: rows.length,
      accepted: creates.length + updates.length + unchanged, refused, created: creates.length, updated: updates.length, unchanged, changes, refusals,
    }
    if (opts.mode === 'all' && refused > 0) return { report, refusedAll: true }
    if (!opts.dryRun) {
      await insertPeople(tx, creates)
      await updatePeople(tx, updates.map((u) => u.id), updates.map((u) => u.next))
      // Each change is in the person's history as an edit in the console would be.
      for (const u of updates) {
        await recordAudit(tx, actor, {
          action: u.before.onDuty && !u.next.onDuty ? 'person.leftDuty' : 'person.updated',
          objectType: 'person', objectId: u.id, areaCode: u.next.areaCode,
          details: { before: auditShape(u.before), after: auditShape(u.next), changes: personChanges(u.before, u.next), importSha256: sha256, row: u.row },
        })
      }
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
    refused: r.refused, created: r.created, updated: r.updated, unchanged: r.unchanged,
  }
}
