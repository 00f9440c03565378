/**
 * The lattice the demo territory is cut from. Every area is a union of lattice cells and every
 * boundary is traced along cell edges, so that children tile their parent exactly (M1.3: no overlap,
 * no gap, coverage 100%) without any geometry library. Pure.
 *
 * A cell (i, j) spans vertices (i, j) … (i+1, j+1). Two choices keep GEOS exact on this data, and
 * both matter on PGlite, whose GEOS (wasm) cannot fall back from a failed floating-point overlay:
 * there ST_Difference(parent, union of children) silently returned no row for slanted (jittered)
 * edges and for decimal coordinates, so the coverage check saw nothing. Edges are axis-parallel and
 * every coordinate is a multiple of 2^-20° (≈ 0.1 m), exact in binary, so overlays compute exactly.
 */
import type { Random } from './prng.ts'

export interface Bbox {
  west: number
  south: number
  east: number
  north: number
}

/** Onto the 2^-20° grid: exact binary fractions, so differences and overlays of them stay exact. */
const snap = (x: number) => Math.round(x * 2 ** 20) / 2 ** 20

export class Lattice {
  /** x of vertex column i and y of vertex row j, on the 2^-20° grid (JS prints them so that they read back exactly) */
  readonly xs: Float64Array
  readonly ys: Float64Array
  readonly dx: number
  readonly dy: number

  constructor(readonly bbox: Bbox, readonly nx: number, readonly ny: number) {
    this.dx = (bbox.east - bbox.west) / nx
    this.dy = (bbox.north - bbox.south) / ny
    this.xs = new Float64Array(nx + 1).map((_, i) => snap(bbox.west + i * this.dx))
    this.ys = new Float64Array(ny + 1).map((_, j) => snap(bbox.south + j * this.dy))
  }

  get cellCount(): number {
    return this.nx * this.ny
  }

  /** The centre of a cell. */
  center(cell: number): [number, number] {
    const i = cell % this.nx
    const j = (cell - i) / this.nx
    return [this.bbox.west + (i + 0.5) * this.dx, this.bbox.south + (j + 0.5) * this.dy]
  }

  /** The cell that holds (lng, lat), or -1 outside the lattice. */
  cellAt(lng: number, lat: number): number {
    const i = Math.floor((lng - this.bbox.west) / this.dx)
    const j = Math.floor((lat - this.bbox.south) / this.dy)
    if (i < 0 || j < 0 || i >= this.nx || j >= this.ny) return -1
    return j * this.nx + i
  }

  /**
   * A point strictly inside a cell, `u` and `v` in [0, 1] mapped to the middle 80% of its width and
   * height: the point is covered by that cell's area only, so placement is unambiguous.
   */
  pointIn(cell: number, u: number, v: number): [number, number] {
    const i = cell % this.nx
    const j = (cell - i) / this.nx
    const s = 0.1 + 0.8 * u
    const t = 0.1 + 0.8 * v
    return [this.xs[i] + s * (this.xs[i + 1] - this.xs[i]), this.ys[j] + t * (this.ys[j + 1] - this.ys[j])]
  }
}

/** Four-neighbours of a cell inside the lattice. */
export function neighbours(cell: number, nx: number, ny: number, out: number[]): number[] {
  out.length = 0
  const i = cell % nx
  const j = (cell - i) / nx
  if (i > 0) out.push(cell - 1)
  if (i < nx - 1) out.push(cell + 1)
  if (j > 0) out.push(cell - nx)
  if (j < ny - 1) out.push(cell + nx)
  return out
}

/**
 * Grows one region per seed over the cells with `domain[c] === domainId`, writing `labelBase + k`
 * into `out` for the k-th seed's cells. Regions take turns (`weights[k]` cells per turn), each
 * claiming a random cell next to it, so that every region stays 4-connected (each new cell touches
 * one already claimed) and sizes stay near their weights. Returns each region's size. Every domain
 * cell reachable from a seed is claimed; `out` must be -1 on the domain beforehand.
 */
