/**
 * Boundaries (M1.3, Q4): GeoJSON polygons in, checked in JS for shape and range, converted to
 * WGS-84 with gcoord, then checked in PostGIS for validity, sibling overlaps and containment in
 * the parent. Stored as MultiPolygon, EPSG:4326.
 */
import gcoordCjs from 'gcoord'
import type { Sql } from '../../db/connection.ts'
import { SLIVER_TOLERANCE_M2, OVERLAY_GRID } from './rules.ts'

// gcoord ships CommonJS whose types declare an ES default export; under Node's ESM the default
// import is module.exports itself, which is that default object.
const gcoord = gcoordCjs as unknown as (typeof gcoordCjs)['default']

export type InputCrs = 'WGS84' | 'GCJ02' | 'BD09'

export interface MultiPolygonJson {
  type: 'MultiPolygon'
  coordinates: number[][][][]
}

export type GeometryProblem =
  | { error: 'area.geometryNotPolygon'; type: string }
  | { error: 'area.geometryEmpty'; path: string }
  | { error: 'area.coordinatesMalformed'; path: string }
  | { error: 'area.coordinatesOutOfRange'; path: string; value: string }
  | { error: 'area.ringTooShort'; path: string }
  | { error: 'area.ringNotClosed'; path: string }

const CRS_OF: Record<InputCrs, Parameters<typeof gcoord.transform>[1]> = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 }

/** Rounds away the noise of the datum conversion; 1e-9° is about 0.1 mm. */
const round9 = (v: number) => Math.round(v * 1e9) / 1e9

function toWgs84(position: [number, number], crs: InputCrs): [number, number] {
  if (crs === 'WGS84') return position
  const [lng, lat] = gcoord.transform(position, CRS_OF[crs], gcoord.WGS84) as [number, number]
  return [round9(lng), round9(lat)]
}

function checkRing(ring: unknown, path: string, crs: InputCrs): number[][] | GeometryProblem {
  if (!Array.isArray(ring)) return { error: 'area.coordinatesMalformed', path }
  if (ring.length === 0) return { error: 'area.geometryEmpty', path }
  const out: number[][] = []
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]
    const at = `${path}[${i}]`
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return { error: 'area.coordinatesMalformed', path: at }
    }
    const [lng, lat] = p as number[]
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
      return { error: 'area.coordinatesOutOfRange', path: at, value: `[${lng}, ${lat}]` }
    }
    out.push(toWgs84([lng, lat], crs))
  }
  if (ring.length < 4) return { error: 'area.ringTooShort', path }
  const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]]
  if (first[0] !== last[0] || first[1] !== last[1]) return { error: 'area.ringNotClosed', path }
  // The conversion of equal input positions gives equal outputs, so closed stays closed.
  return out
}

/**
 * Reads a GeoJSON Polygon, MultiPolygon or a Feature wrapping one, in `crs`, and answers a
 * WGS-84 MultiPolygon or the first problem (with the path of the offending coordinate). Validity
 * beyond shape (self-intersection, …) is PostGIS's job: see `findBoundaryProblems`.
 */
export function parseBoundary(input: unknown, crs: InputCrs = 'WGS84'): { geometry: MultiPolygonJson } | GeometryProblem {
  let g = input as any
  if (g && typeof g === 'object' && g.type === 'Feature') g = g.geometry
  const type = g && typeof g === 'object' ? String(g.type ?? 'object') : g === null ? 'null' : typeof g
  if (type !== 'Polygon' && type !== 'MultiPolygon') return { error: 'area.geometryNotPolygon', type }
  const coords = g.coordinates
  if (!Array.isArray(coords)) return { error: 'area.coordinatesMalformed', path: 'coordinates' }
  if (coords.length === 0) return { error: 'area.geometryEmpty', path: 'coordinates' }
  const polygons: unknown[] = type === 'Polygon' ? [coords] : coords
  const out: number[][][][] = []
  for (let i = 0; i < polygons.length; i++) {
    const polygon = polygons[i]
    const path = type === 'Polygon' ? 'coordinates' : `coordinates[${i}]`
    if (!Array.isArray(polygon)) return { error: 'area.coordinatesMalformed', path }
    if (polygon.length === 0) return { error: 'area.geometryEmpty', path }
    const rings: number[][][] = []
    for (let r = 0; r < polygon.length; r++) {
      const ring = checkRing(polygon[r], `${path}[${r}]`, crs)
      if (!Array.isArray(ring)) return ring
      rings.push(ring)
    }
    out.push(rings)
  }
  return { geometry: { type: 'MultiPolygon', coordinates: out } }
}

