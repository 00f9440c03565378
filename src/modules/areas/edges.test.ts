import { beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { areaTableCounts, rect } from '../../../test/factories-areas.ts'
import { parseBoundary, type MultiPolygonJson } from './geometry.ts'
import { forgetAreaSettings } from './settings.ts'

// Issue 13 §6: grids drawn on a Chinese web map (GCJ-02), snapped there to the neighbour's edge, and
// converted point by point to WGS-84 by the product's own converter. A long edge bends in the
// conversion: a drawing with vertices in the middle of the shared edge parts from one without them.
const { app, db } = await setupTestApp()
await seedSmallTree(db)
const root = await userWith(app, db, ['district_chief'], '')
const chief05 = await userWith(app, db, ['district_chief'], '05')
const approval = { approvedBy: '灞桥区网格办', approvalRef: '灞网办〔2026〕13号' }
const en = { 'accept-language': 'en' }

// GCJ-02 corners: two columns of grids, each 0.008° (≈ 740 m) wide, a south and a north grid sharing
// the edge y = YM. The district and the station are drawn in WGS-84 around them.
const [X0, X1, X2, Y0, YM, Y1] = [108.9, 108.908, 108.916, 34.2, 34.205, 34.21]
type Pos = [number, number]
/** The shared edge from west to east with three vertices between its ends (a drawing tool's snaps). */
const bentEdge = (xa: number, xb: number): Pos[] => [0.25, 0.5, 0.75].map((f) => [xa + (xb - xa) * f, YM])
const polygon = (ring: Pos[]) => ({ type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] })
const south = (xa: number, xb: number, bent: boolean) => polygon([[xa, Y0], [xb, Y0], [xb, YM], ...(bent ? bentEdge(xa, xb).reverse() : []), [xa, YM]])
const north = (xa: number, xb: number, bent: boolean, shiftM = 0) => {
  const y = YM - shiftM / 110_574
  return polygon([[xa, y], ...(bent ? bentEdge(xa, xb).map(([x]) => [x, y] as Pos) : []), [xb, y], [xb, Y1], [xa, Y1]])
}
const wgs = (gcj: unknown): MultiPolygonJson => {
  const parsed = parseBoundary(gcj, 'GCJ02')
  if ('error' in parsed) throw new Error(parsed.error)
  return parsed.geometry
}

/** Overlap in m² of a boundary (WGS-84 GeoJSON) with a stored area, and how wide it is at most (m). */
async function overlapWith(geometry: unknown, code: string): Promise<{ m2: number; widthM: number }> {
  const { rows } = await db.query<{ m2: number; width: number }>(
    `SELECT ST_Area(i::geography) AS m2,
       CASE WHEN ST_IsEmpty(i) THEN 0 ELSE 2 * (ST_MaximumInscribedCircle(i)).radius * 110574 END AS width
     FROM (SELECT ST_CollectionExtract(ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), a.boundary), 3) AS i
           FROM areas a WHERE a.code = $2) q`,
    [JSON.stringify(geometry), code],
  )
  return { m2: rows[0].m2, widthM: rows[0].width }
}

// What is left of a sliver once aligned is a hair (1e-13° wide): it is measured in plane degrees
// scaled to m² at this latitude, since its geography area is rounding noise of about 0.01 m². Before,
// the product's own measure (geography) is compared with the notice: the two differ by ~20 % on a
// 4 cm sliver, because geography edges are geodesics that bow a few mm from the plane's lines.
/**
 * What aligned edges may still differ by: the overlay grid's rounding (1e-9°), a vertex 0.03 mm off
 * the neighbour's line along 740 m being 0.01 m²; the slivers were over 10 m².
 */
const RESIDUE_M2 = 0.05
const M2_PER_SQUARE_DEGREE = 111_320 * Math.cos((34.2 * Math.PI) / 180) * 110_574

/**
 * Along the shared edge y = YM from xa to xb (GCJ-02): m² of overlap between the stored `code` and
 * `other` (a stored code or a WGS-84 boundary), and m² of gap in a strip ±2 m about the edge,
 * 2 m short of its ends; and whether both are valid MultiPolygons.
 */
