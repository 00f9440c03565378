import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { csvStream, peek, readTable, sniffFormat, xlsxStream, type Column } from './tabular.ts'

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
