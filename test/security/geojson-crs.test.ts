/**
 * Issue 11 §4: a GeoJSON `crs` naming EPSG:3857 was ignored and its metres read as degrees. Any
 * crs but WGS-84 is refused; out-of-range coordinates are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type Client, type TestContext } from '../helper.ts'
import { seedSmallTree, userWith } from '../factories.ts'
import { areaTableCounts, rect } from '../factories-areas.ts'
import { unsupportedCrs } from '../../src/modules/areas/geojson-io.ts'

let t: TestContext
let chief: Client

beforeAll(async () => {
  t = await setupTestApp()
  await seedSmallTree(t.db)
  chief = await userWith(t.app, t.db, ['district_chief'], '05')
})

const named = (name: string) => ({ type: 'name', properties: { name } })

describe('unsupportedCrs', () => {
  it('accepts the names of WGS-84 and nothing else', () => {
    for (const ok of [undefined, null, named('urn:ogc:def:crs:OGC:1.3:CRS84'), named('EPSG:4326'), named('urn:ogc:def:crs:EPSG::4326'), { type: 'EPSG', properties: { code: 4326 } }]) {
      expect(unsupportedCrs(ok), JSON.stringify(ok)).toBeNull()
    }
    for (const bad of [named('urn:ogc:def:crs:EPSG::3857'), named('EPSG:4490'), { type: 'EPSG', properties: { code: 3857 } }, 'nonsense', {}]) {
      expect(unsupportedCrs(bad), JSON.stringify(bad)).not.toBeNull()
    }
  })
})

describe('POST /api/areas/import', () => {
  const feature = (geometry: unknown) => ({ type: 'Feature', properties: { code: '050203', name: '新网格' }, geometry })

  it('refuses a file whose crs is EPSG:3857, naming it, and writes nothing', async () => {
    const before = await areaTableCounts(t.db)
    const res = await chief.post('/api/areas/import?approvedBy=网格办', {
      type: 'FeatureCollection', crs: named('urn:ogc:def:crs:EPSG::3857'),
      features: [feature(rect(109.18, 34.0, 0.001, 0.001))],
    }, { 'accept-language': 'en' })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().error.code).toBe('area.crsUnsupported')
    expect(res.json().error.message).toContain('urn:ogc:def:crs:EPSG::3857')
    expect(await areaTableCounts(t.db)).toEqual(before)
  })

  it('refuses a feature whose geometry carries a non-WGS-84 crs', async () => {
    const res = await chief.post('/api/areas/import?approvedBy=网格办', {
      type: 'FeatureCollection', features: [feature({ ...rect(109.18, 34.0, 0.001, 0.001), crs: named('EPSG:3857') })],
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().error.details.refusals[0]).toMatchObject({ field: 'geometry.crs', rule: 'area.crsUnsupported' })
  })

  it('refuses coordinates out of range (metres read as degrees)', async () => {
    const res = await chief.post('/api/areas/import?approvedBy=网格办', {
      type: 'FeatureCollection', features: [feature(rect(12_136_000, 4_028_000, 100, 100))],
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().error.details.refusals[0]).toMatchObject({ field: 'geometry', rule: 'area.coordinatesOutOfRange' })
  })
})
