/**
 * Placing businesses in grids (M2.2): a business belongs to the live grid whose boundary covers its
 * location; a point on a shared edge goes to the lowest grid code, so the answer is unique.
 */
import type { Sql } from '../../db/connection.ts'

export interface ReplacementResult {
  /** businesses whose grid changed */
  moved: number
  /** businesses left in no grid */
  unplaced: number
}

/**
 * Re-places every business whose location lies in `regionGeoJson` (a GeoJSON geometry, EPSG:4326),
 * inside the caller's transaction. The areas capability calls it after a boundary change with the
 * union of the old and new boundaries, so only the affected businesses are touched.
 */
export async function replaceBusinessesWithin(tx: Sql, regionGeoJson: string): Promise<ReplacementResult> {
  const { rows } = await tx.query<{ moved: number; unplaced: number }>(
    `WITH region AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g),
     affected AS (
       SELECT b.id, b.grid_code AS old_grid,
         (SELECT g.code FROM grids g WHERE ST_Covers(g.boundary, b.location) ORDER BY g.code LIMIT 1) AS new_grid
       FROM businesses b, region r
       WHERE b.location IS NOT NULL AND ST_Intersects(b.location, r.g)
     ),
     changed AS (
       UPDATE businesses b SET
         grid_code = a.new_grid,
         area_code = coalesce(a.new_grid, b.area_code),
         unplaced_reason = CASE WHEN a.new_grid IS NULL THEN 'outsideGrids' END,
         updated_at = now()
       FROM affected a
       WHERE b.id = a.id AND a.new_grid IS DISTINCT FROM a.old_grid
       RETURNING b.grid_code
     )
     SELECT count(*)::int AS moved, count(*) FILTER (WHERE grid_code IS NULL)::int AS unplaced FROM changed`,
    [regionGeoJson],
  )
  return rows[0]
}
