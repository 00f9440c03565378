/**
 * The refused rows of an import as a workbook (issue 13 §1): the file's own rows, in its own
 * columns, each with the reasons it was refused in a first column, so that a person fixes them in
 * Excel and uploads the same workbook again (the import reads the reason column and ignores it).
 * Only the columns the upload had are written: a column added empty would blank that field in an
 * update.
 */
import fs from 'node:fs'
import type { Readable } from 'node:stream'
import type { Lang } from '../../server/errors.ts'
import { readTable, xlsxStream, type Column, type Refusal, type TabularFormat } from './tabular.ts'

export interface RefusedRowsFile {
  stream: Readable
  filename: string
  rows: number
}

/** The reasons of each refused row, joined in the order the report gives them. */
export function reasonsByRow(refusals: Refusal[]): Map<number, string> {
  const out = new Map<number, string>()
  for (const r of refusals) out.set(r.row, out.has(r.row) ? `${out.get(r.row)}；${r.message}` : r.message)
  return out
}

/**
 * A workbook of the rows of `path` named in `reasons`. `columns` are those the import reads; the
 * last one of them is the reason column, written first.
 */
export async function refusedRowsWorkbook(
  path: string, format: TabularFormat, columns: Column[], reason: Column, reasons: Map<number, string>, lang: Lang, sheetName: string,
): Promise<RefusedRowsFile> {
  // The header of the upload decides which columns come back.
  let present: Set<string> | null = null
  const kept: Array<Record<string, unknown>> = []
  for await (const r of readTable(fs.createReadStream(path), format, columns)) {
    present ??= new Set(Object.keys(r.values))
    const why = reasons.get(r.row)
    if (why === undefined) continue
    const { [reason.key]: _old, ...values } = r.values
    kept.push({ ...values, [reason.key]: why })
  }
  const written = [reason, ...columns.filter((c) => c.key !== reason.key && present?.has(c.key))]
  async function* rows() {
    yield* kept
  }
  const stamp = new Date().toISOString().slice(0, 10)
  return { stream: xlsxStream(written, lang, rows(), sheetName), filename: `refused-rows-${stamp}.xlsx`, rows: kept.length }
}
