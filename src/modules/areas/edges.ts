/**
 * Shared edges drawn twice (issue 13 §6). A boundary drawn on a Chinese web map snaps to its
 * neighbour's edge in GCJ-02; converted point by point to WGS-84, a long edge bends (the datum shift
 * is not linear), so where one drawing has a vertex in the middle of the edge and the other has not,
 * they part by a few centimetres: slivers of overlap or gap up to tens of square metres along a
 * kilometre. Before the overlap check, a single-area save aligns the new boundary with its live
 * siblings and with its parent's outline when every overlap with them is narrower than the
 * tolerance (settings.ts): the thin overlaps are cut off, the thin gaps between them filled, and
 * the save answers what was adjusted, per neighbour. A wider overlap leaves the boundary as drawn,
 * and the check refuses it as before.
 *
 * PostGIS 3.3 functions only (no ST_Coverage*). Widths are measured in a local metric frame (metres
 * east and north of the proposal's centre: an equirectangular projection, off by far less than 1 %
 * over a grid's extent): "narrower than t" is "nothing left after a negative buffer of t/2", and
 * the gaps narrower than t are what a closing (buffer +t/2 then −t/2) adds to the union of the new
 * boundary, its neighbours and the parent's outside. The cutting and filling itself runs in degrees
 * on the stored coordinates, on the overlay grid of the other checks.
 */
import type { Sql } from '../../db/connection.ts'
import { boundaryFromJson, type MultiPolygonJson } from './geometry.ts'
import { OVERLAY_GRID } from './rules.ts'

/** What an alignment changed along one neighbour's edge (or the parent's outline). */
export interface EdgeAdjustment {
  /** the sibling's code, or the parent's */
  code: string
  relation: 'sibling' | 'parent'
  /** cut off the new boundary: it lay on the neighbour's ground (or outside the parent) */
  overlapM2: number
  /** added to the new boundary: it lay between the two */
  gapM2: number
}

export interface Alignment {
  geometry: MultiPolygonJson
  adjustments: EdgeAdjustment[]
}

/**
 * Adjustments smaller than this (m²) are rounding, not a drawing: no notice, and below it in total
 * the boundary is kept exactly as drawn (no churn of vertices on every save).
 */
const MIN_ADJUSTMENT_M2 = 0.01

const G = OVERLAY_GRID
/** $4 is the tolerance in metres; the frame's factors turn it into degrees or metric geometry. */
const toMetres = (geom: string) => `ST_Scale(ST_Translate(${geom}, -p.x0, -p.y0), p.kx, p.ky)`
const mitre = `'join=mitre mitre_limit=5'`

