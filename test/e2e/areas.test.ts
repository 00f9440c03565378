/**
 * Areas and people pages in a real browser: the area tree, a grid's boundary on the map, a refused
 * boundary upload (overlap drawn red, nothing saved), and a grid head who sees only their grid.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { SLOW, startConsole } from './console.ts'

const c = await startConsole()
const open = (username: string) => c.open(username)
const dir = mkdtempSync(join(tmpdir(), 'mg-areas-'))

/** Pixels of an element's screenshot that satisfy `test` (counted in the page, no image library). */
async function countPixels(page: Page, el: Locator, colour: 'red' | 'blue'): Promise<number> {
  const png = (await el.screenshot()).toString('base64')
  return page.evaluate(async ({ png, colour }) => {
    const img = new Image()
    img.src = `data:image/png;base64,${png}`
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.width
    canvas.height = img.height
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(img, 0, 0)
    const d = ctx.getImageData(0, 0, img.width, img.height).data
    let n = 0
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]]
      if (colour === 'red' ? r > 200 && g < 70 && b < 80 : r < 90 && g > 70 && g < 150 && b > 180) n++
    }
    return n
  }, { png, colour })
}

/** Waits until the element's screenshot has at least `min` pixels of the colour (the map draws asynchronously). */
async function waitForPixels(page: Page, el: Locator, colour: 'red' | 'blue', min: number): Promise<number> {
  let n = 0
  for (let i = 0; i < 120; i++) {
    n = await countPixels(page, el, colour)
    if (n >= min) return n
    await page.waitForTimeout(500)
  }
  return n
}

const treeCodes = async (page: Page) =>
  (await page.getByTestId('area-tree').locator('.ant-tree-title').allInnerTexts()).map((s) => s.split(' ')[0])