/** The SQL expression for a GeoJSON text parameter as a stored boundary. */
export const boundaryFromJson = (param: string) => `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326))`

/** A proposed boundary for one area: new, redrawn, or created by a split or merge. */
export interface BoundaryProposal {
  /** position in the request (the feature index of an import) */
  index: number
  code: string
  parentCode: string | null
  geometry: MultiPolygonJson
}

export type BoundaryProblem =
  | { error: 'area.geometryInvalid'; reason: string; location: unknown }
  | { error: 'area.overlapsSibling'; siblings: string; areaM2: number; overlaps: Array<{ code: string; areaM2: number; geometry: unknown }> }
  | { error: 'area.outsideParent'; parentCode: string; areaM2: number; outside: unknown }
  | { error: 'area.childrenOutside'; children: string; areaM2: number; outside: Array<{ code: string; areaM2: number; geometry: unknown }> }

const m2 = (v: number) => Math.round(v * 100) / 100

/**
 * M1.3 checks a set of proposed boundaries together, against each other and against the live
 * areas: each must be a valid geometry, must not overlap a live sibling (nor another proposal
 * under the same parent), must lie inside its parent (the proposed parent boundary when the
 * parent is itself proposed), and must keep its live children inside. `replaced` names the areas
 * whose current boundary no longer counts (redrawn or being retired). Overlaps and outside parts
 * below SLIVER_TOLERANCE_M2 are noise and pass. Runs inside the caller's transaction; writes only
 * a temporary table that is dropped at commit.
 */
