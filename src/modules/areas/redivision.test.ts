import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { areaM2, areaTableCounts, insertBusinessAt, rect } from '../../../test/factories-areas.ts'

/**
 * The seeded tree on a database of its own, with a district chief of 05 and a station chief of
 * 0501. Each describe below has one: the redivisions and imports change the tree that the coverage
 * tests read as seeded.
 */
async function seededTree() {
  const { app, db } = await setupTestApp()
  await seedSmallTree(db)
  return { app, db, chief05: await userWith(app, db, ['district_chief'], '05'), chief0501: await userWith(app, db, ['station_chief'], '0501') }
}
const trees = { coverage: await seededTree(), redivision: await seededTree(), files: await seededTree() }
const approval = { approvedBy: '灞桥区网格办', approvalRef: '灞网办〔2026〕7号' }

describe('coverage (M1.3)', () => {
  const { db, chief05, chief0501 } = trees.coverage
  it('the seeded tree tiles exactly: 100 %, no overlap, gap or outside part', async () => {
    for (const code of ['05', '0501', '0502']) {
      const res = await chief05.get(`/api/areas/${code}/coverage`)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({ code, coveragePercent: 100, overlaps: [], gaps: [], outside: [], childCount: 2 })
    }
    const summary = await chief05.get('/api/coverage?under=05')
    expect(summary.json()).toEqual([
      expect.objectContaining({ code: '05', level: 1, childCount: 2, coveragePercent: 100, overlapCount: 0, gapCount: 0, outsideCount: 0 }),
      expect.objectContaining({ code: '0501', level: 2, coveragePercent: 100 }),
      expect.objectContaining({ code: '0502', level: 2, coveragePercent: 100 }),
    ])
    // A station chief's summary is their station only.
    expect((await chief0501.get('/api/coverage')).json().map((r: any) => r.code)).toEqual(['0501'])
    expect((await chief0501.get('/api/coverage?under=0502')).statusCode).toBe(404)
  })

  it('shows the gap a missing grid leaves, with its area', async () => {
    await db.query(`UPDATE areas SET retired_at = now() WHERE code = '050202'`)
    try {
      const res = (await chief05.get('/api/areas/0502/coverage')).json()
      expect(res.childCount).toBe(1)
      expect(res.coveragePercent).toBeCloseTo(50, 1)
      expect(res.gaps).toHaveLength(1)
      expect(res.gaps[0].areaM2).toBeCloseTo(await areaM2(db, rect(109.15, 34, 0.05, 0.1)), -1)
      expect(res.gaps[0].geometry.type).toBe('Polygon')
      const row = (await chief05.get('/api/coverage?under=0502')).json()
      expect(row).toEqual([expect.objectContaining({ code: '0502', gapCount: 1, overlapCount: 0 })])
    } finally {
      await db.query(`UPDATE areas SET retired_at = NULL WHERE code = '050202'`)
    }
  })

  it('lists overlapping pairs and parts outside the parent', async () => {
    // Drawn straight into the table, as a legacy import might have left them.
    await db.query(`UPDATE areas SET boundary = ST_Multi(ST_MakeEnvelope(109.1, 34, 109.17, 34.1, 4326)) WHERE code = '050201'`)
    await db.query(`UPDATE areas SET boundary = ST_Multi(ST_MakeEnvelope(109.15, 34, 109.21, 34.1, 4326)) WHERE code = '050202'`)
    try {
      const res = (await chief05.get('/api/areas/0502/coverage')).json()
      expect(res.overlaps).toHaveLength(1)
      expect(res.overlaps[0].codes).toEqual(['050201', '050202'])
      expect(res.overlaps[0].areaM2).toBeCloseTo(await areaM2(db, rect(109.15, 34, 0.02, 0.1)), -1)
      expect(res.outside).toEqual([expect.objectContaining({ code: '050202' })])
      expect(res.outside[0].areaM2).toBeCloseTo(await areaM2(db, rect(109.2, 34, 0.01, 0.1)), -1)
      expect(res.coveragePercent).toBeCloseTo(100, 4)
      const row = (await chief05.get('/api/coverage?under=0502')).json()
      expect(row).toEqual([expect.objectContaining({ code: '0502', overlapCount: 1, outsideCount: 1, gapCount: 0 })])
    } finally {
      await db.query(`UPDATE areas SET boundary = ST_Multi(ST_MakeEnvelope(109.1, 34, 109.15, 34.1, 4326)) WHERE code = '050201'`)
      await db.query(`UPDATE areas SET boundary = ST_Multi(ST_MakeEnvelope(109.15, 34, 109.2, 34.1, 4326)) WHERE code = '050202'`)
    }
  })
})

