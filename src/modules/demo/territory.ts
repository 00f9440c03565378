/**
 * The demo territory: district 05 灞桥区 with its six stations and their grids (M1.1, M1.2), cut from
 * one lattice so that every level tiles the one above exactly (M1.3). Pure: same seed, same map.
 *
 * For a benchmark that asks for more grids than six stations can number (two digits per level:
 * at most 99 grids a station), further districts are grown around Baqiao, as in a city.
 */
import {
  cellsOf, growRegions, groupCells, Lattice, latticeSize, rasterise, shapeShare, spreadSeeds, toEwkt, traceOutline,
  type Bbox, type CellGroups, type Shape,
} from './lattice.ts'
import { BAQIAO_STATIONS, GENERIC_LANDMARKS, GENERIC_STREETS } from './names.ts'
import type { Random } from './prng.ts'

export const BAQIAO_CODE = '05'
/** Grids a station can number with two digits (M1.2). */
export const MAX_CHILDREN = 99
/** Average grids per station when a benchmark asks for a total, leaving room under the 99. */
const BENCH_GRIDS_PER_STATION = 90
const STATIONS_PER_BENCH_DISTRICT = 6

const BAQIAO_BBOX: Bbox = { west: 109.02, south: 34.22, east: 109.3, north: 34.42 }
const BAQIAO_SHAPE: Shape = {
  cx: 109.16, cy: 34.32, a: 0.118, b: 0.085,
  wobble: [[0.12, 3, 0.7], [0.08, 5, 2.1], [0.05, 8, 4.0]],
}
const CITY_BBOX: Bbox = { west: 108.56, south: 34.04, east: 109.44, north: 34.54 }
const CITY_SHAPE: Shape = { cx: 109.0, cy: 34.29, a: 0.4, b: 0.22, wobble: [[0.06, 3, 1.3], [0.04, 7, 0.4]] }

interface AreaPlan {
  code: string
  parentCode: string | null
  level: number
  name: string
  /** boundary as EWKT MultiPolygon, EPSG:4326 */
  ewkt: string
}

interface DistrictPlan extends AreaPlan {
  /** what addresses call the district: 灞桥区 */
  addressName: string
  stations: number[]
}

interface StationPlan extends AreaPlan {
  district: number
  short: string
  streets: string[]
  density: number
  grids: number[]
}

interface GridPlan extends AreaPlan {
  station: number
  landmark: string
  /** relative number of businesses */
  weight: number
}

export interface TerritoryPlan {
  lattice: Lattice
  districts: DistrictPlan[]
  stations: StationPlan[]
  grids: GridPlan[]
  /** the lattice cells of each grid, by grid index */
  gridCells: CellGroups
}

export interface TerritoryOptions {
  gridsPerStation: [number, number]
  /** when set, the grids of all stations add up to this and `gridsPerStation` is ignored */
  totalGrids?: number
}

const two = (n: number) => String(n).padStart(2, '0')

