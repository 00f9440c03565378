/**
 * The electronic map (M5.1) in a real browser: what the map DRAWS (rendered features read from
 * MapLibre after it is idle), the grid card, the search that flies to a business, and a grid head
 * who sees their grid and nothing else, in the picture, the tree and the tiles the page fetched.
 */
import fs from 'node:fs'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { Page } from 'playwright-core'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader as Pbf } from 'pbf'
import { startConsole } from './console.ts'
import { mapIdle } from './map-page.ts'

const c = await startConsole()
fs.mkdirSync('docs/screenshots', { recursive: true })

const GRIDS_FILL = 'mg-grids-fill'
const BUSINESSES = 'mg-businesses'

/** Distinct values of a property over the features the map has drawn in `layer`. */
function rendered(page: Page, layer: string, prop: string): Promise<string[]> {
  return page.evaluate(([l, p]) => {
    const features = window.__mgMap!.queryRenderedFeatures({ layers: [l] })
    return [...new Set(features.map((f) => String(f.properties[p])))].sort()
  }, [layer, prop] as const)
}

async function gridsInDb(): Promise<string[]> {
  const { rows } = await c.db.query<{ code: string }>(`SELECT code FROM grids ORDER BY code`)
  return rows.map((r) => r.code)
}

/** Clicks the map canvas at a geographic point. */
async function clickAt(page: Page, lng: number, lat: number) {
  const p = await page.evaluate(([x, y]) => window.__mgMap!.project([x, y]), [lng, lat] as const)
  const box = (await page.locator('[data-testid=console-map] canvas').boundingBox())!
  await page.mouse.click(box.x + p.x, box.y + p.y)
}

// Generous limits: the page tests share two cores with everything else; nothing here is timed.
/** Whether a point is drawn in the part of the map that the card drawer (400 px, right) leaves free. */
async function inFreeView(page: Page, lng: number, lat: number): Promise<boolean> {
  const p = await page.evaluate(([x, y]) => window.__mgMap!.project([x, y]), [lng, lat] as const)
  const box = (await page.locator('[data-testid=console-map] canvas').boundingBox())!
  return p.x >= 0 && p.x <= box.width - 400 && p.y >= 0 && p.y <= box.height
}

