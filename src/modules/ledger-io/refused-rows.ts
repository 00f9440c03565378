/**
 * The refused rows of an import as a workbook (issue 13 §1): the file's own rows, in its own
 * columns, each with the reasons it was refused in a first column, so that a person fixes them in
 * Excel and uploads the same workbook again (the import reads the reason column and ignores it).
 * Only the columns the upload had are written: a column added empty would blank that field in an
 * update.
 */
import fs from 'node:fs'
import type { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import type { Lang } from '../../server/errors.ts'
import { readTable, xlsxStream, type Column, type Refusal, type TabularFormat } from '../../server/tabular.ts'

/** The first column of a file of refused rows; an import reads it and takes nothing from it. */
const REFUSAL_REASON: Column = { key: 'refusalReason', zh: '拒绝原因', en: 'Why refused' }

/** The columns an import reads: the ledger's, and the reason column, so that a fixed file of refused rows uploads as it is. */
export const withRefusalReason = (columns: Column[]): Column[] => [...columns, REFUSAL_REASON]

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
 * A workbook of the rows of `path` named in `reasons`, in the ledger's `columns` that the upload
 * had, the reason column first.
 */
export async function refusedRowsWorkbook(
  path: string, format: TabularFormat, columns: Column[], reasons: Map<number, string>, lang: Lang,
): Promise<RefusedRowsFile> {
  const reason = REFUSAL_REASON
  // The header of the upload decides which columns come back.
  let present: Set<string> | null = null
  const kept: Array<Record<string, unknown>> = []
  for await (const r of readTable(fs.createReadStream(path), format, withRefusalReason(columns))) {
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
  return { stream: xlsxStream(written, lang, rows(), lang === 'en' ? 'Refused rows' : '被拒绝的行'), filename: `refused-rows-${stamp}.xlsx`, rows: kept.length }
}

/** Answers the workbook as a download, with its row count. */
export function sendRefusedRows(reply: FastifyReply, file: RefusedRowsFile) {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('x-row-count', String(file.rows))
    .send(file.stream)
}

/** Refused rows listed for the workbook: far more than a report shows, still bounded in memory. */
export const REFUSED_ROWS_MAX = 200_000
