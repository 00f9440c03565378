import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree } from '../../../test/factories.ts'
import { areaAt, gridAt, loadAreaIndex, loadGridIndex, PolygonIndex } from './placement.ts'

const { db } = await setupTestApp()
await seedSmallTree(db)

// A jittered 6×6 lattice over 0.3° × 0.3°: 25 quadrilateral cells sharing their edges exactly (the
// same doubles), some edges axis-aligned and some slanted; one cell has a hole filled by another
// shape, and one shape is a MultiPolygon overlapping other cells (ties go to the lowest code).
const N = 6
const X0 = 109, Y0 = 34, STEP = 0.06
let seed = 7
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
const P: Array<Array<[number, number]>> = []
for (let i = 0; i < N; i++) {
  P.push([])
  for (let j = 0; j < N; j++) {
    const inner = i > 0 && j > 0 && i < N - 1 && j < N - 1
    const jx = inner && j % 2 === 1 ? (rand() - 0.5) * STEP * 0.4 : 0
    const jy = inner && i % 2 === 1 ? (rand() - 0.5) * STEP * 0.4 : 0
    P[i].push([X0 + i * STEP + jx, Y0 + j * STEP + jy])
  }
}
const ring = (pts: Array<[number, number]>) => '(' + [...pts, pts[0]].map(([x, y]) => `${x} ${y}`).join(',') + ')'
const cell = (i: number, j: number) => [P[i][j], P[i + 1][j], P[i + 1][j + 1], P[i][j + 1]] as Array<[number, number]>
const hole: Array<[number, number]> = [[X0 + 2.3 * STEP, Y0 + 2.3 * STEP], [X0 + 2.7 * STEP, Y0 + 2.3 * STEP], [X0 + 2.5 * STEP, Y0 + 2.7 * STEP]]
const shapes: Array<{ code: string; wkt: string }> = []
for (let i = 0; i < N - 1; i++) {
  for (let j = 0; j < N - 1; j++) {
    const code = `c${i}${j}`
    const wkt = i === 2 && j === 2 ? `POLYGON(${ring(cell(i, j))},${ring([...hole].reverse())})` : `POLYGON(${ring(cell(i, j))})`
    shapes.push({ code, wkt })
  }
}
shapes.push({ code: 'b_hole', wkt: `POLYGON(${ring(hole)})` })
shapes.push({ code: 'a_multi', wkt: `MULTIPOLYGON((${ring(cell(0, 0))}),(${ring(cell(4, 4))}))` })

await db.exec('CREATE TABLE placement_shapes (code text PRIMARY KEY, g geometry)')
for (const s of shapes) await db.query('INSERT INTO placement_shapes VALUES ($1, ST_GeomFromText($2, 4326))', [s.code, s.wkt])
const { rows: wkbRows } = await db.query<{ code: string; wkb: Uint8Array }>('SELECT code, ST_AsBinary(g) AS wkb FROM placement_shapes ORDER BY code')
const index = PolygonIndex.fromWkb(wkbRows)

async function postgisAnswers(xs: number[], ys: number[], table = 'placement_shapes', geom = 'g'): Promise<Array<string | null>> {
  const { rows } = await db.query<{ i: number; code: string | null }>(
    `SELECT t.i::int AS i, (SELECT s.code FROM ${table} s WHERE ST_Covers(s.${geom}, ST_SetSRID(ST_MakePoint(t.x, t.y), 4326)) ORDER BY s.code LIMIT 1) AS code
     FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(x, y, i) ORDER BY t.i`,
    [xs, ys],
  )
  return rows.map((r) => r.code)
}

// Points anywhere around the lattice, exactly on its vertices, and on its edges (P + t·(Q − P)).
const anywhere = fc.tuple(fc.double({ min: X0 - 0.02, max: X0 + 0.32, noNaN: true }), fc.double({ min: Y0 - 0.02, max: Y0 + 0.32, noNaN: true }))
const vertex = fc.tuple(fc.nat(N - 1), fc.nat(N - 1)).map(([i, j]) => P[i][j])
const onEdge = fc.tuple(fc.nat(N - 2), fc.nat(N - 1), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })).map(([i, j, vertical, t]) => {
  const [a, b] = vertical ? [P[j][i], P[j][i + 1]] : [P[i][j], P[i + 1][j]]
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] as [number, number]
})
const holeEdge = fc.tuple(fc.nat(2), fc.double({ min: 0, max: 1, noNaN: true })).map(([k, t]) => {
  const [a, b] = [hole[k], hole[(k + 1) % 3]]
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] as [number, number]
})
const points = fc.array(fc.oneof(anywhere, vertex, onEdge, holeEdge), { minLength: 1, maxLength: 300 })

describe('JS placement index agrees with PostGIS ST_Covers (M2.2)', () => {
  it('on random points, vertices, shared edges, holes and MultiPolygons', async () => {
    await fc.assert(fc.asyncProperty(points, async (pts) => {
      const expected = await postgisAnswers(pts.map((p) => p[0]), pts.map((p) => p[1]))
      const got = pts.map(([x, y]) => index.codeAt(x, y))
      expect(got).toEqual(expected)
    }), { numRuns: Number(process.env.PLACEMENT_RUNS ?? 25) })
  })

  it('puts a point on a shared edge or vertex in the lowest code, and a point in a hole in the hole’s filler', () => {
    expect(index.codeAt(P[2][3][0], P[2][3][1])).toBe('c12')
    expect(index.codeAt(P[0][0][0], P[0][0][1])).toBe('a_multi')
    expect(index.codeAt(X0 + 2.5 * STEP, Y0 + 2.45 * STEP)).toBe('b_hole')
    expect(index.codeAt(hole[0][0], hole[0][1])).toBe('b_hole')
    expect(index.codeAt(X0 - 1, Y0)).toBeNull()
  })

  it('loads the live grids and areas and places like the SQL of single writes', async () => {
    const grids = await loadGridIndex(db)
    const areas = await loadAreaIndex(db)
    expect(grids.codes).toEqual(['050101', '050102', '050201', '050202'])
    expect(areas.codes.slice(0, 2)).toEqual(['0501', '0502'])
    expect(grids.codeAt(109.025, 34.05)).toBe('050101')
    expect(grids.codeAt(109.05, 34.05)).toBe('050101') // on the edge shared by 050101 and 050102
    expect(grids.codeAt(109.3, 34.05)).toBeNull()
    const xs = [109.025, 109.05, 109.1, 109.2, 109.3, 108.9, 109.125]
    const ys = [34.05, 34.05, 34.1, 34.0, 34.05, 34.0, 34.1]
    for (let i = 0; i < xs.length; i++) {
      expect(grids.codeAt(xs[i], ys[i])).toBe(await gridAt(db, xs[i], ys[i]))
      expect(areas.codeAt(xs[i], ys[i])).toBe(await areaAt(db, xs[i], ys[i]))
    }
    const out = new Int32Array(3)
    grids.locateAll(new Float64Array([109.025, NaN, 109.17]), new Float64Array([34.05, NaN, 34.02]), out)
    expect([...out]).toEqual([0, -1, 3])
  })
})
