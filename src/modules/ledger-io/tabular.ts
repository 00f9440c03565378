/**
 * Reading and writing ledger tables as CSV or xlsx (M2.4), streaming both ways so that a
 * million-row file never sits whole in memory. Capabilities describe their columns once
 * (`Column`) and use these readers and writers for import and export.
 */
import { Readable, PassThrough } from 'node:stream'
import { parse } from 'csv-parse'
import { stringify } from 'csv-stringify'
import ExcelJS from 'exceljs'
import { AppError, defineErrors, type Lang } from '../../server/errors.ts'

export const TabularErrors = defineErrors({
  'import.headerMissing': { status: 400, zh: '表头缺少必需的列：{columns}', en: 'The header lacks required columns: {columns}' },
  'import.headerUnknown': { status: 400, zh: '表头含有无法识别的列：{columns}', en: 'The header has unknown columns: {columns}' },
  'import.headerDuplicate': { status: 400, zh: '表头中的列重复：{columns}', en: 'The header repeats columns: {columns}' },
  'import.empty': { status: 400, zh: '文件没有内容', en: 'The file is empty' },
  'import.badCsv': { status: 400, zh: 'CSV 第 {row} 行无法解析：{reason}', en: 'CSV row {row} cannot be parsed: {reason}' },
  'import.badXlsx': { status: 400, zh: '无法读取 Excel 文件：{reason}', en: 'The Excel file cannot be read: {reason}' },
  'import.rowsRefused': {
    status: 422,
    zh: '共 {refused} 行未通过校验，整个文件未导入（见 details.refusals）',
    en: '{refused} rows failed validation; nothing was imported (see details.refusals)',
  },
})

export type TabularFormat = 'csv' | 'xlsx'

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
export function matchHeader(header: string[], columns: Column[]): Array<string | null> {
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

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('')
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
    if ('error' in value) return ''
  }
  return String(value)
}

async function* rawRows(input: Readable, format: TabularFormat): AsyncGenerator<{ row: number; cells: string[] }> {
  if (format === 'csv') {
    const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }))
    try {
      for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        yield { row: rec.info.lines, cells: rec.record }
      }
    } catch (err: any) {
      throw new AppError('import.badCsv', { row: err.lines ?? '?', reason: err.code ?? err.message })
    }
    return
  }
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore' })
    for await (const sheet of reader) {
      for await (const r of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (r.values as ExcelJS.CellValue[]).slice(1).map(cellText)
        if (values.every((v) => v.trim() === '')) continue
        yield { row: r.number, cells: values.map((v) => v.trim()) }
      }
      return // the first worksheet only
    }
  } catch (err: any) {
    if (err instanceof AppError) throw err
    throw new AppError('import.badXlsx', { reason: err.message })
  }
}

/**
 * The data rows of a CSV or xlsx file, keyed by column. The header is checked first: an unknown,
 * repeated or missing required column refuses the whole file before any row is read.
 */
export async function* readTable(input: Readable, format: TabularFormat, columns: Column[]): AsyncGenerator<SourceRow> {
  let keys: Array<string | null> | null = null
  for await (const { row, cells } of rawRows(input, format)) {
    if (!keys) {
      keys = matchHeader(cells, columns)
      continue
    }
    const values: Record<string, string> = {}
    keys.forEach((k, i) => {
      if (k) values[k] = cells[i] ?? ''
    })
    // Cells past the header's last column are kept under a marker so validation can refuse them.
    if (cells.length > keys.length && cells.slice(keys.length).some((c) => c !== '')) values.__extra = String(cells.length - keys.length)
    yield { row, values }
  }
  if (!keys) throw new AppError('import.empty')
}

export function headerLabels(columns: Column[], lang: Lang): string[] {
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
  ;(async () => {
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
  ;(async () => {
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
