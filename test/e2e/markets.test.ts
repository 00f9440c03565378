/**
 * Co-governance in the console (M4.4): the station chief sees the demo market's last month, draws
 * the sample of its management's findings, and the grid head records the checks; the score follows.
 * A new market is set up from the form, and a wrong code is named back beside its field.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { seedDemoMarketWork } from '../../src/modules/demo/markets.ts'
import { shanghaiDay } from '../../src/modules/calendar/rules.ts'
import { monthOf, previousMonth } from '../../src/modules/markets/rules.ts'
import { drawerSlidIn, SLOW, startConsole } from './console.ts'

const c = await startConsole()
await seedDemoMarketWork(c.db, new Date(), () => {})
const lastMonth = previousMonth(monthOf(shanghaiDay(new Date())))
const { rows: [{ n }] } = await c.db.query<{ n: number }>('SELECT count(*)::int AS n FROM market_businesses')

async function openMonth(page: Page, month: string) {
  await page.goto(`${c.url}/markets`)
  // (antd puts the test id on the picker's input)
  const picker = page.locator('input[data-testid="markets-month"], [data-testid="markets-month"] input')
  await picker.click()
  await picker.fill(month)
  await picker.press('Enter')
  await expect.poll(() => page.getByTestId('markets-table').innerText()).toContain('席王综合农贸市场')
}

const row = (page: Page) => page.getByTestId('markets-table').locator('tr', { hasText: '席王综合农贸市场' })

describe('markets in the console', () => {
  it('draws last month\'s sample, records the checks and shows the score they make', async () => {
    const station = await c.open('station0502')
    await openMonth(station.page, lastMonth)
    await expect.poll(() => row(station.page).getByTestId('market-score').innerText()).toBe(String(Math.round(100 * (n - 1) / n)))
    await row(station.page).getByTestId('market-draw').click()
    await station.page.locator('.ant-popconfirm .ant-btn-primary').click()
    await expect.poll(() => row(station.page).innerText()).toContain('0/2 已核查')
    await expect(row(station.page).getByTestId('market-draw').count()).resolves.toBe(0)

    const head = await c.open('head050203')
    await openMonth(head.page, lastMonth)
    await row(head.page).getByTestId('market-checks').click()
    const drawer = head.page.getByTestId('checks-drawer')
    await expect.poll(() => drawer.getByTestId('draw-info').innerText()).toContain(`当月巡查记录 ${n - 1} 条`)
    await drawerSlidIn(head.page)
    await drawer.getByTestId('check-confirm').first().click()
    await expect.poll(() => drawer.getByTestId('check-result').count()).toBe(1)
    await drawer.getByTestId('check-discrepancy').click()
    await head.page.getByTestId('check-note').fill('现场营业执照未悬挂，与巡查记录不符')
    await head.page.getByTestId('check-note-save').click()
    await expect.poll(() => drawer.getByTestId('check-result').count()).toBe(2)
    expect(await drawer.innerText()).toContain('现场营业执照未悬挂')
    await head.page.keyboard.press('Escape')
    await expect.poll(() => row(head.page).getByTestId('market-score').innerText()).toBe(String(Math.round(100 * ((n - 1) / n) * 0.5)))
    // the grid head checks, it does not draw
    await expect(head.page.getByTestId('market-draw').count()).resolves.toBe(0)
  }, SLOW)

  it('sets up a market from the form and names a wrong code beside its field', async () => {
    const station = await c.open('station0502')
    await station.page.goto(`${c.url}/markets`)
    await station.page.getByTestId('market-create').click()
    const form = station.page.getByTestId('market-form')
    await form.locator('#market_name').fill('席王夜市')
    await form.locator('#market_gridCode').fill('050203')
    await station.page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: '050203' }).waitFor()
    await form.locator('#market_gridCode').press('Enter')
    const { rows } = await c.db.query<{ uscc: string }>(
      `SELECT uscc FROM businesses WHERE grid_code = '050203' AND id NOT IN (SELECT business_id FROM market_businesses) ORDER BY id DESC LIMIT 2`)
    await form.locator('#market_usccs').fill(`${rows[0].uscc}\n91610111MA6TG1XX0X`)
    await station.page.getByTestId('market-save').click()
    await expect.poll(() => form.innerText()).toContain('91610111MA6TG1XX0X')
    await form.locator('#market_usccs').fill(rows.map((r) => r.uscc).join('\n'))
    await station.page.getByTestId('market-save').click()
    await expect.poll(() => station.page.getByTestId('markets-table').innerText()).toContain('席王夜市')
    expect(await station.page.getByTestId('markets-table').locator('tr', { hasText: '席王夜市' }).innerText()).toMatch(/\b2\b/)
  }, SLOW)

  it('gives the market\'s management its market on the phone: its tasks, its businesses, corrections without the phone number', async () => {
    const { page } = await c.open('market050203', { viewport: { width: 390, height: 844 } })
    await page.goto(`${c.url}/field`)
    await page.getByTestId('field-task').first().waitFor()
    const tasks = await page.getByTestId('field-task').allInnerTexts()
    expect(tasks.length).toBe(n)
    for (const t of tasks) expect(t).toContain('亮照经营检查')
    await page.getByTestId('field-tabs').getByText('商户').click()
    await expect.poll(() => page.getByTestId('field-business').count()).toBe(n)
    const { rows: [outside] } = await c.db.query<{ name: string }>(
      `SELECT name FROM businesses WHERE grid_code = '050203' AND id NOT IN (SELECT business_id FROM market_businesses) LIMIT 1`)
    expect(await page.getByTestId('field-businesses').innerText()).not.toContain(outside.name)
    await page.getByTestId('field-business').first().click()
    await page.getByTestId('field-correct').click()
    const form = page.getByTestId('field-correction')
    await expect(form.locator('#contactPhone').count()).resolves.toBe(0)
    await form.locator('#actualAddress').fill('席王综合农贸市场 B 区 7 号')
    await page.getByTestId('field-correction-save').click()
    const uscc = await page.getByTestId('field-business-uscc').innerText()
    await expect.poll(async () => (await c.db.query<{ a: string }>('SELECT actual_address AS a FROM businesses WHERE uscc = $1', [uscc])).rows[0].a,
      { timeout: 60_000 }).toBe('席王综合农贸市场 B 区 7 号')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  }, SLOW)
})