describe('electronic map', { timeout: 300_000 }, () => {
  it('draws every grid of the district for its chief, labelled, with businesses', async () => {
    const grids = await gridsInDb()
    expect(grids.length).toBe(72)
    const { context, page } = await c.open('chief')
    expect(new URL(page.url()).pathname).toBe('/map')
    await mapIdle(page)

    const drawn = await rendered(page, GRIDS_FILL, 'code')
    expect(drawn).toEqual(grids)
    const stations = await rendered(page, 'mg-stations-line', 'code')
    expect(stations).toEqual(['0501', '0502', '0503', '0504', '0505', '0506'])
    // Labels with code and name are drawn (collisions may hide some grid labels, never all).
    const labels = await rendered(page, 'mg-station-labels', 'code')
    expect(labels.length).toBeGreaterThan(0)
    expect(await rendered(page, 'mg-grid-labels', 'code')).not.toHaveLength(0)
    // Zoomed out, businesses come as counted clusters that add up to what lies in view.
    const clusters = await page.evaluate(() => window.__mgMap!.queryRenderedFeatures({ layers: ['mg-business-clusters'] }).length)
    expect(clusters).toBeGreaterThan(0)
    // The legend explains the business points it draws.
    expect(await page.locator('[data-testid=map-legend] .map-legend-dot').count()).toBeGreaterThan(0)

    // The tree lists district, stations and (opened) grids.
    const tree = page.getByTestId('area-tree')
    await expect(tree.innerText()).resolves.toContain('0503')
    await page.screenshot({ path: 'docs/screenshots/map.png' })
    await context.close()
  })

  it('opens a grid card from the map and from the tree: code, people, business count', async () => {
    const { context, page } = await c.open('chief')
    await mapIdle(page)
    // Businesses off (the layer switcher), so that the click lands on the grid, not on a cluster.
    await page.locator('[data-testid=layer-switcher] [data-layer=businesses]').click()
    await mapIdle(page)
    expect(await page.evaluate(() => window.__mgMap!.queryRenderedFeatures({ layers: ['mg-business-clusters'] }).length)).toBe(0)

    const { rows: [g] } = await c.db.query<{ code: string; lng: number; lat: number; n: number }>(
      `SELECT a.code, ST_X(ST_PointOnSurface(a.boundary)) AS lng, ST_Y(ST_PointOnSurface(a.boundary)) AS lat,
         (SELECT count(*)::int FROM businesses b WHERE b.grid_code = a.code) AS n
       FROM grids a WHERE a.code = '050203'`)
    const { rows: people } = await c.db.query<{ name: string }>(
      `SELECT DISTINCT p.name FROM people p JOIN person_roles r ON r.person_id = p.id WHERE r.area_code = '050203'`)
    expect(people.length).toBeGreaterThan(0)

    await clickAt(page, Number(g.lng), Number(g.lat))
    const card = page.getByTestId('area-card')
    await card.waitFor()
    await expect(card.getAttribute('data-code')).resolves.toBe('050203')
    await expect(page.getByTestId('card-code').innerText()).resolves.toBe('050203')
    await expect(page.getByTestId('card-business-count').innerText()).resolves.toBe(g.n.toLocaleString())
    const peopleText = await page.getByTestId('card-people').innerText()
    for (const p of people) expect(peopleText).toContain(p.name)
    expect(peopleText).toContain('网格长')
    await page.getByTestId('card-staffing').waitFor()
    await page.getByTestId('card-coverage').waitFor()
    // The clicked grid is highlighted on the map.
    const selected = await page.evaluate(() => window.__mgMap!.getFeatureState({ source: 'mg-tiles', sourceLayer: 'grids', id: 50203 }))
    expect(selected.selected).toBe(true)
    // The wall screen: the whole district and the card side by side.
    await page.locator('[data-testid=layer-switcher] [data-layer=businesses]').click()
    await page.setViewportSize({ width: 1920, height: 1080 })
    await mapIdle(page)
    await page.screenshot({ path: 'docs/screenshots/map-wall.png' })

    await page.locator('[data-testid=layer-switcher] [data-layer=businesses]').click()
    // From the tree: a grid of another station.
    await page.getByTestId('area-tree').getByText('0505', { exact: false }).first().click()
    await page.locator('[data-testid=area-card][data-code="0505"]').waitFor()
    const gridNode = page.getByTestId('area-tree').locator('.ant-tree-title', { hasText: /^050501 / })
    await gridNode.click()
    await page.locator('[data-testid=area-card][data-code="050501"]').waitFor()
    await mapIdle(page)
    const { rows: [pos] } = await c.db.query<{ lng: number; lat: number }>(
      `SELECT ST_X(ST_PointOnSurface(boundary)) AS lng, ST_Y(ST_PointOnSurface(boundary)) AS lat FROM areas WHERE code = '050501'`)
    expect(await inFreeView(page, Number(pos.lng), Number(pos.lat))).toBe(true)
    expect(await page.evaluate(() => window.__mgMap!.getZoom())).toBeGreaterThan(12)
    await context.close()
  })

  it('searches a business by name, flies there, draws it and shows its record', async () => {
    const { rows: [b] } = await c.db.query<{ id: number; name: string; uscc: string; lng: number; lat: number }>(
      `SELECT id, name, uscc, ST_X(location) AS lng, ST_Y(location) AS lat FROM businesses
       WHERE grid_code IS NOT NULL AND name IN (SELECT name FROM businesses GROUP BY name HAVING count(*) = 1)
       ORDER BY id LIMIT 1`)
    const { context, page } = await c.open('chief')
    await mapIdle(page)
    const search = page.getByLabel('搜索市场主体或网格')
    await page.keyboard.press('/')
    await expect(search.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
    await search.fill(b.name)
    await page.getByTestId('search-option').filter({ hasText: b.name }).first().waitFor()
    await search.press('Enter')
    await page.locator(`[data-testid=business-card][data-id="${b.id}"]`).waitFor()
    await expect(page.getByTestId('business-name').innerText()).resolves.toBe(b.name)
    await expect(page.getByTestId('business-uscc').innerText()).resolves.toBe(b.uscc)
    await mapIdle(page)
    const view = await page.evaluate(() => ({ zoom: window.__mgMap!.getZoom() }))
    expect(view.zoom).toBeGreaterThanOrEqual(15)
    expect(await inFreeView(page, Number(b.lng), Number(b.lat))).toBe(true)
    expect(await rendered(page, BUSINESSES, 'id')).toContain(String(b.id))
    await context.close()
  })

  it('shows a grid head of 050203 their grid and nothing of any other, on the map, in the tree and in the tiles', async () => {
    const { context, page } = await c.open()
    const tiles: Buffer[] = []
    page.on('response', async (res) => {
      if (res.url().includes('/api/map/tiles/') && res.status() === 200) tiles.push(await res.body())
    })
    const { logIn } = await import('./console.ts')
    await logIn(page, 'head050203')
    await mapIdle(page)
    expect(await rendered(page, GRIDS_FILL, 'code')).toEqual(['050203'])
    expect(await rendered(page, 'mg-stations-line', 'code')).toEqual([])
    // Zoom out to the whole district: still only their grid.
    await page.evaluate(() => window.__mgMap!.jumpTo({ zoom: 11 }))
    await mapIdle(page)
    expect(await rendered(page, GRIDS_FILL, 'code')).toEqual(['050203'])

    const treeText = await page.getByTestId('area-tree').innerText()
    expect(treeText).toContain('050203')
    await expect(page.getByTestId('area-tree').locator('.ant-tree-treenode').count()).resolves.toBe(1)

    expect(tiles.length).toBeGreaterThan(0)
    const { rows: own } = await c.db.query<{ id: number }>(`SELECT id FROM businesses WHERE area_code LIKE '050203%'`)
    const ownIds = new Set(own.map((r) => r.id))
    let features = 0
    for (const raw of tiles) {
      const vt = new VectorTile(new Pbf(raw))
      for (const [name, layer] of Object.entries(vt.layers)) {
        for (let i = 0; i < layer.length; i++) {
          const props = layer.feature(i).properties
          features++
          if (name === 'businesses') {
            if (props.cluster === false) expect(ownIds.has(Number(props.id))).toBe(true)
          } else {
            expect(String(props.code)).toMatch(/^050203/)
          }
        }
      }
    }
    expect(features).toBeGreaterThan(0)
    await context.close()
  })

  it('draws coverage problems in red when asked: a grid that overlaps its sibling', async () => {
    // A grid drawn over part of 050203 (as a bad import would leave it): station 0502 now has an overlap.
    await c.db.query(
      `INSERT INTO areas (code, parent_code, level, name, profile_id, boundary, area_km2)
       SELECT '050299', '0502', 3, '测试重叠网格', profile_id,
         ST_Multi(ST_Intersection(boundary, ST_Buffer(ST_PointOnSurface(boundary), 0.004, 4))), 1
       FROM areas WHERE code = '050203'`)
    // retired afterwards (areas are never deleted): the other tests draw the district's 72 grids
    onTestFinished(async () => {
      await c.db.query(`UPDATE areas SET retired_at = now() WHERE code = '050299'`)
    })
    const { context, page } = await c.open('chief')
    await mapIdle(page)
    expect(await page.evaluate(() => window.__mgMap!.queryRenderedFeatures({ layers: ['mg-problems-fill'] }).length)).toBe(0)
    await page.locator('[data-testid=layer-switcher] [data-layer=problems]').click()
    await expect(page.getByTestId('problem-summary').innerText()).resolves.toMatch(/重叠 [1-9]/)
    // The problem layer's data arrives after the summary; on a loaded machine give it a few frames.
    let problems: Array<Record<string, unknown>> = []
    for (let i = 0; i < 60 && problems.length === 0; i++) {
      await mapIdle(page)
      problems = await page.evaluate(() => window.__mgMap!.queryRenderedFeatures({ layers: ['mg-problems-fill'] }).map((f) => f.properties))
      if (problems.length === 0) await page.waitForTimeout(500)
    }
    expect(problems.length).toBeGreaterThan(0)
    expect(problems.some((p) => p.kind === 'overlap' && String(p.codes).includes('050203') && String(p.codes).includes('050299'))).toBe(true)
    await context.close()
  })
})
