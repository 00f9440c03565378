import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parse as parseSync } from 'csv-parse/sync'
import { csvRecords, csvStream, peek, readTable, sniffFormat, xlsxStream, type Column } from './tabular.ts'

const columns: Column[] = [
  { key: 'code', zh: '编码', en: 'Code', required: true },
  { key: 'name', zh: '名称', en: 'Name', required: true },
  { key: 'note', zh: '备注', en: 'Note' },
]

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}
async function toBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(Buffer.from(c))
  return Buffer.concat(chunks)
}
const rows = async function* () {
  yield { code: '050101', name: '第一网格', note: '=cmd()' }
  yield { code: '050102', name: '第二, "网格"', note: '' }
}

describe('tabular files', () => {
  it('reads Chinese or English headers and numbers rows from the header', async () => {
    const csv = '\uFEFF名称,Code\n甲,050101\n\n乙,050102\n'
    const got = await collect(readTable(Readable.from([csv]), 'csv', columns))
    expect(got).toEqual([
      { row: 2, values: { name: '甲', code: '050101' } },
      { row: 4, values: { name: '乙', code: '050102' } },
    ])
  })

  it('refuses a header with an unknown or missing column before reading rows', async () => {
    await expect(collect(readTable(Readable.from(['编码,名字\n1,2\n']), 'csv', columns))).rejects.toMatchObject({ code: 'import.headerUnknown' })
    await expect(collect(readTable(Readable.from(['编码\n1\n']), 'csv', columns))).rejects.toMatchObject({ code: 'import.headerMissing' })
    await expect(collect(readTable(Readable.from(['']), 'csv', columns))).rejects.toMatchObject({ code: 'import.empty' })
  })

  it('round-trips CSV and xlsx exports, defusing formula-like cells', async () => {
    const csv = await toBuffer(csvStream(columns, 'zh-CN', rows()))
    expect(sniffFormat(csv)).toBe('csv')
    const fromCsv = await collect(readTable(Readable.from([csv]), 'csv', columns))
    expect(fromCsv.map((r) => r.values)).toEqual([
      { code: '050101', name: '第一网格', note: "'=cmd()" },
      { code: '050102', name: '第二, "网格"', note: '' },
    ])
    const xlsx = await toBuffer(xlsxStream(columns, 'en', rows(), 'grids'))
    expect(sniffFormat(xlsx)).toBe('xlsx')
    const { stream } = await peek(Readable.from([xlsx]))
    const fromXlsx = await collect(readTable(stream, 'xlsx', columns))
    expect(fromXlsx.map((r) => r.values.name)).toEqual(['第一网格', '第二, "网格"'])
  })

  it('recognises non-spreadsheet uploads', () => {
    expect(sniffFormat(Buffer.from('%PDF-1.4 ...'))).toBeNull()
    expect(sniffFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]))).toBeNull()
  })
})

describe('CSV tokenizer', () => {
  const opts = { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true } as const
  /** What csv-parse makes of the bytes: the rows with their line numbers, or its error code and line. */
  function reference(bytes: Buffer): unknown {
    try {
      return (parseSync(bytes, opts) as unknown as Array<{ record: string[]; info: { lines: number } }>).map((r) => ({ row: r.info.lines, cells: r.record }))
    } catch (err: any) {
      return { error: err.code, row: err.lines }
    }
  }
  async function ours(chunks: Buffer[]): Promise<unknown> {
    const out: unknown[] = []
    try {
      for await (const r of csvRecords(Readable.from(chunks))) out.push(r)
      return out
    } catch (err: any) {
      if (err.code !== 'import.badCsv') throw err
      return { error: err.details.reason, row: err.details.row }
    }
  }
  /** The bytes cut at the given fractions, through multi-byte characters too. */
  function cut(bytes: Buffer, at: number[]): Buffer[] {
    const points = [...new Set(at.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b)
    const out: Buffer[] = []
    let from = 0
    for (const p of points) {
      if (p > from) out.push(bytes.subarray(from, p))
      from = Math.max(from, p)
    }
    out.push(bytes.subarray(from))
    return out
  }
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '中', '文', ' ', '\t', '\u3000', '"', ',', '\n', '\r', '\r\n', "'", '='), maxLength: 8 })
  const cell = fc.record({ value: text, quoted: fc.boolean(), pad: fc.constantFrom('', ' ', '\t') }).map(({ value, quoted, pad }) => {
    const needs = /[",\r\n]/.test(value) || value !== value.trim()
    if (quoted || needs) return pad + '"' + value.replace(/"/g, '""') + '"' + pad
    return value
  })
  const csvFile = fc.record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    records: fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 12 }),
    blank: fc.array(fc.nat(12), { maxLength: 3 }),
    trailing: fc.boolean(),
  }).map(({ bom, eol, records, blank, trailing }) => {
    const lines = records.map((r) => r.join(','))
    for (const b of blank) lines.splice(Math.min(b, lines.length), 0, '')
    return (bom ? '\uFEFF' : '') + lines.join(eol) + (trailing && lines.length ? eol : '')
  })
  const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 })

  it('reads random well-formed CSV exactly as csv-parse does, however the stream is cut', async () => {
    await fc.assert(fc.asyncProperty(csvFile, cuts, async (csv, at) => {
      const bytes = Buffer.from(csv)
      expect(await ours(cut(bytes, at))).toEqual(reference(bytes))
    }), { numRuns: 400 })
  })

  it('agrees with csv-parse on arbitrary text, errors and their line included', async () => {
    const junk = fc.string({ unit: fc.constantFrom('a', '中', ' ', '"', ',', '\n', '\r', '\u3000', '\uFEFF'), maxLength: 30 })
    await fc.assert(fc.asyncProperty(junk, cuts, async (csv, at) => {
      const bytes = Buffer.from(csv)
      expect(await ours(cut(bytes, at))).toEqual(reference(bytes))
    }), { numRuns: 1500 })
  })

  it('reads a quoted cell longer than any read, with line breaks inside', async () => {
    const long = 'x'.repeat(300_000) + '\n' + '中'.repeat(100_000)
    const csv = Buffer.from(`a,b\r\n1,"${long}"\r\n2,3\r\n`)
    const got = (await ours(cut(csv, [0.1, 0.2, 0.3, 0.5, 0.9]))) as Array<{ row: number; cells: string[] }>
    expect(got.map((r) => r.row)).toEqual([1, 3, 4])
    expect(got[1].cells[1]).toBe(long)
  })

  it('ends with the input’s error instead of waiting for more', async () => {
    const broken = new Readable({ read() {} })
    broken.push('名称,Code\n甲,050101\n')
    setTimeout(() => broken.destroy(new Error('connection reset')), 10)
    await expect(collect(readTable(broken, 'csv', columns))).rejects.toThrow('connection reset')
    const brokenXlsx = new Readable({ read() {} })
    brokenXlsx.push(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))
    setTimeout(() => brokenXlsx.destroy(new Error('connection reset')), 10)
    await expect(collect(readTable(brokenXlsx, 'xlsx', columns))).rejects.toThrow()
  })
})
