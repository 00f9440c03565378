/**
 * Web Mercator tile arithmetic and polygon clipping for the vector tiles. Pure.
 *
 * "World" coordinates here are Web Mercator scaled to [0, 1] (x east, y south), so that a tile
 * z/x/y covers [x, x+1] × [y, y+1] / 2^z and tile coordinates are (world · 2^z − x) · extent.
 */

const MAX_LAT = 85.0511287798066

export function lngToWorldX(lng: number): number {
  return (lng + 180) / 360
}

export function latToWorldY(lat: number): number {
  const l = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat))
  const s = Math.sin((l * Math.PI) / 180)
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)
}

function worldXToLng(x: number): number {
  return x * 360 - 180
}

function worldYToLat(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI
}

export interface TileBox {
  /** world coordinates of the tile's corners, widened by `buffer` tile units */
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/** The tile's box in world coordinates, widened by `buffer` units of `extent`. */
export function tileWorldBox(z: number, x: number, y: number, extent: number, buffer: number): TileBox {
  const n = 2 ** z
  const pad = buffer / extent
  return { minX: (x - pad) / n, minY: (y - pad) / n, maxX: (x + 1 + pad) / n, maxY: (y + 1 + pad) / n }
}

/** The tile's box in longitude/latitude (for SQL bounding-box filters). */
export function tileLngLatBox(z: number, x: number, y: number, extent: number, buffer: number) {
  const b = tileWorldBox(z, x, y, extent, buffer)
  return { west: worldXToLng(b.minX), east: worldXToLng(b.maxX), south: worldYToLat(b.maxY), north: worldYToLat(b.minY) }
}

/** Projects a world point into the tile's integer coordinates. */
export function toTile(z: number, x: number, y: number, extent: number, wx: number, wy: number): [number, number] {
  const n = 2 ** z
  return [Math.round((wx * n - x) * extent), Math.round((wy * n - y) * extent)]
}

/** Twice the signed area by the surveyor's formula (positive = clockwise with y down). */
function ringArea2(ring: number[]): number {
  let sum = 0
  const n = ring.length / 2
  for (let i = 0, j = n - 1; i < n; j = i++) sum += ring[2 * j] * ring[2 * i + 1] - ring[2 * i] * ring[2 * j + 1]
  return sum
}

function clipEdge(ring: number[], inside: (x: number, y: number) => boolean, cut: (ax: number, ay: number, bx: number, by: number) => [number, number]): number[] {
  const out: number[] = []
  const n = ring.length / 2
  if (n === 0) return out
  let px = ring[2 * (n - 1)]
  let py = ring[2 * (n - 1) + 1]
  let pin = inside(px, py)
  for (let i = 0; i < n; i++) {
    const x = ring[2 * i]
    const y = ring[2 * i + 1]
    const cin = inside(x, y)
    if (cin) {
      if (!pin) out.push(...cut(px, py, x, y))
      out.push(x, y)
    } else if (pin) out.push(...cut(px, py, x, y))
    px = x
    py = y
    pin = cin
  }
  return out
}

/**
 * Sutherland–Hodgman clipping of a ring (flat [x0, y0, x1, y1, …], no closing point) to the box
 * [lo, hi]². Clipping a concave ring may leave edges running along the box; the box lies in the
 * tile's buffer, outside what the map draws.
 */
function clipRing(ring: number[], lo: number, hi: number): number[] {
  let r = ring
  r = clipEdge(r, (x) => x >= lo, (ax, ay, bx, by) => [lo, ay + ((by - ay) * (lo - ax)) / (bx - ax)])
  r = clipEdge(r, (x) => x <= hi, (ax, ay, bx, by) => [hi, ay + ((by - ay) * (hi - ax)) / (bx - ax)])
  r = clipEdge(r, (_x, y) => y >= lo, (ax, ay, bx, by) => [ax + ((bx - ax) * (lo - ay)) / (by - ay), lo])
  r = clipEdge(r, (_x, y) => y <= hi, (ax, ay, bx, by) => [ax + ((bx - ax) * (hi - ay)) / (by - ay), hi])
  return r
}

/** Rounds to integers and drops repeated and collinear points (the tile's own simplification). */
function quantizeRing(ring: number[]): number[] {
  const out: number[] = []
  for (let i = 0; i < ring.length; i += 2) {
    const x = Math.round(ring[i])
    const y = Math.round(ring[i + 1])
    const m = out.length
    if (m >= 2 && out[m - 2] === x && out[m - 1] === y) continue
    if (m >= 4) {
      const ax = out[m - 4], ay = out[m - 3], bx = out[m - 2], by = out[m - 1]
      if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) === 0) {
        out[m - 2] = x
        out[m - 1] = y
        continue
      }
    }
    out.push(x, y)
  }
  // The ring closes on itself: drop a last point equal to the first.
  while (out.length >= 4 && out[out.length - 2] === out[0] && out[out.length - 1] === out[1]) out.length -= 2
  return out
}

/**
 * A polygon (world-coordinate rings: exterior first, then holes) as tile rings: projected,
 * clipped to the tile plus `buffer`, quantized, and wound the way MVT 2.1 wants. Rings that
 * collapse to nothing are dropped; a polygon whose exterior collapses is dropped whole.
 */
export function polygonToTile(rings: Float64Array[], z: number, x: number, y: number, extent: number, buffer: number): number[][] {
  const n = 2 ** z
  const out: number[][] = []
  for (let r = 0; r < rings.length; r++) {
    const world = rings[r]
    const projected: number[] = new Array(world.length)
    for (let i = 0; i < world.length; i += 2) {
      projected[i] = (world[i] * n - x) * extent
      projected[i + 1] = (world[i + 1] * n - y) * extent
    }
    const ring = quantizeRing(clipRing(projected, -buffer, extent + buffer))
    const area = ring.length >= 6 ? ringArea2(ring) : 0
    if (area === 0) {
      if (r === 0) return []
      continue
    }
    const exterior = r === 0
    if ((exterior && area < 0) || (!exterior && area > 0)) reverseRing(ring)
    out.push(ring)
  }
  return out
}

function reverseRing(ring: number[]) {
  for (let i = 0, j = ring.length - 2; i < j; i += 2, j -= 2) {
    const tx = ring[i], ty = ring[i + 1]
    ring[i] = ring[j]
    ring[i + 1] = ring[j + 1]
    ring[j] = tx
    ring[j + 1] = ty
  }
}
