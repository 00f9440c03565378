/**
 * Cutting one vector tile (M5.1) from the in-memory snapshots (areas, business cells) and, at the
 * point zooms, from the businesses of the grids the tile touches. The layer contract is
 * tile-layers.ts.
 */
import type { Sql } from '../../db/connection.ts'
import { encodeTile, type Feature, type Layer } from './mvt.ts'
import type { AreaSnapshot, CellSnapshot } from './snapshots.ts'
import { polygonToTile, tileLngLatBox, tileWorldBox, toTile } from './tile-geometry.ts'
import {
  CLUSTER_GRID, GRIDS_MIN_ZOOM, POINTS_MIN_ZOOM, TILE_BUFFER, TILE_EXTENT,
  type AreaLabelProperties, type BusinessClusterProperties, type BusinessPointProperties, type DistrictProperties,
  type GridProperties, type StationProperties,
} from './tile-layers.ts'
import type { TileAddress } from './rules.ts'

export interface TileRequest extends TileAddress {
  /** the user's area scope (code prefix; '' = everything) */
  scope: string
  /** whether the user may read businesses (else no businesses layer) */
  businesses: boolean
}

const inScope = (scope: string, code: string) => code.startsWith(scope)

function areaLayers(t: TileRequest, snap: AreaSnapshot): Layer[] {
  const districts: Feature[] = []
  const stations: Feature[] = []
  const grids: Feature[] = []
  const labels: Feature[] = []
  const withGrids = t.z >= GRIDS_MIN_ZOOM
  if (snap.index) {
    const box = tileWorldBox(t.z, t.x, t.y, TILE_EXTENT, TILE_BUFFER)
    for (const i of snap.index.search(box.minX, box.minY, box.maxX, box.maxY)) {
      const a = snap.areas[i]
      if (!inScope(t.scope, a.code)) continue
      if (a.kind === 'grid' && !withGrids) continue
      const rings: number[][] = []
      for (const poly of a.polygons) rings.push(...polygonToTile(poly, t.z, t.x, t.y, TILE_EXTENT, TILE_BUFFER))
      if (rings.length === 0) continue
      if (a.kind === 'grid') {
        const properties: GridProperties = { code: a.code, parentCode: a.parentCode ?? '' }
        grids.push({ type: 'polygon', id: a.numericId, rings, properties: { ...properties } })
      } else {
        const properties: DistrictProperties | StationProperties = { code: a.code, name: a.name, level: a.level }
        ;(a.kind === 'district' ? districts : stations).push({ type: 'polygon', id: a.numericId, rings, properties: { ...properties } })
      }
    }
  }
  if (snap.labelIndex) {
    // Labels without buffer: each lands in exactly one tile.
    const box = tileWorldBox(t.z, t.x, t.y, TILE_EXTENT, 0)
    for (const i of snap.labelIndex.search(box.minX, box.minY, box.maxX, box.maxY)) {
      const a = snap.areas[i]
      if (!inScope(t.scope, a.code)) continue
      if (a.kind === 'grid' && !withGrids) continue
      const [px, py] = toTile(t.z, t.x, t.y, TILE_EXTENT, a.labelX, a.labelY)
      if (px < 0 || py < 0 || px >= TILE_EXTENT || py >= TILE_EXTENT) continue
      const properties: AreaLabelProperties = { code: a.code, name: a.name, level: a.level, kind: a.kind }
      labels.push({ type: 'point', id: a.numericId, point: [px, py], properties: { ...properties } })
    }
  }
  return [
    { name: 'districts', extent: TILE_EXTENT, features: districts },
    { name: 'stations', extent: TILE_EXTENT, features: stations },
    { name: 'grids', extent: TILE_EXTENT, features: grids },
    { name: 'area_labels', extent: TILE_EXTENT, features: labels },
  ]
}

