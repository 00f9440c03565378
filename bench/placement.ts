/**
 * Finding the grid of each business (M2.2): MarketGrid's JS grid index against a PostGIS
 * ST_Contains join of the same points and grids in the same database. Lookup only; writing the
 * results back is measured by the import and re-placement benchmarks.
 */
import type { Db } from '../src/db/connection.ts'
import { loadGridIndex } from '../src/modules/businesses/placement.ts'
import { fmt, report, time } from './lib.ts'

export async function benchPlacement(db: Db) {
  const { rows: [{ n, grids, vertices }] } = await db.query<{ n: number; grids: number; vertices: number }>(
    `SELECT (SELECT count(*) FROM businesses WHERE location IS NOT NULL)::int AS n, (SELECT count(*) FROM grids)::int AS grids,
       (SELECT round(avg(ST_NPoints(boundary)))::int FROM grids) AS vertices`)

  // Anchor: the join, counted in the database so no rows travel.
  const anchor = await time(() => db.query(`SELECT count(*) FROM businesses b JOIN grids g ON ST_Contains(g.boundary, b.location)`))
  const anchorRate = n / (anchor.ms / 1000)

  // Ours: the points arrive as coordinate arrays (as an import or a re-placement has them), then the lookup.
  const xs = new Float64Array(n)
  const ys = new Float64Array(n)
  let i = 0
  let after = 0
  for (;;) {
    const { rows } = await db.query<{ id: number; x: number; y: number }>(
      `SELECT id, ST_X(location) AS x, ST_Y(location) AS y FROM businesses WHERE location IS NOT NULL AND id > $1 ORDER BY id LIMIT 200000`, [after])
    if (rows.length === 0) break
    for (const r of rows) {
      xs[i] = r.x
      ys[i] = r.y
      i++
    }
    after = rows[rows.length - 1].id
  }
  const build = await time(() => loadGridIndex(db))
  const index = build.result
  const out = new Int32Array(n)
  const lookup = await time(() => index.locateAll(xs, ys, out))
  let placed = 0
  for (let k = 0; k < n; k++) if (out[k] >= 0) placed++
  const rate = n / (lookup.ms / 1000)
  report({
    name: `placement lookup: ${fmt(n)} businesses among ${fmt(grids)} grids (${vertices} vertices per grid on average)`,
    ours: `${fmt(rate)} points/s (${fmt(lookup.ms)} ms; index loaded and built in ${fmt(build.ms)} ms; ${fmt(placed)} placed)`,
    anchor: `${fmt(anchorRate)} points/s (PostGIS ST_Contains join, ${fmt(anchor.ms)} ms)`,
    ratio: rate / anchorRate,
    target: '≥ 5',
    pass: rate / anchorRate >= 5,
  })
}
