/**
 * Reading and writing ledger tables as CSV or xlsx (M2.4), streaming both ways so that a
 * million-row file never sits whole in memory. Capabilities describe their columns once
 * (`Column`) and use these readers and writers for import and export: the ledgers (ledger-io), the
 * audit log's export, the areas' import refusals. It lives here, beside the PDF writer, so that none
 * of them reaches into another module for it.
 */
import { Readable, PassThrough } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { StringDecoder } from 'node:string_decoder'
import { stringify } from 'csv-stringify'
import { Worker } from 'node:worker_threads'
import ExcelJS from 'exceljs'
import { AppError, defineErrors, type Lang } from './errors.ts'
import { checkText } from './input-guard.ts'
import { fieldLabel } from './field-labels.ts'

export const TabularErrors = defineErrors({
  'import.headerMissing': { status: 400, zh: '表头缺少必需的列：{columns}', en: 'The header lacks required columns: {columns}' },
  'import.headerUnknown': { status: 400, zh: '表头含有无法识别的列：{columns}', en: 'The header has unknown columns: {columns}' },
  'import.headerDuplicate': { status: 400, zh: '表头中的列重复：{columns}', en: 'The header repeats columns: {columns}' },
  'import.empty': { status: 400, zh: '文件没有内容', en: 'The file is empty' },
  'import.badEncoding': {
    status: 400,
    zh: '文件第 {row} 行附近有无法按 {encoding} 读取的字符。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”或 Excel 工作簿后重新导入',
    en: 'Near line {row} the file holds bytes that cannot be read as {encoding}. Save it from Excel as "CSV UTF-8 (comma delimited)" or as a workbook and import it again',
  },
  'import.badCsv': {
    status: 400, zh: 'CSV 文件第 {row} 行无法读取：{reasonZh}。请在 Excel 中打开检查该行后重新保存',
    en: 'Line {row} of the CSV file cannot be read: {reasonEn}. Open it in Excel, check that line and save it again',
  },
  'import.badXlsx': {
    status: 400, zh: '无法读取这个 Excel 文件，它可能已损坏或不是 .xlsx 格式。请在 Excel 中另存为“Excel 工作簿（.xlsx）”后重试',
    en: 'This Excel file cannot be read: it may be damaged or not an .xlsx file. Save it from Excel as an “Excel Workbook (.xlsx)” and try again',
  },
  'import.xlsxTooLarge': {
    status: 400,
    zh: 'Excel 文件解压后过大（{uncompressedMb} MB，上限 {limitMb} MB）或压缩比异常（{ratio} 倍，上限 {maxRatio} 倍），可能是“压缩炸弹”，未读取。请另存为 CSV 或拆分文件后再导入',
    en: 'The Excel file unpacks too large ({uncompressedMb} MB, limit {limitMb} MB) or compresses suspiciously well ({ratio}x, limit {maxRatio}x), as a zip bomb does; it was not read. Save it as CSV or split it, then import again',
  },
  'import.xlsxTooManyRows': {
    status: 400,
    zh: 'Excel 文件超过 {limit} 行，未导入。请另存为 CSV（可导入更多行）或拆分文件后再导入',
    en: 'The Excel file has more than {limit} rows and was not imported. Save it as CSV (which takes more rows) or split it, then import again',
  },
  'import.xlsxTooComplex': {
    status: 400,
    zh: 'Excel 文件解压后超出读取内存上限（{limitMb} MB），可能是“压缩炸弹”，未导入。请另存为 CSV 或拆分文件后再导入',
    en: 'The Excel file needs more than the reader\'s memory limit ({limitMb} MB) once unpacked, as a zip bomb does; it was not imported. Save it as CSV or split it, then import again',
  },
  'import.rowsRefused': {
    status: 422,
    zh: '共 {refused} 行未通过校验，整个文件未导入。请按下方列出的原因修改后重新导入，或只导入通过校验的行',
    en: '{refused} rows failed the checks, so nothing was imported. Fix them as listed below and import again, or import only the rows that passed',
  },
})