/** Clusters: the scope's cells inside the tile, summed per CLUSTER_GRID² lattice square. */
function clusterFeatures(t: TileRequest, cells: CellSnapshot): Feature[] {
  if (!cells.index) return []
  const box = tileWorldBox(t.z, t.x, t.y, TILE_EXTENT, 0)
  const n = 2 ** t.z
  const step = TILE_EXTENT / CLUSTER_GRID
  const sums = new Map<number, { sx: number; sy: number; p: BusinessClusterProperties }>()
  for (const i of cells.index.search(box.minX, box.minY, box.maxX, box.maxY)) {
    if (!inScope(t.scope, cells.areaCode[i])) continue
    const px = (cells.x[i] * n - t.x) * TILE_EXTENT
    const py = (cells.y[i] * n - t.y) * TILE_EXTENT
    // The box test is inclusive on both sides; a cell on the far edge belongs to the next tile.
    if (px < 0 || py < 0 || px >= TILE_EXTENT || py >= TILE_EXTENT) continue
    const key = Math.floor(py / step) * CLUSTER_GRID + Math.floor(px / step)
    let s = sums.get(key)
    if (!s) sums.set(key, (s = { sx: 0, sy: 0, p: { cluster: true, count: 0, high: 0, higher: 0, general: 0, low: 0, unplaced: 0 } }))
    const c = cells.count[i]
    s.sx += px * c
    s.sy += py * c
    s.p.count += c
    s.p.high += cells.high[i]
    s.p.higher += cells.higher[i]
    s.p.general += cells.general[i]
    s.p.low += cells.low[i]
    s.p.unplaced += cells.unplaced[i]
  }
  const out: Feature[] = []
  for (const key of [...sums.keys()].sort((a, b) => a - b)) {
    const s = sums.get(key)!
    const x = Math.min(TILE_EXTENT - 1, Math.max(0, Math.round(s.sx / s.p.count)))
    const y = Math.min(TILE_EXTENT - 1, Math.max(0, Math.round(s.sy / s.p.count)))
    out.push({ type: 'point', point: [x, y], properties: { ...s.p } })
  }
  return out
}

/**
 * Points: the businesses of the in-scope grids whose box touches the tile (the area index of
 * `businesses` serves `area_code = ANY(…)`; a placed business's area code is its grid, 0201), plus
 * the scope's unplaced businesses that have a location in the tile. No spatial index on
 * `businesses.location` is needed (0201 dropped it for the import's sake).
 */
async function pointFeatures(sql: Sql, t: TileRequest, snap: AreaSnapshot): Promise<Feature[]> {
  const gridCodes: string[] = []
  if (snap.index) {
    const box = tileWorldBox(t.z, t.x, t.y, TILE_EXTENT, TILE_BUFFER)
    for (const i of snap.index.search(box.minX, box.minY, box.maxX, box.maxY)) {
      const a = snap.areas[i]
      if (a.kind === 'grid' && inScope(t.scope, a.code)) gridCodes.push(a.code)
    }
  }
  const ll = tileLngLatBox(t.z, t.x, t.y, TILE_EXTENT, TILE_BUFFER)
  const { rows } = await sql.query<{ id: number; name: string; risk_class: BusinessPointProperties['riskClass']; placed: boolean; lng: number; lat: number }>(
    `SELECT id, name, risk_class, true AS placed, ST_X(location) AS lng, ST_Y(location) AS lat
     FROM businesses
     WHERE area_code = ANY($5::text[]) AND grid_code IS NOT NULL AND location && ST_MakeEnvelope($1, $2, $3, $4, 4326)
     UNION ALL
     SELECT id, name, risk_class, false AS placed, ST_X(location) AS lng, ST_Y(location) AS lat
     FROM businesses
     WHERE grid_code IS NULL AND area_code LIKE $6 AND location && ST_MakeEnvelope($1, $2, $3, $4, 4326)
     ORDER BY id`,
    [ll.west, ll.south, ll.east, ll.north, gridCodes, t.scope + '%'],
  )
  const out: Feature[] = []
  const n = 2 ** t.z
  for (const r of rows) {
    const wx = (Number(r.lng) + 180) / 360
    const s = Math.sin((Number(r.lat) * Math.PI) / 180)
    const wy = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)
    const point: [number, number] = [Math.round((wx * n - t.x) * TILE_EXTENT), Math.round((wy * n - t.y) * TILE_EXTENT)]
    const properties: BusinessPointProperties = { cluster: false, id: r.id, name: r.name, riskClass: r.risk_class, placed: r.placed, count: 1 }
    out.push({ type: 'point', id: r.id, point, properties: { ...properties } })
  }
  return out
}

/** The tile's bytes. `cells` is needed below POINTS_MIN_ZOOM (when the user may read businesses). */
export async function buildTile(sql: Sql, t: TileRequest, areas: AreaSnapshot, cells: () => Promise<CellSnapshot>): Promise<Uint8Array> {
  const layers = areaLayers(t, areas)
  if (t.businesses) {
    const features = t.z >= POINTS_MIN_ZOOM ? await pointFeatures(sql, t, areas) : clusterFeatures(t, await cells())
    layers.push({ name: 'businesses', extent: TILE_EXTENT, features })
  }
  return encodeTile(layers)
}
