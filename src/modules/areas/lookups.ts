/**
 * What other modules may ask of the areas by code, so that they call here instead of reading the
 * `areas` table themselves (docs/decisions.md, "Module walls"). Retired areas are included unless a
 * lookup says otherwise: a record names the areas it passed through, retired or not.
 */
import type { Sql } from '../../db/connection.ts'

/** The names of the areas among `codes`, by code; an unknown code is absent. */
export async function areaNames(sql: Sql, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map()
  const { rows } = await sql.query<{ code: string; name: string }>('SELECT code, name FROM areas WHERE code = ANY($1::text[])', [codes])
  return new Map(rows.map((r) => [r.code, r.name]))
}

/** The live areas one level below `parentCode` (null: the top level), in code order. */
export async function liveChildAreas(sql: Sql, parentCode: string | null): Promise<Array<{ code: string; name: string }>> {
  const { rows } = await sql.query<{ code: string; name: string }>(
    'SELECT code, name FROM areas WHERE parent_code IS NOT DISTINCT FROM $1 AND retired_at IS NULL ORDER BY code', [parentCode])
  return rows
}

/** Whether `code` is a live grid: an area at its profile's last level, not retired (the `grids` view). */
export async function isLiveGrid(sql: Sql, code: string): Promise<boolean> {
  const { rows } = await sql.query('SELECT 1 FROM grids WHERE code = $1', [code])
  return rows.length > 0
}

/**
 * Where a case outside every area is routed (cases/filing.ts): among the live areas with a
 * boundary at the level of `scope` inside it, the nearest to the WGS-84 point. That is the scope's
 * own area, or, for the whole installation (''), the nearest top-level area.
 */
export async function nearestTopArea(sql: Sql, lng: number, lat: number, scope: string): Promise<string | null> {
  const { rows } = await sql.query<{ code: string }>(
    `SELECT code FROM areas WHERE retired_at IS NULL AND boundary IS NOT NULL AND code LIKE $3
       AND length(code) = greatest(2, length($4::text))
     ORDER BY boundary <-> ST_SetSRID(ST_MakePoint($1, $2), 4326), code LIMIT 1`,
    [lng, lat, scope + '%', scope],
  )
  return rows[0]?.code ?? null
}

/** The live areas of the top two levels with their boundaries simplified, as GeoJSON text: the portal's outline for citizens. */
export async function topOutlines(sql: Sql): Promise<Array<{ code: string; name: string; level: number; geojson: string }>> {
  const { rows } = await sql.query<{ code: string; name: string; level: number; geojson: string }>(
    `SELECT code, name, level, ST_AsGeoJSON(ST_SimplifyPreserveTopology(boundary, 0.0005), 6) AS geojson
     FROM areas WHERE level <= 2 AND retired_at IS NULL AND boundary IS NOT NULL ORDER BY code`)
  return rows
}

export interface AreaFacts {
  code: string
  level: number
  /** number of levels of the area's profile */
  depth: number
  retired: boolean
}

/** Level, profile depth and state of the named areas, in one query; an unknown code is absent. */
export async function areaFacts(sql: Sql, codes: Iterable<string>): Promise<Map<string, AreaFacts>> {
  const list = [...new Set(codes)].filter((c) => typeof c === 'string' && c !== '')
  const map = new Map<string, AreaFacts>()
  if (list.length === 0) return map
  const { rows } = await sql.query<{ code: string; level: number; depth: number; retired: boolean }>(
    `SELECT a.code, a.level, jsonb_array_length(ap.levels) AS depth, a.retired_at IS NOT NULL AS retired
     FROM areas a JOIN area_profiles ap ON ap.id = a.profile_id WHERE a.code = ANY($1::text[])`,
    [list],
  )
  for (const r of rows) map.set(r.code, { code: r.code, level: r.level, depth: r.depth, retired: r.retired })
  return map
}
