/**
 * The data versions the map's caches are keyed by: one for areas, one for businesses, each
 * `count(*):max(id)` of its rows in `map_changes` (written by the statement triggers of
 * 0400_map_tiles.sql), read in the caller's snapshot so that only committed changes count.
 */
import type { Sql } from '../../db/connection.ts'

export interface DataVersions {
  areas: string
  businesses: string
}

/** Rows of one source above which a read compacts them (delete all, insert one newer row). */
const COMPACT_ABOVE = 1000

export async function readVersions(sql: Sql): Promise<DataVersions & { rows: number }> {
  const { rows } = await sql.query<{ source: 'areas' | 'businesses'; n: number; last: number }>(
    `SELECT source, count(*)::int AS n, max(id)::bigint AS last FROM map_changes GROUP BY source`,
  )
  const v: DataVersions & { rows: number } = { areas: '0:0', businesses: '0:0', rows: 0 }
  for (const r of rows) {
    v[r.source] = `${r.n}:${r.last}`
    v.rows = Math.max(v.rows, r.n)
  }
  return v
}

/**
 * Keeps `map_changes` small. Deleting rows changes count(*), and the inserted row raises max(id)
 * above any id seen so far, so a version after compaction never equals one before it, even when a
 * change with a lower id commits late.
 */
export async function compactChanges(sql: Sql & { transaction?: never }, source: 'areas' | 'businesses'): Promise<void> {
  await sql.query(`DELETE FROM map_changes WHERE source = $1`, [source])
  await sql.query(`INSERT INTO map_changes (source) VALUES ($1)`, [source])
}

export function needsCompaction(v: { rows: number }): boolean {
  return v.rows > COMPACT_ABOVE
}