export type TabularFormat = 'csv' | 'xlsx'

/** One refused row of an import report (M2.4): where, which field, which rule, and why in words. */
export interface Refusal {
  row: number
  /** the field's key, for programs */
  field: string
  /** the column as the file's heading names it, in the request's language, for people */
  column: string
  rule: string
  message: string
}

/** The heading of the column that holds `field`, in `lang`; a field with no column of its own (location) by its label. */
export function columnHeading(columns: Column[], field: string, lang: Lang): string {
  const c = columns.find((col) => col.key === field)
  return c ? (lang === 'en' ? c.en : c.zh) : fieldLabel(field, lang)
}

export interface Column {
  key: string
  zh: string
  en: string
  required?: boolean
}

export interface SourceRow {
  /** 1-based row number in the file, the header being row 1 */
  row: number
  values: Record<string, string>
}

/** What a file is, from its first bytes: an xlsx is a zip; a CSV is text without NUL bytes. */
export function sniffFormat(head: Buffer): TabularFormat | null {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx'
  if (head.length === 0) return null
  if (head.subarray(0, 4096).includes(0)) return null
  // Other binary formats start with a known signature: PDF, old Office, images, gzip.
  const sig = head.subarray(0, 4).toString('latin1')
  if (sig.startsWith('%PDF') || sig === '\xd0\xcf\x11\xe0' || sig.startsWith('\x89PNG') || sig.startsWith('\xff\xd8') || sig.startsWith('\x1f\x8b')) return null
  return 'csv'
}

/** Maps header cells to column keys; Chinese and English headers are both accepted. */
function matchHeader(header: string[], columns: Column[]): Array<string | null> {
  const byName = new Map<string, string>()
  for (const c of columns) for (const name of [c.key, c.zh, c.en]) byName.set(name.trim().toLowerCase(), c.key)
  const keys = header.map((h) => byName.get(String(h ?? '').replace(/^\uFEFF/, '').trim().toLowerCase()) ?? null)
  const unknown = header.filter((h, i) => keys[i] === null && String(h ?? '').trim() !== '')
  if (unknown.length) throw new AppError('import.headerUnknown', { columns: unknown.join(', ') })
  const seen = new Set<string>()
  const dup = keys.filter((k) => k && (seen.has(k) ? true : (seen.add(k), false)))
  if (dup.length) throw new AppError('import.headerDuplicate', { columns: dup.join(', ') })
  const missing = columns.filter((c) => c.required && !keys.includes(c.key)).map((c) => c.zh + '/' + c.key)
  if (missing.length) throw new AppError('import.headerMissing', { columns: missing.join(', ') })
  return keys
}

/** A CSV that cannot be read, as csv-parse reported it: its error code and the line it reached. */
/** What each CSV syntax error means to someone who saved the file from Excel. */
const CSV_SYNTAX_TEXT: Record<string, { reasonZh: string; reasonEn: string }> = {
  CSV_INVALID_CLOSING_QUOTE: { reasonZh: '引号内的文字后面紧跟着其他字符', reasonEn: 'a quoted cell is followed by other characters' },
  INVALID_OPENING_QUOTE: { reasonZh: '单元格中间出现了引号', reasonEn: 'a quote mark stands in the middle of a cell' },
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: { reasonZh: '引号内的文字后面紧跟着其他字符', reasonEn: 'a quoted cell is followed by other characters' },
  CSV_QUOTE_NOT_CLOSED: { reasonZh: '有一个引号没有配对的结束引号', reasonEn: 'a quote mark is never closed' },
}

class CsvSyntaxError extends Error {
  constructor(readonly code: string, readonly lines: number) {
    super(`${code} at line ${lines}`)
  }
}

/** JavaScript's white space and line terminators: what csv-parse's `trim` removes around a cell. */
function isTrimmable(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x80 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
}

const QUOTE = 34, COMMA = 44, CR = 13, LF = 10

