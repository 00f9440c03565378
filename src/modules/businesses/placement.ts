/**
 * Placing businesses in grids (M2.2): a business belongs to the live grid whose boundary covers its
 * location; a point on a shared edge goes to the lowest grid code, so the answer is unique.
 */
import Flatbush from 'flatbush'
import type { Sql } from '../../db/connection.ts'

export interface ReplacementResult {
  /** businesses whose grid changed */
  moved: number
  /** businesses left in no grid */
  unplaced: number
}

/**
 * Re-places every business whose location lies in `regionGeoJson` (a GeoJSON geometry, EPSG:4326),
 * inside the caller's transaction. The areas capability calls it after a boundary change with the
 * union of the old and new boundaries, so only the affected businesses are touched.
 *
 * Businesses have no spatial index (0201: it slowed every import too much). A placed business lies
 * in its grid, so the candidates are the businesses of the areas, live or just retired, whose
 * boundary meets the region (found through businesses_area_idx, area_code = grid_code), plus the
 * unplaced ones inside the region's bounding box; the exact test then keeps those in the region.
 */
export async function replaceBusinessesWithin(tx: Sql, regionGeoJson: string): Promise<ReplacementResult> {
  const { rows } = await tx.query<{ moved: number; unplaced: number }>(
    `WITH region AS MATERIALIZED (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g),
     codes AS MATERIALIZED (
       SELECT coalesce(array_agg(a.code), '{}') AS c FROM areas a, region r WHERE ST_Intersects(a.boundary, r.g)
     ),
     candidates AS (
       SELECT b.id, b.grid_code, b.location FROM businesses b
       WHERE b.area_code = ANY ((SELECT c FROM codes)::text[]) AND b.grid_code IS NOT NULL
       UNION ALL
       SELECT b.id, b.grid_code, b.location FROM businesses b, region r
       WHERE b.grid_code IS NULL AND b.location && r.g
     ),
     affected AS (
       SELECT c.id, c.grid_code AS old_grid,
         (SELECT g.code FROM grids g WHERE ST_Covers(g.boundary, c.location) ORDER BY g.code LIMIT 1) AS new_grid
       FROM candidates c, region r
       WHERE c.location IS NOT NULL AND ST_Intersects(c.location, r.g)
     ),
     changed AS (
       UPDATE businesses b SET
         grid_code = a.new_grid,
         area_code = coalesce(a.new_grid, b.area_code),
         unplaced_reason = CASE WHEN a.new_grid IS NULL THEN 'outsideGrids' END,
         updated_at = now()
       FROM affected a
       WHERE b.id = a.id AND a.new_grid IS DISTINCT FROM a.old_grid
       RETURNING b.grid_code
     )
     SELECT count(*)::int AS moved, count(*) FILTER (WHERE grid_code IS NULL)::int AS unplaced FROM changed`,
    [regionGeoJson],
  )
  return rows[0]
}

/**
 * Bulk placement in JS (M2.2, Q5): an import of a million businesses places them here instead of a
 * PostGIS join, about 5× faster. Boundaries come from the database as WKB, so the coordinates are
 * the stored doubles, and the point-in-polygon test is PostGIS's own (the winding-number test of
 * its ST_Covers point shortcut, same arithmetic, exact-zero boundary test), so both answer alike.
 * The property test in placement.test.ts checks that against ST_Covers.
 *
 * Items are given in priority order (grids by code); `locate` answers the first item covering the
 * point, which is how "ties go to the lowest grid code" holds here.
 */
export class PolygonIndex {
  readonly codes: string[]
  private readonly coords: Float64Array
  /** vertex offset of each ring, one extra at the end */
  private readonly ringStart: Uint32Array
  /** ring offset of each polygon part (its exterior ring, then its holes), one extra at the end */
  private readonly partRingStart: Uint32Array
  private readonly itemOfPart: Uint32Array
  private readonly tree: Flatbush | null
  private readonly stack: Int32Array