/** Builds the territory; throws on impossible sizes (checked by the caller first). */
export function planTerritory(opts: TerritoryOptions, rng: Random): TerritoryPlan {
  const bench = opts.totalGrids !== undefined
  const districtCount = bench ? Math.max(1, Math.ceil(opts.totalGrids! / (BENCH_GRIDS_PER_STATION * STATIONS_PER_BENCH_DISTRICT))) : 1
  // Baqiao's grid counts are drawn first in the demo, so that the lattice can be sized for them.
  const drawn = BAQIAO_STATIONS.map((_, s) => {
    const n = rng.int(opts.gridsPerStation[0], opts.gridsPerStation[1])
    // The demo accounts head050203 … need grid 050203.
    return s === 1 ? Math.max(n, 3) : n
  })
  const totalGrids = bench ? opts.totalGrids! : drawn.reduce((a, b) => a + b, 0)
  // Enough cells that a grid is a recognisable patch (tens of cells) and a benchmark stays quick.
  const cellsPerGrid = Math.min(40, Math.max(10, Math.round(150_000 / totalGrids)))
  const multi = districtCount > 1
  const bbox = multi ? CITY_BBOX : BAQIAO_BBOX
  const outer = multi ? CITY_SHAPE : BAQIAO_SHAPE
  const { nx, ny } = latticeSize(bbox, totalGrids * cellsPerGrid, shapeShare(outer, bbox))
  const lattice = new Lattice(bbox, nx, ny)
  const n = nx * ny

  // Districts: Baqiao's own shape, then (benchmark only) the rest of the city grown from spread seeds.
  const baqiaoMask = rasterise(lattice, BAQIAO_SHAPE)
  const codes = [BAQIAO_CODE]
  for (let k = 1, next = 1; k < districtCount; next++) {
    if (two(next) !== BAQIAO_CODE) {
      codes.push(two(next))
      k++
    }
  }
  codes.sort()
  const baqiaoIndex = codes.indexOf(BAQIAO_CODE)
  const districtOf = new Int32Array(n).fill(-1)
  for (let c = 0; c < n; c++) if (baqiaoMask[c]) districtOf[c] = baqiaoIndex
  if (multi) {
    const cityMask = rasterise(lattice, CITY_SHAPE)
    const rest = new Int32Array(n).fill(-1)
    const restCells: number[] = []
    for (let c = 0; c < n; c++) {
      if (cityMask[c] && !baqiaoMask[c]) {
        rest[c] = 0
        restCells.push(c)
      }
    }
    const others = codes.map((_, d) => d).filter((d) => d !== baqiaoIndex)
    const seeds = spreadSeeds(restCells, others.length, nx, rng)
    const labels = new Int32Array(n).fill(-1)
    growRegions(nx, ny, rest, 0, seeds, seeds.map(() => 1), rng, labels, 0)
    for (const c of restCells) {
      if (labels[c] < 0) throw new Error('a district cell was left unclaimed')
      districtOf[c] = others[labels[c]]
    }
  }
  const districtCells = groupCells(districtOf, codes.length)

  // Stations: Baqiao's six grow from their real neighbourhoods; benchmark districts get six each.
  const stations: Array<Omit<StationPlan, 'ewkt' | 'grids'>> = []
  const stationOf = new Int32Array(n).fill(-1)
  codes.forEach((code, d) => {
    const cells = cellsOf(districtCells, d)
    const base = stations.length
    let seeds: number[]
    let weights: number[]
    if (d === baqiaoIndex) {
      seeds = []
      for (const p of BAQIAO_STATIONS) seeds.push(nearestFree(lattice, cells, p.anchor, seeds))
      weights = BAQIAO_STATIONS.map((p) => p.growth)
      BAQIAO_STATIONS.forEach((p, s) => stations.push({
        code: code + two(s + 1), parentCode: code, level: 2, name: `${p.short}市场监督管理所`, district: d,
        short: p.short, streets: p.streets, density: p.density,
      }))
    } else {
      seeds = spreadSeeds(cells, STATIONS_PER_BENCH_DISTRICT, nx, rng)
      weights = seeds.map(() => 1)
      seeds.forEach((_, s) => stations.push({
        code: code + two(s + 1), parentCode: code, level: 2, name: `压测片区${code}第${two(s + 1)}市场监督管理所`,
        district: d, short: `压测${code}-${two(s + 1)}`, streets: GENERIC_STREETS, density: 1,
      }))
    }
    growRegions(nx, ny, districtOf, d, seeds, weights, rng, stationOf, base)
  })
  const stationCells = groupCells(stationOf, stations.length)
  for (let c = 0; c < n; c++) if (districtOf[c] >= 0 && stationOf[c] < 0) throw new Error('a station cell was left unclaimed')

  const stationSizes = stations.map((_, s) => cellsOf(stationCells, s).length)
  const gridCounts = bench
    ? allocate(totalGrids, stationSizes, stations.map((_, s) => Math.min(MAX_CHILDREN, stationSizes[s])),
        stations.map((st) => (st.code === '0502' ? 3 : 1)))
    : drawn
  for (let s = 0; s < stations.length; s++) {
    if (gridCounts[s] > stationSizes[s]) throw new Error(`station ${stations[s].code} is too small for ${gridCounts[s]} grids`)
  }

  // Grids: spread seeds, numbered in rows from north to south (serpentine), grown evenly.
  const grids: GridPlan[] = []
  const gridOf = new Int32Array(n).fill(-1)
  stations.forEach((st, s) => {
    const cells = cellsOf(stationCells, s)
    const k = gridCounts[s]
    const seeds = orderForNumbering(spreadSeeds(cells, k, nx, rng), nx, Math.max(1, Math.round(Math.sqrt(cells.length / k))))
    const base = grids.length
    growRegions(nx, ny, stationOf, s, seeds, seeds.map(() => 1), rng, gridOf, base)
    const profile = BAQIAO_STATIONS.find((p) => p.short === st.short)
    const landmarks = rng.shuffle(profile ? profile.landmarks : GENERIC_LANDMARKS)
    for (let g = 0; g < k; g++) {
      const round = Math.floor(g / landmarks.length)
      const landmark = landmarks[g % landmarks.length] + (round > 0 ? `${round + 1}区` : '')
      grids.push({
        code: st.code + two(g + 1), parentCode: st.code, level: 3, name: `${st.short}第${two(g + 1)}网格（${landmark}）`,
        station: s, landmark, weight: st.density * rng.range(0.5, 1.5), ewkt: '',
      })
    }
  })
  const gridCells = groupCells(gridOf, grids.length)

  const outline = (labels: Int32Array, groups: CellGroups, k: number) =>
    toEwkt(traceOutline(nx, ny, labels, k, cellsOf(groups, k)), lattice)
  grids.forEach((g, k) => (g.ewkt = outline(gridOf, gridCells, k)))
  const stationPlans: StationPlan[] = stations.map((st, s) => ({
    ...st, ewkt: outline(stationOf, stationCells, s), grids: grids.map((g, k) => (g.station === s ? k : -1)).filter((k) => k >= 0),
  }))
  const districts: DistrictPlan[] = codes.map((code, d) => ({
    code, parentCode: null, level: 1, name: d === baqiaoIndex ? '灞桥区' : `压测片区${code}`,
    addressName: d === baqiaoIndex ? '灞桥区' : `压测片区${code}`, ewkt: outline(districtOf, districtCells, d),
    stations: stationPlans.map((st, s) => (st.district === d ? s : -1)).filter((s) => s >= 0),
  }))
  return { lattice, districts, stations: stationPlans, grids, gridCells }
}