const ALIGN_SQL = `
WITH p AS (
  SELECT g, ST_X(c) AS x0, ST_Y(c) AS y0, 111320 * cos(radians(ST_Y(c))) AS kx, 110574.0::float8 AS ky
  FROM (SELECT g, ST_Centroid(ST_Envelope(g)) AS c FROM (SELECT ${boundaryFromJson('$1')} AS g) i) q
  -- An invalid drawing is not aligned (GEOS may throw on it): the checks refuse it with the reason.
  WHERE ST_IsValid(g)
),
nb AS (
  SELECT s.code, s.boundary AS g FROM areas s, p
  WHERE s.retired_at IS NULL AND s.boundary IS NOT NULL AND s.code <> ALL($3::text[])
    AND (s.parent_code = $2 OR (s.parent_code IS NULL AND $2::text IS NULL))
    AND ST_DWithin(s.boundary, p.g, $4 / p.kx)
),
par AS (SELECT a.code, a.boundary AS g FROM areas a WHERE a.code = $2 AND a.boundary IS NOT NULL),
nbu AS (SELECT ST_Union(g, ${G}) AS u FROM nb),
ref AS (SELECT ST_Collect(g) AS u FROM (SELECT g FROM nb UNION ALL SELECT g FROM par) r),
-- Vertices within the tolerance of a neighbour's vertex (or edge) move onto it (no more than t: $4 / ky).
snapped AS (
  SELECT CASE WHEN ref.u IS NULL THEN p.g ELSE ST_CollectionExtract(ST_MakeValid(ST_Snap(p.g, ref.u, $4 / p.ky)), 3) END AS g
  FROM p, ref
),
extra AS (
  SELECT ST_CollectionExtract(ST_Intersection(s.g, nb.g, ${G}), 3) AS o FROM snapped s, nb
  UNION ALL
  SELECT ST_CollectionExtract(ST_Difference(s.g, par.g, ${G}), 3) FROM snapped s, par
),
thick AS (
  SELECT coalesce(bool_or(NOT ST_IsEmpty(ST_Buffer(${toMetres('e.o')}, -$4 / 2))), false) AS any
  FROM extra e, p WHERE NOT ST_IsEmpty(e.o)
),
trimmed AS (
  SELECT ST_CollectionExtract(CASE WHEN par.g IS NULL THEN d ELSE ST_Intersection(d, par.g, ${G}) END, 3) AS g
  FROM (SELECT CASE WHEN nbu.u IS NULL THEN s.g ELSE ST_Difference(s.g, nbu.u, ${G}) END AS d FROM snapped s, nbu) x
  LEFT JOIN par ON true
),
m AS (
  SELECT ${toMetres('t.g')} AS g, ${toMetres('nbu.u')} AS n, ${toMetres('par.g')} AS par
  FROM trimmed t, p, nbu LEFT JOIN par ON true
),
w AS (SELECT m.*, ST_Expand(ST_Envelope(m.g), 2 * $4) AS win FROM m),
u AS (
  SELECT w.g, ST_Union(ARRAY[w.g, coalesce(ST_CollectionExtract(ST_Intersection(w.n, w.win), 3), w.g),
    CASE WHEN w.par IS NULL THEN w.g ELSE ST_Difference(w.win, w.par) END]) AS u
  FROM w
),
-- The gaps the closing fills, kept when they touch the new boundary and lie within t of it (not a
-- thin gap between two neighbours that merely ends at it). The 0.1 mm grid drops the films that
-- buffering leaves along straight edges.
fill AS (
  SELECT ST_Collect(d.geom) AS f FROM u
  CROSS JOIN LATERAL ST_Dump(ST_Difference(ST_Buffer(ST_Buffer(u.u, $4 / 2, ${mitre}), -$4 / 2, ${mitre}), u.u, 1e-4)) d
  WHERE ST_Area(d.geom) >= 1e-4 AND ST_DWithin(d.geom, u.g, 1e-3) AND ST_CoveredBy(d.geom, ST_Buffer(u.g, $4))
),
-- The filled pieces went through the metric frame and its 0.1 mm grid: their vertices are put back
-- on the neighbours' own (within 1 mm), so that the new edge is the neighbour's edge.
grown AS (
  SELECT CASE WHEN f.f IS NULL THEN t.g
    ELSE ST_CollectionExtract(ST_MakeValid(ST_Snap(
      ST_Union(t.g, ST_SetSRID(ST_Translate(ST_Scale(f.f, 1 / p.kx, 1 / p.ky), p.x0, p.y0), 4326), ${G}), ref.u, 1e-3 / p.ky)), 3) END AS g
  FROM trimmed t, fill f, p, ref
),
-- Cut once more after filling: snapping may have crossed a neighbour's edge by a hair.
final AS (
  SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_CollectionExtract(
    CASE WHEN par.g IS NULL THEN y ELSE ST_Intersection(y, par.g, ${G}) END, 3)), 3)) AS g
  FROM (SELECT CASE WHEN nbu.u IS NULL THEN gr.g ELSE ST_Difference(gr.g, nbu.u, ${G}) END AS y FROM grown gr, nbu) yy
  LEFT JOIN par ON true
),
pieces AS (
  SELECT true AS removed, d.geom FROM p, final f CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Difference(p.g, f.g, ${G}), 3)) d
  UNION ALL
  SELECT false, d.geom FROM p, final f CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Difference(f.g, p.g, ${G}), 3)) d
),
owned AS (
  SELECT pc.removed, ST_Area(pc.geom::geography) AS m2, o.code, o.relation
  FROM pieces pc CROSS JOIN LATERAL (
    SELECT x.code, x.relation FROM (
      SELECT nb.code, 'sibling' AS relation, ST_Distance(nb.g, ST_PointOnSurface(pc.geom)) AS dist FROM nb
      UNION ALL
      SELECT par.code, 'parent', ST_Distance(ST_Boundary(par.g), ST_PointOnSurface(pc.geom)) FROM par
    ) x ORDER BY x.dist, x.relation DESC, x.code LIMIT 1
  ) o
)
SELECT t.any AS thick, ST_IsValid(f.g) AND NOT ST_IsEmpty(f.g) AS good, ST_AsGeoJSON(f.g, 9) AS geom,
  (SELECT coalesce(sum(m2), 0) FROM owned) AS changed_m2,
  (SELECT json_agg(json_build_object('code', code, 'relation', relation,
      'overlapM2', coalesce(overlap_m2, 0), 'gapM2', coalesce(gap_m2, 0)) ORDER BY relation DESC, code)
   FROM (SELECT code, relation, sum(m2) FILTER (WHERE removed) AS overlap_m2, sum(m2) FILTER (WHERE NOT removed) AS gap_m2
         FROM owned GROUP BY code, relation) a) AS adjustments
FROM thick t, final f`

