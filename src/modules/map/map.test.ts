import { describe, expect, it, onTestFinished } from 'vitest'
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile'
import { PbfReader as Pbf } from 'pbf'
import { setupTestApp, type Client } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { insertBusinessAt, rect } from '../../../test/factories-areas.ts'
import { makeUscc } from '../businesses/uscc.ts'
import { latToWorldY, lngToWorldX } from './tile-geometry.ts'
import { POINTS_MIN_ZOOM, TILE_CONTENT_TYPE, TILE_LAYERS, GRIDS_MIN_ZOOM } from './tile-layers.ts'
import { buildTile } from './tiles.ts'
import { loadAreas, loadCells } from './snapshots.ts'
import { readVersions } from './versions.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
// The tree: district 05 = 109..109.2 × 34..34.1; grids 050101 | 050102 | 050201 | 050202, 0.05° wide each.
const chief = await userWith(app, db, ['district_chief'], '05')
const head050201 = await userWith(app, db, ['grid_head'], '050201')
const sysadmin = await userWith(app, db, ['system_admin'], '')
const approval = { approvedBy: '灞桥区网格办', approvalRef: '灞网办〔2026〕9号' }

// Businesses: 3 in 050101 (one high risk), 2 in 050201, 1 unplaced (outside grids) just north of 05.
const inWest = [
  await insertBusinessAt(db, 109.01, 34.02, '050101'),
  await insertBusinessAt(db, 109.02, 34.03, '050101'),
  await insertBusinessAt(db, 109.03, 34.04, '050101'),
]
await db.query(`UPDATE businesses SET risk_class = 'high' WHERE id = $1`, [inWest[0]])
const inEast = [await insertBusinessAt(db, 109.11, 34.05, '050201'), await insertBusinessAt(db, 109.12, 34.06, '050201')]
const unplaced = await insertBusinessAt(db, 109.04, 34.03, null, '05')
// (the unplaced one lies inside 050101's square, but no grid holds it: placed = false)

/** The tile of zoom z containing (lng, lat). */
function tileAt(z: number, lng: number, lat: number) {
  const n = 2 ** z
  return { z, x: Math.floor(lngToWorldX(lng) * n), y: Math.floor(latToWorldY(lat) * n) }
}

interface Decoded {
  status: number
  etag: string
  raw: Buffer
  layers: Record<string, VectorTileLayer>
  features: (layer: string) => Array<{ id?: number; properties: Record<string, unknown>; type: number; geometry: Array<Array<{ x: number; y: number }>> }>
}

async function tile(client: Client, z: number, x: number, y: number, headers: Record<string, string> = {}): Promise<Decoded> {
  const res = await client.get(`/api/map/tiles/${z}/${x}/${y}`, headers)
  const raw = res.rawPayload
  const vt = res.statusCode === 200 ? new VectorTile(new Pbf(raw)) : { layers: {} }
  return {
    status: res.statusCode,
    etag: String(res.headers.etag ?? ''),
    raw,
    layers: vt.layers as Record<string, VectorTileLayer>,
    features(name) {
      const layer = vt.layers[name] as VectorTileLayer | undefined
      if (!layer) return []
      return Array.from({ length: layer.length }, (_, i) => {
        const f = layer.feature(i)
        return { id: f.id, properties: f.properties, type: f.type, geometry: f.loadGeometry() as any }
      })
    },
  }
}

/** Every tile of zoom z over the tree (109..109.2 × 34..34.1), features merged; a polygon cut into several tiles counts once. */
async function overTree(client: Client, z: number) {
  const a = tileAt(z, 109.0001, 34.0999)
  const b = tileAt(z, 109.1999, 34.0001)
  const parts: Decoded[] = []
  for (let y = a.y; y <= b.y; y++) for (let x = a.x; x <= b.x; x++) parts.push(await tile(client, z, x, y))
  return {
    parts,
    raw: Buffer.concat(parts.map((p) => p.raw)),
    layerNames: [...new Set(parts.flatMap((p) => Object.keys(p.layers)))].sort(),
    features(layer: string) {
      const all = parts.flatMap((p) => p.features(layer))
      if (layer === 'businesses' || layer === 'area_labels') return all
      const seen = new Set<unknown>()
      return all.filter((f) => !seen.has(f.properties.code) && seen.add(f.properties.code))
    },
  }
}