describe('areas page', () => {
  it('shows the tree to a district chief; selecting a grid shows its facts and its boundary on the map', async () => {
    const { context, page } = await open('chief')
    await page.goto(c.url + '/areas')
    const tree = page.getByTestId('area-tree')
    await tree.locator('.ant-tree-title', { hasText: '0502 ' }).first().waitFor()
    const codes = await treeCodes(page)
    expect(codes).toContain('05')
    expect(codes.filter((x) => x.length === 4)).toEqual(['0501', '0502', '0503', '0504', '0505', '0506'])

    await tree.getByRole('searchbox').fill('050203')
    await tree.locator('.ant-tree-title', { hasText: '050203' }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('code')).toBe('050203')
    const { rows } = await c.db.query<{ name: string }>(`SELECT name FROM areas WHERE code = '050203'`)
    await expect(page.getByTestId('area-title').innerText()).resolves.toBe(`050203 ${rows[0].name}`)
    const facts = await page.getByTestId('area-facts').innerText()
    expect(facts).toContain('0502')
    expect(facts).toMatch(/km²/)
    const map = page.getByTestId('mini-map').first()
    await map.locator('canvas').waitFor()
    expect(await waitForPixels(page, map, 'blue', 300)).toBeGreaterThanOrEqual(300)
    // the history lists its creation
    await expect(page.locator('.ant-table').first().innerText()).resolves.toMatch(/新建/)
    await page.screenshot({ path: 'docs/screenshots/areas.png' })
    await context.close()
  }, SLOW)

  it('refuses a boundary that overlaps a sibling: the message and the overlap drawn red, nothing saved', async () => {
    // 050203 grown over a neighbouring grid of the same station: inside the station, overlapping a sibling.
    const { rows: [n] } = await c.db.query<{ code: string; geojson: string }>(
      `SELECT b.code, ST_AsGeoJSON(ST_Union(a.boundary, b.boundary, 1e-9)) AS geojson
       FROM areas a JOIN areas b ON b.parent_code = a.parent_code AND b.code <> a.code AND ST_Intersects(a.boundary, b.boundary)
       WHERE a.code = '050203' AND b.retired_at IS NULL ORDER BY b.code LIMIT 1`,
    )
    expect(n, 'a neighbour of 050203').toBeTruthy()
    const file = join(dir, 'overlap.geojson')
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: JSON.parse(n.geojson) }] }))
    const before = await c.db.query(`SELECT version, ST_AsText(boundary) AS wkt FROM areas WHERE code = '050203'`)

    const { context, page } = await open('chief')
    await page.goto(c.url + '/areas?code=050203')
    await page.getByRole('button', { name: /修改边界/ }).click()
    const modal = page.locator('.ant-modal').filter({ hasText: '050203' })
    await modal.waitFor()
    await modal.locator('input[type=file]').setInputFiles(file)
    await modal.getByText('overlap.geojson').waitFor()
    await modal.locator('#approvedBy').fill('灞桥区网格办')
    const map = modal.getByTestId('mini-map')
    await map.locator('canvas').waitFor()
    await waitForPixels(page, map, 'blue', 300)
    const redBefore = await countPixels(page, map, 'red')
    await modal.getByRole('button', { name: /提交边界/ }).click()

    const error = modal.getByTestId('boundary-error')
    await error.waitFor()
    const text = await error.innerText()
    expect(text).toContain('重叠')
    expect(text).toContain(n.code)
    const redAfter = await waitForPixels(page, map, 'red', redBefore + 200)
    expect(redAfter).toBeGreaterThan(redBefore + 200)

    const after = await c.db.query(`SELECT version, ST_AsText(boundary) AS wkt FROM areas WHERE code = '050203'`)
    expect(after.rows[0]).toEqual(before.rows[0])
    await context.close()
  }, SLOW)

  it('shows a grid head only their grid (and the path down to it) in the tree and people table', async () => {
    const { context, page } = await open('head050203')
    await page.goto(c.url + '/areas')
    await page.getByTestId('area-tree').locator('.ant-tree-title', { hasText: '050203' }).waitFor()
    const { rows: visible } = await c.db.query<{ code: string }>(
      `SELECT code FROM areas WHERE retired_at IS NULL AND (code LIKE '050203%' OR '050203' LIKE code || '%') ORDER BY code`,
    )
    expect((await treeCodes(page)).sort()).toEqual(visible.map((r) => r.code))
    expect(visible.map((r) => r.code)).toEqual(['05', '0502', '050203'])
    await page.getByTestId('area-title').waitFor()
    expect(await page.getByRole('button', { name: /修改边界/ }).count()).toBe(0)

    await page.goto(c.url + '/people')
    const table = page.getByTestId('people-table')
    await table.locator('tbody tr.ant-table-row').first().waitFor()
    const names = await table.locator('tbody tr.ant-table-row td:first-child').allInnerTexts()
    const { rows: people } = await c.db.query<{ name: string }>(
      `SELECT name FROM people p WHERE p.area_code LIKE '050203%'
         OR EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.area_code LIKE '050203%') ORDER BY p.id`,
    )
    expect(people.length).toBeGreaterThan(0)
    expect(names.map((s) => s.trim()).sort()).toEqual(people.map((p) => p.name).sort())
    const roles = await table.locator('tbody').innerText()
    for (const code of roles.match(/\b05\d{4}\b/g) ?? []) expect(code).toBe('050203')

    // the staffing check: the one grid
    await page.goto(c.url + '/people?tab=staffing')
    const staffing = page.getByTestId('staffing-table')
    await staffing.locator('tbody tr.ant-table-row').first().waitFor()
    const gridCells = await staffing.locator('tbody tr.ant-table-row td:first-child').allInnerTexts()
    expect(gridCells.map((s) => s.split(' ')[0])).toEqual(['050203'])
    await context.close()
  }, SLOW)

  it('lists people with their duties for a district chief, and opens one in a drawer', async () => {
    const { context, page } = await open('chief')
    await page.goto(c.url + '/people')
    const table = page.getByTestId('people-table')
    await table.locator('tbody tr.ant-table-row').first().waitFor()
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(20)
    const body = await table.locator('tbody').innerText()
    expect(body).toMatch(/网格长 · 05\d{4}/)
    expect(body).toMatch(/\d{3}\*{4}\d{4}/) // phones masked in the list, as the server sends them
    await page.screenshot({ path: 'docs/screenshots/people.png' })
    await table.locator('tbody tr.ant-table-row').first().locator('a').first().click()
    await page.getByTestId('person-detail').waitFor()
    await expect(page.getByTestId('person-detail').innerText()).resolves.toMatch(/职务/)
    await context.close()
  }, SLOW)
})