/** The free cell of `cells` nearest to a point (a station's seed near its real neighbourhood). */
function nearestFree(lattice: Lattice, cells: ArrayLike<number>, [lng, lat]: [number, number], taken: number[]): number {
  let best = -1
  let bestD = Infinity
  for (let p = 0; p < cells.length; p++) {
    const c = cells[p]
    if (taken.includes(c)) continue
    const [x, y] = lattice.center(c)
    const d = ((x - lng) / lattice.dx) ** 2 + ((y - lat) / lattice.dy) ** 2
    if (d < bestD) {
      bestD = d
      best = c
    }
  }
  return best
}

/** Seeds in reading order: bands of `band` rows from the north, alternating direction. */
function orderForNumbering(seeds: number[], nx: number, band: number): number[] {
  const key = (c: number) => {
    const i = c % nx
    const row = Math.floor(-((c - i) / nx) / band)
    return [row, row % 2 === 0 ? i : -i]
  }
  return seeds.slice().sort((a, b) => {
    const [ra, ia] = key(a)
    const [rb, ib] = key(b)
    return ra - rb || ia - ib || a - b
  })
}

/**
 * Splits `total` in proportion to `weights`, each share between `mins[k]` and `caps[k]`.
 */
export function allocate(total: number, weights: readonly number[], caps: readonly number[], mins: readonly number[]): number[] {
  const counts = mins.slice()
  let remaining = total - counts.reduce((a, b) => a + b, 0)
  if (remaining < 0 || caps.reduce((a, b) => a + b, 0) < total) throw new Error(`cannot split ${total} within the limits`)
  while (remaining > 0) {
    const open = counts.map((c, k) => (c < caps[k] ? k : -1)).filter((k) => k >= 0)
    const sum = open.reduce((a, k) => a + weights[k], 0)
    let gave = 0
    for (const k of open) {
      const add = Math.min(caps[k] - counts[k], Math.floor((remaining * weights[k]) / sum))
      counts[k] += add
      gave += add
    }
    if (gave === 0) {
      // Fewer left than open shares: one more to the share furthest below its proportion.
      const k = open.reduce((best, k) => (weights[k] / (counts[k] + 1) > weights[best] / (counts[best] + 1) ? k : best), open[0])
      counts[k]++
      gave = 1
    }
    remaining -= gave
  }
  return counts
}
