import { beforeAll, describe, expect, it } from 'vitest'
import gcoordCjs from 'gcoord'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { areaM2, areaTableCounts, rect } from '../../../test/factories-areas.ts'

// See geometry.ts: gcoord's default import is its module.exports.
const gcoord = gcoordCjs as unknown as (typeof gcoordCjs)['default']
const { app, db } = await setupTestApp()
await seedSmallTree(db)
const root = await userWith(app, db, ['district_chief'], '')
const chief0501 = await userWith(app, db, ['station_chief'], '0501')
const gridHead = await userWith(app, db, ['grid_head'], '050101')
const approval = { approvedBy: '灞桥区网格办', approvalRef: '灞网办〔2026〕1号' }

/**
 * A tree of the Nancheng profile east of the seeded 05, at x = 110 for 06 (110..110.2 × 35..35.1):
 * the area `code`, its community `code`01 and its grid `code`0101, whose code is suggested.
 */
async function createTree(code: string, x: number) {
  const made = []
  made.push(await root.post('/api/areas', { code, name: '南城街道', profileId: 'nancheng', boundary: rect(x, 35, 0.2, 0.1), ...approval }))
  made.push(await root.post('/api/areas', { code: `${code}01`, name: '第一社区', boundary: rect(x, 35, 0.1, 0.1), ...approval }))
  made.push(await root.post('/api/areas', { parentCode: `${code}01`, name: '第一网格', boundary: rect(x, 35, 0.05, 0.1), ...approval, reason: '新建' }))
  return made
}

// Tree 06 is created once, by whichever of the describes below that read it runs first; they
// change nothing of it but a rename and a retired community (not listed). The boundaries tests
// draw in a tree of their own, 08, as they add and redraw grids.
let tree06: ReturnType<typeof createTree> | undefined
const useTree06 = () => (tree06 ??= createTree('06', 110))

describe('creating the tree (M1.1, M1.2)', () => {
  beforeAll(useTree06)

  it('creates a top-level area, a child and a grid whose code is suggested, with level names from the profile', async () => {
    const [district, community, grid] = await useTree06()
    expect(district.statusCode, district.body).toBe(200)
    expect(community.statusCode, community.body).toBe(200)
    expect(grid.statusCode, grid.body).toBe(200)
    expect(grid.json().area).toMatchObject({
      code: '060101', parentCode: '0601', level: 3, levelName: { key: 'grid', zh: '网格' }, profileId: 'nancheng',
      version: 1, retired: false, successorCodes: [], childCount: 0, businessCount: 0,
      profile: { id: 'nancheng' }, boundary: { type: 'MultiPolygon' },
    })
    const expectedKm2 = (await areaM2(db, rect(110, 35, 0.05, 0.1))) / 1e6
    expect(grid.json().area.areaKm2).toBeCloseTo(expectedKm2, 6)
    expect(grid.json().area.areaKm2).toBeGreaterThan(40)

    const got = await root.get('/api/areas/0601')
    expect(got.json()).toMatchObject({ code: '0601', levelName: { zh: '社区', en: 'Community' }, childCount: 1 })
    const list = await root.get('/api/areas?parentCode=06')
    expect(list.json().items.map((a: any) => a.code)).toEqual(['0601'])
    const tree = await root.get('/api/areas')
    const codes = tree.json().items.map((a: any) => a.code)
    expect(codes).toEqual([...codes].sort())
    expect(codes.indexOf('06')).toBeLessThan(codes.indexOf('0601'))
    expect((await root.get('/api/areas?level=3&limit=2')).json()).toMatchObject({ nextAfter: '050102' })
    expect((await root.get('/api/areas/next-code?parentCode=0601')).json()).toEqual({ parentCode: '0601', code: '060102' })
  })

  it('records a version with who approved it and an audit event for every create', async () => {
    const versions = await root.get('/api/areas/060101/versions')
    expect(versions.statusCode).toBe(200)
    expect(versions.json()).toEqual([expect.objectContaining({
      version: 1, change: 'created', name: '第一网格', approvedBy: '灞桥区网格办', approvalRef: '灞网办〔2026〕1号',
      reason: '新建', changedBy: expect.objectContaining({ username: expect.any(String) }), boundary: expect.objectContaining({ type: 'MultiPolygon' }),
    })])
    const { rows } = await db.query(`SELECT object_id FROM audit_events WHERE action = 'area.created' AND object_id LIKE '06%' ORDER BY id`)
    expect(rows.map((r) => r.object_id)).toEqual(['06', '0601', '060101'])
  })

  // The community, not the grid: the test above reads the grid's versions as created.
  it('renames, keeping the code, with a version row', async () => {
    const res = await root.patch('/api/areas/0601', { name: '第一社区（更名）', reason: '社区调整' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ code: '0601', name: '第一社区（更名）', version: 2 })
    const versions = (await root.get('/api/areas/0601/versions')).json()
    expect(versions.map((v: any) => v.change)).toEqual(['created', 'renamed'])
  })
})

