/**
 * The coverage dashboard in a real browser: the demo district fully covered and staffed, charts
 * drawn, and a bad figure that leads to the records behind it.
 */
import { describe, expect, it, onTestFinished } from 'vitest'
import type { Locator } from 'playwright-core'
import { SLOW, startConsole } from './console.ts'

const c = await startConsole()

/** Non-blank pixels drawn on the first canvas inside `el` (ECharts draws on a 2D canvas). */
async function drawnPixels(el: Locator): Promise<number> {
  return el.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')
    if (!ctx) return 0
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data
    let n = 0
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) n++
    return n
  })
}

describe('coverage dashboard', () => {
  it('shows the demo district 100 % covered, its businesses placed and 72 grids staffed, with charts drawn', async () => {
    const { context, page } = await c.open('chief')
    await page.goto(c.url + '/coverage')
    await page.getByTestId('figure-coverage').waitFor()
    await expect(page.getByTestId('figure-coverage').innerText()).resolves.toContain('100.00 %')
    const grids = await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE code LIKE '05%' AND level = 3 AND retired_at IS NULL`)
    expect(grids.rows[0].n).toBe(72)
    await expect(page.getByTestId('figure-staffed').innerText()).resolves.toContain('72 / 72')
    const biz = await c.db.query<{ n: number; placed: number }>(`SELECT count(*)::int AS n, count(grid_code)::int AS placed FROM businesses WHERE area_code LIKE '05%'`)
    await expect(page.getByTestId('figure-placed').innerText()).resolves.toContain(`${biz.rows[0].placed} / ${biz.rows[0].n}`)

    const bars = page.getByTestId('chart-bars')
    await bars.locator('canvas').waitFor()
    await expect.poll(() => drawnPixels(bars), { timeout: 60_000 }).toBeGreaterThan(5_000)
    const table = await page.getByTestId('coverage-table').innerText()
    for (const station of ['0501', '0502', '0503', '0504', '0505', '0506']) expect(table).toContain(station)
    await page.screenshot({ path: 'docs/screenshots/coverage.png' })

    // a station's bar leads to that station on the areas page
    const box = (await bars.boundingBox())!
    const categoryWidth = (box.width - 64) / 6
    await page.mouse.click(box.x + 48 + categoryWidth * 0.21, box.y + box.height - 80)
    await page.waitForURL(/\/areas\?code=0501$/)
    await page.getByTestId('area-title').waitFor()
    await expect(page.getByTestId('area-title').innerText()).resolves.toMatch(/^0501 /)
    await context.close()
  }, SLOW)

  it('turns a grid without an overseer red, and the figure leads to the staffing records of that grid', async () => {
    const { rows: removed } = await c.db.query<{ person_id: number }>(
      `DELETE FROM person_roles WHERE area_code = '050101' AND role = 'overseer' RETURNING person_id`)
    // the overseers come back afterwards: the first test counts all 72 grids staffed
    onTestFinished(async () => {
      await c.db.query(`INSERT INTO person_roles (person_id, role, area_code) SELECT unnest($1::int[]), 'overseer', '050101'`, [removed.map((r) => r.person_id)])
    })
    const { context, page } = await c.open('chief')
    await page.goto(c.url + '/coverage')
    await page.getByTestId('figure-staffed').waitFor()
    await expect(page.getByTestId('figure-staffed').innerText()).resolves.toContain('71 / 72')
    await page.getByTestId('bad-staffed-050101').click()
    await page.waitForURL(/\/people\?tab=staffing&grid=050101$/)
    const staffing = page.getByTestId('staffing-table')
    await staffing.locator('tbody tr.ant-table-row').first().waitFor()
    const rows = await staffing.locator('tbody tr.ant-table-row').allInnerTexts()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('050101')
    expect(rows[0]).toContain('没有在岗的监督员')
    await context.close()
  }, SLOW)

  it('shows a grid head the figures of their grid only', async () => {
    const { context, page } = await c.open('head050203')
    await page.goto(c.url + '/coverage')
    await page.getByTestId('coverage-table').locator('tbody tr.ant-table-row').first().waitFor()
    const rows = await page.getByTestId('coverage-table').locator('tbody tr.ant-table-row').allInnerTexts()
    expect(rows.map((r) => r.split(/\s/)[0])).toEqual(['050203'])
    await expect(page.getByTestId('figure-staffed').innerText()).resolves.toContain('1 / 1')
    await context.close()
  }, SLOW)
})
