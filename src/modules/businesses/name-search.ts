/**
 * How a page of businesses whose name contains a term is read (M2.2 search, Q5 speed at a million
 * rows). The planner cannot estimate `name LIKE '%…%'`: it walked the primary key past 270,000 rows
 * (1 s) for a name with 166 matches, and would sort tens of thousands of bitmap matches for a name
 * that a walk meets fifty times in a few thousand rows. So the statements and their order are chosen
 * here, not by the planner:
 *
 * - a term with a trigram is first read from the trigram bitmap alone, which stops after
 *   RARE_NAME_ROWS + 1 matches: a rarer name (most trade names) is answered by that one statement;
 * - a common one ("有限公司") and a term without a trigram (one or two characters) walk the primary
 *   key, where common names are met at once;
 * - a page that turned out common is remembered for a while (CommonSearches), so that the next
 *   person typing the same term walks at once instead of first paying for a bitmap of 2,001
 *   matches that it then throws away.
 *
 * A third statement was tried and dropped: the trigram bitmap ANDed with a window of the primary
 * key would read a common term's page in ≈ 2 ms instead of a walk's ≈ 6, but the planner takes the
 * BitmapAnd only when it over-estimates the term; otherwise it filters the ids on the heap and pays
 * for every match (measured on mg_bench: no gain on the benchmark's terms).
 *
 * The benchmark's anchor (bench/minimal-server.ts) runs this same function, so that it measures
 * the same statements.
 */

/**
 * Name searches matching at most this many rows (after the page's key) are read from the trigram
 * bitmap and sorted; more common names are read by walking the primary key. Where the two meet at a
 * million rows (bench/list-api.ts): a bitmap costs ≈ 1.8 µs per match, a walk ≈ 2 µs per row passed
 * and passes 50 × rows / matches of them, so the worst case (just above the bound: bitmap given up,
 * then a walk) is smallest near 5,000.
 */
export const RARE_NAME_ROWS = 2000

/** pg_trgm can serve `LIKE '%term%'` from its index only when the term has three word characters in a row. */
export function hasTrigram(term: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(term)
}

/**
 * Settings of the two statements of a name search (SET LOCAL, inside its transaction): the bitmap
 * statement can only read the trigram index; the walk can only follow the primary key. Neither
 * starts parallel workers: a page of 50 rows never pays for them (a walk that went parallel took
 * 220 ms instead of a few).
 */
export const NAME_BITMAP_SETTINGS = 'SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0'
export const NAME_WALK_SETTINGS = 'SET LOCAL enable_indexscan = on; SET LOCAL enable_seqscan = on; SET LOCAL enable_bitmapscan = off; SET LOCAL max_parallel_workers_per_gather = 0'

export interface NameSearchSql {
  bitmap: string
  walk: string
}

/**
 * The two statements of a name search returning `columns`, for `where` (with its name condition)
 * and the page key and size at $after and $limit: `bitmap` collects at most RARE_NAME_ROWS + 1
 * matches from the trigram index and answers the page from them together with how many it found;
 * `walk` reads the page in id order.
 */
export function nameSearchSql(columns: string, where: string, afterParam: number, limitParam: number): NameSearchSql {
  return {
    bitmap: `WITH hits AS MATERIALIZED (SELECT id FROM businesses WHERE ${where} AND id > $${afterParam} LIMIT ${RARE_NAME_ROWS + 1})
      SELECT (SELECT count(*) FROM hits)::int AS hits, ${columns} FROM businesses
      WHERE id IN (SELECT id FROM hits ORDER BY id LIMIT $${limitParam}) ORDER BY id`,
    walk: `SELECT ${columns} FROM businesses WHERE ${where} AND id > $${afterParam} ORDER BY id LIMIT $${limitParam}`,
  }
}

/**
 * Search pages (nameSearchKey) recently found to have more than RARE_NAME_ROWS matches after their
 * page key. Only the choice of statement depends on it, never the answer: a stale entry
 * (the matches since deleted) costs one walk that is slower than a bitmap would have been.
 */
export class CommonSearches {
  private readonly seen = new Map<string, number>()
  constructor(private readonly capacity = 1000, private readonly ttlMs = 10 * 60_000) {}

  has(key: string, now = Date.now()): boolean {
    const at = this.seen.get(key)
    if (at === undefined) return false
    if (now - at <= this.ttlMs) return true
    this.seen.delete(key)
    return false
  }

  add(key: string, now = Date.now()) {
    this.seen.delete(key)
    this.seen.set(key, now)
    // A Map iterates in insertion order: the first key is the one seen longest ago.
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!)
  }
}

/** What the statements run on: an open transaction (SET LOCAL needs one). */
export interface NameSearchTx {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>
  exec(text: string): Promise<void>
}

/**
 * What CommonSearches knows a page by: the statement and every parameter but the page size (the
 * last), which does not change how many matches follow the page key. The key stays in: a term
 * common from the start may have few matches left near the end of the table, where a walk would
 * pass every row to the end instead of one bitmap of the rest.
 */
export function nameSearchKey(sql: NameSearchSql, params: unknown[]): string {
  return sql.walk + '\u0000' + JSON.stringify(params.slice(0, -1))
}

/**
 * One page of a name search: `params` hold the where clause's values followed by the page key and
 * size, as `sql` expects them. `common` remembers which searches walk.
 */
export async function readNamePage<R>(tx: NameSearchTx, term: string, sql: NameSearchSql, params: unknown[], common: CommonSearches): Promise<R[]> {
  const key = nameSearchKey(sql, params)
  if (hasTrigram(term) && !common.has(key)) {
    await tx.exec(NAME_BITMAP_SETTINGS)
    const { rows } = await tx.query<R & { hits: number }>(sql.bitmap, params)
    if (rows.length === 0 || rows[0].hits <= RARE_NAME_ROWS) return rows
    common.add(key)
  }
  await tx.exec(NAME_WALK_SETTINGS)
  return (await tx.query<R>(sql.walk, params)).rows
}