export async function findBoundaryProblems(
  tx: Sql,
  proposals: BoundaryProposal[],
  replaced: string[],
): Promise<Array<{ index: number; code: string; problem: BoundaryProblem }>> {
  const problems: Array<{ index: number; code: string; problem: BoundaryProblem }> = []
  if (proposals.length === 0) return problems
  await tx.query('DROP TABLE IF EXISTS pg_temp.area_proposals')
  await tx.query(`CREATE TEMP TABLE area_proposals (idx int PRIMARY KEY, code text NOT NULL, parent_code text,
    g geometry(MultiPolygon, 4326) NOT NULL) ON COMMIT DROP`)
  await tx.query(
    `INSERT INTO area_proposals (idx, code, parent_code, g)
     SELECT idx, code, parent_code, ${boundaryFromJson('geom')}
     FROM json_to_recordset($1::json) AS x(idx int, code text, parent_code text, geom text)`,
    [JSON.stringify(proposals.map((p) => ({ idx: p.index, code: p.code, parent_code: p.parentCode, geom: JSON.stringify(p.geometry) })))],
  )
  if (proposals.length > 50) {
    await tx.query('CREATE INDEX ON area_proposals USING gist (g)')
    await tx.query('ANALYZE area_proposals')
  }
  const codeOf = new Map(proposals.map((p) => [p.index, p.code]))
  const add = (index: number, problem: BoundaryProblem) => problems.push({ index, code: codeOf.get(index)!, problem })

  const invalid = await tx.query<{ idx: number; reason: string; location: string | null }>(
    `SELECT p.idx, d.reason, ST_AsGeoJSON(d.location) AS location
     FROM area_proposals p CROSS JOIN LATERAL ST_IsValidDetail(p.g) d WHERE NOT d.valid ORDER BY p.idx`,
  )
  for (const r of invalid.rows) add(r.idx, { error: 'area.geometryInvalid', reason: r.reason, location: r.location ? JSON.parse(r.location) : null })
  // An invalid geometry cannot be intersected reliably: it is reported once, then left out.
  if (invalid.rows.length) await tx.query('DELETE FROM area_proposals WHERE idx = ANY($1::int[])', [invalid.rows.map((r) => r.idx)])

  const excluded = [...new Set([...replaced, ...proposals.map((p) => p.code)])]
  const overlaps = new Map<number, Array<{ code: string; areaM2: number; geometry: unknown }>>()
  const noteOverlap = (idx: number, code: string, area: number, geom: string) => {
    const list = overlaps.get(idx) ?? []
    list.push({ code, areaM2: m2(area), geometry: JSON.parse(geom) })
    overlaps.set(idx, list)
  }
  const withLive = await tx.query<{ idx: number; other: string; geom: string; m2: number }>(
    `SELECT idx, other, ST_AsGeoJSON(g) AS geom, ST_Area(g::geography) AS m2 FROM (
       SELECT p.idx, s.code AS other, ST_CollectionExtract(ST_Intersection(s.boundary, p.g, ${OVERLAY_GRID}), 3) AS g
       FROM area_proposals p
       JOIN areas s ON ST_Intersects(s.boundary, p.g)
         AND (s.parent_code = p.parent_code OR (s.parent_code IS NULL AND p.parent_code IS NULL))
         AND s.retired_at IS NULL AND s.code <> ALL($1::text[])
     ) q WHERE ST_Area(g::geography) >= $2 ORDER BY idx, other`,
    [excluded, SLIVER_TOLERANCE_M2],
  )
  for (const r of withLive.rows) noteOverlap(r.idx, r.other, r.m2, r.geom)
  const among = await tx.query<{ a: number; b: number; geom: string; m2: number }>(
    `SELECT a, b, ST_AsGeoJSON(g) AS geom, ST_Area(g::geography) AS m2 FROM (
       SELECT a.idx AS a, b.idx AS b, ST_CollectionExtract(ST_Intersection(a.g, b.g, ${OVERLAY_GRID}), 3) AS g
       FROM area_proposals a
       JOIN area_proposals b ON a.idx < b.idx AND ST_Intersects(a.g, b.g)
         AND (a.parent_code = b.parent_code OR (a.parent_code IS NULL AND b.parent_code IS NULL))
     ) q WHERE ST_Area(g::geography) >= $1 ORDER BY a, b`,
    [SLIVER_TOLERANCE_M2],
  )
  for (const r of among.rows) {
    noteOverlap(r.a, codeOf.get(r.b)!, r.m2, r.geom)
    noteOverlap(r.b, codeOf.get(r.a)!, r.m2, r.geom)
  }
  for (const [idx, list] of [...overlaps].sort((x, y) => x[0] - y[0])) {
    add(idx, {
      error: 'area.overlapsSibling', siblings: list.map((o) => o.code).join(', '),
      areaM2: m2(list.reduce((s, o) => s + o.areaM2, 0)), overlaps: list,
    })
  }

  const outside = await tx.query<{ idx: number; parent_code: string; geom: string; m2: number }>(
    `SELECT idx, parent_code, ST_AsGeoJSON(g) AS geom, ST_Area(g::geography) AS m2 FROM (
       SELECT p.idx, p.parent_code, ST_CollectionExtract(ST_Difference(p.g, par.g, ${OVERLAY_GRID}), 3) AS g
       FROM area_proposals p
       CROSS JOIN LATERAL (SELECT coalesce(
         (SELECT pp.g FROM area_proposals pp WHERE pp.code = p.parent_code),
         (SELECT a.boundary FROM areas a WHERE a.code = p.parent_code)) AS g) par
       WHERE par.g IS NOT NULL AND NOT ST_CoveredBy(p.g, par.g)
     ) q WHERE ST_Area(g::geography) >= $1 ORDER BY idx`,
    [SLIVER_TOLERANCE_M2],
  )
  for (const r of outside.rows) {
    add(r.idx, { error: 'area.outsideParent', parentCode: r.parent_code, areaM2: m2(r.m2), outside: JSON.parse(r.geom) })
  }

  const children = await tx.query<{ idx: number; code: string; geom: string; m2: number }>(
    `SELECT idx, code, ST_AsGeoJSON(g) AS geom, ST_Area(g::geography) AS m2 FROM (
       SELECT p.idx, c.code, ST_CollectionExtract(ST_Difference(c.boundary, p.g, ${OVERLAY_GRID}), 3) AS g
       FROM area_proposals p
       JOIN areas c ON c.parent_code = p.code AND c.retired_at IS NULL AND c.boundary IS NOT NULL
         AND c.code <> ALL($1::text[]) AND NOT ST_CoveredBy(c.boundary, p.g)
     ) q WHERE ST_Area(g::geography) >= $2 ORDER BY idx, code`,
    [excluded, SLIVER_TOLERANCE_M2],
  )
  const byParent = new Map<number, Array<{ code: string; areaM2: number; geometry: unknown }>>()
  for (const r of children.rows) {
    const list = byParent.get(r.idx) ?? []
    list.push({ code: r.code, areaM2: m2(r.m2), geometry: JSON.parse(r.geom) })
    byParent.set(r.idx, list)
  }
  for (const [idx, list] of byParent) {
    add(idx, {
      error: 'area.childrenOutside', children: list.map((c) => c.code).join(', '),
      areaM2: m2(list.reduce((s, c) => s + c.areaM2, 0)), outside: list,
    })
  }
  await tx.query('DROP TABLE IF EXISTS pg_temp.area_proposals')
  return problems.sort((a, b) => a.index - b.index)
}