/**
 * A streaming CSV tokenizer (RFC 4180: quoted cells, doubled quotes, CR/LF/CRLF, line breaks inside
 * quotes) that reads exactly as csv-parse does with the options the import used before (bom, trim,
 * skip_empty_lines, relax_column_count), at several times its speed (Q5: a million-row import).
 * Kept identical on purpose, quirks included, so that row numbers and refusals stay what users saw:
 * the first line break outside quotes fixes the record delimiter for the file, and `row` is
 * csv-parse's `info.lines` (every CR or LF met counts, a CRLF record delimiter once).
 * tabular.test.ts checks it against csv-parse on random files.
 */
class CsvTokenizer {
  /** the record delimiter once discovered: 1 = CRLF, 2 = LF, 3 = CR */
  private delimiter = 0
  private lines = 1
  private pendingLine = false

  /**
   * Reads the complete records of `text` and hands each to `emit`; answers how many characters it
   * consumed (the rest is an unfinished record, to be given again with more text). With `final` the
   * whole text is read and an unfinished quote is an error.
   */
  feed(text: string, final: boolean, emit: (row: number, cells: string[]) => void): number {
    const len = text.length
    // Two characters of look-ahead decide every case (a doubled quote, a closing quote before CRLF),
    // so a non-final text is read up to its last two characters only.
    const limit = final ? len : len - 2
    let delimiter = this.delimiter
    let lines = this.lines
    let pending = this.pendingLine
    let consumed = 0
    let snapLines = lines
    let snapPending = pending
    let snapDelimiter = delimiter
    let record: string[] = []
    let acc = ''
    let run = -1
    let fieldLen = 0
    let quoting = false
    let wasQuoting = false
    let escaping = false
    const field = (pos: number) => {
      let v = run === -1 ? acc : acc + text.slice(run, pos)
      if (!wasQuoting) v = v.trimEnd()
      record.push(v)
      acc = ''
      run = -1
      fieldLen = 0
      wasQuoting = false
    }
    const recordDelimiterAt = (pos: number): number => {
      const c = text.charCodeAt(pos)
      if (delimiter === 0) {
        if (c === CR) delimiter = pos + 1 < len && text.charCodeAt(pos + 1) === LF ? 1 : 3
        else if (c === LF) delimiter = 2
        else return 0
      }
      if (delimiter === 1) return c === CR && pos + 1 < len && text.charCodeAt(pos + 1) === LF ? 2 : 0
      return (delimiter === 2 ? c === LF : c === CR) ? 1 : 0
    }
    let pos = 0
    for (; pos < limit; pos++) {
      if (pending) {
        lines++
        pending = false
      }
      const c = text.charCodeAt(pos)
      if (c === CR || c === LF) pending = true
      if (escaping) {
        escaping = false
      } else {
        if (c === QUOTE) {
          if (quoting) {
            if (pos + 1 < len && text.charCodeAt(pos + 1) === QUOTE) {
              escaping = true
              if (run !== -1) {
                acc += text.slice(run, pos)
                run = -1
              }
              continue
            }
            const next = pos + 1 < len ? text.charCodeAt(pos + 1) : -1
            if (next === -1 || next === COMMA || isTrimmable(next) || recordDelimiterAt(pos + 1) !== 0) {
              quoting = false
              wasQuoting = true
              if (run !== -1) {
                acc += text.slice(run, pos)
                run = -1
              }
              continue
            }
            throw new CsvSyntaxError('CSV_INVALID_CLOSING_QUOTE', lines)
          }
          if (fieldLen !== 0) throw new CsvSyntaxError('INVALID_OPENING_QUOTE', lines)
          quoting = true
          continue
        }
        if (!quoting) {
          const rd = (c === CR || c === LF) ? recordDelimiterAt(pos) : 0
          if (rd !== 0) {
            if (!(!wasQuoting && record.length === 0 && fieldLen === 0)) {
              field(pos)
              emit(lines, record)
              record = []
            } else if (run !== -1) {
              run = -1
            }
            acc = ''
            pos += rd - 1
            consumed = pos + 1
            snapLines = lines
            snapPending = pending
            snapDelimiter = delimiter
            continue
          }
          if (c === COMMA) {
            field(pos)
            continue
          }
          if (!wasQuoting && fieldLen !== 0 && c !== CR && c !== LF) {
            // Inside a plain cell every character but a comma, a quote or a line break is text.
            if (run === -1) run = pos
            let p = pos + 1
            while (p < limit) {
              const d = text.charCodeAt(p)
              if (d === COMMA || d === QUOTE || d === CR || d === LF) break
              p++
            }
            fieldLen += p - pos
            pos = p - 1
            continue
          }
        } else if (!wasQuoting) {
          // Inside quotes everything up to the next quote is text; line breaks still count.
          if (run === -1) run = pos
          let p = pos + 1
          while (p < limit) {
            const d = text.charCodeAt(p)
            if (d === QUOTE) break
            if (pending) {
              lines++
              pending = false
            }
            if (d === CR || d === LF) pending = true
            p++
          }
          fieldLen += p - pos
          pos = p - 1
          continue
        }
      }
      const lappend = quoting || fieldLen !== 0 || !isTrimmable(c)
      if (lappend && !wasQuoting) {
        if (run === -1) run = pos
        fieldLen++
      } else {
        // csv-parse steps through a multi-byte space after a closing quote byte by byte and refuses it.
        if (!isTrimmable(c) || (lappend && c >= 0x80)) throw new CsvSyntaxError('CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE', lines)
        if (run !== -1) {
          acc += text.slice(run, pos)
          run = -1
        }
      }
    }
    if (final) {
      if (quoting) throw new CsvSyntaxError('CSV_QUOTE_NOT_CLOSED', lines)
      if (wasQuoting || record.length !== 0 || fieldLen !== 0) {
        field(pos)
        emit(lines, record)
      }
      consumed = len
      if (pending) lines++
      pending = false
    }
    if (final) {
      snapLines = lines
      snapPending = pending
      snapDelimiter = delimiter
    }
    // An unfinished record is read again with the next text: keep the state of its start.
    this.lines = snapLines
    this.pendingLine = snapPending
    this.delimiter = snapDelimiter
    return consumed
  }
}