export function growRegions(
  nx: number, ny: number, domain: Int32Array, domainId: number, seeds: readonly number[], weights: readonly number[],
  rng: Random, out: Int32Array, labelBase: number,
): number[] {
  const frontiers: number[][] = seeds.map(() => [])
  const sizes = seeds.map(() => 1)
  const around: number[] = []
  seeds.forEach((s, k) => {
    if (domain[s] !== domainId || out[s] !== -1) throw new Error(`seed ${s} is not a free cell of the domain`)
    out[s] = labelBase + k
  })
  seeds.forEach((s, k) => {
    for (const n of neighbours(s, nx, ny, around)) if (domain[n] === domainId && out[n] === -1) frontiers[k].push(n)
  })
  let active = seeds.map((_, k) => k)
  while (active.length > 0) {
    const still: number[] = []
    for (const k of active) {
      const f = frontiers[k]
      let claimed = 0
      while (claimed < weights[k] && f.length > 0) {
        const at = Math.floor(rng.next() * f.length)
        const cell = f[at]
        f[at] = f[f.length - 1]
        f.pop()
        if (out[cell] !== -1) continue
        out[cell] = labelBase + k
        sizes[k]++
        claimed++
        for (const n of neighbours(cell, nx, ny, around)) if (domain[n] === domainId && out[n] === -1) f.push(n)
      }
      if (f.length > 0) still.push(k)
    }
    active = still
  }
  return sizes
}

/**
 * `k` cells spread over `cells` (farthest-point sampling from a random start), as seeds for regions
 * of similar size.
 */
export function spreadSeeds(cells: ArrayLike<number>, k: number, nx: number, rng: Random): number[] {
  if (k > cells.length) throw new Error(`cannot place ${k} seeds in ${cells.length} cells`)
  const n = cells.length
  const ci = new Float64Array(n)
  const cj = new Float64Array(n)
  for (let p = 0; p < n; p++) {
    ci[p] = cells[p] % nx
    cj[p] = (cells[p] - ci[p]) / nx
  }
  const best = new Float64Array(n).fill(Infinity)
  const seeds: number[] = []
  let next = Math.floor(rng.next() * n)
  for (let s = 0; s < k; s++) {
    seeds.push(cells[next])
    const x = ci[next]
    const y = cj[next]
    let far = 0
    let farAt = 0
    for (let p = 0; p < n; p++) {
      const d = (ci[p] - x) ** 2 + (cj[p] - y) ** 2
      if (d < best[p]) best[p] = d
      if (best[p] > far) {
        far = best[p]
        farAt = p
      }
    }
    next = farAt
  }
  return seeds
}

/** Cells grouped by label 0..n-1: the cells of label k are `cells[offsets[k] .. offsets[k+1])`. */
export interface CellGroups {
  offsets: Int32Array
  cells: Int32Array
}

export function groupCells(labels: Int32Array, n: number): CellGroups {
  const offsets = new Int32Array(n + 1)
  for (let c = 0; c < labels.length; c++) if (labels[c] >= 0) offsets[labels[c] + 1]++
  for (let k = 0; k < n; k++) offsets[k + 1] += offsets[k]
  const fill = offsets.slice(0, n)
  const cells = new Int32Array(offsets[n])
  for (let c = 0; c < labels.length; c++) if (labels[c] >= 0) cells[fill[labels[c]]++] = c
  return { offsets, cells }
}

export function cellsOf(groups: CellGroups, k: number): Int32Array {
  return groups.cells.subarray(groups.offsets[k], groups.offsets[k + 1])
}

/** A polygon as rings of vertex ids (shell first, then holes); a closing vertex is not repeated. */
export type VertexPolygon = number[][]

// Directions: 0 east, 1 north, 2 west, 3 south; a boundary edge keeps its cell on the left.
/**
 * The outline of the cells with `labels[c] === label` (listed in `cells`) as polygons of lattice
 * vertex ids. Every lattice vertex on the way is kept, straight runs included: neighbours and
 * parents then share identical vertices, and GEOS overlays them without T-junctions (with T-junctions,
 * ST_Difference failed in PGlite just as with slanted edges). Where two cells of the set touch only at a corner, the trace turns right, i.e. keeps
 * the set connected through the corner and the outside apart: for a 4-connected set this gives one
 * shell that never touches itself, and holes that touch it at most at a point (valid OGC rings).
 */
