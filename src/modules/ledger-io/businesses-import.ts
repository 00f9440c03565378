/**
 * Importing the business ledger from CSV or xlsx (M2.4). Every row passes the API's rules, is placed
 * with the in-memory grid index and is written straight into `businesses` with COPY, in one
 * transaction with one audit event (file sha256 and counts). By default an import is
 * all-or-nothing; `mode=valid` lands the valid rows and reports the others.
 *
 * Q5 (a million rows end to end at ≥ 25 % of a bare COPY): on PostgreSQL the rows are validated in
 * JS while the server is still writing the previous ones, through one streaming COPY. A code that is
 * already in the ledger makes that COPY fail on the unique index; only then, or when mode=all meets a
 * refused row, or for a dry run or on PGlite, the import takes the checked pass: chunk by chunk, one
 * `uscc = ANY(…)` query finds the codes already registered before the chunk is written, so the
 * report names every refused row either way.
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
import { fillNameGrams } from '../businesses/name-grams.ts'
import { loadAreaIndex, loadGridIndex, type PolygonIndex } from '../businesses/placement.ts'
import { checkBusiness, type Crs } from '../businesses/rules.ts'
import '../businesses/errors.ts'
import { BUSINESS_COLUMNS, cellIndex, cellsToInput } from './businesses-columns.ts'
import { columnHeading, extraCells, readCellBatches, sniffFormat, type CellBatch, type Refusal } from './tabular.ts'

export type { Refusal }

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
/** rows per COPY message of the streaming pass (≈ 0.5 MB): small enough to keep both sides busy */
const STREAM_ROWS = 4096
/** rows per duplicate check and COPY of the checked pass */
const CHECKED_ROWS = 16_384
/** a larger import refreshes the planner's statistics before it commits */
const ANALYZE_AFTER_ROWS = 10_000

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
  return NEEDS_QUOTES.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v
}
const NEEDS_QUOTES = /[",\n\r]/

const point = Buffer.alloc(16)
/** A point as hex EWKB (SRID 4326): PostGIS reads it several times faster than WKT. */
function ewkbPoint(lng: number, lat: number): string {
  point.writeDoubleLE(lng, 0)
  point.writeDoubleLE(lat, 8)
  return '0101000020E6100000' + point.toString('hex')
}

export const IMPORT_COLUMNS = `uscc, name, kind, registered_address, actual_address, location, industry, licences, key_domains,
  operating_state, risk_class, legal_representative, contact_phone, grid_code, area_code, unplaced_reason`

class DryRunDone {
  constructor(readonly report: ImportReport) {}
}

/** The streaming pass cannot finish the report itself: a code already registered, or mode=all refusing. */
class NeedsCheckedPass extends Error {
  constructor(readonly reason: 'duplicate' | 'refused') {
    super(`import needs the checked pass (${reason})`)
  }
}

/**
 * The accepted rows of a chunk as parallel arrays rather than an object per row: a million small
 * objects cost the import more in garbage collection than they saved (Q5).
 */
interface Chunk {
  /** file rows and codes of the accepted rows (the checked pass only: it looks the codes up) */
  rows: number[]
  usccs: string[]
  /** whether each accepted row found its grid (the checked pass only) */
  placedEach: boolean[]
  /** per accepted row, its COPY line */
  lines: string[]
  accepted: number
  placed: number
  refusals: Refusals
}

type Upload = Pick<SpooledUpload, 'path' | 'sha256' | 'bytes' | 'head'> & { filename?: string }

/** The rows of the upload in batches, the header already checked (a bad header throws here, before any write). */
async function openRows(upload: Upload, format: 'csv' | 'xlsx') {
  const source = fs.createReadStream(upload.path, { highWaterMark: 1 << 18 })
  const batches = readCellBatches(source, format, BUSINESS_COLUMNS)[Symbol.asyncIterator]()
  let first: IteratorResult<CellBatch>
  try {
    first = await batches.next()
  } catch (err) {
    source.destroy()
    throw err
  }
  return {
    batches, first,
    async close() {
      // A refusal thrown mid-file leaves the reader open; close it so its file handle goes.
      await batches.return?.(undefined)
      source.destroy()
    },
  }
}

const USCC_DIGITS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const DIGIT = new Int8Array(128).fill(-1)
for (let i = 0; i < USCC_DIGITS.length; i++) DIGIT[USCC_DIGITS.charCodeAt(i)] = i

/**
 * The first row of each valid USCC seen in the file. A valid code is two base-31 numbers of nine
 * digits (31^9 < 2^53), kept in typed arrays: a million-entry Map of strings cost the import more in
 * garbage collection than it saved (Q5).
 */
export class UsccRows {
  private hi = new Float64Array(1 << 16).fill(-1)
  private lo = new Float64Array(1 << 16)
  private rows = new Int32Array(1 << 16)
  private size = 0

  private static half(code: string, from: number): number {
    let n = 0
    for (let i = from; i < from + 9; i++) n = n * 31 + DIGIT[code.charCodeAt(i)]
    return n
  }

  /** The row already holding `code`, or -1 after recording it at `row`. */
  firstRowOr(code: string, row: number): number {
    if (this.size * 2 >= this.hi.length) this.grow()
    const h = UsccRows.half(code, 0)
    const l = UsccRows.half(code, 9)
    const mask = this.hi.length - 1
    let i = (Math.imul((h % 0x7fffffff) | 0, 0x9e3779b1) ^ Math.imul((l % 0x7fffffff) | 0, 0x85ebca6b)) & mask
    for (;;) {
      if (this.hi[i] === -1) {
        this.hi[i] = h
        this.lo[i] = l
        this.rows[i] = row
        this.size++
        return -1
      }
      if (this.hi[i] === h && this.lo[i] === l) return this.rows[i]
      i = (i + 1) & mask
    }
  }

  private grow() {
    const { hi, lo, rows } = this
    this.hi = new Float64Array(hi.length * 2).fill(-1)
    this.lo = new Float64Array(hi.length * 2)
    this.rows = new Int32Array(hi.length * 2)
    this.size = 0
    const mask = this.hi.length - 1
    for (let j = 0; j < hi.length; j++) {
      if (hi[j] === -1) continue
      let i = (Math.imul((hi[j] % 0x7fffffff) | 0, 0x9e3779b1) ^ Math.imul((lo[j] % 0x7fffffff) | 0, 0x85ebca6b)) & mask
      while (this.hi[i] !== -1) i = (i + 1) & mask
      this.hi[i] = hi[j]
      this.lo[i] = lo[j]
      this.rows[i] = rows[j]
      this.size++
    }
  }
}

/** Refusals in file order, the first MAX_REFUSALS_LISTED of them kept for the report. */
class Refusals {
  listed: Refusal[] = []
  total = 0
  readonly rows = new Set<number>()
  constructor(private readonly lang: Lang) {}
  add(row: number, field: string, rule: string, code: string, details: Record<string, unknown>) {
    this.total++
    this.rows.add(row)
    if (this.listed.length < MAX_REFUSALS_LISTED) {
      this.listed.push({ row, field, column: columnHeading(BUSINESS_COLUMNS, field, this.lang), rule, message: formatMessage(code, this.lang, { ...details, row }) })
    }
  }
}

/**
 * Imports businesses from a spooled upload. Header problems and refused rows (mode=all) throw
 * before anything is committed; a dry run answers the same report and writes nothing.
 */
export async function importBusinesses(db: Db, actor: Actor, upload: Upload, opts: ImportOptions): Promise<ImportReport> {
  if (!hasPermission(actor, 'business.import')) throw new AppError('auth.forbidden', { action: 'business.import' })
  const format = sniffFormat(upload.head)
  if (!format) throw new AppError('request.unsupportedType', { type: path.extname(upload.filename ?? '') || 'binary' })

  // The header is checked before the grids load and before any transaction.
  let reader = await openRows(upload, format)
  let placement: [PolygonIndex, PolygonIndex]
  try {
    placement = await Promise.all([loadGridIndex(db), loadAreaIndex(db)])
  } catch (err) {
    await reader.close()
    throw err
  }
  const run = (checked: boolean, write: boolean) => importPass(db, actor, upload, format, opts, placement, reader, checked, write)

  try {
    if (db.kind === 'postgres' && !opts.dryRun) {
      try {
        return await run(false, true)
      } catch (err) {
        if (!(err instanceof NeedsCheckedPass)) throw err
        await reader.close()
        reader = await openRows(upload, format)
        // mode=all already knows it refuses the file: the checked pass only builds the report.
        return await run(true, err.reason === 'duplicate')
      }
    }
    return await run(true, !opts.dryRun)
  } finally {
    await reader.close()
  }
}

async function importPass(
  db: Db, actor: Actor, upload: Upload, format: 'csv' | 'xlsx', opts: ImportOptions, [grids, areas]: [PolygonIndex, PolygonIndex],
  reader: Awaited<ReturnType<typeof openRows>>, checked: boolean, write: boolean,
): Promise<ImportReport> {
  const refusals = new Refusals(opts.lang)
  let total = 0
  let placed = 0
  let unplaced = 0
  const firstRowOf = new UsccRows()
  const { batches } = reader
  let batch = reader.first
  const at = batch.done ? null : cellIndex(batch.value.keys)
  /** the next row of the current batch */
  let index = 0

  /** Validates and places the next rows of the file (up to `max` accepted ones); null at the end. */
  async function nextChunk(max: number): Promise<Chunk | null> {
    if (batch.done) return null
    const local = new Refusals(opts.lang)
    const chunk: Chunk = { rows: [], usccs: [], placedEach: [], lines: [], accepted: 0, placed: 0, refusals: local }
    while (!batch.done && chunk.accepted < max) {
      const { keys, rows } = batch.value
      // One batch of rows per await (Q5): the rows themselves are read synchronously.
      for (; index < rows.length && chunk.accepted < max; index++) {
        const { row, cells } = rows[index]
        total++
        const before = local.total
        if (extraCells(keys, cells)) local.add(row, '__extra', 'extraCells', 'business.unknownColumnValue', {})
        const parsed = cellsToInput(cells, at!)
        if (parsed.bad) local.add(row, parsed.bad.field, parsed.bad.rule, 'business.licenceInvalid', { index: 1, reasonZh: '格式应为 类型:编号:起始日期:截止日期，多个用 ; 分隔', reasonEn: 'use type:number:from:to, several separated by ;' })
        const { problems, record: b } = checkBusiness(parsed.input, opts.crs)
        for (const p of problems) local.add(row, p.field, p.rule, p.code, p.details)
        if (!b || local.total !== before) continue
        const seen = firstRowOf.firstRowOr(b.uscc, row)
        if (seen !== -1) {
          local.add(row, 'uscc', 'uniqueInFile', 'business.duplicateInFile', { uscc: b.uscc, firstRow: seen })
          continue
        }
        let gridCode: string | null = null
        let areaCode = actor.scope
        let reason = 'noLocation'
        if (b.lng !== null && b.lat !== null) {
          gridCode = grids.codeAt(b.lng, b.lat)
          if (gridCode !== null) {
            areaCode = gridCode
            reason = ''
          } else {
            areaCode = areas.codeAt(b.lng, b.lat) ?? actor.scope
            reason = 'outsideGrids'
          }
        }
        if (!areaCode.startsWith(actor.scope)) {
          local.add(row, 'location', 'inScope', 'business.outsideScope', {})
          continue
        }
        // One flat string per line: built with `+` it would be a rope of some 30 pieces, kept alive
        // until the chunk is sent, and garbage collection took twice the time (Q5).
        const line = [b.uscc, csvCell(b.name), b.kind, csvCell(b.registeredAddress), csvCell(b.actualAddress),
          b.lng === null ? '' : ewkbPoint(b.lng, b.lat!), csvCell(b.industry),
          b.licences.length ? csvCell(JSON.stringify(b.licences)) : '[]',
          b.keyDomains.length ? csvCell('{' + b.keyDomains.join(',') + '}') : '{}',
          b.operatingState, b.riskClass, csvCell(b.legalRepresentative), b.contactPhone ?? '',
          gridCode ?? '', csvCell(areaCode), reason].join(',') + '\n'
        chunk.accepted++
        if (gridCode !== null) chunk.placed++
        chunk.lines.push(line)
        if (checked) {
          chunk.rows.push(row)
          chunk.usccs.push(b.uscc)
          chunk.placedEach.push(gridCode !== null)
        }
      }
      if (index === rows.length) {
        index = 0
        batch = await batches.next()
      }
    }
    return chunk
  }

  /** Adds a chunk's refusals (and its codes found in the ledger) in file order, and counts its rows. */
  function settle(chunk: Chunk, dups?: Refusals) {
    const listed = dups ? [...chunk.refusals.listed, ...dups.listed].sort((a, b) => a.row - b.row) : chunk.refusals.listed
    for (const r of listed) if (refusals.listed.length < MAX_REFUSALS_LISTED) refusals.listed.push(r)
    refusals.total += chunk.refusals.total + (dups?.total ?? 0)
    for (const r of chunk.refusals.rows) refusals.rows.add(r)
    if (dups) for (const r of dups.rows) refusals.rows.add(r)
    placed += chunk.placed
    unplaced += chunk.accepted - chunk.placed
  }

  try {
    const report = await db.transaction(async (tx) => {
      // The name index (0200) takes this import's rows into its pending list, merged in one go after
      // the commit (tidyAfterImport): far cheaper than inserting a million names' trigrams one by one.
      await tx.exec(`SET LOCAL gin_pending_list_limit = '1GB'`)
      if (!checked) {
        // Streaming pass: one COPY fed as the rows are read, so JS and the server work at once.
        const feed = async function* () {
          for (;;) {
            const chunk = await nextChunk(STREAM_ROWS)
            if (!chunk) return
            if (chunk.refusals.total && opts.mode === 'all') throw new NeedsCheckedPass('refused')
            settle(chunk)
            if (chunk.accepted) yield chunk.lines.join('')
          }
        }
        try {
          await tx.copyCsv(`businesses (${IMPORT_COLUMNS})`, feed())
        } catch (err: any) {
          if (err instanceof NeedsCheckedPass) throw err
          if (err?.code === '23505' && String(err.constraint ?? '').includes('uscc')) throw new NeedsCheckedPass('duplicate')
          throw err
        }
      } else {
        // Checked pass: each chunk's codes are looked up in the ledger before it is written; the
        // next chunk is validated meanwhile.
        let pending: Promise<void> = Promise.resolve()
        for (;;) {
          const chunk = await nextChunk(CHECKED_ROWS)
          await pending
          if (!chunk) break
          pending = (async () => {
            const codes = chunk.usccs
            // Codes already in the ledger, in scope or not: the refusal names only the code (Q3).
            const found = codes.length
              ? new Set((await tx.query<{ uscc: string }>('SELECT uscc FROM businesses WHERE uscc = ANY($1::text[])', [codes])).rows.map((r) => r.uscc))
              : new Set<string>()
            const dups = new Refusals(opts.lang)
            let lines = chunk.lines
            if (found.size) {
              lines = []
              chunk.accepted = 0
              chunk.placed = 0
              for (let i = 0; i < codes.length; i++) {
                if (found.has(codes[i])) {
                  dups.add(chunk.rows[i], 'uscc', 'unique', 'business.duplicateUscc', { uscc: codes[i] })
                  continue
                }
                lines.push(chunk.lines[i])
                chunk.accepted++
                if (chunk.placedEach[i]) chunk.placed++
              }
            }
            settle(chunk, dups)
            const writing = write && !(opts.mode === 'all' && refusals.rows.size > 0)
            if (writing && lines.length) await tx.copyCsv(`businesses (${IMPORT_COLUMNS})`, lines.join(''))
          })()
          // Awaited with the next chunk; until then a failure must not count as unhandled.
          pending.catch(() => {})
        }
      }

      const refused = refusals.rows.size
      const report: ImportReport = {
        rows: total, accepted: total - refused, refused, refusals: refusals.listed, refusalsTotal: refusals.total, placed, unplaced,
        mode: opts.mode, dryRun: opts.dryRun, sha256: upload.sha256,
      }
      if (refused > 0 && opts.mode === 'all') {
        report.accepted = 0
        throw new AppError('import.rowsRefused', { ...report, placed: 0, unplaced: 0 })
      }
      if (opts.dryRun) throw new DryRunDone(report)
      await recordAudit(tx, actor, {
        action: 'business.imported', objectType: 'business', areaCode: actor.scope,
        details: {
          sha256: upload.sha256, bytes: upload.bytes, filename: upload.filename ?? null, format, mode: opts.mode, crs: opts.crs,
          rows: report.rows, accepted: report.accepted, refused: report.refused, placed: report.placed, unplaced: report.unplaced,
        },
      })
      return report
    })
    if (report.accepted > 0) maintenance = tidyAfterImport(db, report.accepted)
    return report
  } catch (err) {
    if (err instanceof DryRunDone) return err.report
    throw err
  }
}

let maintenance: Promise<void> = Promise.resolve()

/** The index upkeep of the last import, still running after it answered (for benchmarks and tests). */
export function importMaintenance(): Promise<void> {
  return maintenance
}

/**
 * After the commit, off the request's path: merges the trigram index's pending list (the rows are
 * already found by a name search, through the pending list, only more slowly until then), after a
 * large import refreshes the planner's statistics, which would otherwise mislead it until
 * autovacuum runs, and writes the name grams of the imported rows (name-grams.ts; until then name
 * searches read the trigram index). Failures are harmless: autovacuum merges and analyses as well,
 * and a running server drains the grams' backlog every minute.
 */
function tidyAfterImport(db: Db, accepted: number): Promise<void> {
  return (async () => {
    try {
      await db.query('SELECT merge_business_name_index()')
      if (accepted >= ANALYZE_AFTER_ROWS) await db.exec('ANALYZE businesses')
      await fillNameGrams(db)
    } catch {
      // see above
    }
  })()
}
