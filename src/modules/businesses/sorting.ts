/**
 * Sorting the business ledger list (M2.2, the console's server-side sorting): the orders a list may
 * take, the SQL of each, and the opaque cursor that keyset-pages a list in any order.
 *
 * A sorted page is `ORDER BY <expr>, id` in one direction; the next page starts after the last row's
 * `(<expr>, id)`, compared with the very expression and collation of the ORDER BY, so that no row is
 * skipped or repeated and ties fall in id order. No index serves these orders (every index slows the
 * import, Q5): a sorted page is a top-N sort over the rows the scope and the filters select.
 */
import { AppError } from '../../server/errors.ts'
import { RISK_CLASSES } from './rules.ts'
import './errors.ts'

const SORT_KEYS = ['name', 'riskClass', 'updatedAt', 'gridCode'] as const
export type SortKey = (typeof SORT_KEYS)[number]
/** `name` ascending, `-name` descending; no sort is registration order (id). */
export type BusinessSort = SortKey | `-${SortKey}`
export const BUSINESS_SORTS: readonly BusinessSort[] = SORT_KEYS.flatMap((k) => [k, `-${k}` as const])

/** The registration order's name inside a cursor. */
const ID_ORDER = 'id'

interface KeySql {
  /** the ORDER BY expression over a row of businesses */
  expr: string
  /** the same expression over a cursor value given as parameter `p` (text) */
  of(p: string): string
  /** the row's cursor value, as SQL giving text that `of` reads back exactly */
  value: string
  /** a value this key can have written into a cursor */
  isValue(v: unknown): v is string
}

/** Any text the database takes as a parameter (a NUL character it refuses). */
const isText = (v: unknown): v is string => typeof v === 'string' && !v.includes('\u0000')

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/
/** An instant as `value` writes it: UTC with microseconds (a JS Date would drop them and skip rows). */
function isIsoMicros(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_MICROS.test(v)) return false
  const d = new Date(v)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === v.slice(0, 19)
}

const isRiskClass = (v: unknown): v is string => (RISK_CLASSES as readonly unknown[]).includes(v)

/** Risk classes by meaning (high first), not alphabetically. */
const RISK_ORDER = `ARRAY[${RISK_CLASSES.map((r) => `'${r}'`).join(', ')}]::text[]`

// Texts sort by code point (COLLATE "C") on both databases: PGlite has no ICU, and a server's
// default collation is whatever its installation chose. For CJK ideographs code-point order is
// radical-stroke order. A placed business's area_code is its grid (0201), so gridCode sorts by it.
const KEYS: Record<SortKey, KeySql> = {
  name: { expr: 'name COLLATE "C"', of: (p) => `${p}::text COLLATE "C"`, value: 'name', isValue: isText },
  riskClass: {
    expr: `array_position(${RISK_ORDER}, risk_class)`, of: (p) => `array_position(${RISK_ORDER}, ${p}::text)`,
    value: 'risk_class', isValue: isRiskClass,
  },
  updatedAt: {
    expr: 'updated_at', of: (p) => `${p}::timestamptz`,
    value: `to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, isValue: isIsoMicros,
  },
  gridCode: { expr: 'area_code COLLATE "C"', of: (p) => `${p}::text COLLATE "C"`, value: 'area_code', isValue: isText },
}

const keyOf = (sort: BusinessSort): SortKey => (sort.startsWith('-') ? sort.slice(1) : sort) as SortKey
const isSort = (s: unknown): s is BusinessSort => (BUSINESS_SORTS as readonly unknown[]).includes(s)

/**
 * The SQL of a sorted list: `orderBy`, the row's cursor value `value`, and `after(v, i)`, the rows
 * that follow the position at parameters v (value) and i (id). Descending reverses the id
 * tie-break too, so a descending list is the ascending one backwards.
 */
export function sortSql(sort: BusinessSort) {
  const key = KEYS[keyOf(sort)]
  const desc = sort.startsWith('-')
  const dir = desc ? 'DESC' : 'ASC'
  return {
    orderBy: `${key.expr} ${dir}, id ${dir}`,
    value: key.value,
    after: (v: string, i: string) => `(${key.expr}, id) ${desc ? '<' : '>'} (${key.of(v)}, ${i})`,
  }
}

/** The cursor of the position after row `id` (with its sort `value`) in order `sort`. */
export function encodeCursor(sort: BusinessSort | typeof ID_ORDER, id: number, value?: string): string {
  return Buffer.from(JSON.stringify(value === undefined ? [sort, id] : [sort, id, value])).toString('base64url')
}

/** A cursor's order, row id and value, or null when the text is not a cursor this module wrote. */
function parseCursor(cursor: string): { order: string; id: number; value?: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null
  let v: unknown
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!Array.isArray(v) || !Number.isSafeInteger(v[1]) || v[1] < 0 || v[1] > 2147483647) return null
  const [order, id, value] = v as [unknown, number, unknown]
  if (order === ID_ORDER && v.length === 2) return { order, id }
  if (isSort(order) && v.length === 3 && KEYS[keyOf(order)].isValue(value)) return { order, id, value }
  return null
}

/** Where a page starts: after an id in registration order, or after a position (none: the first page) in a sort. */
export type PageStart =
  | { sort: undefined; after: number }
  | { sort: BusinessSort; from: { id: number; value: string } | null }

/**
 * Reads a list request's page start. `after` (an id) pages the registration order only; `cursor`
 * pages any order but only the one it was made for. Anything else is refused (400), before any read.
 */
export function pageStart(q: { sort?: BusinessSort; cursor?: string; after?: number }): PageStart {
  if (q.cursor !== undefined && q.after !== undefined) throw new AppError('business.cursorWithAfter')
  const order = q.sort ?? ID_ORDER
  if (q.sort !== undefined && q.after !== undefined) throw new AppError('business.afterWithSort', { sort: q.sort })
  if (q.cursor === undefined) return q.sort === undefined ? { sort: undefined, after: q.after ?? 0 } : { sort: q.sort, from: null }
  const c = parseCursor(q.cursor)
  if (!c) throw new AppError('business.cursorInvalid')
  if (c.order !== order) throw new AppError('business.cursorSortMismatch', { cursorSort: c.order, sort: order })
  return q.sort === undefined ? { sort: undefined, after: c.id } : { sort: q.sort, from: { id: c.id, value: c.value! } }
}