export function traceOutline(nx: number, ny: number, labels: Int32Array, label: number, cells: ArrayLike<number>): VertexPolygon[] {
  const vx = nx + 1
  const inSet = (i: number, j: number) => i >= 0 && j >= 0 && i < nx && j < ny && labels[j * nx + i] === label
  const from: number[] = []
  const dirs: number[] = []
  const outgoing = new Map<number, number[]>()
  const add = (v: number, dir: number) => {
    const e = from.length
    from.push(v)
    dirs.push(dir)
    const list = outgoing.get(v)
    if (list) list.push(e)
    else outgoing.set(v, [e])
  }
  for (let p = 0; p < cells.length; p++) {
    const c = cells[p]
    const i = c % nx
    const j = (c - i) / nx
    if (!inSet(i, j - 1)) add(j * vx + i, 0)
    if (!inSet(i + 1, j)) add(j * vx + i + 1, 1)
    if (!inSet(i, j + 1)) add((j + 1) * vx + i + 1, 2)
    if (!inSet(i - 1, j)) add((j + 1) * vx + i, 3)
  }
  const step = [1, vx, -1, -vx]
  const used = new Uint8Array(from.length)
  const shells: number[][] = []
  const holes: Array<{ ring: number[]; probe: [number, number] }> = []
  for (let e0 = 0; e0 < from.length; e0++) {
    if (used[e0]) continue
    const ring: number[] = []
    let e = e0
    for (;;) {
      used[e] = 1
      ring.push(from[e])
      const v = from[e] + step[dirs[e]]
      const d = dirs[e]
      const options = outgoing.get(v)!
      let chosen = -1
      for (const want of [(d + 3) % 4, d, (d + 1) % 4]) {
        chosen = options.find((o) => dirs[o] === want) ?? -1
        if (chosen >= 0) break
      }
      if (chosen === e0) break
      if (chosen < 0 || used[chosen]) throw new Error('outline trace lost its way')
      e = chosen
    }
    if (signedArea(ring, vx) > 0) shells.push(ring)
    else holes.push({ ring, probe: rightCellCentre(from[e0], dirs[e0], vx) })
  }
  const polygons: VertexPolygon[] = shells.map((s) => [s])
  if (holes.length > 0) {
    const areas = shells.map((s) => signedArea(s, vx))
    for (const h of holes) {
      let best = -1
      for (let s = 0; s < shells.length; s++) {
        if (containsPoint(shells[s], vx, h.probe) && (best < 0 || areas[s] < areas[best])) best = s
      }
      if (best < 0) throw new Error('a hole outside every shell')
      polygons[best].push(h.ring)
    }
  }
  return polygons
}

/** Twice the signed area of a ring of vertex ids, in cell units: positive counter-clockwise. */
export function signedArea(ring: readonly number[], vx: number): number {
  let sum = 0
  for (let k = 0; k < ring.length; k++) {
    const a = ring[k]
    const b = ring[(k + 1) % ring.length]
    const ai = a % vx
    const bi = b % vx
    sum += ai * ((b - bi) / vx) - bi * ((a - ai) / vx)
  }
  return sum
}

/** The centre of the cell to the right of an edge: inside the hole, for a hole's edge. */
function rightCellCentre(v: number, dir: number, vx: number): [number, number] {
  const i = v % vx
  const j = (v - i) / vx
  const cell: Array<[number, number]> = [[i, j - 1], [i, j], [i - 1, j], [i - 1, j - 1]]
  const [ci, cj] = cell[dir]
  return [ci + 0.5, cj + 0.5]
}

/** Ray casting; the probe sits on half-integers, so it never meets a vertex or an edge. */
function containsPoint(ring: readonly number[], vx: number, [px, py]: [number, number]): boolean {
  let inside = false
  for (let k = 0; k < ring.length; k++) {
    const a = ring[k]
    const b = ring[(k + 1) % ring.length]
    const ax = a % vx
    const ay = (a - ax) / vx
    const bx = b % vx
    const by = (b - bx) / vx
    if (ay > py !== by > py && px < ax + ((py - ay) * (bx - ax)) / (by - ay)) inside = !inside
  }
  return inside
}

/** EWKT of a MultiPolygon in EPSG:4326 from vertex-id polygons. */
export function toEwkt(polygons: readonly VertexPolygon[], lattice: Lattice): string {
  const vx = lattice.nx + 1
  const ring = (r: readonly number[]) => {
    const pts = r.map((v) => `${lattice.xs[v % vx]} ${lattice.ys[Math.floor(v / vx)]}`)
    pts.push(pts[0])
    return `(${pts.join(',')})`
  }
  return `SRID=4326;MULTIPOLYGON(${polygons.map((p) => `(${p.map(ring).join(',')})`).join(',')})`
}

