import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parse as parseSync } from 'csv-parse/sync'
import { csvRecords, csvStream, peek, readTable, sniffFormat, xlsxStream, type Column } from './tabular.ts'
import { encodeGb18030 } from '../../test/gb18030.ts'

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

describe('the encodings of CSV files from Excel', () => {
  const csv = '名称,编码,备注\n灞桥区纺织城“好运来”超市,050101,个体工商户；在营\n西安市食品有限公司,050102,\n'
  const expected = [
    { row: 2, values: { name: '灞桥区纺织城“好运来”超市', code: '050101', note: '个体工商户；在营' } },
    { row: 3, values: { name: '西安市食品有限公司', code: '050102', note: '' } },
  ]

  it('reads a GBK/GB18030 file as Excel on a Chinese Windows saves it, headers and values', async () => {
    const gbk = encodeGb18030(csv)
    expect(gbk.includes(Buffer.from('名称'))).toBe(false) // really not UTF-8
    expect(await collect(readTable(Readable.from([gbk]), 'csv', columns))).toEqual(expected)
  })

  it('reads UTF-8 with and without a BOM, and UTF-16LE with its BOM, alike', async () => {
    for (const bytes of [Buffer.from(csv), Buffer.from('\uFEFF' + csv), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')])]) {
      expect(await collect(readTable(Readable.from([bytes]), 'csv', columns))).toEqual(expected)
    }
  })

  it('judges the encoding by the first text outside ASCII, however far into the file, and however the file is cut', async () => {
    const asciiRows = Array.from({ length: 3000 }, (_, i) => `Row ${i},${String(i).padStart(6, '0')},ok`).join('\n')
    const file = `名称,编码,备注\n${asciiRows}\n西安市食品有限公司,050102,食品\n`
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 6 }), async (gbk, cuts) => {
      const bytes = gbk ? encodeGb18030(file) : Buffer.from(file)
      const chunks: Buffer[] = []
      let at = 0
      for (const c of cuts) {
        chunks.push(bytes.subarray(at, Math.min(bytes.length, at + c)))
        at = Math.min(bytes.length, at + c)
      }
      chunks.push(bytes.subarray(at))
      const got = await collect(readTable(Readable.from(chunks), 'csv', columns))
      expect(got).toHaveLength(3001)
      expect(got.at(-1)!.values).toEqual({ name: '西安市食品有限公司', code: '050102', note: '食品' })
      expect(got.some((r) => Object.values(r.values).some((v) => v.includes('\uFFFD')))).toBe(false)
    }), { numRuns: 25 })
  })

  it('refuses bytes that no encoding reads, with the line, instead of storing U+FFFD', async () => {
    // a UTF-8 file with two bytes of a character cut off: refused as UTF-8 at that line, not read as GBK
    const broken = Buffer.concat([Buffer.from('名称,编码\n西安市纺织城超市,050101\n'), Buffer.from([0xe4, 0xb8]), Buffer.from(',050102\n')])
    await expect(collect(readTable(Readable.from([broken]), 'csv', columns))).rejects.toMatchObject({ code: 'import.badEncoding', details: { row: 3, encoding: 'UTF-8' } })
    const garbage = Buffer.concat([encodeGb18030('名称,编码\n甲,050101\n'), Buffer.from([0xff, 0xff, 0x2c, 0x31, 0x0a])])
    await expect(collect(readTable(Readable.from([garbage]), 'csv', columns))).rejects.toMatchObject({ code: 'import.badEncoding', details: { row: 3 } })
  })
})
