/**
 * The vector-tile contract of the electronic map (M5.1): URL, zooms, layer names and every property.
 * The web map is written against this file; the server builds its tiles from it (tiles.ts) and
 * the tests decode tiles and compare them with it. Change both sides together.
 *
 *   GET /api/map/tiles/{z}/{x}/{y}
 *     → 200 application/vnd.mapbox-vector-tile (MVT 2.1, extent 4096, not compressed), ETag,
 *       Cache-Control: private, no-cache (revalidate: 304 when nothing changed)
 *     → 400 map.tileOutOfRange when z is not an integer 0–20 or x, y not integers 0 … 2^z − 1
 *     → 401 / 403 without a session or without `area.read`
 *
 * Scope (Q3): every layer holds only areas and businesses whose code starts with the user's scope;
 * a grid head of 050203 gets grid 050203 and its businesses and nothing of any other area (not even
 * the station or district outline around it). Without `business.read` there is no `businesses` layer.
 * An empty tile is a valid tile of zero bytes; a layer with no feature in the tile is left out.
 *
 * Feature ids: areas carry the code read as a decimal number (050203 → 50203; unique, since no code
 * pair is 00), so `promoteId` is not needed; business points carry the business id; clusters none.
 */

export const TILE_URL = '/api/map/tiles/{z}/{x}/{y}'
export const TILE_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile'
export const TILE_EXTENT = 4096
/** Tile units around the tile that polygons and business points reach into (not labels, not clusters). */
export const TILE_BUFFER = 64
export const MIN_ZOOM = 0
export const MAX_ZOOM = 20
/** From this zoom on the `grids` layer and grid labels are in the tiles: below it a grid is a few pixels, and a zoom-10 tile over a 10,000-grid city would pass 500 KB (bench/tiles.ts). */
export const GRIDS_MIN_ZOOM = 10
/** From this zoom on `businesses` holds one point per business; below it, clusters. */
export const POINTS_MIN_ZOOM = 15
/** Clusters are formed on a CLUSTER_GRID × CLUSTER_GRID lattice of each tile (at most that many per tile). */
export const CLUSTER_GRID = 16

export type AreaKind = 'district' | 'station' | 'grid'
type RiskClass = 'high' | 'higher' | 'general' | 'low'

/** `districts`: polygons of the top-level areas (level 1). */
export interface DistrictProperties {
  code: string
  name: string
  /** the area level: 1 */
  level: number
}

/** `stations`: polygons of the areas between district and grid (level 2 in both profiles). */
export interface StationProperties {
  code: string
  name: string
  level: number
}

/** `grids`: polygons of the live grids (deepest level of their profile), from GRIDS_MIN_ZOOM. */
export interface GridProperties {
  code: string
  // No name: `area_labels` carries it once per grid; repeating 10,000 names in a zoom-10 tile of a
  // whole city made it too heavy.
  /** the station (or other parent) the grid belongs to */
  parentCode: string
}

/**
 * `area_labels`: one point per live area, precomputed with ST_PointOnSurface (always inside the
 * area), and written only into the one tile that contains it, so a label never repeats per tile.
 * Grid labels from GRIDS_MIN_ZOOM.
 */
export interface AreaLabelProperties {
  code: string
  name: string
  level: number
  kind: AreaKind
}

/** `businesses` from POINTS_MIN_ZOOM: one point per business that has a location. */
export interface BusinessPointProperties {
  cluster: false
  id: number
  name: string
  riskClass: RiskClass
  /** false when no grid holds the business (outside every grid); such points still show */
  placed: boolean
  count: 1
}

/**
 * `businesses` below POINTS_MIN_ZOOM: clusters, at most CLUSTER_GRID² per tile, each at the mean
 * position of the businesses it counts, written only into the tile that contains it. The counts are
 * of businesses with a location inside the user's scope; `high + higher + general + low = count`.
 */
export interface BusinessClusterProperties {
  cluster: true
  count: number
  high: number
  higher: number
  general: number
  low: number
  /** of `count`, the businesses that no grid holds */
  unplaced: number
}

/** Layer names, geometry, zooms and property names, as served. */
export const TILE_LAYERS = {
  districts: { geometry: 'Polygon', minzoom: MIN_ZOOM, properties: ['code', 'name', 'level'] },
  stations: { geometry: 'Polygon', minzoom: MIN_ZOOM, properties: ['code', 'name', 'level'] },
  grids: { geometry: 'Polygon', minzoom: GRIDS_MIN_ZOOM, properties: ['code', 'parentCode'] },
  area_labels: { geometry: 'Point', minzoom: MIN_ZOOM, properties: ['code', 'name', 'level', 'kind'] },
  businesses: {
    geometry: 'Point',
    minzoom: MIN_ZOOM,
    /** points (z ≥ POINTS_MIN_ZOOM) */
    properties: ['cluster', 'id', 'name', 'riskClass', 'placed', 'count'],
    /** clusters (z < POINTS_MIN_ZOOM) */
    clusterProperties: ['cluster', 'count', 'high', 'higher', 'general', 'low', 'unplaced'],
    permission: 'business.read',
  },
} as const