  constructor(codes: string[], coords: Float64Array, ringStart: Uint32Array, partRingStart: Uint32Array, itemOfPart: Uint32Array) {
    this.codes = codes
    this.coords = coords
    this.ringStart = ringStart
    this.partRingStart = partRingStart
    this.itemOfPart = itemOfPart
    const parts = itemOfPart.length
    if (parts === 0) {
      this.tree = null
      this.stack = new Int32Array(0)
      return
    }
    const tree = new Flatbush(parts, 16)
    for (let p = 0; p < parts; p++) {
      const v0 = ringStart[partRingStart[p]]
      const v1 = ringStart[partRingStart[p] + 1] // the exterior ring bounds the part
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
      for (let v = v0; v < v1; v++) {
        const x = coords[2 * v], y = coords[2 * v + 1]
        if (x < minX) minX = x
        if (x > maxX) maxX = x
        if (y < minY) minY = y
        if (y > maxY) maxY = y
      }
      tree.add(minX, minY, maxX, maxY)
    }
    tree.finish()
    this.tree = tree
    // A depth-first walk keeps at most one node's children per level on the stack.
    this.stack = new Int32Array((tree._levelBounds.length + 1) * tree.nodeSize * 2 + 16)
  }

  /** Builds the index from (code, WKB Polygon or MultiPolygon) pairs, given in priority order. */
  static fromWkb(items: Array<{ code: string; wkb: Uint8Array }>): PolygonIndex {
    const xy: number[] = []
    const ringStart: number[] = [0]
    const partRingStart: number[] = [0]
    const itemOfPart: number[] = []
    items.forEach((item, i) => {
      const view = new DataView(item.wkb.buffer, item.wkb.byteOffset, item.wkb.byteLength)
      let pos = 0
      const readPolygon = () => {
        const le = view.getUint8(pos) === 1
        const type = view.getUint32(pos + 1, le) % 1000
        if (type !== 3) throw new Error(`expected a WKB polygon, got type ${type}`)
        const rings = view.getUint32(pos + 5, le)
        pos += 9
        for (let r = 0; r < rings; r++) {
          const n = view.getUint32(pos, le)
          pos += 4
          for (let k = 0; k < n; k++) {
            xy.push(view.getFloat64(pos, le), view.getFloat64(pos + 8, le))
            pos += 16
          }
          ringStart.push(xy.length / 2)
        }
        if (rings > 0) {
          partRingStart.push(ringStart.length - 1)
          itemOfPart.push(i)
        }
      }
      const le = view.getUint8(0) === 1
      const type = view.getUint32(1, le) % 1000
      if (type === 3) readPolygon()
      else if (type === 6) {
        const n = view.getUint32(5, le)
        pos = 9
        for (let k = 0; k < n; k++) readPolygon()
      } else throw new Error(`expected a WKB (multi)polygon, got type ${type}`)
    })
    return new PolygonIndex(items.map((x) => x.code), Float64Array.from(xy), Uint32Array.from(ringStart), Uint32Array.from(partRingStart), Uint32Array.from(itemOfPart))
  }

  get size(): number {
    return this.codes.length
  }

  /**
   * -1 outside the ring, 0 on it, 1 inside: Dan Sunday's winding number as PostGIS computes it
   * (lwgeom_itree.c / point_in_ring_rtree), so that a point exactly on an edge is "on" for both.
   */
  private ringSide(ring: number, x: number, y: number): number {
    const c = this.coords
    const end = this.ringStart[ring + 1] - 1
    let wn = 0
    for (let v = this.ringStart[ring]; v < end; v++) {
      const x1 = c[2 * v], y1 = c[2 * v + 1], x2 = c[2 * v + 2], y2 = c[2 * v + 3]
      if ((y < y1 && y < y2) || (y > y1 && y > y2)) continue
      if (x1 === x2 && y1 === y2) continue
      const side = (x2 - x1) * (y - y1) - (x - x1) * (y2 - y1)
      if (side === 0 && x >= (x1 < x2 ? x1 : x2) && x <= (x1 > x2 ? x1 : x2)) return 0
      if (y1 <= y && y < y2 && side > 0) wn++
      else if (y2 <= y && y < y1 && side < 0) wn--
    }
    return wn === 0 ? -1 : 1
  }

  /** True when the part covers the point (inside or on its boundary, like ST_Covers). */
  private partCovers(part: number, x: number, y: number): boolean {
    const r0 = this.partRingStart[part]
    const r1 = this.partRingStart[part + 1]
    const outer = this.ringSide(r0, x, y)
    if (outer <= 0) return outer === 0
    for (let r = r0 + 1; r < r1; r++) {
      const hole = this.ringSide(r, x, y)
      if (hole === 0) return true
      if (hole === 1) return false
    }
    return true
  }

