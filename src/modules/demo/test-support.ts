/**
 * Checks that the demo tests run against a seeded database, in SQL that PGlite and PostgreSQL 15
 * both accept (no ST_Coverage*). Test support only; nothing in the app imports it.
 */
import type { Sql } from '../../db/connection.ts'

/** For every area with children: the area of (parent △ union of children), relative to the parent. */
export async function tilingGaps(db: Sql): Promise<Array<{ code: string; relative: number }>> {
  const { rows } = await db.query<{ code: string; relative: number }>(
    `SELECT p.code, ST_Area(ST_SymDifference(p.boundary, ST_Union(c.boundary))) / ST_Area(p.boundary) AS relative
     FROM areas p JOIN areas c ON c.parent_code = p.code
     GROUP BY p.code ORDER BY p.code`,
  )
  return rows
}

/** Sibling pairs whose boundaries share more than a sliver of area (should be none). */
export async function siblingOverlaps(db: Sql): Promise<Array<{ a: string; b: string; overlap: number }>> {
  const { rows } = await db.query<{ a: string; b: string; overlap: number }>(
    `SELECT a, b, overlap FROM (
       SELECT a.code AS a, b.code AS b, ST_Area(ST_Intersection(a.boundary, b.boundary)) AS overlap
       FROM areas a JOIN areas b ON b.parent_code = a.parent_code AND a.code < b.code AND a.boundary && b.boundary
     ) pairs WHERE overlap > 1e-12`,
  )
  return rows
}

/** Grids that break M2.3 (people on duty count): no qualified head, overseers outside 1–3, nobody to manage or inform. */
export async function staffingProblems(db: Sql): Promise<Array<{ code: string; heads: number; overseers: number; workers: number }>> {
  const { rows } = await db.query<any>(
    `SELECT code, heads, overseers, workers FROM (
       SELECT g.code,
         (SELECT count(*) FROM person_roles r JOIN people p ON p.id = r.person_id WHERE r.area_code = g.code
            AND r.role = 'grid_head' AND p.on_duty AND p.position IN ('deputy_station_chief', 'supervision_officer'))::int AS heads,
         (SELECT count(*) FROM person_roles r JOIN people p ON p.id = r.person_id WHERE r.area_code = g.code
            AND r.role = 'overseer' AND p.on_duty AND p.position IN ('community_cadre', 'deputy', 'property_manager'))::int AS overseers,
         (SELECT count(*) FROM person_roles r WHERE r.area_code = g.code AND r.role IN ('grid_manager', 'informant'))::int AS workers
       FROM grids g
     ) s WHERE heads < 1 OR overseers NOT BETWEEN 1 AND 3 OR workers < 1`,
  )
  return rows
}

/** Businesses not placed, or whose location is not covered by exactly their own grid. */
export async function misplacedBusinesses(db: Sql): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM businesses b
     WHERE b.grid_code IS NULL OR b.unplaced_reason IS NOT NULL OR b.area_code <> b.grid_code
        OR (SELECT array_agg(g.code) FROM grids g WHERE ST_Covers(g.boundary, b.location)) IS DISTINCT FROM ARRAY[b.grid_code]`,
  )
  return rows[0].n
}

/** A digest of the generated tables, without ids or timestamps that a re-run may change. */
export async function contentDigest(db: Sql): Promise<Record<string, string>> {
  const digest = async (sql: string) => (await db.query<{ d: string }>(`SELECT md5(coalesce(string_agg(t, '|'), '')) AS d FROM (${sql}) x`)).rows[0].d
  return {
    areas: await digest(`SELECT concat_ws(';', code, parent_code, name, round(area_km2::numeric, 6), ST_AsText(boundary)) AS t FROM areas ORDER BY code`),
    businesses: await digest(`SELECT concat_ws(';', uscc, name, kind, registered_address, actual_address, ST_AsText(location),
      industry, licences::text, key_domains::text, operating_state, risk_class, legal_representative, contact_phone, grid_code) AS t
      FROM businesses ORDER BY uscc`),
    people: await digest(`SELECT concat_ws(';', id, name, position, phone, organisation, area_code, on_duty) AS t FROM people ORDER BY id`),
    roles: await digest(`SELECT concat_ws(';', person_id, role, area_code) AS t FROM person_roles ORDER BY person_id, role, area_code`),
    users: await digest(`SELECT concat_ws(';', username, display_name, roles::text, scope, person_id, is_demo) AS t FROM users ORDER BY username`),
  }
}

/** Row counts of everything the seed writes, to prove a refused seed changed nothing. */
export async function tableCounts(db: Sql): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM areas)::int AS areas, (SELECT count(*) FROM area_versions)::int AS versions,
       (SELECT count(*) FROM businesses)::int AS businesses, (SELECT count(*) FROM people)::int AS people,
       (SELECT count(*) FROM person_roles)::int AS roles, (SELECT count(*) FROM users)::int AS users,
       (SELECT count(*) FROM audit_events)::int AS audit`,
  )
  return rows[0]
}