interface TextDecoding {
  write(bytes: Buffer): string
  end(): string
}

/** Bytes of the first non-ASCII stretch a CSV's encoding is judged on. */
const ENCODING_SAMPLE = 64 * 1024

/**
 * The text of a CSV file in the encoding Excel saved it in. A BOM says which (UTF-8, UTF-16LE);
 * without one, the file is UTF-8 if its bytes are valid UTF-8, else GB18030 — the superset of GBK
 * that Excel on a Chinese Windows writes by default. Both read ASCII alike, so the choice waits for
 * the first byte outside ASCII and is made on up to 64 KB from there. Both decoders are fatal: bytes
 * neither encoding reads refuse the file with the line they are on; a decoding failure is never
 * stored as U+FFFD. TextDecoder streams UTF-8 nearly twice as fast as StringDecoder (Q5).
 */
class CsvTextDecoder implements TextDecoding {
  private decoder: TextDecoder | StringDecoder | null = null
  private sample: Buffer[] = []
  private sampled = 0
  /** line breaks passed to the decoder so far, to say where a failure is */
  private lines = 0
  private skipBom: boolean

  constructor(head: Buffer) {
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) this.decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
    else if (head[0] === 0xff && head[1] === 0xfe) this.decoder = new StringDecoder('utf16le')
    this.skipBom = this.decoder !== null
  }

  /** The encoding chosen, once it is. */
  get encoding(): string | null {
    return this.decoder instanceof TextDecoder ? this.decoder.encoding : this.decoder ? 'utf-16le' : null
  }

  write(bytes: Buffer): string {
    if (this.skipBom) {
      // The BOM's own bytes: UTF-8's is read (and dropped) by TextDecoder; UTF-16LE's two are skipped here.
      this.skipBom = false
      if (this.decoder instanceof StringDecoder) bytes = bytes.subarray(2)
    }
    if (this.decoder) return this.decode(bytes, false)
    if (this.sampled === 0) {
      const i = bytes.findIndex((b) => b >= 0x80)
      if (i === -1) return this.ascii(bytes)
      const before = this.ascii(bytes.subarray(0, i))
      return before + this.collect(bytes.subarray(i))
    }
    return this.collect(bytes)
  }

  end(): string {
    if (!this.decoder) return this.decide(true)
    return this.decode(Buffer.alloc(0), true)
  }

  private ascii(bytes: Buffer): string {
    for (const b of bytes) if (b === 0x0a) this.lines++
    return bytes.toString('latin1')
  }

  private collect(bytes: Buffer): string {
    this.sample.push(bytes)
    this.sampled += bytes.length
    return this.sampled >= ENCODING_SAMPLE ? this.decide(false) : ''
  }

  private decide(final: boolean): string {
    const sample = Buffer.concat(this.sample)
    this.sample = []
    let utf8 = true
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !final })
    } catch {
      // Not UTF-8 throughout. GBK text read as UTF-8 is nearly all U+FFFD; a UTF-8 file with a few
      // broken bytes is nearly all good characters: that one is refused (as UTF-8, with its line),
      // not read as GBK gibberish.
      let good = 0
      let bad = 0
      for (const ch of new TextDecoder('utf-8').decode(sample)) {
        if (ch === '\uFFFD') bad++
        else if (ch.charCodeAt(0) >= 0x80) good++
      }
      utf8 = good >= 8 && good >= 9 * bad
    }
    this.decoder = new TextDecoder(utf8 ? 'utf-8' : 'gb18030', { fatal: true, ignoreBOM: true })
    return this.decode(sample, final)
  }

  private decode(bytes: Buffer, final: boolean): string {
    const d = this.decoder!
    try {
      const text = d instanceof StringDecoder ? (final ? d.end(bytes) : d.write(bytes)) : d.decode(bytes, { stream: !final })
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lines++
      return text
    } catch {
      // Which line: neither encoding has a line break inside a character, so each line decodes alone.
      let line = this.lines + 1
      for (let start = 0; start < bytes.length; line++) {
        const end = bytes.indexOf(0x0a, start)
        const stop = end === -1 ? bytes.length : end
        try {
          new TextDecoder(this.encoding!, { fatal: true }).decode(bytes.subarray(start, stop), { stream: end === -1 && !final })
        } catch {
          break
        }
        start = stop + 1
      }
      throw new AppError('import.badEncoding', { row: line, encoding: this.encoding === 'gb18030' ? 'GB18030 (GBK)' : 'UTF-8' })
    }
  }
}

