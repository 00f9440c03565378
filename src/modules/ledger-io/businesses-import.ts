/**
 * Importing the business ledger from CSV or xlsx (M2.4). One pass over the file validates every row
 * (the same rules as the API), places it with the in-memory grid index and streams it into a
 * staging table with COPY; duplicates against the ledger are found with one join; then a single
 * INSERT … SELECT lands the accepted rows, with one audit event, in one transaction. By default an
 * import is all-or-nothing; `mode=valid` lands the valid rows and reports the others.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Db } from '../../db/connection.ts'
import { AppError, formatMessage, type Lang } from '../../server/errors.ts'
import { hasPermission, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { loadAreaIndex, loadGridIndex } from '../businesses/placement.ts'
import { checkBusiness, type Crs } from '../businesses/rules.ts'
import '../businesses/errors.ts'
import { BUSINESS_COLUMNS, rowToInput } from './businesses-columns.ts'
import { readTable, sniffFormat, type SourceRow } from './tabular.ts'

export interface Refusal {
  row: number
  field: string
  rule: string
  message: string
}

export interface ImportReport {
  rows: number
  accepted: number
  refused: number
  /** the first MAX_REFUSALS_LISTED refusals; `refusalsTotal` counts them all */
  refusals: Refusal[]
  refusalsTotal: number
  placed: number
  unplaced: number
  mode: 'all' | 'valid'
  dryRun: boolean
  sha256: string
}

export interface ImportOptions {
  mode: 'all' | 'valid'
  dryRun: boolean
  crs: Crs
  lang: Lang
}

export interface SpooledUpload {
  path: string
  sha256: string
  bytes: number
  head: Buffer
  remove(): Promise<void>
}

export const MAX_REFUSALS_LISTED = 1000
const CHUNK_ROWS = 5000

/**
 * Writes an upload to a temporary file while hashing it. The upload limit of @fastify/multipart
 * ends the stream early with `truncated` set: that is refused as 413 before anything is read.
 */
export async function spoolUpload(file: Readable & { truncated?: boolean }, limitBytes: number): Promise<SpooledUpload> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'mg-import-'))
  const target = path.join(dir, 'upload')
  const remove = () => fsp.rm(dir, { recursive: true, force: true })
  const hash = createHash('sha256')
  let bytes = 0
  const headChunks: Buffer[] = []
  let headBytes = 0
  try {
    await pipeline(
      file,
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk)
          bytes += chunk.length
          if (headBytes < 8192) {
            headChunks.push(chunk)
            headBytes += chunk.length
          }
          done(null, chunk)
        },
      }),
      fs.createWriteStream(target),
    )
  } catch (err) {
    await remove()
    throw err
  }
  if (file.truncated) {
    await remove()
    throw new AppError('request.tooLarge', { limitMb: Math.round(limitBytes / 1048576) })
  }
  return { path: target, sha256: hash.digest('hex'), bytes, head: Buffer.concat(headChunks).subarray(0, 8192), remove }
}

/** CSV cell for COPY: NULL is an empty unquoted cell, an empty string a quoted one. */
function csvCell(v: string | null): string {
  if (v === null) return ''
  if (v === '') return '""'
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if (c === 34 || c === 44 || c === 10 || c === 13) return '"' + v.replace(/"/g, '""') + '"'
  }
  return v
}

const STAGING_COLUMNS = `row, uscc, name, kind, registered_address, actual_address, lng, lat, industry, licences, key_domains,
  operating_state, risk_class, legal_representative, contact_phone, grid_code, area_code, unplaced_reason`

class DryRunDone {
  constructor(readonly report: ImportReport) {}
}

/**
 * Imports businesses from a spooled upload. Header problems and refused rows (mode=all) throw
 * before anything is written; a dry run answers the same report and writes nothing.
 */