async function seam(code: string, other: string | MultiPolygonJson, xa: number, xb: number, measure: 'plane' | 'geography' = 'plane') {
  const ends = wgs(polygon([[xa, YM], [xb, YM], [xb, YM + 0.001]])).coordinates[0][0]
  const [[wx, wy], [ex, ey]] = ends
  const d = 2e-5
  const area = (g: string) => (measure === 'plane' ? `ST_Area(${g}) * $8::float8` : `(ST_Area(${g}::geography) + 0 * $8::float8)`)
  const { rows } = await db.query<{ overlap: number; gap: number; valid: boolean; types: string[] }>(
    `WITH g AS (
       SELECT (SELECT boundary FROM areas WHERE code = $1) AS a,
         coalesce((SELECT boundary FROM areas WHERE code = $2), ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326))) AS b
     )
     SELECT ${area('ST_CollectionExtract(ST_Intersection(a, b), 3)')} AS overlap,
       ${area('ST_CollectionExtract(ST_Difference(ST_MakeEnvelope($4, $5, $6, $7, 4326), ST_Union(a, b)), 3)')} AS gap,
       ST_IsValid(a) AND ST_IsValid(b) AS valid, ARRAY[GeometryType(a), GeometryType(b)] AS types
     FROM g`,
    [code, typeof other === 'string' ? other : null, typeof other === 'string' ? null : JSON.stringify(other),
      wx + d, Math.min(wy, ey) - d, ex - d, Math.max(wy, ey) + d, M2_PER_SQUARE_DEGREE],
  )
  return { overlapM2: rows[0].overlap, gapM2: rows[0].gap, valid: rows[0].valid, types: rows[0].types }
}

/** District 07 and station 0701, drawn in WGS-84 once, by whichever describe below runs first. */
let district: Promise<Array<{ statusCode: number; body: string; json(): any }>> | undefined
const useDistrict07 = () => (district ??= (async () => {
  const made = []
  for (const [code, boundary] of [['07', rect(108.88, 34.19, 0.04, 0.03)], ['0701', rect(108.89, 34.195, 0.025, 0.02)]] as const) {
    made.push(await root.post('/api/areas', { code, name: `区域${code}`, boundary, ...approval, ...(code === '07' ? { profileId: 'baqiao' } : {}) }))
  }
  return made
})())