export interface Shape {
  /** centre (lng, lat) and semi-axes in degrees */
  cx: number
  cy: number
  a: number
  b: number
  /** [amplitude, frequency, phase] of the wobbles of the radius */
  wobble: ReadonlyArray<readonly [number, number, number]>
}

/** True when (lng, lat) lies in the wobbly ellipse. */
function insideShape(s: Shape, lng: number, lat: number): boolean {
  const x = (lng - s.cx) / s.a
  const y = (lat - s.cy) / s.b
  const theta = Math.atan2(y, x)
  let r = 1
  for (const [amp, freq, phase] of s.wobble) r += amp * Math.sin(freq * theta + phase)
  return Math.hypot(x, y) <= r
}

/** Share of the bounding box the shape covers, measured on a fixed sample. */
export function shapeShare(s: Shape, bbox: Bbox, samples = 200): number {
  let hit = 0
  for (let j = 0; j < samples; j++) {
    for (let i = 0; i < samples; i++) {
      const lng = bbox.west + ((i + 0.5) / samples) * (bbox.east - bbox.west)
      const lat = bbox.south + ((j + 0.5) / samples) * (bbox.north - bbox.south)
      if (insideShape(s, lng, lat)) hit++
    }
  }
  return hit / (samples * samples)
}

/**
 * Lattice dimensions that put about `cells` cells inside a shape covering `share` of the box, with
 * cells roughly square on the ground (a degree of longitude is shorter than one of latitude).
 */
export function latticeSize(bbox: Bbox, cells: number, share: number): { nx: number; ny: number } {
  const midLat = ((bbox.south + bbox.north) / 2) * (Math.PI / 180)
  const widthKm = (bbox.east - bbox.west) * 111.32 * Math.cos(midLat)
  const heightKm = (bbox.north - bbox.south) * 110.95
  const total = cells / share
  const ny = Math.max(2, Math.round(Math.sqrt((total * heightKm) / widthKm)))
  const nx = Math.max(2, Math.round(total / ny))
  return { nx, ny }
}

/**
 * Marks the cells whose centre lies in the shape, keeps the 4-connected piece holding the cell at
 * the shape's centre and fills any holes, so that the territory is one piece without holes.
 */
export function rasterise(lattice: Lattice, shape: Shape): Uint8Array {
  const { nx, ny } = lattice
  const raw = new Uint8Array(nx * ny)
  for (let c = 0; c < raw.length; c++) {
    const [lng, lat] = lattice.center(c)
    if (insideShape(shape, lng, lat)) raw[c] = 1
  }
  const start = lattice.cellAt(shape.cx, shape.cy)
  if (start < 0 || !raw[start]) throw new Error('the shape does not hold its own centre')
  const keep = flood(nx, ny, [start], (c) => raw[c] === 1)
  // Cells outside the shape that the outside cannot reach are holes: fill them.
  const border: number[] = []
  for (let c = 0; c < keep.length; c++) {
    const i = c % nx
    const j = (c - i) / nx
    if (!keep[c] && (i === 0 || j === 0 || i === nx - 1 || j === ny - 1)) border.push(c)
  }
  const outside = flood(nx, ny, border, (c) => !keep[c])
  const mask = new Uint8Array(nx * ny)
  for (let c = 0; c < mask.length; c++) mask[c] = outside[c] ? 0 : 1
  return mask
}

function flood(nx: number, ny: number, starts: number[], passable: (c: number) => boolean): Uint8Array {
  const seen = new Uint8Array(nx * ny)
  const queue = new Int32Array(nx * ny)
  let head = 0
  let tail = 0
  for (const s of starts) {
    if (!seen[s] && passable(s)) {
      seen[s] = 1
      queue[tail++] = s
    }
  }
  const around: number[] = []
  while (head < tail) {
    const c = queue[head++]
    for (const n of neighbours(c, nx, ny, around)) {
      if (!seen[n] && passable(n)) {
        seen[n] = 1
        queue[tail++] = n
      }
    }
  }
  return seen
}
