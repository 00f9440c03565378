/**
 * How a page of businesses whose name contains a term is read (M2.2 search, Q5 speed at a million
 * rows), in id order (keyset paging).
 *
 * A term of three characters or more is read from the name grams (0203_business_name_grams.sql):
 * the b-tree of (gram, business id) gives the businesses holding the term's rarest gram in id order,
 * each is checked against the whole search (term, scope, filters) by its primary key, and the page
 * stops after `limit` matches — about as cheap as a page of the plain list, however common the term.
 * One statement does it all (`grams` of nameSearchSql, prepared: its plan is the same for every
 * term), and says when it could not answer:
 *
 * - grams are still being written for a bulk insert (the backlog of 0203): the page is read from
 *   the trigram index instead, so that no business is missed meanwhile;
 * - GRAM_WINDOW grams were checked without filling the page (a common gram in a narrow scope): the
 *   rest of the page is read from the trigram index, after the last id checked.
 *
 * The trigram index's own statements, for those cases and for terms of one or two characters: the
 * planner cannot estimate `name LIKE '%…%'` (it walked the primary key past 270,000 rows, 1 s, for
 * a name with 166 matches, and would sort tens of thousands of bitmap matches for a name that a
 * walk meets fifty times in a few thousand rows), so the statements and their order are chosen
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
function hasTrigram(term: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(term)
}

/** The name grams hold every three-character substring: a term needs three characters of any kind. */
export function hasGram(term: string): boolean {
  return [...term].length >= 3
}

/**
 * How many grams a page reads before it gives the rest of the page to the trigram index: as many
 * primary-key checks as the bitmap statement's worst case, so a gram that fails is never dearer
 * than twice the old way. Its own name, though the same number, because it bounds another thing.
 * @alias
 */
export const GRAM_WINDOW = RARE_NAME_ROWS

/**
 * The rarest gram of a term is chosen by counting each gram's businesses up to this many: past it,
 * any gram will do, and counting further would cost more than it saves.
 */
const GRAM_COUNT_CAP = 500

/**
 * Settings of the two statements of a name search (SET LOCAL, inside its transaction): the bitmap
 * statement can only read the trigram index; the walk can only follow the primary key. Neither
 * starts parallel workers: a page of 50 rows never pays for them (a walk that went parallel took
 * 220 ms instead of a few).
 */
const NAME_BITMAP_SETTINGS = 'SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0'
const NAME_WALK_SETTINGS = 'SET LOCAL enable_indexscan = on; SET LOCAL enable_seqscan = on; SET LOCAL enable_bitmapscan = off; SET LOCAL max_parallel_workers_per_gather = 0'

export interface NameSearchSql {
  grams: string
  bitmap: string
  walk: string
  /** Where the page key, the page size and (grams only) the term are among the parameters. */
  afterParam: number
  limitParam: number
}

/**
 * The statements of a name search returning `columns`, for `where` (with its name condition) and
 * the page key and size at $after and $limit, the last of the where clause's parameters:
 *
 * - `grams` takes the term itself one parameter further, at $limit + 1. It answers the page's
 *   matches in id order, with in each row `gram_pending` (grams not ready: the statement answered
 *   one row without a business) and `gram_scanned` / `gram_scanned_id` (how many grams were
 *   checked, and the last one's id). A row of the GRAM_WINDOW-th gram comes even when that business
 *   does not match, to say where the window ended. No ORDER BY at the top: the nested loops give the
 *   grams' order, and a sort there would read the whole window before the LIMIT could stop it.
 * - `bitmap` collects at most RARE_NAME_ROWS + 1 matches from the trigram index and answers the
 *   page from them together with how many it found;
 * - `walk` reads the page in id order.
 */