/** A record of the file as read: its 1-based line number (csv-parse's `info.lines`) and its cells. */
export interface RawRow {
  row: number
  cells: string[]
}

/**
 * The records of a CSV stream with csv-parse's line numbers, in batches (every record of a read at
 * once: Q5, one await per few thousand rows rather than per row); an input error ends it with that error.
 */
async function* csvRecordBatches(input: AsyncIterable<Buffer | string>): AsyncGenerator<RawRow[]> {
  const tokenizer = new CsvTokenizer()
  let out: RawRow[] = []
  const emit = (row: number, cells: string[]) => {
    out.push({ row, cells })
  }
  let decoder: CsvTextDecoder | null = null
  let head: Buffer = Buffer.alloc(0)
  let text = ''
  // A record longer than a read (a broken quote) is tried again only when its text has doubled,
  // so that reading stays linear in the file's size.
  let retryAt = 0
  const feed = (final: boolean) => {
    try {
      const used = tokenizer.feed(text, final, emit)
      if (used > 0) text = text.slice(used)
      retryAt = text.length > 65536 ? text.length * 2 : 0
    } catch (err) {
      if (err instanceof CsvSyntaxError) throw new AppError('import.badCsv', { row: err.lines, reason: err.code, ...CSV_SYNTAX_TEXT[err.code] })
      throw err
    }
  }
  const start = (bytes: Buffer) => {
    decoder = new CsvTextDecoder(bytes)
    text = decoder.write(bytes)
  }
  for await (const chunk of input) {
    const bytes: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    if (!decoder) {
      head = head.length ? Buffer.concat([head, bytes]) : bytes
      if (head.length < 3) continue
      start(head)
    } else {
      text += (decoder as TextDecoding).write(bytes)
    }
    if (text.length < retryAt) continue
    try {
      feed(false)
    } finally {
      // The records read before a syntax error still come out, then the error.
      if (out.length) {
        const batch = out
        out = []
        yield batch
      }
    }
  }
  if (!decoder) start(head)
  text += (decoder as unknown as CsvTextDecoder).end()
  try {
    feed(true)
  } finally {
    if (out.length) yield out
  }
}

