/**
 * Scoped users and small frictions (issue 13 §5), in a real browser on the demo district: a station
 * chief's and a grid head's areas page opens on their own area with only the actions the server
 * would take; the placing map of an unplaced business opens on the user's grids, with a search; a
 * filtered ledger survives a reload; part of a USCC finds its business.
 */
import { describe, expect, it } from 'vitest'
import { SLOW, startConsole } from './console.ts'
import { insertBusiness } from '../factories-businesses.ts'

const c = await startConsole()

describe('scoped users', () => {
  it('opens a station chief’s areas page on the station, offering only what the chief may do', async () => {
    const { context, page } = await c.open('station0502')
    await page.goto(`${c.url}/areas`)
    await expect.poll(() => page.getByTestId('area-title').textContent(), { timeout: 60_000 }).toMatch(/^0502 /)
    await page.getByTestId('area-facts').waitFor()
    // The station itself was approved above it: a new grid below it, but no rename or redraw.
    expect(await page.getByTestId('area-create-child').count()).toBe(1)
    expect(await page.getByTestId('area-rename').count()).toBe(0)
    expect(await page.getByTestId('area-edit-boundary').count()).toBe(0)
    expect(await page.getByText('不存在').count()).toBe(0)
    // One of its grids: all three.
    await page.getByTestId('area-tree').locator('.ant-tree-title', { hasText: '050203' }).click()
    await expect.poll(() => page.getByTestId('area-title').textContent()).toMatch(/^050203 /)
    await page.getByTestId('area-rename').waitFor()
    expect(await page.getByTestId('area-edit-boundary').count()).toBe(1)
    // The district above: seen in the tree, nothing to change.
    await page.goto(`${c.url}/areas?code=05`)
    await page.getByTestId('area-title').waitFor()
    expect(await page.getByTestId('area-create-child').count()).toBe(0)
    expect(await page.getByTestId('area-rename').count()).toBe(0)
    await context.close()
  }, SLOW)

  it('opens a grid head’s areas page on the grid, with no management actions', async () => {
    const { context, page } = await c.open('head050203')
    await page.goto(`${c.url}/areas`)
    await expect.poll(() => page.getByTestId('area-title').textContent(), { timeout: 60_000 }).toMatch(/^050203 /)
    await page.getByTestId('area-facts').waitFor()
    for (const id of ['area-create-child', 'area-rename', 'area-edit-boundary']) expect(await page.getByTestId(id).count()).toBe(0)
    await context.close()
  }, SLOW)
})

describe('placing an unplaced business', () => {
  it('opens the map on the user’s grids and offers a search', async () => {
    const id = await insertBusiness(c.db, { name: '落格地图测试商店', location: null, areaCode: '0502' })
    const { context, page } = await c.open('station0502')
    const grids = page.waitForResponse((r) => r.url().includes('/api/areas/export.geojson') && r.url().includes('under=0502'))
    await page.goto(`${c.url}/unplaced?reason=noLocation`)
    const answer = await grids
    expect(answer.status()).toBe(200)
    const codes = ((await answer.json()).features as Array<{ properties: { code: string } }>).map((f) => f.properties.code)
    expect(codes).toContain('050203')
    expect(codes.every((code) => code.startsWith('0502'))).toBe(true)
    // The reason filter is in the URL and in the select.
    await page.getByTestId('unplaced-table').locator('tr', { hasText: '落格地图测试商店' }).click()
    await page.getByTestId('mini-map').waitFor()
    await page.getByTestId('place-search').locator('input').fill('050203')
    await page.getByTestId('search-option').first().waitFor()
    expect(await page.getByTestId('search-option').first().textContent()).toContain('050203')
    expect(await c.db.query('SELECT 1 FROM businesses WHERE id = $1 AND grid_code IS NULL', [id]).then((r) => r.rows.length)).toBe(1)
    await context.close()
  }, SLOW)
})

describe('the business ledger', () => {
  it('keeps its filters and order in the URL across a reload', async () => {
    const { context, page } = await c.open('chief')
    await page.goto(`${c.url}/businesses?riskClass=high&sort=-name`)
    await page.getByTestId('pager-total').waitFor()
    const high = (await c.db.query<{ n: number }>("SELECT count(*)::int AS n FROM businesses WHERE risk_class = 'high' AND area_code LIKE '05%'")).rows[0].n
    expect(high).toBeGreaterThan(0)
    await expect.poll(() => page.getByTestId('pager-total').textContent()).toContain(String(high))
    await page.reload()
    await page.getByTestId('pager-total').waitFor()
    await expect.poll(() => page.getByTestId('pager-total').textContent()).toContain(String(high))
    expect(page.url()).toContain('riskClass=high')
    expect(await page.getByTestId('list-order').textContent()).not.toBe('')
    await context.close()
  }, SLOW)

  it('finds a business by the first characters of its USCC, and says the box takes them', async () => {
    const b = (await c.db.query<{ uscc: string; name: string }>("SELECT uscc, name FROM businesses WHERE area_code LIKE '05%' ORDER BY id DESC LIMIT 1")).rows[0]
    const { context, page } = await c.open('chief')
    await page.goto(`${c.url}/businesses`)
    const box = page.getByPlaceholder('统一社会信用代码的前几位', { exact: false }).first()
    await box.fill(b.uscc.slice(0, 14))
    await box.press('Enter')
    await expect.poll(() => page.url()).toContain(`q=${b.uscc.slice(0, 14)}`)
    await page.getByTestId('business-name').filter({ hasText: b.name }).first().waitFor()
    await page.reload()
    await page.getByTestId('business-name').filter({ hasText: b.name }).first().waitFor()
    await context.close()
  }, SLOW)
})