describe('redivision (M1.4)', () => {
  const { db, chief05, chief0501 } = trees.redivision
  // On 050102: the split below retires 050101 and takes the codes 050103 and 050104.
  it('refuses new areas that overlap each other, changing nothing', async () => {
    const before = await areaTableCounts(db)
    const res = await chief0501.post('/api/areas/redivide', {
      retire: ['050102'],
      create: [
        { code: '050105', name: '南半', boundary: rect(109.05, 34, 0.05, 0.06) },
        { code: '050106', name: '北半', boundary: rect(109.05, 34.05, 0.05, 0.05) },
      ],
      ...approval,
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({ code: 'area.overlapsSibling', details: { code: '050105', siblings: '050106' } })
    expect(await areaTableCounts(db)).toEqual(before)
    const noApproval = await chief0501.post('/api/areas/redivide', { retire: ['050102'], create: [{ code: '050105', name: 'x', boundary: rect(109.05, 34, 0.05, 0.1) }] })
    expect(noApproval.json().error.code).toBe('area.approvalRequired')
    expect(await areaTableCounts(db)).toEqual(before)
  })

  it('splits a grid: the old code is retired with its successors, businesses move, history is kept', async () => {
    const south = await insertBusinessAt(db, 109.02, 34.02, '050101')
    const north = await insertBusinessAt(db, 109.03, 34.08, '050101')
    const elsewhere = await insertBusinessAt(db, 109.07, 34.05, '050102')
    const res = await chief0501.post('/api/areas/redivide', {
      retire: ['050101'],
      create: [
        { code: '050103', name: '纺织城第一网格南', boundary: rect(109, 34, 0.05, 0.05) },
        { code: '050104', name: '纺织城第一网格北', boundary: rect(109, 34.05, 0.05, 0.05) },
      ],
      ...approval, reason: '网格拆分',
    })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.retired).toEqual([expect.objectContaining({ code: '050101', retired: true, successorCodes: ['050103', '050104'], version: 2 })])
    expect(body.created.map((a: any) => a.code)).toEqual(['050103', '050104'])
    expect(body.placement).toEqual({ moved: 2, unplaced: 0 })

    const { rows } = await db.query<{ id: number; grid_code: string }>('SELECT id, grid_code FROM businesses WHERE id = ANY($1) ORDER BY id', [[south, north, elsewhere]])
    expect(rows.map((r) => r.grid_code)).toEqual(['050103', '050104', '050102'])

    // The old code stays, retired, with its history; it is listed only when asked for.
    const old = await chief0501.get('/api/areas/050101')
    expect(old.json()).toMatchObject({ code: '050101', retired: true, successorCodes: ['050103', '050104'], boundary: { type: 'MultiPolygon' } })
    const versions = (await chief0501.get('/api/areas/050101/versions')).json()
    expect(versions.map((v: any) => [v.change, v.approvedBy])).toEqual([['retired', '灞桥区网格办']])
    expect(versions[0].reason).toBe('网格拆分')
    const created = (await chief0501.get('/api/areas/050103/versions')).json()
    expect(created).toEqual([expect.objectContaining({ change: 'created', approvedBy: '灞桥区网格办', approvalRef: '灞网办〔2026〕7号' })])
    const live = (await chief0501.get('/api/areas?parentCode=0501')).json().items.map((a: any) => a.code)
    expect(live).toEqual(['050102', '050103', '050104'])
    const all = (await chief0501.get('/api/areas?parentCode=0501&includeRetired=true')).json().items.map((a: any) => a.code)
    expect(all).toEqual(['050101', '050102', '050103', '050104'])
    expect((await chief0501.get('/api/areas/0501/coverage')).json()).toMatchObject({ coveragePercent: 100, overlaps: [], gaps: [] })
    const audit = await db.query(`SELECT details FROM audit_events WHERE action = 'area.redivided' AND object_id = '0501'`)
    expect(audit.rows[0].details).toMatchObject({ retired: ['050101'], created: ['050103', '050104'], approvedBy: '灞桥区网格办' })
    // A retired code is never reused, nor can it be changed.
    expect((await chief0501.post('/api/areas', { code: '050101', name: 'x', boundary: rect(109, 34, 0.01, 0.01), ...approval })).json().error.code).toBe('area.codeDuplicate')
    expect((await chief0501.patch('/api/areas/050101', { name: 'x' })).json().error.code).toBe('area.retired')
  })

  // Station 0502's two grids, with a business in each: the split above works in 0501.
  it('merges two grids into one', async () => {
    await insertBusinessAt(db, 109.12, 34.05, '050201')
    await insertBusinessAt(db, 109.17, 34.05, '050202')
    const res = await chief05.post('/api/areas/redivide', {
      retire: ['050201', '050202'],
      create: [{ code: '050203', name: '席王网格（合并）', boundary: rect(109.1, 34, 0.1, 0.1) }],
      ...approval,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().retired.map((a: any) => a.successorCodes)).toEqual([['050203'], ['050203']])
    expect(res.json().placement.moved).toBe(2)
  })
})

describe('GeoJSON export and import (M2.4)', () => {
  const { app, db, chief05, chief0501 } = trees.files
  it('exports the live areas under a code as a FeatureCollection, audited', async () => {
    const res = await chief05.get('/api/areas/export.geojson?under=0501')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/)
    const fc = JSON.parse(res.body)
    expect(fc.type).toBe('FeatureCollection')
    expect(fc.features.map((f: any) => f.properties.code)).toEqual(['0501', '050101', '050102'])
    expect(fc.features[2]).toMatchObject({ type: 'Feature', properties: { code: '050102', parentCode: '0501', level: 3, name: expect.any(String) }, geometry: { type: 'MultiPolygon' } })
    expect(fc.features[2].properties.areaKm2).toBeGreaterThan(40)
    const audit = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'area.exported'`)
    expect(audit.rows[0].n).toBe(1)
    expect((await chief0501.get('/api/areas/export.geojson?under=0502')).statusCode).toBe(404)
  })

  it('refuses the whole file when any feature is refused, listing every one', async () => {
    const before = await areaTableCounts(db)
    const features = [
      { type: 'Feature', properties: { code: '050201', name: '新名字' }, geometry: rect(109.1, 34, 0.05, 0.1) },
      { type: 'Feature', properties: { code: '05020', name: '坏编码' }, geometry: rect(109.1, 34, 0.01, 0.01) },
      { type: 'Feature', properties: { code: '050203', name: '与050202重叠' }, geometry: rect(109.18, 34, 0.01, 0.01) },
      { type: 'Feature', properties: { code: '050204', name: '甲' }, geometry: rect(109.3, 34, 0.02, 0.02) },
      { type: 'Feature', properties: { code: '050205', name: '乙' }, geometry: rect(109.31, 34, 0.02, 0.02) },
      { type: 'Feature', properties: { code: '050206', name: '点' }, geometry: { type: 'Point', coordinates: [109.1, 34] } },
    ]
    const res = await chief05.post('/api/areas/import?approvedBy=网格办', { type: 'FeatureCollection', features }, { 'accept-language': 'en' })
    expect(res.statusCode, res.body).toBe(422)
    const error = res.json().error
    expect(error.code).toBe('import.rowsRefused')
    const refusals = error.details.refusals.map((r: any) => [r.index, r.code, r.field, r.rule])
    expect(refusals).toEqual(expect.arrayContaining([
      [1, '05020', 'properties.code', 'area.codeMalformed'],
      [2, '050203', 'geometry', 'area.overlapsSibling'],
      [3, '050204', 'geometry', 'area.overlapsSibling'],
      [3, '050204', 'geometry', 'area.outsideParent'],
      [4, '050205', 'geometry', 'area.overlapsSibling'],
      [5, '050206', 'geometry', 'area.geometryNotPolygon'],
    ]))
    expect(refusals.some((r: any) => r[0] === 0)).toBe(false)
    expect(error.details.refusals.find((r: any) => r.index === 2).message).toMatch(/overlaps the neighbouring area\(s\) 050202/)
    expect(await areaTableCounts(db)).toEqual(before)
  })

  it('creates and redraws in one go, checking the file’s features against each other', async () => {
    const b1 = await insertBusinessAt(db, 109.16, 34.05, '050202')
    const collection = {
      type: 'FeatureCollection',
      name: 'xiwang',
      features: [
        // The shared edge of 050201 and 050202 moves east to 109.17; each alone would overlap the other's old shape.
        { type: 'Feature', properties: { code: '050201', name: '席王第一网格' }, geometry: rect(109.1, 34, 0.07, 0.1) },
        { type: 'Feature', properties: { code: '050202', name: '席王第二网格' }, geometry: rect(109.17, 34, 0.03, 0.1) },
      ],
    }
    const res = await chief05.post('/api/areas/import?approvedBy=网格办&reason=边界调整', collection)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ created: [], updated: ['050201', '050202'], unchanged: 0, placement: { moved: 1, unplaced: 0 } })
    expect((await db.query('SELECT grid_code FROM businesses WHERE id = $1', [b1])).rows[0].grid_code).toBe('050201')
    const versions = (await chief05.get('/api/areas/050202/versions')).json()
    expect(versions.at(-1)).toMatchObject({ change: 'boundaryChanged', approvedBy: '网格办', reason: '边界调整' })
    expect((await chief05.get('/api/areas/0502/coverage')).json()).toMatchObject({ coveragePercent: 100, overlaps: [], gaps: [] })

    // The same file again changes nothing.
    const again = await chief05.post('/api/areas/import?approvedBy=网格办', collection)
    expect(again.json()).toMatchObject({ created: [], updated: [], unchanged: 2 })
  })

  it('creates a new station with its grids from one file (parents first), and needs approval', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '050301', name: '洪庆第一网格' }, geometry: rect(109, 34.1, 0.1, 0.05) },
        { type: 'Feature', properties: { code: '0503', name: '洪庆' }, geometry: rect(109, 34.1, 0.1, 0.1) },
        { type: 'Feature', properties: { code: '050302', name: '洪庆第二网格', parentCode: '0503' }, geometry: rect(109, 34.15, 0.1, 0.05) },
      ],
    }
    const before = await areaTableCounts(db)
    const refused = await chief05.post('/api/areas/import', fc)
    expect(refused.json().error.code).toBe('area.approvalRequired')
    // 0503 lies outside 05 (05 is 34..34.1): refused, with its children judged against it.
    const outside = await chief05.post('/api/areas/import?approvedBy=网格办', fc)
    expect(outside.statusCode).toBe(422)
    expect(outside.json().error.details.refusals.map((r: any) => [r.code, r.rule])).toEqual([['0503', 'area.outsideParent']])
    expect(await areaTableCounts(db)).toEqual(before)
    // Widen the district first, then the file goes in.
    expect((await userWith(app, db, ['system_admin'], '').then((c) => c.put('/api/areas/05/boundary', { boundary: rect(109, 34, 0.2, 0.2), ...approval }))).statusCode).toBe(200)
    const ok = await chief05.post('/api/areas/import?approvedBy=网格办', fc)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().created).toEqual(['0503', '050301', '050302'])
    expect((await chief05.get('/api/areas/050302')).json()).toMatchObject({ levelName: { zh: '管理网格' }, parentCode: '0503' })
  })
})