/** The records of a CSV stream one by one (csvRecordBatches, unbatched). */
export async function* csvRecords(input: AsyncIterable<Buffer | string>): AsyncGenerator<RawRow> {
  for await (const batch of csvRecordBatches(input)) yield* batch
}

/** rows per batch of an xlsx read (a CSV batch is whatever one read of the file holds) */
const XLSX_BATCH = 1024

async function* rawRowBatches(input: Readable, format: TabularFormat): AsyncGenerator<RawRow[]> {
  // Reading through pipeline() ends the reader with the input's error: a broken upload fails, never hangs.
  const source = new PassThrough({ highWaterMark: 1 << 16 })
  pipeline(input, source).catch(() => {})
  if (format === 'csv') {
    yield* csvRecordBatches(source)
    return
  }
  // The whole workbook is read before its rows: ExcelJS's streaming reader sometimes emitted a
  // worksheet before it had read the workbook ("reading 'sheets'"), failing good files at random.
  // Uploads are bounded by UPLOAD_LIMIT_MB, and large ledgers come as CSV, which streams.
  const chunks: Buffer[] = []
  for await (const chunk of source) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  const file = Buffer.concat(chunks)
  checkZipLimits(file)
  yield* await readXlsxInWorker(file)
}

/** Rows of an xlsx beyond which the file is refused (a ledger that large comes as CSV, which streams). */
const XLSX_MAX_ROWS = 300_000
/**
 * Heap of the worker that parses an xlsx. ExcelJS holds the whole workbook as objects, about
 * 5-8 KB a row of a 20-column ledger; 300,000 rows fit, a bomb that lied about its sizes does not.
 */
const XLSX_WORKER_HEAP_MB = 3072

/**
 * Parses the workbook in a worker thread with a heap cap (xlsx-worker.mjs): the event loop stays
 * free while it runs, and a workbook that inflates beyond the zip directory's word kills the
 * worker, not the server.
 */
export function readXlsxInWorker(file: Buffer, maxRows = XLSX_MAX_ROWS, heapMb = XLSX_WORKER_HEAP_MB): Promise<RawRow[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./xlsx-worker.mjs', import.meta.url), {
      workerData: { file, maxRows, batchSize: XLSX_BATCH },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    })
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      fn()
      void worker.terminate()
    }
    worker.once('message', (msg: { kind: 'rows'; batches: RawRow[][] } | { kind: 'bad'; reason: string } | { kind: 'tooManyRows' }) => {
      if (msg.kind === 'rows') settle(() => resolve(msg.batches))
      else if (msg.kind === 'bad') settle(() => reject(new AppError('import.badXlsx', { reason: msg.reason })))
      else settle(() => reject(new AppError('import.xlsxTooManyRows', { limit: maxRows })))
    })
    worker.once('error', (err: NodeJS.ErrnoException) => {
      settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new AppError('import.xlsxTooComplex', { limitMb: heapMb })
        : new AppError('import.badXlsx', { reason: err.message })))
    })
    worker.once('exit', (code) => settle(() => reject(new AppError('import.badXlsx', { reason: `reader stopped (${code})` }))))
  })
}