describe('bad codes are refused with a clear error, and change nothing (M1.2, Q2)', () => {
  beforeAll(useTree06)

  const cases: Array<[string, Record<string, unknown>, number, string, RegExp, RegExp]> = [
    ['malformed', { code: '0600' }, 400, 'area.codeMalformed', /0600 格式不正确/, /0600 is malformed/],
    ['odd length', { code: '060' }, 400, 'area.codeMalformed', /格式不正确/, /malformed/],
    ['not extending its parent', { code: '070101', parentCode: '0601' }, 400, 'area.codeNotExtendingParent', /070101 必须是上级编码 0601 加两位数字/, /070101 must be its parent code 0601 plus two digits/],
    ['duplicate', { code: '0601' }, 409, 'area.codeDuplicate', /0601 已被使用/, /0601 is already used/],
    ['parent missing', { code: '069901' }, 404, 'area.parentMissing', /上级区域 0699 不存在/, /Parent area 0699 does not exist/],
    ['deeper than the profile', { code: '06010101' }, 400, 'area.levelTooDeep', /第 4 级.*只有 3 级/, /level 4.*only 3 levels/],
    ['approval missing', { code: '060102', approvedBy: undefined }, 400, 'area.approvalRequired', /网格办/, /district grid office/],
  ]
  for (const [label, body, status, code, zh, en] of cases) {
    it(`refuses a code that is ${label}`, async () => {
      const before = await areaTableCounts(db)
      const payload = { name: '测试', boundary: rect(110.05, 35, 0.01, 0.01), ...approval, ...body }
      const res = await root.post('/api/areas', payload)
      expect(res.statusCode, res.body).toBe(status)
      expect(res.json().error.code).toBe(code)
      expect(res.json().error.message).toMatch(zh)
      const english = await root.post('/api/areas', payload, { 'accept-language': 'en' })
      expect(english.json().error.message).toMatch(en)
      expect(await areaTableCounts(db)).toEqual(before)
    })
  }

  it('refuses a child of a retired parent', async () => {
    await db.query(`INSERT INTO areas (code, parent_code, level, name, profile_id, retired_at) VALUES ('0609', '06', 2, '已撤销社区', 'nancheng', now())`)
    const before = await areaTableCounts(db)
    const res = await root.post('/api/areas', { code: '060901', name: 'x', boundary: rect(110.15, 35, 0.01, 0.01), ...approval })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('area.parentRetired')
    expect(await areaTableCounts(db)).toEqual(before)
  })
})