describe('shared edges drawn in GCJ-02 (issue 13 §6)', () => {
  // Station 0701's four grids, drawn in GCJ-02: 070101 (south-west), whose north edge has vertices
  // in the middle; 070103 (south-east), a straight north edge; 070102 (north-west), straight, laid
  // on 070101's bent edge and saved with the default tolerance; 070104 (north-east), straight. Each
  // test reads these or tries a drawing of its own, and changes at most 070104's shape.
  const made: Record<string, { statusCode: number; body: string; json(): any }> = {}
  beforeAll(async () => {
    const [d, s] = await useDistrict07()
    Object.assign(made, { '07': d, '0701': s })
    for (const [code, name, boundary] of [['070101', '网格070101', south(X0, X1, true)], ['070103', '网格070103', south(X1, X2, false)],
      ['070102', '北网格', north(X0, X1, false)], ['070104', '东北网格', north(X1, X2, false)]] as const) {
      made[code] = await root.post('/api/areas', { code, name, crs: 'GCJ02', boundary, ...approval })
    }
  })

  it('builds the district and station in WGS-84 and the first grids in GCJ-02, with nothing to align', async () => {
    for (const code of ['07', '0701', '070101', '070103']) {
      expect(made[code].statusCode, made[code].body).toBe(200)
      expect(made[code].json().notices).toEqual([])
    }
  })

  it('reproduces the slivers: converted point by point, a straight edge laid on the bent one overlaps it by centimetres', async () => {
    const sliver = await overlapWith(wgs(north(X0, X1, false)), '070101')
    expect(sliver.m2).toBeGreaterThan(5)
    expect(sliver.m2).toBeLessThan(30)
    expect(sliver.widthM).toBeGreaterThan(0.01)
    expect(sliver.widthM).toBeLessThan(0.1)
  })

  it('refuses that sliver when the tolerance is set to 0 (alignment off), as before', async () => {
    await db.query(`INSERT INTO settings (key, value) VALUES ('areas', '{"edgeToleranceM": 0}')`)
    forgetAreaSettings()
    try {
      const before = await areaTableCounts(db)
      // 070102 drawn again as it was drawn, straight on 070101's bent edge, now without alignment
      const res = await root.put('/api/areas/070102/boundary', { crs: 'GCJ02', boundary: north(X0, X1, false), ...approval })
      expect(res.statusCode, res.body).toBe(409)
      expect(res.json().error).toMatchObject({ code: 'area.overlapsSibling', details: { siblings: '070101' } })
      expect(await areaTableCounts(db)).toEqual(before)
    } finally {
      await db.query(`DELETE FROM settings WHERE key = 'areas'`)
      forgetAreaSettings()
    }
  })

  it('saves the second grid with the default tolerance, cut along the neighbour, and says so', async () => {
    const expected = (await overlapWith(wgs(north(X0, X1, false)), '070101')).m2
    const res = made['070102']
    expect(res.statusCode, res.body).toBe(200)
    const notices = res.json().notices
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ code: 'area.alignedToNeighbour', areaCode: '070101', gapM2: 0 })
    expect(notices[0].overlapM2).toBeCloseTo(expected, 0)
    expect(notices[0].message).toBe(`边界已与相邻区域 070101 的公共边对齐（调整 ${notices[0].areaM2.toFixed(1)} m²）`)
    const after = await seam('070101', '070102', X0, X1)
    expect(after.overlapM2).toBeLessThan(RESIDUE_M2)
    expect(after.gapM2).toBeLessThan(RESIDUE_M2)
    expect(after).toMatchObject({ valid: true, types: ['MULTIPOLYGON', 'MULTIPOLYGON'] })
    const { rows } = await db.query(`SELECT details FROM audit_events WHERE action = 'area.created' AND object_id = '070102'`)
    expect(rows[0].details.aligned).toEqual([expect.objectContaining({ code: '070101', relation: 'sibling' })])
  })

  it('fills a thin gap when a redrawn grid bends away from its neighbour, and says so in English', async () => {
    // 070104 was drawn straight on 070103's straight edge: nothing to align then
    expect(made['070104'].json().notices).toEqual([])
    const before = await seam('070103', wgs(north(X1, X2, true)), X1, X2, 'geography')
    expect(before.overlapM2).toBeLessThan(0.01)
    expect(before.gapM2).toBeGreaterThan(5)
    const res = await root.put('/api/areas/070104/boundary', { crs: 'GCJ02', boundary: north(X1, X2, true), ...approval }, en)
    expect(res.statusCode, res.body).toBe(200)
    const notices = res.json().notices
    expect(notices).toEqual([expect.objectContaining({ code: 'area.alignedToNeighbour', areaCode: '070103', overlapM2: 0 })])
    expect(notices[0].gapM2).toBeCloseTo(before.gapM2, 0)
    expect(notices[0].message).toMatch(/^The boundary was aligned with the shared edge of the neighbouring area 070103 \(\d+\.\d m² adjusted\)$/)
    const after = await seam('070103', '070104', X1, X2)
    expect(after.overlapM2).toBeLessThan(RESIDUE_M2)
    expect(after.gapM2).toBeLessThan(RESIDUE_M2)
    expect(after.valid).toBe(true)
  })

  it('still refuses an overlap wider than the tolerance (5 m), changing nothing', async () => {
    const before = await areaTableCounts(db)
    const res = await root.put('/api/areas/070104/boundary', { crs: 'GCJ02', boundary: north(X1, X2, false, 5), ...approval })
    expect(res.statusCode, res.body).toBe(409)
    const error = res.json().error
    expect(error).toMatchObject({ code: 'area.overlapsSibling', details: { siblings: '070103' } })
    // 5 m × ≈ 740 m
    expect(error.details.areaM2).toBeGreaterThan(3000)
    expect(await areaTableCounts(db)).toEqual(before)
  })

  it('leaves the station with one gap around its grids, bordered by all four', async () => {
    const res = await root.get('/api/areas/0701/coverage')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().overlaps).toEqual([])
    expect(res.json().gaps).toEqual([expect.objectContaining({ neighbours: ['070101', '070102', '070103', '070104'] })])
  })
})

describe('an edge drawn vertex by vertex', () => {
  beforeAll(useDistrict07)

  it('aligns a copy that zigzags 3 cm either side of every vertex: both overlap and gap, valid', async () => {
    // Station 0702 in the east of 07; 070201's north edge wiggles through 60 vertices over ≈ 275 m.
    const res = await root.post('/api/areas', { code: '0702', name: '区域0702', boundary: rect(108.915, 34.19, 0.005, 0.03), ...approval })
    expect(res.statusCode, res.body).toBe(200)
    const [xa, xb, y] = [108.916, 108.919, 34.2]
    const edge: Pos[] = Array.from({ length: 60 }, (_, i) => [xa + ((xb - xa) * i) / 59, y + 2e-5 * Math.sin(i / 7)])
    const southGrid = polygon([[xa, y - 0.005], [xb, y - 0.005], ...edge.slice().reverse()])
    expect((await root.post('/api/areas', { code: '070201', name: '南', boundary: southGrid, ...approval })).statusCode).toBe(200)
    const zigzag = polygon([...edge.map(([x, yy], i): Pos => [x, yy + (i % 2 ? -3e-7 : 3e-7)]), [xb, y + 0.005], [xa, y + 0.005]])
    const saved = await root.post('/api/areas', { code: '070202', name: '北', boundary: zigzag, ...approval })
    expect(saved.statusCode, saved.body).toBe(200)
    const [notice] = saved.json().notices
    expect(notice).toMatchObject({ code: 'area.alignedToNeighbour', areaCode: '070201' })
    expect(notice.overlapM2).toBeGreaterThan(1)
    expect(notice.gapM2).toBeGreaterThan(1)
    const { rows } = await db.query<{ overlap: number; valid: boolean; type: string }>(
      `SELECT ST_Area(ST_CollectionExtract(ST_Intersection(a.boundary, b.boundary), 3)) * $1::float8 AS overlap,
         ST_IsValid(b.boundary) AS valid, GeometryType(b.boundary) AS type
       FROM areas a, areas b WHERE a.code = '070201' AND b.code = '070202'`,
      [M2_PER_SQUARE_DEGREE],
    )
    expect(rows[0]).toMatchObject({ valid: true, type: 'MULTIPOLYGON' })
    expect(rows[0].overlap).toBeLessThan(RESIDUE_M2)
  })
})