const round2 = (v: number) => Math.round(v * 100) / 100

/**
 * Aligns a proposed boundary with the live siblings under `parentCode` (not those in `excluded`:
 * the area itself, areas being replaced) and with the parent's outline, when every part of it that
 * lies on a sibling or outside the parent is narrower than `toleranceM`. Answers the boundary to
 * check and save (the input, unchanged, when there is nothing to align, when something is wider,
 * or when the result would not be a valid polygon) and what changed along each neighbour.
 */
export async function alignToNeighbours(
  tx: Sql, proposal: { parentCode: string | null; geometry: MultiPolygonJson }, excluded: string[], toleranceM: number,
): Promise<Alignment> {
  const unchanged: Alignment = { geometry: proposal.geometry, adjustments: [] }
  if (!(toleranceM > 0)) return unchanged
  type Row = {
    thick: boolean; good: boolean; geom: string; changed_m2: number
    adjustments: Array<{ code: string; relation: 'sibling' | 'parent'; overlapM2: number; gapM2: number }> | null
  }
  // Alignment is a help, not a check: should GEOS fail on some drawing (a TopologyException), the
  // boundary goes to the checks as drawn, and the transaction goes on from the savepoint.
  let rows: Row[]
  await tx.query('SAVEPOINT align_edges')
  try {
    rows = (await tx.query<Row>(ALIGN_SQL, [JSON.stringify(proposal.geometry), proposal.parentCode, excluded, toleranceM])).rows
    await tx.query('RELEASE SAVEPOINT align_edges')
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT align_edges')
    return unchanged
  }
  const r = rows[0]
  if (!r || r.thick || !r.good || r.changed_m2 < MIN_ADJUSTMENT_M2) return unchanged
  const geometry = JSON.parse(r.geom) as MultiPolygonJson
  if (geometry.type !== 'MultiPolygon' || geometry.coordinates.length === 0) return unchanged
  const adjustments = (r.adjustments ?? [])
    .filter((a) => a.overlapM2 + a.gapM2 >= MIN_ADJUSTMENT_M2)
    .map((a) => ({ code: a.code, relation: a.relation, overlapM2: round2(a.overlapM2), gapM2: round2(a.gapM2) }))
  return { geometry, adjustments }
}