describe('boundaries (M1.3, Q4)', () => {
  // Tree 08: 08 = 112..112.2 × 35..35.1, community 0801 its west half, grid 080101 the west half of that.
  beforeAll(async () => {
    for (const made of await createTree('08', 112)) expect(made.statusCode, made.body).toBe(200)
  })

  it('refuses a self-intersecting polygon with the reason and the location', async () => {
    const before = await areaTableCounts(db)
    const bowtie = { type: 'Polygon', coordinates: [[[112.06, 35.01], [112.08, 35.03], [112.08, 35.01], [112.06, 35.03], [112.06, 35.01]]] }
    const res = await root.post('/api/areas', { code: '080102', name: '蝴蝶', boundary: bowtie, ...approval }, { 'accept-language': 'en' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'area.geometryInvalid', details: { reason: expect.stringMatching(/self-intersection/i) } })
    const [x, y] = res.json().error.details.location.coordinates
    expect(x).toBeCloseTo(112.07, 6)
    expect(y).toBeCloseTo(35.02, 6)
    expect(await areaTableCounts(db)).toEqual(before)
  })

  it('refuses shapes that are not closed polygons in range', async () => {
    const before = await areaTableCounts(db)
    const point = await root.post('/api/areas', { code: '080102', name: 'x', boundary: { type: 'Point', coordinates: [112, 35] }, ...approval })
    expect(point.json().error.code).toBe('area.geometryNotPolygon')
    const open = await root.post('/api/areas', { code: '080102', name: 'x', boundary: { type: 'Polygon', coordinates: [[[112.06, 35], [112.07, 35], [112.07, 35.01], [112.06, 35.01]]] }, ...approval })
    expect(open.json().error).toMatchObject({ code: 'area.ringNotClosed', details: { path: 'coordinates[0]' } })
    const far = await root.post('/api/areas', { code: '080102', name: 'x', boundary: { type: 'Polygon', coordinates: [[[112.06, 35], [200, 35], [112.07, 95], [112.06, 35]]] }, ...approval })
    expect(far.json().error).toMatchObject({ code: 'area.coordinatesOutOfRange', details: { path: 'coordinates[0][1]' } })
    expect(await areaTableCounts(db)).toEqual(before)
  })

  it('refuses a boundary overlapping a live sibling, with the overlap and its area', async () => {
    const before = await areaTableCounts(db)
    // 050103 would cover the east half of 050102 (109.075..109.1).
    const res = await root.post('/api/areas', { code: '050103', name: '重叠网格', boundary: rect(109.075, 34, 0.025, 0.1), ...approval })
    expect(res.statusCode).toBe(409)
    const error = res.json().error
    expect(error.code).toBe('area.overlapsSibling')
    expect(error.details.overlaps).toHaveLength(1)
    expect(error.details.overlaps[0]).toMatchObject({ code: '050102', geometry: { type: expect.stringMatching(/Polygon/) } })
    const expected = await areaM2(db, rect(109.075, 34, 0.025, 0.1))
    expect(error.details.areaM2).toBeCloseTo(expected, -1)
    expect(error.message).toMatch(/050102/)
    expect(await areaTableCounts(db)).toEqual(before)
  })

  it('refuses a boundary leaving its parent, with the outside part and its area', async () => {
    const before = await areaTableCounts(db)
    // 050102 stretched 0.01° east of 0501, into 0502's ground (not a sibling of 050102).
    const res = await root.put('/api/areas/050102/boundary', { boundary: rect(109.05, 34, 0.06, 0.1), ...approval })
    expect(res.statusCode).toBe(409)
    const error = res.json().error
    expect(error).toMatchObject({ code: 'area.outsideParent', details: { parentCode: '0501', outside: { type: expect.stringMatching(/Polygon/) } } })
    expect(error.details.areaM2).toBeCloseTo(await areaM2(db, rect(109.1, 34, 0.01, 0.1)), -1)
    expect(await areaTableCounts(db)).toEqual(before)
  })

  it('refuses shrinking a parent so that a child would stick out', async () => {
    const before = await areaTableCounts(db)
    const res = await root.put('/api/areas/0801/boundary', { boundary: rect(112, 35, 0.1, 0.05), ...approval })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({ code: 'area.childrenOutside', details: { children: '080101' } })
    expect(await areaTableCounts(db)).toEqual(before)
  })

  // 080103: the refusals above try 080102, which must stay free for them.
  it('converts GCJ-02 input to WGS-84 as gcoord does', async () => {
    const wgs = rect(112.06, 35.01, 0.03, 0.03).coordinates[0]
    const gcj = wgs.map((p) => gcoord.transform(p as [number, number], gcoord.WGS84, gcoord.GCJ02))
    const res = await root.post('/api/areas', { code: '080103', name: '火星坐标网格', crs: 'GCJ02', boundary: { type: 'Polygon', coordinates: [gcj] }, ...approval })
    expect(res.statusCode, res.body).toBe(200)
    const stored = res.json().area.boundary.coordinates[0][0] as number[][]
    const expected = gcj.map((p) => gcoord.transform(p as [number, number], gcoord.GCJ02, gcoord.WGS84))
    stored.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(expected[i][0], 8)
      expect(p[1]).toBeCloseTo(expected[i][1], 8)
      // and back close to the WGS-84 rectangle we started from (gcoord's inverse is iterative, ~1e-6°)
      expect(Math.abs(p[0] - wgs[i][0])).toBeLessThan(1e-5)
    })
    // GCJ-02 is offset by hundreds of metres: storing the input unconverted would be far off.
    expect(Math.abs(gcj[0][0] - wgs[0][0])).toBeGreaterThan(1e-3)
  })

  // The tree's own grid 080101 (112..112.05), narrowed to 112..112.04: the other tests leave it as created.
  it('redraws a boundary with a version row and re-places businesses', async () => {
    const res = await root.put('/api/areas/080101/boundary', { boundary: rect(112, 35, 0.04, 0.1), ...approval, reason: '东侧让出道路' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ area: { code: '080101', version: 2 }, placement: { moved: 0, unplaced: 0 } })
    const versions = (await root.get('/api/areas/080101/versions')).json()
    expect(versions.at(-1)).toMatchObject({ change: 'boundaryChanged', approvedBy: '灞桥区网格办', reason: '东侧让出道路' })
  })
})