/**
 * Zip bomb limits of an xlsx (issue 11 §4: a 1.9 MB workbook held the server 160 s at 4.2 GB).
 * A real ledger of 200,000 rows unpacks to about 150 MB and compresses 5-15 times; the bomb
 * unpacks to gigabytes at ratios in the hundreds.
 */
const XLSX_MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
const XLSX_MAX_RATIO = 100

/**
 * Reads the zip's central directory (sizes as the file declares them, no inflating) and refuses a
 * workbook whose entries together unpack beyond the limit or whose large entries compress beyond
 * the ratio. A file with no readable directory is left to the xlsx reader to refuse. A directory
 * that understates its sizes is not caught here: that needs parsing in a worker thread with a
 * memory cap (issue 11 §4, not done yet).
 */
export function checkZipLimits(zip: Buffer, maxBytes = XLSX_MAX_UNCOMPRESSED_BYTES, maxRatio = XLSX_MAX_RATIO): void {
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break }
  }
  if (eocd < 0) return
  const entries = zip.readUInt16LE(eocd + 10)
  let at = zip.readUInt32LE(eocd + 16)
  let total = 0
  let worstRatio = 0
  const refuse = () => {
    throw new AppError('import.xlsxTooLarge', {
      uncompressedMb: Math.round(total / 1048576), limitMb: Math.round(maxBytes / 1048576), ratio: Math.round(worstRatio), maxRatio,
    })
  }
  // ZIP64 (sizes 0xFFFFFFFF, entry count 0xFFFF) only exists for files beyond 4 GB unpacked.
  if (entries === 0xffff || at === 0xffffffff) { total = Infinity; refuse() }
  for (let n = 0; n < entries && at + 46 <= zip.length; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) break
    const compressed = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    if (size === 0xffffffff || compressed === 0xffffffff) { total = Infinity; refuse() }
    total += size
    if (size > 1024 * 1024) worstRatio = Math.max(worstRatio, size / Math.max(compressed, 1))
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  if (total > maxBytes || worstRatio > maxRatio) refuse()
}

/** Fast test: whether a cell holds anything the text rule of input-guard.ts refuses or strips. */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\u202A-\u202E\u2066-\u2069\uD800-\uDFFF\uFEFF]/

/**
 * Imported cells follow the same text rule as request bodies (docs/user-guide.md): refused
 * characters refuse the file naming row and column; zero-width characters are removed.
 */
function cleanCells(keys: ReadonlyArray<string | null>, rows: RawRow[]): void {
  for (const r of rows) {
    for (let i = 0; i < r.cells.length; i++) {
      const v = r.cells[i]
      if (typeof v === 'string' && SUSPECT.test(v)) r.cells[i] = checkText(v, `${r.row}:${keys[i] ?? i + 1}`)
    }
  }
}

/** The header of a table, checked, and its data rows in batches (see readCellBatches). */
export interface CellBatch {
  /** the column key of each cell position (null: a blank header cell, or past the header) */
  keys: ReadonlyArray<string | null>
  rows: RawRow[]
}

/**
 * The data rows of a CSV or xlsx file as cell arrays, in batches of a few thousand, with the
 * header's column keys: the import's fast path (Q5) reads cells by position instead of building a
 * record per row. The header is checked first: an unknown, repeated or missing required column
 * refuses the whole file before any row is read. A batch is never empty.
 */
export async function* readCellBatches(input: Readable, format: TabularFormat, columns: Column[]): AsyncGenerator<CellBatch> {
  let keys: Array<string | null> | null = null
  for await (let rows of rawRowBatches(input, format)) {
    if (!keys) {
      keys = matchHeader(rows[0].cells, columns)
      rows = rows.slice(1)
    }
    cleanCells(keys, rows)
    if (rows.length) yield { keys, rows }
  }
  if (!keys) throw new AppError('import.empty')
}