const sum = (fs: Array<{ properties: Record<string, unknown> }>, key: string) => fs.reduce((s, f) => s + Number(f.properties[key] ?? 0), 0)
const z10 = tileAt(10, 109.1, 34.05)

describe('vector tiles (M5.1)', () => {
  it('answers MVT with the contract layers: areas, labels once each, clusters at low zoom', async () => {
    const res = await chief.get(`/api/map/tiles/${z10.z}/${z10.x}/${z10.y}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe(TILE_CONTENT_TYPE)
    expect(res.headers['cache-control']).toMatch(/private/)
    const t = await overTree(chief, GRIDS_MIN_ZOOM)
    expect(t.layerNames).toEqual(['area_labels', 'businesses', 'districts', 'grids', 'stations'])
    for (const p of t.parts) for (const name of Object.keys(p.layers)) expect(p.layers[name].extent).toBe(4096)

    expect(t.features('districts').map((f) => f.properties)).toEqual([{ code: '05', name: '测试片区', level: 1 }])
    expect(t.features('stations').map((f) => f.properties.code).sort()).toEqual(['0501', '0502'])
    const grids = t.features('grids')
    expect(grids.map((f) => f.properties).sort((a, b) => String(a.code).localeCompare(String(b.code)))).toEqual([
      { code: '050101', parentCode: '0501' },
      { code: '050102', parentCode: '0501' },
      { code: '050201', parentCode: '0502' },
      { code: '050202', parentCode: '0502' },
    ])
    // Polygons with the code as feature id, and exactly the contract's property names.
    expect(grids[0].type).toBe(3)
    expect(grids.map((f) => f.id).sort()).toEqual([50101, 50102, 50201, 50202])
    for (const f of grids) expect(Object.keys(f.properties).sort()).toEqual([...TILE_LAYERS.grids.properties].sort())

    const labels = t.features('area_labels')
    expect(labels.map((f) => f.properties.code).sort()).toEqual(['05', '0501', '0502', '050101', '050102', '050201', '050202'].sort())
    expect(labels.find((f) => f.properties.code === '050101')!.properties).toEqual({ code: '050101', name: '纺织城第一网格', level: 3, kind: 'grid' })
    expect(labels.find((f) => f.properties.code === '0502')!.properties.kind).toBe('station')

    // Clusters, not points: every business with a location counted once, by risk and placement.
    const clusters = t.features('businesses')
    expect(clusters.length).toBeGreaterThan(0)
    for (const c of clusters) {
      expect(Object.keys(c.properties).sort()).toEqual([...TILE_LAYERS.businesses.clusterProperties].sort())
      expect(c.properties.cluster).toBe(true)
      expect(c.id).toBeUndefined()
    }
    expect(sum(clusters, 'count')).toBe(6)
    expect(sum(clusters, 'high')).toBe(1)
    expect(sum(clusters, 'general')).toBe(5)
    expect(sum(clusters, 'unplaced')).toBe(1)
    // The tile holds no business name at cluster zooms.
    expect(t.raw.toString('utf8')).not.toContain('测试企业')
  })

  it('a label lands in one tile only, while a polygon reaches into its neighbours', async () => {
    // At zoom 14 grid 050101 (109.00–109.05) spans several tiles; its label lies in exactly one.
    const z = 14
    const a = tileAt(z, 109.001, 34.05)
    const b = tileAt(z, 109.049, 34.05)
    let labelled = 0
    let withPolygon = 0
    for (let x = a.x; x <= b.x; x++) {
      const t = await tile(chief, z, x, a.y)
      if (t.features('grids').some((f) => f.properties.code === '050101')) withPolygon++
      if (t.features('area_labels').some((f) => f.properties.code === '050101')) labelled++
    }
    expect(withPolygon).toBeGreaterThan(1)
    expect(labelled).toBeLessThanOrEqual(1)
  })

  it('serves single points with id, name, risk class and placement at high zoom', async () => {
    const t = tileAt(POINTS_MIN_ZOOM + 1, 109.01, 34.02)
    const got = await tile(chief, t.z, t.x, t.y)
    const points = got.features('businesses')
    const first = points.find((p) => p.id === inWest[0])!
    expect(first.properties).toEqual({ cluster: false, id: inWest[0], name: expect.stringMatching(/^测试企业/), riskClass: 'high', placed: true, count: 1 })
    expect(first.type).toBe(1)
    // The point sits where the business is: project it back.
    const [p] = first.geometry[0]
    const n = 2 ** t.z
    expect((t.x + p.x / 4096) / n).toBeCloseTo(lngToWorldX(109.01), 7)
    expect((t.y + p.y / 4096) / n).toBeCloseTo(latToWorldY(34.02), 7)

    const u = tileAt(POINTS_MIN_ZOOM, 109.04, 34.03)
    const withUnplaced = (await tile(chief, u.z, u.x, u.y)).features('businesses')
    expect(withUnplaced.find((f) => f.id === unplaced)?.properties).toMatchObject({ placed: false, cluster: false })
  })

  it('a grid head sees only their grid and its businesses, nothing of any other area', async () => {
    const t = await overTree(head050201, GRIDS_MIN_ZOOM)
    expect(t.features('districts')).toEqual([])
    expect(t.features('stations')).toEqual([])
    expect(t.features('grids').map((f) => f.properties.code)).toEqual(['050201'])
    expect(t.features('area_labels').map((f) => f.properties.code)).toEqual(['050201'])
    expect(sum(t.features('businesses'), 'count')).toBe(2)
    for (const other of ['050101', '050102', '050202', '纺织城', '测试片区', '席王第二网格']) expect(t.raw.toString('utf8')).not.toContain(other)

    // A point tile of another grid is empty for them; one of their own holds their businesses only.
    const west = tileAt(POINTS_MIN_ZOOM + 1, 109.01, 34.02)
    const empty = await tile(head050201, west.z, west.x, west.y)
    expect(empty.status).toBe(200)
    expect(empty.raw.length).toBe(0)
    // The highest cluster zoom at which both of their businesses share a tile.
    let z = POINTS_MIN_ZOOM - 1
    while (JSON.stringify(tileAt(z, 109.11, 34.05)) !== JSON.stringify(tileAt(z, 109.12, 34.06))) z--
    const east = tileAt(z, 109.11, 34.05)
    const own = await tile(head050201, east.z, east.x, east.y)
    expect(sum(own.features('businesses'), 'count')).toBe(2)
    const eastPoints = tileAt(POINTS_MIN_ZOOM, 109.11, 34.05)
    const pts = (await tile(head050201, eastPoints.z, eastPoints.x, eastPoints.y)).features('businesses')
    expect(pts.map((f) => f.id)).toContain(inEast[0])
    expect(pts.every((f) => inEast.includes(f.id!))).toBe(true)
  })

  it('leaves out the businesses layer for a user without business.read', async () => {
    const v = await readVersions(db)
    const areas = await loadAreas(db, v.areas)
    const cells = () => loadCells(db, v.businesses)
    const without = new VectorTile(new Pbf(await buildTile(db, { ...z10, scope: '05', businesses: false }, areas, cells)))
    const withB = new VectorTile(new Pbf(await buildTile(db, { ...z10, scope: '05', businesses: true }, areas, cells)))
    expect(Object.keys(without.layers)).not.toContain('businesses')
    expect(Object.keys(withB.layers)).toContain('businesses')
  })

  it('leaves grids out below GRIDS_MIN_ZOOM', async () => {
    const t = tileAt(GRIDS_MIN_ZOOM - 1, 109.1, 34.05)
    const got = await tile(chief, t.z, t.x, t.y)
    expect(got.features('grids')).toEqual([])
    expect(got.features('area_labels').map((f) => f.properties.kind).sort()).toEqual(['district', 'station', 'station'])
    expect(got.features('stations').length).toBe(2)
  })

  it('refuses a tile that does not exist, with the rule', async () => {
    for (const [z, x, y] of [['21', '0', '0'], ['3', '8', '0'], ['3', '0', '8'], ['a', '0', '0'], ['1.5', '0', '0'], ['-1', '0', '0'], ['03', '0', '0']]) {
      const res = await chief.get(`/api/map/tiles/${z}/${x}/${y}`, { 'accept-language': 'en' })
      expect(res.statusCode, `${z}/${x}/${y}`).toBe(400)
      expect(res.json().error.code).toBe('map.tileOutOfRange')
      expect(res.json().error.message).toContain('integer from 0 to 20')
    }
    const zh = await chief.get('/api/map/tiles/25/0/0')
    expect(zh.json().error.message).toContain('瓦片坐标不合法')
    expect((await chief.get('/api/map/tiles/20/1048575/1048575')).statusCode).toBe(200)
    expect((await chief.get(`/api/map/tiles/${z10.z}/${z10.x}/${z10.y}.mvt`)).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: `/api/map/tiles/${z10.z}/${z10.x}/${z10.y}` })).statusCode).toBe(401)
  })

  it('answers 304 to a current ETag', async () => {
    const first = await tile(chief, z10.z, z10.x, z10.y)
    const again = await chief.get(`/api/map/tiles/${z10.z}/${z10.x}/${z10.y}`, { 'if-none-match': first.etag })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    // The same tile for another scope has another ETag.
    const other = await tile(head050201, z10.z, z10.x, z10.y)
    expect(other.etag).not.toBe(first.etag)
  })
})

// The tile cache tests create, move and redraw: on a small tree of their own, as the tests above
// count the businesses and draw the grids of this one.
const edited = await setupTestApp()
await seedSmallTree(edited.db)
const editor = await userWith(edited.app, edited.db, ['district_chief'], '05')

describe('tile cache invalidation', () => {
  const chief = editor
  it('a created business shows in the next tile; a moved one leaves its old tile', async () => {
    const before = await tile(chief, z10.z, z10.x, z10.y)
    const created = await chief.post('/api/businesses', {
      uscc: makeUscc('enterprise', '610111', 7_700_001), name: '地图新建企业', registeredAddress: '西安市灞桥区地图路1号',
      location: { lng: 109.16, lat: 34.07 },
    })
    expect(created.statusCode, created.body).toBe(200)
    const id = created.json().id
    const after = await tile(chief, z10.z, z10.x, z10.y)
    expect(after.etag).not.toBe(before.etag)
    expect(sum(after.features('businesses'), 'count')).toBe(sum(before.features('businesses'), 'count') + 1)
    // The old ETag no longer answers 304.
    expect((await chief.get(`/api/map/tiles/${z10.z}/${z10.x}/${z10.y}`, { 'if-none-match': before.etag })).statusCode).toBe(200)

    const oldTile = tileAt(POINTS_MIN_ZOOM, 109.16, 34.07)
    const newTile = tileAt(POINTS_MIN_ZOOM, 109.06, 34.07)
    expect((await tile(chief, oldTile.z, oldTile.x, oldTile.y)).features('businesses').map((f) => f.id)).toContain(id)
    expect((await tile(chief, newTile.z, newTile.x, newTile.y)).features('businesses').map((f) => f.id)).not.toContain(id)
    const moved = await chief.patch(`/api/businesses/${id}`, { location: { lng: 109.06, lat: 34.07 } })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json().gridCode).toBe('050102')
    expect((await tile(chief, oldTile.z, oldTile.x, oldTile.y)).features('businesses').map((f) => f.id)).not.toContain(id)
    const there = (await tile(chief, newTile.z, newTile.x, newTile.y)).features('businesses').find((f) => f.id === id)
    expect(there?.properties).toMatchObject({ name: '地图新建企业', placed: true })
  })

  it('a boundary change redraws the grid', async () => {
    const z = GRIDS_MIN_ZOOM
    const t = tileAt(z, 109.19, 34.05)
    /** The longitude of 050202's east edge, read back from the tile. */
    const eastEdge = async () => {
      const g = (await tile(chief, z, t.x, t.y)).features('grids').find((f) => f.properties.code === '050202')!
      const maxX = Math.max(...g.geometry.flat().map((p) => p.x))
      return ((t.x + maxX / 4096) / 2 ** z) * 360 - 180
    }
    expect(await eastEdge()).toBeCloseTo(109.2, 3)
    // 050202 shrinks from 0.05° to 0.03° wide (its east part becomes a gap in 0502).
    const res = await chief.put('/api/areas/050202/boundary', { boundary: rect(109.15, 34, 0.03, 0.1), ...approval })
    expect(res.statusCode, res.body).toBe(200)
    expect(await eastEdge()).toBeCloseTo(109.18, 3)
  })

  it('a rename changes the label', async () => {
    const res = await chief.patch('/api/areas/050102', { name: '纺织城改名网格', reason: '更名', ...approval })
    expect(res.statusCode, res.body).toBe(200)
    const labels = (await overTree(chief, GRIDS_MIN_ZOOM)).features('area_labels')
    expect(labels.find((f) => f.properties.code === '050102')?.properties.name).toBe('纺织城改名网格')
  })
})

describe('locate', () => {
  it('finds a business by USCC or name, and an area by code or name, in scope', async () => {
    const { rows: [b] } = await db.query<{ uscc: string; name: string }>('SELECT uscc, name FROM businesses WHERE id = $1', [inWest[1]])
    const byUscc = await chief.get(`/api/map/locate?q=${b.uscc}`)
    expect(byUscc.statusCode, byUscc.body).toBe(200)
    expect(byUscc.json().items[0]).toEqual({ kind: 'business', id: inWest[1], uscc: b.uscc, label: b.name, gridCode: '050101', point: { lng: 109.02, lat: 34.03 }, bbox: null })

    const byName = (await chief.get(`/api/map/locate?q=${encodeURIComponent(b.name)}`)).json().items
    expect(byName[0]).toMatchObject({ kind: 'business', id: inWest[1] })

    const byCode = (await chief.get('/api/map/locate?q=050201')).json().items
    expect(byCode[0]).toMatchObject({ kind: 'area', code: '050201', level: 3, label: '050201 席王第一网格' })
    expect(byCode[0].bbox[0]).toBeCloseTo(109.1, 9)
    expect(byCode[0].bbox[2]).toBeCloseTo(109.15, 9)
    const byAreaName = (await chief.get(`/api/map/locate?q=${encodeURIComponent('席王')}`)).json().items
    expect(byAreaName.map((i: any) => i.code)).toEqual(['0502', '050201', '050202'])
  })

  it('finds nothing outside the scope', async () => {
    const { rows: [b] } = await db.query<{ uscc: string }>('SELECT uscc FROM businesses WHERE id = $1', [inWest[0]])
    expect((await head050201.get(`/api/map/locate?q=${b.uscc}`)).json().items).toEqual([])
    expect((await head050201.get('/api/map/locate?q=050101')).json().items).toEqual([])
    expect((await head050201.get(`/api/map/locate?q=${encodeURIComponent('纺织城')}`)).json().items).toEqual([])
    expect((await head050201.get('/api/map/locate?q=050201')).json().items).toHaveLength(1)
    const blank = await head050201.get('/api/map/locate?q=%20')
    expect(blank.statusCode).toBe(400)
    expect(blank.json().error.code).toBe('map.locateQuery')
  })
})

describe('basemap setting', () => {
  it('is none by default and readable by staff', async () => {
    const res = await head050201.get('/api/map/settings')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ basemap: { kind: 'none' }, updatedAt: null })
  })

  it('refuses invalid settings with the field and reason, in zh-CN and en, changing nothing', async () => {
    const cases: Array<[unknown, string, RegExp, RegExp]> = [
      [{ kind: 'xyz', url: 'https://tiles.example.com/{z}/{x}.png' }, 'url', /\{z\}、\{x\}、\{y\}/, /must contain \{z\}, \{x\} and \{y\}/],
      [{ kind: 'xyz', url: 'ftp://tiles.example.com/{z}/{x}/{y}.png' }, 'url', /http\(s\)/, /http\(s\)/],
      [{ kind: 'tianditu', token: '  ' }, 'token', /token 不能为空/, /must not be empty/],
      [{ kind: 'tianditu' }, 'token', /token 不能为空/, /must not be empty/],
      [{ kind: 'pmtiles', url: 'https://x.example.com/a.mbtiles' }, 'url', /\.pmtiles/, /\.pmtiles/],
      [{ kind: 'google' }, 'kind', /none、tianditu、xyz 或 pmtiles/, /none, tianditu, xyz or pmtiles/],
      [{ kind: 'none', url: 'https://x/{z}/{x}/{y}' }, 'url', /不应填写/, /not used/],
    ]
    const auditBefore = (await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'settings.mapBasemapChanged'`)).rows[0].n
    for (const [basemap, field, zh, en] of cases) {
      const resZh = await sysadmin.put('/api/map/settings', { basemap })
      expect(resZh.statusCode, JSON.stringify(basemap)).toBe(400)
      expect(resZh.json().error).toMatchObject({ code: 'map.basemapInvalid', details: { field } })
      expect(resZh.json().error.message).toMatch(zh)
      const resEn = await sysadmin.put('/api/map/settings', { basemap }, { 'accept-language': 'en' })
      expect(resEn.json().error.message).toMatch(en)
    }
    expect((await db.query(`SELECT count(*)::int AS n FROM settings WHERE key = 'map.basemap'`)).rows[0].n).toBe(0)
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'settings.mapBasemapChanged'`)).rows[0].n).toBe(auditBefore)
  })

  it('is set by a system administrator only, and audited with the token shortened', async () => {
    // back to no basemap afterwards: the tests above read the default
    onTestFinished(async () => {
      await db.query(`DELETE FROM settings WHERE key = 'map.basemap'`)
    })
    expect((await chief.put('/api/map/settings', { basemap: { kind: 'none' } })).statusCode).toBe(403)
    const set = await sysadmin.put('/api/map/settings', { basemap: { kind: 'tianditu', token: ' 0123456789abcdef0123456789abcdef ' } })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json().basemap).toEqual({ kind: 'tianditu', token: '0123456789abcdef0123456789abcdef' })
    expect((await head050201.get('/api/map/settings')).json().basemap).toEqual({ kind: 'tianditu', token: '0123456789abcdef0123456789abcdef' })

    const xyz = await sysadmin.put('/api/map/settings', { basemap: { kind: 'xyz', url: 'https://tiles.example.com/{z}/{x}/{y}.png', attribution: '© 示例' } })
    expect(xyz.statusCode, xyz.body).toBe(200)
    const { rows } = await db.query<{ details: any; username: string; object_id: string }>(
      `SELECT details, username, object_id FROM audit_events WHERE action = 'settings.mapBasemapChanged' ORDER BY id`)
    expect(rows).toHaveLength(2)
    expect(rows[0].details).toEqual({
      before: { kind: 'none' }, after: { kind: 'tianditu', token: '012…def' },
      changes: { kind: { from: 'none', to: 'tianditu' }, token: { from: null, to: '012…def' } },
    })
    expect(rows[1].details.after).toEqual({ kind: 'xyz', url: 'https://tiles.example.com/{z}/{x}/{y}.png', attribution: '© 示例' })
    expect(rows[1].object_id).toBe('map.basemap')
    expect(JSON.stringify(rows)).not.toContain('0123456789abcdef')
    const local = await sysadmin.put('/api/map/settings', { basemap: { kind: 'pmtiles', url: '/basemaps/xian.pmtiles' } })
    expect(local.json().basemap).toEqual({ kind: 'pmtiles', url: '/basemaps/xian.pmtiles' })
  })
})
