/**
 * Upkeep of the name grams that name search reads (0203_business_name_grams.sql, name-search.ts).
 * A statement inserting up to a thousand businesses writes their grams itself; a larger one (an
 * import, the demo) leaves its range of ids in the backlog, and the grams are written here after
 * it commits, a span of ids per transaction. Until the backlog is empty, name searches read the
 * trigram index instead, so a business is found from the moment it is committed.
 */
import type { Db } from '../../db/connection.ts'

/**
 * Businesses per transaction: about a second of work on PostgreSQL here (≈ 240,000 grams). PGlite
 * runs one statement at a time for everyone, so there a span stays short enough not to hold up
 * requests.
 */
const SPAN = { postgres: 20_000, pglite: 2_000 }

/** After this many businesses, the grams' visibility map is brought up to date, so that searches read the b-tree alone. */
const VACUUM_AFTER = 10_000

/** Writes the grams of everything in the backlog; answers for how many businesses. */
export async function fillNameGrams(db: Db): Promise<number> {
  let written = 0
  for (;;) {
    const { rows } = await db.query<{ n: number | null }>('SELECT fill_business_name_grams($1) AS n', [SPAN[db.kind]])
    if (rows[0].n === null) break
    written += rows[0].n
  }
  if (written >= VACUUM_AFTER) {
    // Only the owner may; the application role is refused with a warning, and autovacuum does it later.
    await db.exec('VACUUM (ANALYZE) business_name_grams')
  }
  return written
}

/**
 * Keeps the backlog drained while a server runs: at once (a migration's or an interrupted fill's
 * leftovers) and every `everyMs` (imports run by the CLI or by another server). Answers a stop
 * function that waits for a fill under way.
 */
export function keepNameGramsFilled(db: Db, onError: (err: unknown) => void, everyMs = 60_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve()
  let busy = false
  const tick = () => {
    if (busy) return
    busy = true
    running = fillNameGrams(db).catch(onError).finally(() => { busy = false })
  }
  tick()
  const timer = setInterval(tick, everyMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}