/**
 * How many cells a row has past the header's last column, when any of them holds a value (validation
 * refuses such a row; the marker `__extra` of SourceRow); 0 otherwise.
 */
export function extraCells(keys: ReadonlyArray<string | null>, cells: string[]): number {
  if (cells.length <= keys.length) return 0
  // An xlsx row's cells may have holes (cells never written): they hold nothing.
  for (let i = keys.length; i < cells.length; i++) if (cells[i] !== undefined && cells[i] !== '') return cells.length - keys.length
  return 0
}

function toSourceRow(keys: ReadonlyArray<string | null>, { row, cells }: RawRow): SourceRow {
  const values: Record<string, string> = {}
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    if (k) values[k] = cells[i] ?? ''
  }
  // Cells past the header's last column are kept under a marker so validation can refuse them.
  const extra = extraCells(keys, cells)
  if (extra) values.__extra = String(extra)
  return { row, values }
}

/** The data rows of a CSV or xlsx file keyed by column, in batches (readTable, one await per batch). */
async function* readTableBatches(input: Readable, format: TabularFormat, columns: Column[]): AsyncGenerator<SourceRow[]> {
  for await (const { keys, rows } of readCellBatches(input, format, columns)) yield rows.map((r) => toSourceRow(keys, r))
}

/**
 * The data rows of a CSV or xlsx file, keyed by column. The header is checked first: an unknown,
 * repeated or missing required column refuses the whole file before any row is read.
 */
export async function* readTable(input: Readable, format: TabularFormat, columns: Column[]): AsyncGenerator<SourceRow> {
  for await (const batch of readTableBatches(input, format, columns)) yield* batch
}

function headerLabels(columns: Column[], lang: Lang): string[] {
  return columns.map((c) => (lang === 'en' ? c.en : c.zh))
}

/**
 * A CSV stream (UTF-8 with BOM, so that Excel opens Chinese text) of the given rows. Cells that
 * start like a formula are prefixed with ' so that a spreadsheet does not execute them.
 */
export function csvStream(columns: Column[], lang: Lang, rows: AsyncIterable<Record<string, unknown>>): Readable {
  const out = new PassThrough()
  out.write('\uFEFF')
  const csv = stringify({ header: true, columns: columns.map((c, i) => ({ key: c.key, header: headerLabels(columns, lang)[i] })) })
  csv.pipe(out)
  void (async () => {
    try {
      for await (const r of rows) {
        if (!csv.write(safeCells(r))) await new Promise((res) => csv.once('drain', res))
      }
      csv.end()
    } catch (err) {
      out.destroy(err as Error)
    }
  })()
  return out
}

function safeCells(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(r)) out[k] = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return out
}

/** An xlsx stream of the given rows, written row by row. */
export function xlsxStream(columns: Column[], lang: Lang, rows: AsyncIterable<Record<string, unknown>>, sheetName: string): Readable {
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false })
  const sheet = workbook.addWorksheet(sheetName)
  sheet.columns = columns.map((c, i) => ({ header: headerLabels(columns, lang)[i], key: c.key, width: 18 }))
  void (async () => {
    try {
      for await (const r of rows) sheet.addRow(safeCells(r)).commit()
      sheet.commit()
      await workbook.commit()
    } catch (err) {
      out.destroy(err as Error)
    }
  })()
  return out
}

/** Buffers the first bytes of a stream to sniff its type, and gives back a stream of the whole. */
export async function peek(input: Readable, bytes = 8192): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = []
  let size = 0
  const iterator = input[Symbol.asyncIterator]()
  while (size < bytes) {
    const next = await iterator.next()
    if (next.done) break
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value)
    chunks.push(chunk)
    size += chunk.length
  }
  const head = Buffer.concat(chunks)
  async function* rest() {
    yield head
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      yield next.value
    }
  }
  return { head, stream: Readable.from(rest()) }
}
