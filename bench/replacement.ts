/**
 * Re-placing businesses after a boundary change (M1.4): MarketGrid re-places only the businesses
 * in the changed region; the anchor re-places the whole table with one PostGIS UPDATE … FROM …
 * ST_Contains. Both run in transactions that are rolled back, so the dataset stays as it is.
 */
import type { Db } from '../src/db/connection.ts'
import { replaceBusinessesWithin } from '../src/modules/businesses/placement.ts'
import { fmt, report, time } from './lib.ts'

class Rollback extends Error {}

async function rolledBack<T>(db: Db, fn: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>): Promise<{ ms: number; result: T }> {
  let out!: { ms: number; result: T }
  await db.transaction(async (tx) => {
    out = await time(() => fn(tx))
    throw new Rollback()
  }).catch((e) => {
    if (!(e instanceof Rollback)) throw e
  })
  return out
}

export async function benchReplacement(db: Db) {
  const { rows: [{ n }] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM businesses')
  // Two neighbouring grids of one station: the western half of B's bounding box moves to A.
  const { rows: [pair] } = await db.query<{ a: string; b: string }>(
    `SELECT a.code AS a, b.code AS b FROM grids a JOIN grids b ON a.parent_code = b.parent_code AND a.code < b.code
       AND ST_Intersects(a.boundary, b.boundary) AND ST_Length(ST_Intersection(a.boundary, b.boundary)) > 0
     ORDER BY a.code LIMIT 1`)

  const anchor = await rolledBack(db, (tx) => tx.query(
    `UPDATE businesses b SET grid_code = g.code, area_code = g.code, unplaced_reason = NULL
     FROM grids g WHERE ST_Contains(g.boundary, b.location)`))

  const ours = await rolledBack(db, async (tx) => {
    const { rows: [change] } = await tx.query<{ region: string }>(
      `WITH old AS (SELECT (SELECT boundary FROM areas WHERE code = $1) AS a, (SELECT boundary FROM areas WHERE code = $2) AS b),
            cut AS (SELECT a, b, ST_Intersection(b, ST_MakeEnvelope(ST_XMin(b), ST_YMin(b), (ST_XMin(b) + ST_XMax(b)) / 2, ST_YMax(b), 4326)) AS part FROM old),
            upd_a AS (UPDATE areas SET boundary = ST_Multi(ST_CollectionExtract(ST_Union(cut.a, cut.part), 3)) FROM cut WHERE code = $1),
            upd_b AS (UPDATE areas SET boundary = ST_Multi(ST_CollectionExtract(ST_Difference(cut.b, cut.part), 3)) FROM cut WHERE code = $2)
       SELECT ST_AsGeoJSON(ST_Union(a, b)) AS region FROM cut`, [pair.a, pair.b])
    return replaceBusinessesWithin(tx, change.region)
  })

  report({
    name: `re-placement after redrawing grids ${pair.a}/${pair.b} (table of ${fmt(n)} businesses)`,
    ours: `${fmt(ours.ms)} ms (${ours.result.moved} businesses moved)`,
    anchor: `${fmt(anchor.ms)} ms (full UPDATE … FROM grids … ST_Contains)`,
    ratio: anchor.ms / ours.ms,
    target: '≥ 5 (times faster)',
    pass: anchor.ms / ours.ms >= 5,
  })
}