describe('scope (Q3)', () => {
  it('a station chief of 0501 cannot touch 0502, nor 0501 itself, and nothing changes', async () => {
    const before = await areaTableCounts(db)
    const create = await chief0501.post('/api/areas', { code: '050203', name: 'x', boundary: rect(109.1, 34, 0.01, 0.01), ...approval })
    expect(create.statusCode).toBe(404)
    expect(create.json().error.code).toBe('area.parentMissing')
    expect((await chief0501.patch('/api/areas/0502', { name: 'x' })).statusCode).toBe(404)
    expect((await chief0501.patch('/api/areas/050201', { name: 'x' })).statusCode).toBe(404)
    expect((await chief0501.put('/api/areas/050201/boundary', { boundary: rect(109.1, 34, 0.05, 0.1), ...approval })).statusCode).toBe(404)
    expect((await chief0501.get('/api/areas/0502')).statusCode).toBe(404)
    expect((await chief0501.get('/api/areas/050201/versions')).statusCode).toBe(404)
    const own = await chief0501.patch('/api/areas/0501', { name: 'x' })
    expect(own.statusCode).toBe(403)
    expect(own.json().error.code).toBe('auth.forbidden')
    expect((await chief0501.patch('/api/areas/05', { name: 'x' })).statusCode).toBe(403)
    const sibling = await chief0501.post('/api/areas', { code: '0503', name: 'x', boundary: rect(109, 34, 0.01, 0.01), ...approval })
    expect(sibling.statusCode).toBe(403)
    expect((await chief0501.post('/api/areas/redivide', { retire: ['050201'], create: [{ code: '050203', name: 'x', boundary: rect(109.1, 34, 0.05, 0.1) }], ...approval })).statusCode).toBe(404)
    expect(await areaTableCounts(db)).toEqual(before)
    expect((await chief0501.get('/api/areas/05')).statusCode).toBe(200)
  })

  it('a station chief manages the grids of their station', async () => {
    const res = await chief0501.patch('/api/areas/050101', { name: '纺织城第一网格（新）' })
    expect(res.statusCode, res.body).toBe(200)
  })

  it('a grid head sees their grid and its ancestors, nothing of siblings, and changes nothing', async () => {
    const list = await gridHead.get('/api/areas')
    expect(list.json().items.map((a: any) => a.code)).toEqual(['05', '0501', '050101'])
    const district = (await gridHead.get('/api/areas/05')).json()
    expect(district.childCount).toBe(1)
    expect((await gridHead.get('/api/areas/050102')).statusCode).toBe(404)
    expect((await gridHead.get('/api/areas/0502')).statusCode).toBe(404)
    expect((await gridHead.get('/api/areas/050101')).statusCode).toBe(200)
    const before = await areaTableCounts(db)
    const write = await gridHead.patch('/api/areas/050101', { name: 'x' })
    expect(write.statusCode).toBe(403)
    expect(await areaTableCounts(db)).toEqual(before)
    // Coverage of an ancestor would show the siblings' drawing: it reads as absent.
    expect((await gridHead.get('/api/areas/0501/coverage')).statusCode).toBe(404)
  })
})

describe('HTTP contract', () => {
  it('documents every area route under the tag "areas" with its error responses', async () => {
    const doc = app.swagger() as any
    const paths = ['/api/areas', '/api/areas/{code}', '/api/areas/{code}/boundary', '/api/areas/{code}/versions',
      '/api/areas/{code}/coverage', '/api/coverage', '/api/areas/redivide', '/api/areas/import', '/api/areas/export.geojson',
      '/api/areas/next-code', '/api/area-profiles']
    for (const path of paths) {
      expect(doc.paths[path], path).toBeDefined()
      for (const op of Object.values(doc.paths[path]) as any[]) {
        expect(op.tags).toEqual(['areas'])
        expect(op.responses['404']).toBeDefined()
      }
    }
    expect(doc.paths['/api/areas/import'].post.responses['422']).toBeDefined()
  })

  it('refuses unknown fields in a body', async () => {
    const res = await root.patch('/api/areas/060101', { name: 'x', colour: 'red' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'request.unknownField', details: { field: 'colour' } })
  })
})
