/**
 * Which vector tiles cover an area (issue 15 §3: the map of the user's grids kept on the phone).
 * Pure: the field app asks it which tiles to keep, and its browser test and the field bench ask it
 * how many there should be.
 */
import { latToWorldY, lngToWorldX } from './tile-geometry.ts'
import type { TileAddress } from './rules.ts'

/** [west, south, east, north] in degrees */
export type LngLatBox = [number, number, number, number]

/** The zooms a phone keeps: 12 shows a station's worth of grids, 16 the deepest the server cuts for the map (layers.ts). */
const KEPT_MIN_ZOOM = 12
const KEPT_MAX_ZOOM = 16
/** At most this many tiles on a phone: a grid needs about 30; a station chief's dozen grids stay well under. */
export const KEPT_MAX_TILES = 300

/** The tiles of zoom `z` that `box` touches, row by row. */
export function tilesOfZoom(box: LngLatBox, z: number): TileAddress[] {
  const n = 2 ** z
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v * n)))
  const [x0, x1] = [clamp(lngToWorldX(box[0])), clamp(lngToWorldX(box[2]))]
  // World y grows southwards: the north edge has the smaller row.
  const [y0, y1] = [clamp(latToWorldY(box[3])), clamp(latToWorldY(box[1]))]
  const out: TileAddress[] = []
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) out.push({ z, x, y })
  return out
}

/**
 * The tiles of zooms `minZoom`…`maxZoom` that cover `box`, shallow zooms first, with whole zooms
 * only: when the next zoom would pass `cap`, it and the deeper ones are left out, since a zoom kept
 * in part would show holes with no signal, while a missing deeper zoom is drawn from the deepest
 * one kept (the map's source stops there and magnifies).
 */
export function tilesCovering(box: LngLatBox, minZoom = KEPT_MIN_ZOOM, maxZoom = KEPT_MAX_ZOOM, cap = KEPT_MAX_TILES): TileAddress[] {
  const out: TileAddress[] = []
  for (let z = minZoom; z <= maxZoom; z++) {
    const level = tilesOfZoom(box, z)
    if (out.length + level.length > cap) break
    out.push(...level)
  }
  return out
}

export const tileKey = (t: TileAddress) => `${t.z}/${t.x}/${t.y}`

/** The box around GeoJSON geometries (null when they have no coordinates). */
export function boxOf(geometries: Array<{ coordinates?: unknown } | null | undefined>): LngLatBox | null {
  let box: LngLatBox | null = null
  const visit = (c: unknown) => {
    if (!Array.isArray(c)) return
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number]
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y]
      return
    }
    for (const item of c) visit(item)
  }
  for (const g of geometries) visit(g?.coordinates)
  return box
}

/**
 * How long a phone trusts its kept tiles without asking. A tile's ETag follows the installation's
 * data versions (versions.ts): any business saved anywhere changes every tile's, so asking at each
 * sync would fetch a grid's tiles again many times a day. The field map draws businesses and the
 * own grids' outline from the phone's own tables and takes only areas and labels from the tiles,
 * which change with the boundaries.
 */
export const KEPT_TILES_FRESH_MS = 24 * 60 * 60 * 1000

/** What the phone noted after its last complete tile refresh. */
export interface KeptTilesMark {
  /** when it ended (ms since the epoch) */
  at: number
  /** the own grids' `code@version`, sorted, comma-joined (`gridsSignature`) */
  grids: string
}

export const gridsSignature = (grids: Array<{ code: string; version: number }>) => grids.map((g) => `${g.code}@${g.version}`).sort().join(',')

/**
 * Whether the kept tiles must be asked for again: some are missing, or the own grids' boundaries
 * changed since they were fetched, or they are a day old.
 */
export function tilesNeedRefresh(complete: boolean, mark: KeptTilesMark | null, signature: string, now: number): boolean {
  return !complete || !mark || mark.grids !== signature || now - mark.at >= KEPT_TILES_FRESH_MS || now < mark.at
}
