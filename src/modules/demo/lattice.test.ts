import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { growRegions, Lattice, neighbours, signedArea, spreadSeeds, traceOutline } from './lattice.ts'
import { Random } from './prng.ts'

/** Is every cell with `label` reachable from the first through 4-neighbours of the same label? */
function isConnected(labels: Int32Array, label: number, nx: number, ny: number): boolean {
  const cells = [...labels.keys()].filter((c) => labels[c] === label)
  if (cells.length === 0) return true
  const seen = new Set([cells[0]])
  const queue = [cells[0]]
  const around: number[] = []
  while (queue.length) {
    for (const n of neighbours(queue.pop()!, nx, ny, around)) {
      if (labels[n] === label && !seen.has(n)) {
        seen.add(n)
        queue.push(n)
      }
    }
  }
  return seen.size === cells.length
}

/** A random partition of a random blob on a small lattice. */
const partitions = fc.record({
  nx: fc.integer({ min: 3, max: 14 }),
  ny: fc.integer({ min: 3, max: 14 }),
  regions: fc.integer({ min: 1, max: 6 }),
  seed: fc.nat(),
}).map(({ nx, ny, regions, seed }) => {
  const rng = new Random(seed)
  const domain = new Int32Array(nx * ny)
  for (let c = 0; c < domain.length; c++) domain[c] = rng.chance(0.8) ? 1 : 0
  // The 4-connected piece around a random cell of the domain.
  const start = [...domain.keys()].find((c) => domain[c] === 1) ?? 0
  domain[start] = 1
  const piece = new Int32Array(nx * ny).fill(-1)
  growRegions(nx, ny, domain, 1, [start], [1], rng, piece, 0)
  const blob = new Int32Array(nx * ny)
  const cells: number[] = []
  for (let c = 0; c < blob.length; c++) {
    blob[c] = piece[c] === 0 ? 1 : 0
    if (blob[c]) cells.push(c)
  }
  const k = Math.min(regions, cells.length)
  const seeds = spreadSeeds(cells, k, nx, rng)
  const labels = new Int32Array(nx * ny).fill(-1)
  const sizes = growRegions(nx, ny, blob, 1, seeds, seeds.map(() => 1), rng, labels, 0)
  return { nx, ny, k, cells, labels, sizes }
})

describe('region growing', () => {
  it('claims every cell of a connected domain, in 4-connected regions', () => {
    fc.assert(fc.property(partitions, ({ nx, ny, k, cells, labels, sizes }) => {
      expect(cells.every((c) => labels[c] >= 0 && labels[c] < k)).toBe(true)
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(cells.length)
      for (let r = 0; r < k; r++) expect(isConnected(labels, r, nx, ny)).toBe(true)
    }))
  })
})

describe('outline tracing', () => {
  it('encloses exactly the cells of each region, one shell, rings that never touch themselves', () => {
    fc.assert(fc.property(partitions, ({ nx, ny, k, labels, sizes }) => {
      for (let r = 0; r < k; r++) {
        const cells = [...labels.keys()].filter((c) => labels[c] === r)
        const polygons = traceOutline(nx, ny, labels, r, cells)
        expect(polygons).toHaveLength(1)
        let twiceArea = 0
        for (const ring of polygons[0]) {
          expect(new Set(ring).size).toBe(ring.length)
          twiceArea += signedArea(ring, nx + 1)
        }
        expect(twiceArea).toBe(2 * sizes[r])
        // holes run clockwise
        for (const hole of polygons[0].slice(1)) expect(signedArea(hole, nx + 1)).toBeLessThan(0)
      }
    }))
  })

  it('keeps a hole that touches the shell at a corner as a separate ring', () => {
    // A ring of cells around (1,1) whose north-east corner cell (2,2) is missing:
    // the hole (1,1) touches the outside only at vertex (2,2).
    const nx = 3
    const ny = 3
    const labels = new Int32Array(9).fill(-1)
    for (const [i, j] of [[0, 0], [1, 0], [2, 0], [0, 1], [2, 1], [0, 2], [1, 2]]) labels[j * nx + i] = 0
    const cells = [...labels.keys()].filter((c) => labels[c] === 0)
    const [polygon] = traceOutline(nx, ny, labels, 0, cells)
    expect(polygon).toHaveLength(2)
    expect(signedArea(polygon[0], nx + 1)).toBe(2 * 8)
    expect(signedArea(polygon[1], nx + 1)).toBe(-2)
  })
})

describe('lattice', () => {
  it('puts a sampled point strictly inside its cell', () => {
    const lattice = new Lattice({ west: 109, south: 34, east: 109.1, north: 34.1 }, 10, 10)
    fc.assert(fc.property(fc.integer({ min: 0, max: 99 }), fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }), (cell, u, v) => {
        const [x, y] = lattice.pointIn(cell, u, v)
        const i = cell % 10
        const j = (cell - i) / 10
        const margin = 0.05 * lattice.dx
        expect(x).toBeGreaterThan(lattice.xs[i] + margin)
        expect(x).toBeLessThan(lattice.xs[i + 1] - margin)
        expect(y).toBeGreaterThan(lattice.ys[j] + margin)
        expect(y).toBeLessThan(lattice.ys[j + 1] - margin)
        expect(lattice.cellAt(x, y)).toBe(cell)
      }))
  })
})
