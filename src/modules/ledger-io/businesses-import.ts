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
 *
 * In update mode (`existing=update`, issue 13 §1) a code already registered in the actor's scope
 * updates that business instead of refusing the row: the fields of the file's columns are compared
 * with the stored ones, unchanged rows are counted and not written, changed ones are written one by
 * one with their audit event (old and new values) and version; the report lists per row what
 * changes from what to what, and whether the business moves to another grid. Rows that will land
 * unplaced (no location, or outside every grid) are reported as warnings, or refused on request.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Db, Sql } from '../../db/connection.ts'
import { AppError, defineErrors, formatMessage, type Lang } from '../../server/errors.ts'
import { can, hasPermission, isInScope, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { fillNameGrams } from '../businesses/name-grams.ts'
import { loadAreaIndex, loadGridIndex, type PolygonIndex } from '../businesses/placement.ts'
import { checkBusiness, type BusinessRecord, type Crs } from '../businesses/rules.ts'
import { usccWarnings } from '../businesses/uscc.ts'
import { lockByUscc, PERSONAL_FIELDS, rowToInput, writeBusinessChange, type BusinessRow } from '../businesses/service.ts'
import '../businesses/errors.ts'
import { BUSINESS_COLUMNS, cellIndex, cellsToInput, IMPORT_READ_COLUMNS, type CellIndex } from './businesses-columns.ts'
import { describeChanges, mergeFileRow, repeatsMasked, type ChangeableField, type RowChange } from './business-changes.ts'
import { columnHeading, extraCells, readCellBatches, sniffFormat, type CellBatch, type Refusal } from '../../server/tabular.ts'



export const BusinessImportErrors = defineErrors({
  'import.alreadyRegistered': {
    status: 409,
    zh: '统一社会信用代码 {uscc} 已登记。要用本文件修改已登记的主体，请选择“更新已登记的主体”后重新预检',
    en: 'The unified social credit code {uscc} is already registered. To change registered businesses with this file, choose “update registered businesses” and check it again',
  },
  'import.rowStale': {
    status: 409,
    zh: '该主体在导出后已被修改（文件中的版本 {fileVersion}，当前版本 {version}），请重新导出后再修改这一行',
    en: 'This business changed after the file was exported (version {fileVersion} in the file, {version} now); export again and redo this row',
  },
  'import.versionInvalid': {
    status: 400, zh: '“版本”列应为导出时的版本号（正整数），现为“{value}”', en: 'The Version column must hold the exported version number (a positive whole number), not “{value}”',
  },
  'import.willBeUnplaced': {
    status: 200,
    zh: '将进入未入格清单：{reasonZh}，导入后请在“未入格”页面为其指定网格',
    en: 'Will be left unplaced: {reasonEn}; place it on the Unplaced page after the import',
  },
  'import.usccOrgCodeDoubt': {
    status: 200,
    zh: '统一社会信用代码 {uscc} 中的组织机构代码校验位不符（GB 11714），代码本身的校验位正确，将照常登记并在记录上标注，请向登记机关核实',
    en: 'The organisation code inside {uscc} fails its own check (GB 11714) while the code’s check character is right; it is registered as it is and flagged on the record: confirm it with the registration authority',
  },
  'import.unplacedRefused': {
    status: 400,
    zh: '未导入：{reasonZh}（已选择拒绝无法入格的行）',
    en: 'Not imported: {reasonEn} (rows that cannot be placed were to be refused)',
  },
})

const PLACEMENT_WARNINGS = new Set(['noLocation', 'outsideGrids'])

/** Why a row cannot be placed, in words. */
const UNPLACED_REASON = {
  noLocation: { reasonZh: '没有经纬度', reasonEn: 'it has no coordinates' },
  outsideGrids: { reasonZh: '位置不在任何网格内', reasonEn: 'its location is outside every grid' },
} as const

export interface ImportReport {
  rows: number
  accepted: number
  refused: number
  /** the first MAX_REFUSALS_LISTED refusals; `refusalsTotal` counts them all */
  refusals: Refusal[]
  refusalsTotal: number
  /** doubts about accepted rows (will land unplaced, a USCC whose organisation code does not check); the first MAX_REFUSALS_LISTED */
  warnings: Refusal[]
  warningsTotal: number
  placed: number
  unplaced: number
  /** accepted rows that register a new business, change a registered one, or repeat it as it is */
  created: number
  updated: number
  unchanged: number
  /** the first MAX_REFUSALS_LISTED rows that change a registered business (update mode) */
  changes: RowChange[]
  mode: 'all' | 'valid'
  existing: 'refuse' | 'update'
  dryRun: boolean
  sha256: string
}

export interface ImportOptions {
  mode: 'all' | 'valid'
  dryRun: boolean
  crs: Crs
  lang: Lang
  /** a code already registered: refuse the row (default), or update that business from the row */
  existing?: 'refuse' | 'update'
  /** a row that cannot be placed in a grid: import it unplaced with a warning (default), or refuse it */
  unplaced?: 'accept' | 'refuse'
  /** how many refusals the report lists (default MAX_REFUSALS_LISTED; the file of refused rows wants them all) */
  listLimit?: number
}

export interface SpooledUpload {
  path: string
  sha256: string
  bytes: number
  head: Buffer
  remove(): Promise<void>
}

const MAX_REFUSALS_LISTED = 1000
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

const IMPORT_COLUMNS = `uscc, name, kind, registered_address, actual_address, location, industry, licences, key_domains,
  operating_state, risk_class, legal_representative, contact_phone, grid_code, area_code, unplaced_reason`

type RowOutcome = { outcome: 'refused' } | { outcome: 'updated' | 'unchanged'; grid: string | null }
const REFUSED: RowOutcome = { outcome: 'refused' }

/** The Version cell of a row: null when the file has none or it is empty, undefined when it is not a version. */
function versionCell(cells: string[], at: CellIndex): number | null | undefined {
  if (at.version < 0) return null
  const t = (cells[at.version] ?? '').trim()
  if (t === '') return null
  return /^[1-9][0-9]{0,8}$/.test(t) ? Number(t) : undefined
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
  /** update mode: each accepted row as the rules read it, its grid, and the version its file names */
  records: BusinessRecord[]
  grids: Array<string | null>
  versions: Array<number | null>
  /** per accepted row, its COPY line */
  lines: string[]
  accepted: number
  placed: number
  refusals: Refusals
  warnings: Refusals
}

type Upload = Pick<SpooledUpload, 'path' | 'sha256' | 'bytes' | 'head'> & { filename?: string }

/** The rows of the upload in batches, the header already checked (a bad header throws here, before any write). */
async function openRows(upload: Upload, format: 'csv' | 'xlsx') {
  const source = fs.createReadStream(upload.path, { highWaterMark: 1 << 18 })
  const batches = readCellBatches(source, format, IMPORT_READ_COLUMNS)[Symbol.asyncIterator]()
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

/** Refusals (or warnings) in file order, the first MAX_REFUSALS_LISTED of them kept for the report. */
class Refusals {
  listed: Refusal[] = []
  total = 0
  readonly rows = new Set<number>()
  constructor(private readonly lang: Lang, readonly limit = MAX_REFUSALS_LISTED) {}
  /** Takes back what was said of a row under `rules` (a warning that turned out not to apply). */
  drop(row: number, rules: ReadonlySet<string>) {
    if (!this.rows.has(row)) return
    const before = this.listed.length
    this.listed = this.listed.filter((r) => r.row !== row || !rules.has(r.rule))
    this.total -= before - this.listed.length
    if (!this.listed.some((r) => r.row === row)) this.rows.delete(row)
  }
  add(row: number, field: string, rule: string, code: string, details: Record<string, unknown>) {
    this.total++
    this.rows.add(row)
    if (this.listed.length < this.limit) {
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
  if (opts.existing === 'update' && !hasPermission(actor, 'business.write')) throw new AppError('auth.forbidden', { action: 'business.write' })

  // The header is checked before the grids load and before any transaction.
  let reader = await openRows(upload, format)
  let placement: [PolygonIndex, PolygonIndex]
  try {
    placement = await Promise.all([loadGridIndex(db), loadAreaIndex(db)])
  } catch (err) {
    await reader.close()
    throw err
  }
  const input: PassInput = { db, actor, upload, format, opts, grids: placement[0], areas: placement[1] }

  let report: ImportReport
  try {
    // An update looks every code up before writing: only the checked pass does.
    if (db.kind === 'postgres' && !opts.dryRun && opts.existing !== 'update') {
      const streamed = await new ImportPass(input, reader, { checked: false, write: true }).run()
      if ('report' in streamed) report = streamed.report
      else {
        await reader.close()
        reader = await openRows(upload, format)
        // mode=all already knows it refuses the file: the checked pass only builds the report.
        report = await new ImportPass(input, reader, { checked: true, write: streamed.needsCheckedPass === 'duplicate' }).runChecked()
      }
    } else {
      report = await new ImportPass(input, reader, { checked: true, write: !opts.dryRun }).runChecked()
    }
  } finally {
    await reader.close()
  }
  if (report.created > 0) maintenance = tidyAfterImport(db, report.accepted)
  return report
}

/** What every pass over one upload shares. */
interface PassInput {
  db: Db
  actor: Actor
  upload: Upload
  format: 'csv' | 'xlsx'
  opts: ImportOptions
  /** the grids and areas, to place each row */
  grids: PolygonIndex
  areas: PolygonIndex
}

/** The streaming pass cannot finish the report itself: a code already registered, or mode=all refusing. */
class NeedsCheckedPass extends Error {
  constructor(readonly reason: 'duplicate' | 'refused') {
    super(`import needs the checked pass (${reason})`)
  }
}

/**
 * One pass over the upload, in one transaction: every row validated and placed, the accepted ones
 * written either streaming (one COPY fed as the rows are read: JS and the server work at once) or
 * checked (each chunk's codes looked up in the ledger before it is written, the next chunk
 * validated meanwhile). The streaming pass gives up, rolling back, when a code is already
 * registered or mode=all meets a refused row; the checked pass then runs from the start.
 */
class ImportPass {
  private readonly refusals: Refusals
  private readonly warnings: Refusals
  private readonly changes: RowChange[] = []
  private readonly updating: boolean
  private readonly masked: boolean
  private readonly firstRowOf = new UsccRows()
  private readonly at: CellIndex | null
  private updated = 0
  private unchanged = 0
  private total = 0
  private placed = 0
  private unplaced = 0
  private batch: IteratorResult<CellBatch>
  /** the next row of the current batch */
  private index = 0

  constructor(
    private readonly input: PassInput,
    private readonly reader: Awaited<ReturnType<typeof openRows>>,
    private readonly mode: { checked: boolean; write: boolean },
  ) {
    const { opts, actor } = input
    this.refusals = new Refusals(opts.lang, opts.listLimit)
    this.warnings = new Refusals(opts.lang)
    this.updating = opts.existing === 'update'
    this.masked = !can(actor, 'person.readPersonal')
    this.batch = reader.first
    this.at = this.batch.done ? null : cellIndex(this.batch.value.keys)
  }

  /** The streaming pass: the report, or why the checked pass must run instead (nothing written then). */
  async run(): Promise<{ report: ImportReport } | { needsCheckedPass: 'duplicate' | 'refused' }> {
    try {
      return { report: await this.inTransaction((tx) => this.stream(tx)) }
    } catch (err) {
      if (err instanceof NeedsCheckedPass) return { needsCheckedPass: err.reason }
      throw err
    }
  }

  /** The checked pass: the report. */
  runChecked(): Promise<ImportReport> {
    return this.inTransaction((tx) => this.checkChunks(tx))
  }

  private inTransaction(pass: (tx: Sql) => Promise<void>): Promise<ImportReport> {
    return this.input.db.transaction(async (tx) => {
      // The name index (0200) takes this import's rows into its pending list, merged in one go after
      // the commit (tidyAfterImport): far cheaper than inserting a million names' trigrams one by one.
      await tx.exec(`SET LOCAL gin_pending_list_limit = '1GB'`)
      await pass(tx)
      return this.finish(tx)
    })
  }

  /** One COPY fed as the rows are read. */
  private async stream(tx: Sql): Promise<void> {
    try {
      await tx.copyCsv(`businesses (${IMPORT_COLUMNS})`, this.feed())
    } catch (err: any) {
      if (err instanceof NeedsCheckedPass) throw err
      if (err?.code === '23505' && String(err.constraint ?? '').includes('uscc')) throw new NeedsCheckedPass('duplicate')
      throw err
    }
  }

  /** The COPY lines of the streaming pass, chunk by chunk; mode=all gives up at the first refused row. */
  private async *feed(): AsyncGenerator<string> {
    for (;;) {
      const chunk = await this.nextChunk(STREAM_ROWS)
      if (!chunk) return
      if (chunk.refusals.total && this.input.opts.mode === 'all') throw new NeedsCheckedPass('refused')
      this.settle(chunk)
      if (chunk.accepted) yield chunk.lines.join('')
    }
  }

  /** Chunk by chunk: each chunk's codes looked up and written while the next one is validated. */
  private async checkChunks(tx: Sql): Promise<void> {
    let pending: Promise<void> = Promise.resolve()
    for (;;) {
      const chunk = await this.nextChunk(CHECKED_ROWS)
      await pending
      if (!chunk) break
      pending = this.checkChunk(tx, chunk)
      // Awaited with the next chunk; until then a failure must not count as unhandled.
      pending.catch(() => {})
    }
  }

  /**
   * A chunk of the checked pass: its codes already in the ledger are refused, or in update mode
   * update their business; the others are written with one COPY.
   */
  private async checkChunk(tx: Sql, chunk: Chunk): Promise<void> {
    const { actor, opts } = this.input
    const codes = chunk.usccs
    const registered = await this.registered(tx, codes)
    const dups = new Refusals(opts.lang, opts.listLimit)
    let lines = chunk.lines
    if (registered.size) {
      lines = []
      chunk.accepted = 0
      chunk.placed = 0
      // Updates are written only while nothing refuses an all-or-nothing import.
      const writing = () => this.mode.write && !(opts.mode === 'all' && (this.refusals.rows.size > 0 || dups.total > 0 || chunk.refusals.total > 0))
      for (let i = 0; i < codes.length; i++) {
        const current = registered.get(codes[i])
        if (current === undefined) {
          lines.push(chunk.lines[i])
          chunk.accepted++
          if (chunk.placedEach[i]) chunk.placed++
          continue
        }
        // Registered elsewhere: the refusal names only the code (Q3). In scope: say how to update it.
        const inScope = isInScope(actor, current.area_code)
        if (!inScope || current.id === undefined) {
          dups.add(chunk.rows[i], 'uscc', 'unique', inScope ? 'import.alreadyRegistered' : 'business.duplicateUscc', { uscc: codes[i] })
          continue
        }
        // A registered business keeps its place unless the row moves it (updateFromRow warns then).
        chunk.warnings.drop(chunk.rows[i], PLACEMENT_WARNINGS)
        const result = await this.updateFromRow(tx, chunk, i, current, dups, writing())
        if (result.outcome === 'refused') continue
        chunk.accepted++
        if (result.outcome === 'updated') this.updated++
        else this.unchanged++
        if (result.grid !== null) chunk.placed++
      }
    }
    this.settle(chunk, dups)
    const writing = this.mode.write && !(opts.mode === 'all' && this.refusals.rows.size > 0)
    if (writing && lines.length) await tx.copyCsv(`businesses (${IMPORT_COLUMNS})`, lines.join(''))
  }

  /** The codes among `codes` already in the ledger, in scope or not (a refusal names only the code, Q3); locked in update mode. */
  private async registered(tx: Sql, codes: string[]): Promise<Map<string, BusinessRow | { area_code: string; id?: undefined }>> {
    if (this.updating) return lockByUscc(tx, codes)
    if (!codes.length) return new Map()
    const { rows } = await tx.query<{ uscc: string; area_code: string }>('SELECT uscc, area_code FROM businesses WHERE uscc = ANY($1::text[])', [codes])
    return new Map(rows.map((r) => [r.uscc, r]))
  }

  /** Validates and places the next rows of the file (up to `max` accepted ones); null at the end. */
  private async nextChunk(max: number): Promise<Chunk | null> {
    if (this.batch.done) return null
    const { opts } = this.input
    const chunk: Chunk = {
      rows: [], usccs: [], placedEach: [], records: [], grids: [], versions: [], lines: [], accepted: 0, placed: 0,
      refusals: new Refusals(opts.lang, opts.listLimit), warnings: new Refusals(opts.lang),
    }
    while (!this.batch.done && chunk.accepted < max) {
      const { keys, rows } = this.batch.value
      // One batch of rows per await (Q5): the rows themselves are read synchronously.
      for (; this.index < rows.length && chunk.accepted < max; this.index++) {
        const { row, cells } = rows[this.index]
        this.readRow(chunk, keys, row, cells)
      }
      if (this.index === rows.length) {
        this.index = 0
        this.batch = await this.reader.batches.next()
      }
    }
    return chunk
  }

  /** One row of the file: refused in the chunk's refusals, or accepted into the chunk with its COPY line. */
  private readRow(chunk: Chunk, keys: ReadonlyArray<string | null>, row: number, cells: string[]): void {
    const { actor, opts, grids, areas } = this.input
    const at = this.at!
    const local = chunk.refusals
    this.total++
    const before = local.total
    if (extraCells(keys, cells)) local.add(row, '__extra', 'extraCells', 'business.unknownColumnValue', {})
    const parsed = cellsToInput(cells, at)
    if (parsed.bad) local.add(row, parsed.bad.field, parsed.bad.rule, 'business.licenceInvalid', { index: 1, reasonZh: '格式应为 类型:编号:起始日期:截止日期，多个用 ; 分隔', reasonEn: 'use type:number:from:to, several separated by ;' })
    const { problems, record: b } = checkBusiness(parsed.input, opts.crs)
    for (const p of problems) local.add(row, p.field, p.rule, p.code, p.details)
    if (!b || local.total !== before) return
    const seen = this.firstRowOf.firstRowOr(b.uscc, row)
    if (seen !== -1) {
      local.add(row, 'uscc', 'uniqueInFile', 'business.duplicateInFile', { uscc: b.uscc, firstRow: seen })
      return
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
      return
    }
    const version = this.updating ? versionCell(cells, at) : null
    if (version === undefined) {
      local.add(row, 'version', 'format', 'import.versionInvalid', { value: cells[at.version] })
      return
    }
    if (reason) {
      const words = UNPLACED_REASON[reason as keyof typeof UNPLACED_REASON]
      if (opts.unplaced === 'refuse') {
        local.add(row, 'location', 'placed', 'import.unplacedRefused', words)
        return
      }
      // Said of a new business here; a registered one keeps its place unless its location changes (settle).
      chunk.warnings.add(row, 'location', reason, 'import.willBeUnplaced', words)
    }
    if (usccWarnings(b.uscc).length) chunk.warnings.add(row, 'uscc', 'orgCodeCheck', 'import.usccOrgCodeDoubt', { uscc: b.uscc })
    chunk.accepted++
    if (gridCode !== null) chunk.placed++
    chunk.lines.push(copyLine(b, gridCode, areaCode, reason))
    if (this.mode.checked) {
      chunk.rows.push(row)
      chunk.usccs.push(b.uscc)
      chunk.placedEach.push(gridCode !== null)
    }
    if (this.updating) {
      chunk.records.push(b)
      chunk.grids.push(gridCode)
      chunk.versions.push(version)
    }
  }

  /** Adds a chunk's refusals (and its codes found in the ledger) in file order, and counts its rows. */
  private settle(chunk: Chunk, dups?: Refusals): void {
    const { refusals, warnings } = this
    const listed = dups ? [...chunk.refusals.listed, ...dups.listed].sort((a, b) => a.row - b.row) : chunk.refusals.listed
    for (const r of listed) if (refusals.listed.length < refusals.limit) refusals.listed.push(r)
    refusals.total += chunk.refusals.total + (dups?.total ?? 0)
    for (const r of chunk.refusals.rows) refusals.rows.add(r)
    if (dups) for (const r of dups.rows) refusals.rows.add(r)
    // A warning on a row refused meanwhile (its code registered elsewhere) would only confuse.
    for (const w of chunk.warnings.listed) {
      if (dups?.rows.has(w.row)) continue
      warnings.total++
      if (warnings.listed.length < MAX_REFUSALS_LISTED) warnings.listed.push(w)
    }
    warnings.total += chunk.warnings.total - chunk.warnings.listed.length
    this.placed += chunk.placed
    this.unplaced += chunk.accepted - chunk.placed
  }

  /** Whether the file has the column of `field` (an update changes only those). */
  private present = (field: ChangeableField): boolean =>
    field === 'location' ? this.at!.lng >= 0 || this.at!.lat >= 0 : this.at![field] >= 0

  /**
   * Update mode: what the row at index `i` of the chunk does to the registered business `current`
   * (in the actor's scope, locked): a refusal, nothing, or a change, written when `write`.
   */
  private async updateFromRow(tx: Sql, chunk: Chunk, i: number, current: BusinessRow, found: Refusals, write: boolean): Promise<RowOutcome> {
    const { actor, opts, areas, upload } = this.input
    const row = chunk.rows[i]
    const fileVersion = chunk.versions[i]
    if (fileVersion !== null && fileVersion !== current.version) {
      found.add(row, 'version', 'current', 'import.rowStale', { fileVersion, version: current.version })
      return REFUSED
    }
    const file = chunk.records[i]
    const stored = rowToInput(current)
    const merged = mergeFileRow(stored, { ...file, location: file.lng === null ? null : { lng: file.lng, lat: file.lat! } }, this.present)
    if (this.masked) {
      // Who sees personal fields masked writes them back masked: that changes nothing; anything else is refused.
      for (const f of ['legalRepresentative', 'contactPhone'] as const) {
        if (!this.present(f)) continue
        const original = f === 'legalRepresentative' ? current.legal_representative : current.contact_phone
        if (repeatsMasked(f, merged[f], original)) merged[f] = original
        else {
          const label = PERSONAL_FIELDS[f]
          found.add(row, f, 'readable', 'record.fieldNotWritable', { labelZh: label.zh, labelEn: label.en })
          return REFUSED
        }
      }
    }
    // The stored values passed these rules when written; the file's passed them on reading.
    const before = checkBusiness(stored, 'WGS84').record
    const after = checkBusiness(merged, 'WGS84').record
    if (!before || !after) {
      for (const p of checkBusiness(merged, 'WGS84').problems) found.add(row, p.field, p.rule, p.code, p.details)
      return REFUSED
    }
    const heading = (field: string) => columnHeading(BUSINESS_COLUMNS, field, opts.lang)
    const fields = describeChanges(before, after, heading, opts.lang, this.masked)
    if (!fields.length) return { outcome: 'unchanged', grid: current.grid_code }
    const moves = fields.some((f) => f.field === 'location')
    const toGrid = moves ? chunk.grids[i] : current.grid_code
    const toArea = moves && after.lng !== null ? (toGrid ?? areas.codeAt(after.lng, after.lat!) ?? current.area_code) : toGrid ?? current.area_code
    if (!isInScope(actor, toArea)) {
      found.add(row, 'location', 'inScope', 'business.outsideScope', {})
      return REFUSED
    }
    if (moves && toGrid === null) {
      chunk.warnings.add(row, 'location', after.lng === null ? 'noLocation' : 'outsideGrids', 'import.willBeUnplaced', UNPLACED_REASON[after.lng === null ? 'noLocation' : 'outsideGrids'])
    }
    if (this.changes.length < MAX_REFUSALS_LISTED) {
      this.changes.push({ row, id: current.id, uscc: current.uscc, name: after.name, fields, ...(toGrid !== current.grid_code ? { grid: { from: current.grid_code, to: toGrid } } : {}) })
    }
    if (write) await writeBusinessChange(tx, actor, current, after, { fields: fields.map((f) => f.field), moves, via: { importSha256: upload.sha256, row } })
    return { outcome: 'updated', grid: toGrid }
  }

  /**
   * The report of the pass, once every row is read. mode=all refuses the whole file if a row was
   * refused (the transaction rolls back); a dry run answers without its audit event, having
   * written nothing; otherwise the import is one audit event.
   */
  private async finish(tx: Sql): Promise<ImportReport> {
    const { actor, upload, format, opts } = this.input
    const { total, updated, unchanged, refusals, warnings } = this
    const refused = refusals.rows.size
    const report: ImportReport = {
      rows: total, accepted: total - refused, refused, refusals: refusals.listed, refusalsTotal: refusals.total,
      warnings: warnings.listed, warningsTotal: warnings.total, placed: this.placed, unplaced: this.unplaced,
      created: total - refused - updated - unchanged, updated, unchanged, changes: this.changes,
      mode: opts.mode, existing: opts.existing ?? 'refuse', dryRun: opts.dryRun, sha256: upload.sha256,
    }
    if (refused > 0 && opts.mode === 'all') {
      report.accepted = 0
      throw new AppError('import.rowsRefused', { ...report, placed: 0, unplaced: 0 })
    }
    if (opts.dryRun) return report
    await recordAudit(tx, actor, {
      action: 'business.imported', objectType: 'business', areaCode: actor.scope,
      details: {
        sha256: upload.sha256, bytes: upload.bytes, filename: upload.filename ?? null, format, mode: opts.mode, crs: opts.crs,
        rows: report.rows, accepted: report.accepted, refused: report.refused, placed: report.placed, unplaced: report.unplaced,
        existing: report.existing, created: report.created, updated: report.updated, unchanged: report.unchanged,
      },
    })
    return report
  }
}

/**
 * An accepted row as a line of the COPY into businesses (IMPORT_COLUMNS). One flat string per
 * line: built with `+` it would be a rope of some 30 pieces, kept alive until the chunk is sent,
 * and garbage collection took twice the time (Q5).
 */
function copyLine(b: BusinessRecord, gridCode: string | null, areaCode: string, reason: string): string {
  return [b.uscc, csvCell(b.name), b.kind, csvCell(b.registeredAddress), csvCell(b.actualAddress),
    b.lng === null ? '' : ewkbPoint(b.lng, b.lat!), csvCell(b.industry),
    b.licences.length ? csvCell(JSON.stringify(b.licences)) : '[]',
    b.keyDomains.length ? csvCell('{' + b.keyDomains.join(',') + '}') : '{}',
    b.operatingState, b.riskClass, csvCell(b.legalRepresentative), b.contactPhone ?? '',
    gridCode ?? '', csvCell(areaCode), reason].join(',') + '\n'
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