export function nameSearchSql(columns: string, where: string, afterParam: number, limitParam: number): NameSearchSql {
  const termParam = limitParam + 1
  return {
    grams: `WITH state AS MATERIALIZED (
        SELECT EXISTS (SELECT FROM business_name_gram_backlog) AS pending,
          (SELECT t.gram FROM business_name_grams_of($${termParam}::text) t (gram)
           ORDER BY (SELECT count(*) FROM (SELECT FROM business_name_grams c WHERE c.gram = t.gram LIMIT ${GRAM_COUNT_CAP}) c), t.gram
           LIMIT 1) AS gram)
      SELECT s.pending AS gram_pending, g.n AS gram_scanned, g.business_id AS gram_scanned_id, b.*
      FROM state s
      LEFT JOIN LATERAL (
        SELECT business_id, (row_number() OVER (ORDER BY business_id))::int AS n FROM business_name_grams
        WHERE gram = s.gram AND business_id > $${afterParam} AND NOT s.pending ORDER BY business_id LIMIT ${GRAM_WINDOW}) g ON true
      LEFT JOIN LATERAL (SELECT ${columns} FROM businesses WHERE id = g.business_id AND ${where} OFFSET 0) b ON true
      WHERE b.id IS NOT NULL OR g.n = ${GRAM_WINDOW} OR g.business_id IS NULL
      LIMIT $${limitParam}`,
    bitmap: `WITH hits AS MATERIALIZED (SELECT id FROM businesses WHERE ${where} AND id > $${afterParam} LIMIT ${RARE_NAME_ROWS + 1})
      SELECT (SELECT count(*) FROM hits)::int AS hits, ${columns} FROM businesses
      WHERE id IN (SELECT id FROM hits ORDER BY id LIMIT $${limitParam}) ORDER BY id`,
    walk: `SELECT ${columns} FROM businesses WHERE ${where} AND id > $${afterParam} ORDER BY id LIMIT $${limitParam}`,
    afterParam,
    limitParam,
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

/** What the trigram statements run in: an open transaction (SET LOCAL needs one). */
interface NameSearchTx {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>
  exec(text: string): Promise<void>
}

/**
 * What a name search runs on: the database, for the grams statement (prepared: its plan is the same
 * for every term, and planning it took as long as running it), and its transactions.
 */
export interface NameSearchDb {
  prepared<R>(text: string, params: unknown[]): Promise<{ rows: R[] }>
  transaction<T>(fn: (tx: NameSearchTx) => Promise<T>): Promise<T>
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

interface GramRow {
  gram_pending: boolean
  gram_scanned: number | null
  gram_scanned_id: number | null
  id: number | null
}

/**
 * One page of a name search: `params` hold the where clause's values followed by the page key and
 * size, as `sql` expects them. `common` remembers which trigram searches walk.
 */
export async function readNamePage<R extends { id: number }>(db: NameSearchDb, term: string, sql: NameSearchSql, params: unknown[], common: CommonSearches): Promise<R[]> {
  if (!hasGram(term)) return readTrigramPage<R>(db, term, sql, params, common)
  const { rows } = await db.prepared<GramRow & R>(sql.grams, [...params, term])
  if (rows[0]?.gram_pending) return readTrigramPage<R>(db, term, sql, params, common)
  const page: R[] = []
  let windowEnd: number | null = null
  for (const { gram_pending, gram_scanned, gram_scanned_id, ...row } of rows) {
    if (row.id !== null) page.push(row as unknown as R)
    if (gram_scanned === GRAM_WINDOW) windowEnd = gram_scanned_id
  }
  const limit = Number(params[sql.limitParam - 1])
  if (windowEnd === null || page.length === limit) return page
  // The window ran out: the matches after its last gram come from the trigram index.
  const rest = [...params]
  rest[sql.afterParam - 1] = windowEnd
  rest[sql.limitParam - 1] = limit - page.length
  return [...page, ...(await readTrigramPage<R>(db, term, sql, rest, common))]
}

/** A page from the trigram index: the bitmap when the term has a trigram and is not known to be common, else the walk. */
async function readTrigramPage<R>(db: NameSearchDb, term: string, sql: NameSearchSql, params: unknown[], common: CommonSearches): Promise<R[]> {
  return db.transaction(async (tx) => {
    const key = nameSearchKey(sql, params)
    if (hasTrigram(term) && !common.has(key)) {
      await tx.exec(NAME_BITMAP_SETTINGS)
      const { rows } = await tx.query<R & { hits: number }>(sql.bitmap, params)
      if (rows.length === 0 || rows[0].hits <= RARE_NAME_ROWS) return rows
      common.add(key)
    }
    await tx.exec(NAME_WALK_SETTINGS)
    return (await tx.query<R>(sql.walk, params)).rows
  })
}