export async function importBusinesses(db: Db, actor: Actor, upload: Pick<SpooledUpload, 'path' | 'sha256' | 'bytes' | 'head'> & { filename?: string }, opts: ImportOptions): Promise<ImportReport> {
  if (!hasPermission(actor, 'business.import')) throw new AppError('auth.forbidden', { action: 'business.import' })
  const format = sniffFormat(upload.head)
  if (!format) throw new AppError('request.unsupportedType', { type: path.extname(upload.filename ?? '') || 'binary' })

  const source = fs.createReadStream(upload.path)
  const rows = readTable(source, format, BUSINESS_COLUMNS)[Symbol.asyncIterator]()
  // The header is checked here, before the transaction: a bad header refuses the whole file.
  let first: IteratorResult<SourceRow>
  try {
    first = await rows.next()
  } catch (err) {
    source.destroy()
    throw err
  }
  const [grids, areas] = await Promise.all([loadGridIndex(db), loadAreaIndex(db)])

  const refusals: Refusal[] = []
  let refusalsTotal = 0
  const refusedRows = new Set<number>()
  const refuse = (row: number, field: string, rule: string, code: string, details: Record<string, unknown>) => {
    refusalsTotal++
    refusedRows.add(row)
    if (refusals.length < MAX_REFUSALS_LISTED) refusals.push({ row, field, rule, message: formatMessage(code, opts.lang, { ...details, row }) })
  }
  let total = 0
  const firstRowOf = new Map<string, number>()

  // Validates, places and serialises each row; yields COPY chunks so nothing per row awaits the database.
  async function* staged(): AsyncGenerator<string> {
    let lines: string[] = []
    let next: IteratorResult<SourceRow> = first
    while (!next.done) {
      const { row, values } = next.value
      total++
      const problemsBefore = refusalsTotal
      if (values.__extra) refuse(row, '__extra', 'extraCells', 'business.unknownColumnValue', {})
      const parsed = rowToInput(values)
      if (parsed.bad) refuse(row, parsed.bad.field, parsed.bad.rule, 'business.licenceInvalid', { index: 1, reasonZh: '格式应为 类型:编号:起始日期:截止日期，多个用 ; 分隔', reasonEn: 'use type:number:from:to, several separated by ;' })
      const { problems, record: b } = checkBusiness(parsed.input, opts.crs)
      for (const p of problems) refuse(row, p.field, p.rule, p.code, p.details)
      if (b && refusalsTotal === problemsBefore) {
        const seen = firstRowOf.get(b.uscc)
        if (seen !== undefined) {
          refuse(row, 'uscc', 'uniqueInFile', 'business.duplicateInFile', { uscc: b.uscc, firstRow: seen })
        } else {
          firstRowOf.set(b.uscc, row)
          let gridCode: string | null = null
          let areaCode = actor.scope
          let reason: string | null = 'noLocation'
          if (b.lng !== null && b.lat !== null) {
            gridCode = grids.codeAt(b.lng, b.lat)
            if (gridCode !== null) {
              areaCode = gridCode
              reason = null
            } else {
              areaCode = areas.codeAt(b.lng, b.lat) ?? actor.scope
              reason = 'outsideGrids'
            }
          }
          if (!areaCode.startsWith(actor.scope)) {
            refuse(row, 'location', 'inScope', 'business.outsideScope', { areaCode })
          } else {
            lines.push(
              row + ',' + b.uscc + ',' + csvCell(b.name) + ',' + b.kind + ',' + csvCell(b.registeredAddress) + ',' +
              csvCell(b.actualAddress) + ',' + (b.lng === null ? '' : String(b.lng)) + ',' + (b.lat === null ? '' : String(b.lat)) + ',' +
              csvCell(b.industry) + ',' + csvCell(JSON.stringify(b.licences)) + ',' + csvCell('{' + b.keyDomains.join(',') + '}') + ',' +
              b.operatingState + ',' + b.riskClass + ',' + csvCell(b.legalRepresentative) + ',' + csvCell(b.contactPhone) + ',' +
              (gridCode ?? '') + ',' + csvCell(areaCode) + ',' + (reason ?? '') + '\n',
            )
            if (lines.length >= CHUNK_ROWS) {
              yield lines.join('')
              lines = []
            }
          }
        }
      }
      next = await rows.next()
    }
    if (lines.length) yield lines.join('')
  }

  try {
    return await db.transaction(async (tx) => {
      await tx.exec(`CREATE TEMP TABLE business_import (
        row int NOT NULL, uscc text NOT NULL, name text NOT NULL, kind text NOT NULL, registered_address text NOT NULL,
        actual_address text, lng float8, lat float8, industry text, licences jsonb NOT NULL, key_domains text[] NOT NULL,
        operating_state text NOT NULL, risk_class text NOT NULL, legal_representative text, contact_phone text,
        grid_code text, area_code text NOT NULL, unplaced_reason text) ON COMMIT DROP`)
      await tx.copyCsv(`business_import (${STAGING_COLUMNS})`, staged())
      // Codes already in the ledger, in scope or not: the refusal names only the code (Q3).
      const dup = await tx.query<{ row: number; uscc: string }>(
        `DELETE FROM business_import s USING businesses b WHERE b.uscc = s.uscc RETURNING s.row, s.uscc`,
      )
      for (const d of dup.rows.sort((a, b) => a.row - b.row)) refuse(d.row, 'uscc', 'unique', 'business.duplicateUscc', { uscc: d.uscc })
      refusals.sort((a, b) => a.row - b.row)
      const counts = (await tx.query<{ placed: number; unplaced: number }>(
        `SELECT count(*) FILTER (WHERE grid_code IS NOT NULL)::int AS placed, count(*) FILTER (WHERE grid_code IS NULL)::int AS unplaced
         FROM business_import`,
      )).rows[0]
      const refused = refusedRows.size
      const report: ImportReport = {
        rows: total, accepted: total - refused, refused, refusals, refusalsTotal, placed: counts.placed, unplaced: counts.unplaced,
        mode: opts.mode, dryRun: opts.dryRun, sha256: upload.sha256,
      }
      if (refused > 0 && opts.mode === 'all') {
        report.accepted = 0
        throw new AppError('import.rowsRefused', { ...report, placed: 0, unplaced: 0 })
      }
      if (opts.dryRun) throw new DryRunDone(report)
      await tx.query(
        `INSERT INTO businesses (uscc, name, kind, registered_address, actual_address, location, industry, licences, key_domains,
           operating_state, risk_class, legal_representative, contact_phone, grid_code, area_code, unplaced_reason)
         SELECT uscc, name, kind, registered_address, actual_address,
           CASE WHEN lng IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lng, lat), 4326) END,
           industry, licences, key_domains, operating_state, risk_class, legal_representative, contact_phone, grid_code, area_code,
           unplaced_reason
         FROM business_import ORDER BY row`,
      )
      // A large import changes the table's statistics enough to mislead the planner until autovacuum runs.
      if (report.accepted >= 10_000) await tx.exec('ANALYZE businesses')
      await recordAudit(tx, actor, {
        action: 'business.imported', objectType: 'business', areaCode: actor.scope,
        details: {
          sha256: upload.sha256, bytes: upload.bytes, filename: upload.filename ?? null, format, mode: opts.mode, crs: opts.crs,
          rows: report.rows, accepted: report.accepted, refused: report.refused, placed: report.placed, unplaced: report.unplaced,
        },
      })
      return report
    })
  } catch (err) {
    if (err instanceof DryRunDone) return err.report
    throw err
  } finally {
    // A refusal thrown mid-file leaves the reader open; close it so its file handle goes.
    await rows.return?.(undefined)
    source.destroy()
  }
}
