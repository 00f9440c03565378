/**
 * What the tiles are cut from, held in memory per database and data version:
 *
 * - the live areas, projected to Web Mercator once, with their label points (ST_PointOnSurface)
 *   and an R-tree (flatbush) of their boxes: a tile finds its areas without SQL;
 * - the business cells: businesses counted per (area code, CELL_DEGREES square), with their mean
 *   position and counts per risk class. Clusters of the low zooms are sums of cells, so a
 *   low-zoom tile never reads the million-row table. One aggregate over the table rebuilds the
 *   cells after businesses change (statement-level triggers cannot say which rows changed without
 *   transition tables, which would slow the import; see docs/decisions.md).
 *
 * Scope stays exact: a cell belongs to one area code, so a user's clusters count only businesses
 * whose area code starts with their scope.
 */
import Flatbush from 'flatbush'
import type { Sql } from '../../db/connection.ts'
import type { AreaKind } from './tile-layers.ts'
import { latToWorldY, lngToWorldX } from './tile-geometry.ts'

/** Cell size of the business aggregate (≈ 330 m north–south at 34°N). */
const CELL_DEGREES = 0.003

interface MapArea {
  code: string
  /** the code as a number, the MVT feature id */
  numericId: number
  name: string
  level: number
  parentCode: string | null
  kind: AreaKind
  /** polygons, each a list of rings (exterior first) as flat world coordinates */
  polygons: Float64Array[][]
  /** label point in world coordinates */
  labelX: number
  labelY: number
}

export interface AreaSnapshot {
  version: string
  areas: MapArea[]
  /** boxes of `areas`, same order */
  index: Flatbush | null
  /** indices of the labels, by label point */
  labelIndex: Flatbush | null
}

export interface CellSnapshot {
  version: string
  areaCode: string[]
  /** mean position of the cell's businesses, world coordinates */
  x: Float64Array
  y: Float64Array
  count: Int32Array
  high: Int32Array
  higher: Int32Array
  general: Int32Array
  low: Int32Array
  unplaced: Int32Array
  index: Flatbush | null
}

function kindOf(level: number, isGrid: boolean): AreaKind {
  if (isGrid) return 'grid'
  return level === 1 ? 'district' : 'station'
}

export async function loadAreas(sql: Sql, version: string): Promise<AreaSnapshot> {
  const { rows } = await sql.query<{
    code: string; name: string; level: number; parent_code: string | null; is_grid: boolean; geom: string; lx: number; ly: number
  }>(
    `SELECT a.code, a.name, a.level, a.parent_code, g.code IS NOT NULL AS is_grid,
       ST_AsGeoJSON(a.boundary, 7) AS geom, ST_X(p.pt) AS lx, ST_Y(p.pt) AS ly
     FROM areas a
     LEFT JOIN grids g ON g.code = a.code
     CROSS JOIN LATERAL (SELECT ST_PointOnSurface(a.boundary) AS pt) p
     WHERE a.retired_at IS NULL AND a.boundary IS NOT NULL AND NOT ST_IsEmpty(a.boundary)
     ORDER BY a.code`,
  )
  const areas: MapArea[] = []
  for (const r of rows) {
    const gj = JSON.parse(r.geom) as { type: string; coordinates: number[][][][] | number[][][] }
    const polys = (gj.type === 'Polygon' ? [gj.coordinates] : gj.coordinates) as number[][][][]
    const polygons = polys.map((rings) =>
      rings.map((ring) => {
        const out = new Float64Array(ring.length * 2)
        ring.forEach(([lng, lat], i) => {
          out[2 * i] = lngToWorldX(lng)
          out[2 * i + 1] = latToWorldY(lat)
        })
        return out
      }),
    )
    areas.push({
      code: r.code, numericId: Number(r.code), name: r.name, level: r.level, parentCode: r.parent_code,
      kind: kindOf(r.level, r.is_grid), polygons, labelX: lngToWorldX(r.lx), labelY: latToWorldY(r.ly),
    })
  }
  let index: Flatbush | null = null
  let labelIndex: Flatbush | null = null
  if (areas.length) {
    index = new Flatbush(areas.length)
    labelIndex = new Flatbush(areas.length)
    for (const a of areas) {
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
      for (const poly of a.polygons) {
        const ext = poly[0]
        for (let i = 0; i < ext.length; i += 2) {
          if (ext[i] < minX) minX = ext[i]
          if (ext[i] > maxX) maxX = ext[i]
          if (ext[i + 1] < minY) minY = ext[i + 1]
          if (ext[i + 1] > maxY) maxY = ext[i + 1]
        }
      }
      index.add(minX, minY, maxX, maxY)
      labelIndex.add(a.labelX, a.labelY, a.labelX, a.labelY)
    }
    index.finish()
    labelIndex.finish()
  }
  return { version, areas, index, labelIndex }
}

export async function loadCells(sql: Sql, version: string): Promise<CellSnapshot> {
  const { rows } = await sql.query<{
    area_code: string; x: number; y: number; n: number; high: number; higher: number; general: number; low: number; unplaced: number
  }>(
    `SELECT area_code, avg(ST_X(location)) AS x, avg(ST_Y(location)) AS y, count(*)::int AS n,
       count(*) FILTER (WHERE risk_class = 'high')::int AS high,
       count(*) FILTER (WHERE risk_class = 'higher')::int AS higher,
       count(*) FILTER (WHERE risk_class = 'general')::int AS general,
       count(*) FILTER (WHERE risk_class = 'low')::int AS low,
       count(*) FILTER (WHERE grid_code IS NULL)::int AS unplaced
     FROM businesses
     WHERE location IS NOT NULL
     GROUP BY area_code, floor(ST_X(location) / $1), floor(ST_Y(location) / $1)`,
    [CELL_DEGREES],
  )
  const n = rows.length
  const snap: CellSnapshot = {
    version, areaCode: new Array(n), x: new Float64Array(n), y: new Float64Array(n), count: new Int32Array(n),
    high: new Int32Array(n), higher: new Int32Array(n), general: new Int32Array(n), low: new Int32Array(n),
    unplaced: new Int32Array(n), index: n ? new Flatbush(n) : null,
  }
  rows.forEach((r, i) => {
    snap.areaCode[i] = r.area_code
    snap.x[i] = lngToWorldX(Number(r.x))
    snap.y[i] = latToWorldY(Number(r.y))
    snap.count[i] = r.n
    snap.high[i] = r.high
    snap.higher[i] = r.higher
    snap.general[i] = r.general
    snap.low[i] = r.low
    snap.unplaced[i] = r.unplaced
    snap.index!.add(snap.x[i], snap.y[i], snap.x[i], snap.y[i])
  })
  snap.index?.finish()
  return snap
}
