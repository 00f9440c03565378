/**
 * The grid's map on the phone (issue 15 §3 and §4): after one sync with a signal the boundary of the
 * worker's grid and the map tiles over it are in IndexedDB; with the network off the map tab draws
 * the grid, its businesses and the tiles from the phone's copy alone (not one tile request leaves
 * the page), a tapped point opens its business, and the business page's "show on the map" comes back
 * to the map centred on it.
 */
import { describe, expect, it } from 'vitest'
import { SLOW, startConsole } from './console.ts'
import { mapIdle } from './map-page.ts'
import { boxOf, tileKey, tilesCovering } from '../../src/modules/map/tile-cover.ts'

const c = await startConsole()
const PHONE = { width: 390, height: 844 }

/** What the phone holds (a string: a transpiler's helpers do not exist in the page). */
const HELD = `new Promise((resolve) => {
  const open = indexedDB.open('marketgrid-field')
  open.onerror = () => resolve(null)
  open.onsuccess = () => {
    const db = open.result
    try {
      const tx = db.transaction(['businesses', 'boundaries', 'tiles'])
      const b = tx.objectStore('businesses').count()
      const g = tx.objectStore('boundaries').getAll()
      const t = tx.objectStore('tiles').getAll()
      tx.oncomplete = () => {
        db.close()
        resolve({ businesses: b.result, grids: g.result.map((x) => x.code), tiles: t.result.map((x) => ({ key: x.key, size: x.bytes.byteLength, etag: x.etag })) })
      }
    } catch { db.close(); resolve(null) }
  }
})`

type Held = { businesses: number; grids: string[]; tiles: Array<{ key: string; size: number; etag: string | null }> } | null

/** Features the main map draws now, per layer. */
const DRAWN = `(() => {
  const m = window.__mgMap
  const n = (id) => m.queryRenderedFeatures({ layers: [id] }).length
  return { grid: n('field-grids-line'), businesses: n('field-businesses'), tileGrids: n('mg-grids-line'), tileLabels: n('mg-grid-labels') }
})()`

describe('the grid\'s map on the phone', () => {
  it('keeps the grid\'s boundary and tiles, draws them and the businesses with no signal, and opens a tapped business', async () => {
    const { context, page } = await c.open('worker050203', { viewport: PHONE })
    await page.goto(`${c.url}/field`)

    // Kept on the phone: the boundary, and every tile of zooms 12–16 over it, with its ETag.
    const area = await (await page.request.get(`${c.url}/api/areas/050203`)).json() as { boundary: { coordinates: unknown } }
    const expected = tilesCovering(boxOf([area.boundary])!).map(tileKey).sort()
    expect(expected.length).toBeGreaterThan(5)
    await expect.poll(async () => ((await page.evaluate(HELD)) as Held)?.tiles.length, { timeout: 120_000 }).toBe(expected.length)
    const held = (await page.evaluate(HELD)) as NonNullable<Held>
    expect(held.grids).toEqual(['050203'])
    expect(held.tiles.map((t) => t.key).sort()).toEqual(expected)
    expect(held.tiles.every((t) => t.etag)).toBe(true)
    // the kept bytes are the server's tile
    const deepest = held.tiles.filter((t) => t.key.startsWith('16/')).sort((a, b) => b.size - a.size)[0]!
    const served = await page.request.get(`${c.url}/api/map/tiles/${deepest.key}`)
    expect((await served.body()).byteLength).toBe(deepest.size)
    expect(deepest.size).toBeGreaterThan(0)
    const { rows: [{ n: located }] } = await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM businesses WHERE grid_code = '050203' AND location IS NOT NULL`)
    expect(held.businesses).toBeGreaterThanOrEqual(located!)

    // The app itself is kept by the service worker, so it starts with no signal.
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 60_000 }).toBe(true)
    await context.setOffline(true)
    let tileRequests = 0
    page.on('request', (r) => { if (r.url().includes('/api/map/tiles/')) tileRequests++ })
    await page.reload()
    await page.getByTestId('field-online').getByText('无网络').waitFor()
    await page.getByTestId('field-tabs').getByText('地图').click()
    await mapIdle(page)
    const drawn = await page.evaluate(DRAWN) as { grid: number; businesses: number; tileGrids: number; tileLabels: number }
    expect(drawn.grid).toBeGreaterThan(0)
    expect(drawn.businesses).toBe(located)
    // the server's tiles, read from the phone: the grid and its label
    expect(drawn.tileGrids).toBeGreaterThan(0)
    expect(drawn.tileLabels).toBeGreaterThan(0)
    expect(tileRequests).toBe(0)
    expect(await page.getByTestId('field-map-status').innerText()).toContain(`1 个网格边界，${located} 户商户，${expected.length} 块地图瓦片`)
    await page.screenshot({ path: 'docs/screenshots/field-map.png' })

    // Tap a business: its page opens, from the phone.
    const target = await page.evaluate(`(() => {
      const m = window.__mgMap
      const f = m.queryRenderedFeatures({ layers: ['field-businesses'] })[0]
      m.jumpTo({ center: f.geometry.coordinates, zoom: 18 })
      return { uscc: f.properties.uscc, name: f.properties.name, lng: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }
    })()`) as { uscc: string; name: string; lng: number; lat: number }
    await mapIdle(page)
    const box = (await page.getByTestId('field-map').boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    // Stalls side by side: the list under the map says which is which.
    const choice = page.getByTestId('field-map-choice')
    const view = page.getByTestId('field-business-view')
    await Promise.race([choice.waitFor(), view.waitFor()])
    if (await choice.isVisible()) await choice.getByText(target.name, { exact: true }).click()
    await view.getByText(target.name).waitFor()
    expect(await view.getByTestId('field-business-uscc').innerText()).toBe(target.uscc)
    expect(new URL(page.url()).pathname).toBe(`/field/b/${target.uscc}`)

    // "Show on the map": back on the map, centred on the business.
    await view.getByTestId('field-show-on-map').click()
    await mapIdle(page)
    const centre = await page.evaluate('(() => { const c = window.__mgMap.getCenter(); return { lng: c.lng, lat: c.lat, zoom: window.__mgMap.getZoom() } })()') as { lng: number; lat: number; zoom: number }
    expect(centre.lng).toBeCloseTo(target.lng, 5)
    expect(centre.lat).toBeCloseTo(target.lat, 5)
    expect(centre.zoom).toBe(17)
    expect(tileRequests).toBe(0)
    await context.close()
  }, SLOW)
})