  /** The first item (in priority order) covering the point, or -1. Allocates nothing. */
  locate(x: number, y: number): number {
    const tree = this.tree
    if (tree === null || !(x >= tree.minX && x <= tree.maxX && y >= tree.minY && y <= tree.maxY)) return -1
    const boxes = tree._boxes
    const indices = tree._indices
    const levelBounds = tree._levelBounds
    const nodeSize = tree.nodeSize
    const numItems4 = tree.numItems * 4
    const stack = this.stack
    let sp = 0
    let best = -1
    stack[sp++] = boxes.length - 4
    stack[sp++] = levelBounds.length - 1
    while (sp > 0) {
      const level = stack[--sp]
      const nodeIndex = stack[--sp]
      const end = Math.min(nodeIndex + nodeSize * 4, levelBounds[level])
      const isNode = nodeIndex >= numItems4
      for (let pos = nodeIndex; pos < end; pos += 4) {
        if (x < boxes[pos] || y < boxes[pos + 1] || x > boxes[pos + 2] || y > boxes[pos + 3]) continue
        const index = indices[pos >> 2]
        if (isNode) {
          stack[sp++] = index
          stack[sp++] = level - 1
        } else {
          const item = this.itemOfPart[index]
          if ((best === -1 || item < best) && this.partCovers(index, x, y)) best = item
        }
      }
    }
    return best
  }

  /** The code of the first item covering the point, or null. */
  codeAt(x: number, y: number): string | null {
    const i = this.locate(x, y)
    return i === -1 ? null : this.codes[i]
  }

  /** Places many points: `out[i]` is the item index for (xs[i], ys[i]) or -1; NaN means no location. */
  locateAll(xs: Float64Array, ys: Float64Array, out: Int32Array): void {
    for (let i = 0; i < xs.length; i++) out[i] = xs[i] === xs[i] ? this.locate(xs[i], ys[i]) : -1
  }
}

function asBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v
  // Some drivers hand bytea back as '\x…' text.
  if (typeof v === 'string' && v.startsWith('\\x')) return Buffer.from(v.slice(2), 'hex')
  throw new Error('expected bytea')
}

/** The live grids (view `grids`), lowest code first. */
export async function loadGridIndex(sql: Sql): Promise<PolygonIndex> {
  const { rows } = await sql.query<{ code: string; wkb: unknown }>(
    `SELECT code, ST_AsBinary(boundary) AS wkb FROM grids WHERE boundary IS NOT NULL AND NOT ST_IsEmpty(boundary) ORDER BY code`,
  )
  return PolygonIndex.fromWkb(rows.map((r) => ({ code: r.code, wkb: asBytes(r.wkb) })))
}

/**
 * Live areas above grid level, deepest first: the area responsible for a business that lies
 * outside every grid is the deepest of them covering its location.
 */
export async function loadAreaIndex(sql: Sql): Promise<PolygonIndex> {
  const { rows } = await sql.query<{ code: string; wkb: unknown }>(
    `SELECT a.code, ST_AsBinary(a.boundary) AS wkb FROM areas a
     WHERE a.retired_at IS NULL AND a.boundary IS NOT NULL AND NOT ST_IsEmpty(a.boundary)
       AND NOT EXISTS (SELECT 1 FROM grids g WHERE g.code = a.code)
     ORDER BY a.level DESC, a.code`,
  )
  return PolygonIndex.fromWkb(rows.map((r) => ({ code: r.code, wkb: asBytes(r.wkb) })))
}

/** The grid covering a point, as SQL sees it (single writes; bulk writes use PolygonIndex). */
export async function gridAt(sql: Sql, lng: number, lat: number): Promise<string | null> {
  const { rows } = await sql.query<{ code: string }>(
    `SELECT code FROM grids WHERE ST_Covers(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY code LIMIT 1`,
    [lng, lat],
  )
  return rows[0]?.code ?? null
}

/** The deepest live non-grid area covering a point, lowest code among equals, or null. */
export async function areaAt(sql: Sql, lng: number, lat: number): Promise<string | null> {
  const { rows } = await sql.query<{ code: string }>(
    `SELECT a.code FROM areas a
     WHERE a.retired_at IS NULL AND ST_Covers(a.boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326))
       AND NOT EXISTS (SELECT 1 FROM grids g WHERE g.code = a.code)
     ORDER BY a.level DESC, a.code LIMIT 1`,
    [lng, lat],
  )
  return rows[0]?.code ?? null
}
