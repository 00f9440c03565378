/**
 * M1.3 "不重复、不交叉、不遗漏": within a parent, live children must not overlap, must leave no
 * gap and must stay inside the parent. Built from ST_Intersection / ST_Union / ST_Difference /
 * ST_Area only (PostGIS 3.3 has no ST_Coverage*). Sibling pairs are found through the GiST index
 * on areas.boundary (ST_Intersects, a.code < b.code), so a station of thousands of grids costs
 * about one intersection per pair of neighbours, not per pair of grids.
 */
import type { Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, type Actor } from '../access/policy.ts'
import { isWellFormedCode, MAX_CODE_LEVELS, SLIVER_TOLERANCE_M2, OVERLAY_GRID } from './rules.ts'
import { loadProfiles, isGridLevel } from './service.ts'
import './errors.ts'

export interface AreaCoverage {
  code: string
  name: string
  level: number
  areaKm2: number | null
  childCount: number
  /** area(union(children) ∩ parent) / area(parent) × 100; null when there is nothing to cover */
  coveragePercent: number | null
  overlaps: Array<{ codes: [string, string]; areaM2: number; geometry: unknown }>
  /** `neighbours`: the live children touching the gap, by code (none: the parent has no child there) */
  gaps: Array<{ areaM2: number; neighbours: string[]; geometry: unknown }>
  outside: Array<{ code: string; areaM2: number; geometry: unknown }>
  /** pieces smaller than this are floating-point noise and not listed (see SLIVER_TOLERANCE_M2) */
  toleranceM2: number
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits

/** ≈ 1 mm: ten times the overlay grid, so that rounding never parts a gap from the child bordering it. */
const GAP_TOUCH_DEGREES = 10 * OVERLAY_GRID

/**
 * Coverage is about the actor's own area and what lies below it: an ancestor of the scope is
 * visible for navigation but its coverage would reveal sibling branches, so it reads as absent.
 */
function requireCoverageScope(actor: Actor, code: string) {
  if (!isWellFormedCode(code)) throw new AppError('area.codeMalformed', { code, maxLevels: MAX_CODE_LEVELS })
  if (!code.startsWith(actor.scope)) throw new AppError('area.notFound', { code })
}

/** M1.3 the overlaps, gaps and outside parts among the live children of one area, and its coverage. */
export async function areaCoverage(db: Sql, actor: Actor, code: string): Promise<AreaCoverage> {
  authorize(actor, 'area.read')
  requireCoverageScope(actor, code)
  const found = await db.query<{ code: string; name: string; level: number; area_km2: number | null; profile_id: string; child_count: number }>(
    `SELECT code, name, level, area_km2, profile_id,
       (SELECT count(*) FROM areas c WHERE c.parent_code = a.code AND c.retired_at IS NULL)::int AS child_count
     FROM areas a WHERE code = $1`,
    [code],
  )
  const area = found.rows[0]
  if (!area) throw new AppError('area.notFound', { code })
  const result: AreaCoverage = {
    code: area.code, name: area.name, level: area.level, areaKm2: area.area_km2, childCount: area.child_count,
    coveragePercent: null, overlaps: [], gaps: [], outside: [], toleranceM2: SLIVER_TOLERANCE_M2,
  }
  const profile = (await loadProfiles(db)).get(area.profile_id)
  // A grid has no children to cover it; every other level is measured, even with no children yet (0 %).
  if (profile && isGridLevel(profile, area.level) && area.child_count === 0) return result

  const whole = await db.query<{ percent: number | null }>(
    `WITH kids AS (
       SELECT ST_Union(ST_MakeValid(boundary), ${OVERLAY_GRID}) AS u FROM areas
       WHERE parent_code = $1 AND retired_at IS NULL AND boundary IS NOT NULL
     )
     SELECT CASE WHEN p.boundary IS NULL OR ST_Area(p.boundary::geography) = 0 THEN NULL
       WHEN k.u IS NULL THEN 0
       ELSE ST_Area(ST_Intersection(k.u, p.boundary, ${OVERLAY_GRID})::geography) / ST_Area(p.boundary::geography) * 100 END AS percent
     FROM areas p, kids k WHERE p.code = $1`,
    [code],
  )
  const percent = whole.rows[0].percent
  result.coveragePercent = percent === null ? null : round(Math.min(percent, 100), 4)

  // A gap's neighbours are the children within GAP_TOUCH_DEGREES of it: the overlay rounds the gap's
  // outline to its grid, so a child that borders it may miss it by that much.
  const gaps = await db.query<{ geom: string; m2: number; neighbours: string[] | null }>(
    `WITH kids AS (
       SELECT ST_Union(ST_MakeValid(boundary), ${OVERLAY_GRID}) AS u FROM areas
       WHERE parent_code = $1 AND retired_at IS NULL AND boundary IS NOT NULL
     ),
     pieces AS (
       SELECT d.geom FROM areas p CROSS JOIN kids k
       CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(
         CASE WHEN k.u IS NULL THEN p.boundary ELSE ST_Difference(p.boundary, k.u, ${OVERLAY_GRID}) END, 3)) d
       WHERE p.code = $1 AND p.boundary IS NOT NULL AND ST_Area(d.geom::geography) >= $2
     )
     SELECT ST_AsGeoJSON(g.geom) AS geom, ST_Area(g.geom::geography) AS m2,
       (SELECT array_agg(c.code ORDER BY c.code) FROM areas c
        WHERE c.parent_code = $1 AND c.retired_at IS NULL AND c.boundary IS NOT NULL
          AND ST_DWithin(c.boundary, g.geom, $3)) AS neighbours
     FROM pieces g ORDER BY m2 DESC`,
    [code, SLIVER_TOLERANCE_M2, GAP_TOUCH_DEGREES],
  )
  result.gaps = gaps.rows.map((r) => ({ areaM2: round(r.m2, 2), neighbours: r.neighbours ?? [], geometry: JSON.parse(r.geom) }))

  const overlaps = await db.query<{ a: string; b: string; geom: string; m2: number }>(
    `SELECT a, b, ST_AsGeoJSON(g) AS geom, ST_Area(g::geography) AS m2 FROM (
       SELECT a.code AS a, b.code AS b,
         ST_CollectionExtract(ST_Intersection(ST_MakeValid(a.boundary), ST_MakeValid(b.boundary), ${OVERLAY_GRID}), 3) AS g
       FROM areas a JOIN areas b ON ST_Intersects(a.boundary, b.boundary) AND a.code < b.code
       WHERE a.parent_code = $1 AND b.parent_code = $1 AND a.retired_at IS NULL AND b.retired_at IS NULL
     ) q WHERE ST_Area(g::geography) >= $2 ORDER BY a, b`,
    [code, SLIVER_TOLERANCE_M2],
  )
  result.overlaps = overlaps.rows.map((r) => ({ codes: [r.a, r.b], areaM2: round(r.m2, 2), geometry: JSON.parse(r.geom) }))

  const outside = await db.query<{ code: string; geom: string; m2: number }>(
    `SELECT code, ST_AsGeoJSON(g) AS geom, ST_Area(g::geography) AS m2 FROM (
       SELECT c.code, ST_CollectionExtract(ST_Difference(ST_MakeValid(c.boundary), p.boundary, ${OVERLAY_GRID}), 3) AS g
       FROM areas c JOIN areas p ON p.code = c.parent_code
       WHERE c.parent_code = $1 AND c.retired_at IS NULL AND c.boundary IS NOT NULL AND p.boundary IS NOT NULL
         AND NOT ST_CoveredBy(c.boundary, p.boundary)
     ) q WHERE ST_Area(g::geography) >= $2 ORDER BY code`,
    [code, SLIVER_TOLERANCE_M2],
  )
  result.outside = outside.rows.map((r) => ({ code: r.code, areaM2: round(r.m2, 2), geometry: JSON.parse(r.geom) }))
  return result
}

export interface CoverageSummaryRow {
  code: string
  name: string
  level: number
  childCount: number
  coveragePercent: number | null
  overlapCount: number
  gapCount: number
  outsideCount: number
  areaKm2: number | null
}

/**
 * The code prefix a dashboard reads for `under`: `under` inside the actor's scope narrows it; one
 * above the scope narrows nothing (the answer is the actor's own scope); any other is refused as
 * not found, and a malformed code as malformed.
 */
export function scopedPrefix(actor: Actor, under?: string): string {
  if (under === undefined) return actor.scope
  if (!isWellFormedCode(under)) throw new AppError('area.codeMalformed', { code: under, maxLevels: MAX_CODE_LEVELS })
  if (under.startsWith(actor.scope)) return under
  if (!actor.scope.startsWith(under)) throw new AppError('area.notFound', { code: under })
  return actor.scope
}

/**
 * M1.3 one row per live area with live children under `under` (default: the actor's scope),
 * inside the actor's scope, in tree order: the dashboard of what still breaks the rule.
 */
export async function coverageSummary(db: Sql, actor: Actor, under?: string): Promise<CoverageSummaryRow[]> {
  authorize(actor, 'area.read')
  const prefix = scopedPrefix(actor, under)
  const { rows } = await db.query<{
    code: string; name: string; level: number; area_km2: number | null; child_count: number; percent: number | null
    overlap_count: number; gap_count: number; outside_count: number
  }>(
    `WITH parents AS MATERIALIZED (
       SELECT p.code, p.name, p.level, p.area_km2, p.boundary FROM areas p
       WHERE p.retired_at IS NULL AND p.code LIKE $1
         AND EXISTS (SELECT 1 FROM areas c WHERE c.parent_code = p.code AND c.retired_at IS NULL)
     ),
     kids AS MATERIALIZED (
       SELECT c.parent_code AS code, count(*)::int AS n, ST_Union(ST_MakeValid(c.boundary), ${OVERLAY_GRID}) AS u
       FROM areas c JOIN parents p ON c.parent_code = p.code
       WHERE c.retired_at IS NULL GROUP BY c.parent_code
     ),
     overlap_pairs AS (
       SELECT a.parent_code AS code, count(*)::int AS n
       FROM parents p
       JOIN areas a ON a.parent_code = p.code AND a.retired_at IS NULL
       JOIN areas b ON ST_Intersects(a.boundary, b.boundary) AND a.code < b.code
         AND b.parent_code = a.parent_code AND b.retired_at IS NULL
       WHERE ST_Area(ST_CollectionExtract(ST_Intersection(ST_MakeValid(a.boundary), ST_MakeValid(b.boundary), ${OVERLAY_GRID}), 3)::geography) >= $2
       GROUP BY a.parent_code
     ),
     outside_parts AS (
       SELECT p.code, count(*)::int AS n
       FROM parents p JOIN areas c ON c.parent_code = p.code AND c.retired_at IS NULL
       WHERE NOT ST_CoveredBy(c.boundary, p.boundary)
         AND ST_Area(ST_CollectionExtract(ST_Difference(ST_MakeValid(c.boundary), p.boundary, ${OVERLAY_GRID}), 3)::geography) >= $2
       GROUP BY p.code
     ),
     gap_parts AS (
       SELECT p.code, count(*)::int AS n
       FROM parents p JOIN kids k ON k.code = p.code
       CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(
         CASE WHEN k.u IS NULL THEN p.boundary ELSE ST_Difference(p.boundary, k.u, ${OVERLAY_GRID}) END, 3)) d
       WHERE p.boundary IS NOT NULL AND ST_Area(d.geom::geography) >= $2
       GROUP BY p.code
     )
     SELECT p.code, p.name, p.level, p.area_km2, k.n AS child_count,
       CASE WHEN p.boundary IS NULL OR ST_Area(p.boundary::geography) = 0 THEN NULL
         WHEN k.u IS NULL THEN 0
         ELSE ST_Area(ST_Intersection(k.u, p.boundary, ${OVERLAY_GRID})::geography) / ST_Area(p.boundary::geography) * 100 END AS percent,
       coalesce(o.n, 0) AS overlap_count, coalesce(g.n, 0) AS gap_count, coalesce(x.n, 0) AS outside_count
     FROM parents p JOIN kids k ON k.code = p.code
     LEFT JOIN overlap_pairs o ON o.code = p.code LEFT JOIN gap_parts g ON g.code = p.code
     LEFT JOIN outside_parts x ON x.code = p.code
     ORDER BY p.code`,
    [prefix + '%', SLIVER_TOLERANCE_M2],
  )
  return rows.map((r) => ({
    code: r.code, name: r.name, level: r.level, childCount: r.child_count,
    coveragePercent: r.percent === null ? null : round(Math.min(r.percent, 100), 4),
    overlapCount: r.overlap_count, gapCount: r.gap_count, outsideCount: r.outside_count, areaKm2: r.area_km2,
  }))
}