describe('the parent outline counts as an edge too', () => {
  beforeAll(useDistrict07)

  it('cuts off a part outside the parent 3 cm wide, names the parent, and still refuses one 5 m wide', async () => {
    // Station 0703 in the south strip of 07 (a grid here in 0701 would border the gap that the
    // coverage test above reads); its west edge is x = 108.89, as 0701's.
    const station = await root.post('/api/areas', { code: '0703', name: '区域0703', boundary: rect(108.89, 34.19, 0.025, 0.005), ...approval })
    expect(station.statusCode, station.body).toBe(200)
    // 070301 is drawn 3 cm (≈ 3.3e-7°) west of 0703's west edge over ≈ 440 m.
    const out = 0.03 / 92_100
    const drawn = rect(108.89 - out, 34.1905, 0.005 + out, 0.004)
    const res = await root.post('/api/areas', { code: '070301', name: '西南网格', boundary: drawn, ...approval })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().notices).toEqual([expect.objectContaining({ code: 'area.alignedToParent', areaCode: '0703', gapM2: 0 })])
    expect(res.json().notices[0].overlapM2).toBeGreaterThan(5)
    expect(res.json().notices[0].message).toMatch(/^边界已与上级区域 0703 的边界对齐（调整 \d+\.\d m²）$/)
    const { rows } = await db.query<{ covered: boolean }>(
      `SELECT ST_CoveredBy(c.boundary, p.boundary) AS covered FROM areas c, areas p WHERE c.code = '070301' AND p.code = '0703'`,
    )
    expect(rows[0].covered).toBe(true)

    const before = await areaTableCounts(db)
    const wide = await root.put('/api/areas/070301/boundary', { boundary: rect(108.89 - 5 / 92_100, 34.1905, 0.005, 0.004), ...approval })
    expect(wide.statusCode, wide.body).toBe(409)
    expect(wide.json().error).toMatchObject({ code: 'area.outsideParent', details: { parentCode: '0703' } })
    expect(await areaTableCounts(db)).toEqual(before)
  })
})

describe('coverage names the neighbours of each gap', () => {
  it('lists the grids on either side of a gap, and a gap bordered by one grid only', async () => {
    // 050201 pulled back from 050202 (a 0.01° strip between them), 050101 from the west edge of 0501.
    await db.query(`UPDATE areas SET boundary = ST_Multi(ST_MakeEnvelope(109.1, 34, 109.14, 34.1, 4326)) WHERE code = '050201'`)
    await db.query(`UPDATE areas SET boundary = ST_Multi(ST_MakeEnvelope(109.01, 34, 109.05, 34.1, 4326)) WHERE code = '050101'`)
    try {
      const station = (await chief05.get('/api/areas/0502/coverage')).json()
      expect(station.gaps).toEqual([expect.objectContaining({ neighbours: ['050201', '050202'], geometry: expect.objectContaining({ type: 'Polygon' }) })])
      expect(station.gaps[0].areaM2).toBeGreaterThan(1e6)
      const other = (await chief05.get('/api/areas/0501/coverage')).json()
      expect(other.gaps).toEqual([expect.objectContaining({ neighbours: ['050101'] })])
      const district = (await chief05.get('/api/areas/05/coverage')).json()
      expect(district.gaps).toEqual([])
    } finally {
      await db.query(`UPDATE areas SET boundary = ST_Multi(ST_MakeEnvelope(109.1, 34, 109.15, 34.1, 4326)) WHERE code = '050201'`)
      await db.query(`UPDATE areas SET boundary = ST_Multi(ST_MakeEnvelope(109, 34, 109.05, 34.1, 4326)) WHERE code = '050101'`)
    }
  })
})
