/**
 * Small frictions (issue 13 §5) in a real browser: one date format in Shanghai time; no 401 printed
 * as an error before login; a 404 page with the way back; the people, cases and audit lists keep
 * their filters in the URL across a reload.
 */
import { describe, expect, it } from 'vitest'
import { PAGE_WAIT_MS, SLOW, startConsole } from './console.ts'

/** Waits bound a failure only (the machine is shared); nothing here is timed. */
const wait = { timeout: PAGE_WAIT_MS }

const c = await startConsole()

describe('dates', () => {
  it('shows the ledger’s times in Shanghai, YYYY-MM-DD HH:mm:ss in Chinese and D MMM YYYY HH:mm in English', async () => {
    const { context, page } = await c.open('chief')
    await page.goto(`${c.url}/businesses?sort=-updatedAt`)
    const cells = page.getByTestId('business-updated-at')
    await cells.first().waitFor()
    const shown = await cells.allInnerTexts()
    for (const text of shown) expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    const newest = (await c.db.query<{ at: string }>(
      "SELECT to_char(max(updated_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS at FROM businesses WHERE area_code LIKE '05%'")).rows[0].at
    expect(shown[0]).toBe(newest)
    await context.close()

    const en = await c.open('chief', { lang: 'en' })
    await en.page.goto(`${c.url}/businesses?sort=-updatedAt`)
    await en.page.getByTestId('business-updated-at').first().waitFor()
    expect(await en.page.getByTestId('business-updated-at').first().innerText()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}$/)
    await en.context.close()
  }, SLOW)
})

describe('before login', () => {
  it('prints no error and asks nobody "who am I"; after login a reload stays logged in', async () => {
    const context = await c.browser.newContext({ locale: 'zh-CN' })
    const page = await context.newPage()
    const errors: string[] = []
    const probes: number[] = []
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
    page.on('response', (r) => { if (r.url().includes('/api/auth/me')) probes.push(r.status()) })
    await page.goto(`${c.url}/businesses`)
    await page.locator('form#login').waitFor()
    expect(errors).toEqual([])
    expect(probes).toEqual([])
    await page.locator('#login_username').fill('chief')
    await page.locator('#login_password').fill((await import('../../src/modules/demo/seed.ts')).DEMO_PASSWORD)
    await page.locator('form#login button[type=submit]').click()
    await page.getByTestId('scope').waitFor()
    await page.reload()
    await page.getByTestId('scope').waitFor()
    expect(probes.every((s) => s === 200)).toBe(true)
    expect(probes.length).toBeGreaterThan(0)
    expect(errors).toEqual([])
    await context.close()
  }, SLOW)
})

describe('an unknown address', () => {
  it('says the page does not exist, names the address, and leads home or back (zh-CN)', async () => {
    const { context, page } = await c.open('chief')
    await page.goto(`${c.url}/no-such-page`)
    const box = page.getByTestId('not-found')
    await box.waitFor()
    expect(await box.innerText()).toContain('页面不存在')
    expect(await box.innerText()).toContain('/no-such-page')
    // Opened straight at the address: nothing to go back to in this tab, so no back button.
    expect(await page.getByTestId('not-found-back').count()).toBe(0)
    await page.getByTestId('not-found-home').click()
    await expect.poll(() => new URL(page.url()).pathname, wait).not.toBe('/no-such-page')
    expect(await page.getByTestId('not-found').count()).toBe(0)

    // Reached from a page of the console (as by a stale link inside it): back returns there.
    await page.goto(`${c.url}/people`)
    await page.getByTestId('people-table').waitFor()
    await page.evaluate(() => {
      window.history.pushState({ usr: null, key: 'stale', idx: 1 }, '', '/old-page')
      window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }))
    })
    await page.getByTestId('not-found-back').click()
    await expect.poll(() => new URL(page.url()).pathname, wait).toBe('/people')
    await page.getByTestId('people-table').waitFor()
    await context.close()
  }, SLOW)

  it('says so in English too', async () => {
    const { context, page } = await c.open('chief', { lang: 'en' })
    await page.goto(`${c.url}/no-such-page`)
    await page.getByTestId('not-found').waitFor()
    expect(await page.getByTestId('not-found').innerText()).toContain('This page does not exist')
    expect(await page.getByTestId('not-found-home').innerText()).toContain('Console home')
    await context.close()
  }, SLOW)
})

describe('filters in the URL', () => {
  it('keeps the people ledger’s filter and rows across a reload', async () => {
    const person = (await c.db.query<{ name: string }>("SELECT name FROM people WHERE area_code LIKE '05%' ORDER BY id DESC LIMIT 1")).rows[0].name
    const { context, page } = await c.open('chief')
    await page.goto(`${c.url}/people`)
    const table = page.getByTestId('people-table')
    await table.locator('tbody tr.ant-table-row').first().waitFor()
    await page.getByPlaceholder('姓名包含').fill(person)
    await page.getByRole('button', { name: /查\s*询/ }).click()
    await expect.poll(() => decodeURIComponent(page.url()), wait).toContain(`q=${person}`)
    const rowsOf = async () => {
      await table.locator('tbody tr.ant-table-row').first().waitFor()
      return table.locator('tbody tr.ant-table-row').allInnerTexts()
    }
    await expect.poll(async () => (await rowsOf()).every((r) => r.includes(person)), wait).toBe(true)
    const before = await rowsOf()
    await page.reload()
    await expect.poll(rowsOf, wait).toEqual(before)
    expect(await page.getByPlaceholder('姓名包含').inputValue()).toBe(person)
    // one look for every pager
    expect(await page.getByTestId('pager').count()).toBeGreaterThan(0)
    await context.close()
  }, SLOW)

  it('keeps the case list’s tab and search across a reload', async () => {
    const operator = await c.open('operator')
    const catalogue = await (await operator.page.request.get(`${c.url}/api/case-catalogue`)).json() as { categories: { code: string; active: boolean }[] }
    const inside = (await c.db.query<{ lng: number; lat: number }>(
      "SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(boundary) AS p FROM areas WHERE code = '050203') s")).rows[0]
    const filed = await operator.page.request.post(`${c.url}/api/cases`, {
      data: { source: 'patrol', categoryCode: catalogue.categories.find((x) => x.active)!.code, title: '网址筛选测试事件', description: '巡查发现的问题', location: inside },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    })
    expect(filed.status(), await filed.text()).toBeLessThan(300)
    const made = await filed.json() as { trackingNo: string }
    await operator.context.close()

    const { context, page } = await c.open('chief')
    await page.goto(`${c.url}/cases`)
    await page.getByRole('tab', { name: '全部事件' }).click()
    await expect.poll(() => page.url(), wait).toContain('queue=all')
    const search = page.getByPlaceholder('编号或标题')
    await search.fill(made.trackingNo)
    await search.press('Enter')
    await expect.poll(() => page.url(), wait).toContain(`q=${made.trackingNo}`)
    const rows = page.getByTestId('case-table').locator('tbody tr.ant-table-row')
    await expect.poll(() => rows.allInnerTexts(), wait).toEqual([expect.stringContaining(made.trackingNo)])
    await page.reload()
    await expect.poll(() => rows.allInnerTexts(), wait).toEqual([expect.stringContaining(made.trackingNo)])
    expect(await page.getByPlaceholder('编号或标题').inputValue()).toBe(made.trackingNo)
    expect(await page.getByRole('tab', { name: '全部事件' }).getAttribute('aria-selected')).toBe('true')
    await context.close()
  }, SLOW)

  it('keeps the audit log’s filter across a reload', async () => {
    const { context, page } = await c.open('auditor')
    await page.goto(`${c.url}/audit`)
    const table = page.getByTestId('audit-events')
    await table.locator('tbody tr.ant-table-row').first().waitFor()
    const filters = page.getByTestId('audit-filters')
    await filters.locator('#username').fill('auditor')
    await filters.getByRole('button', { name: /查\s*询|搜\s*索/ }).click()
    await expect.poll(() => page.url(), wait).toContain('username=auditor')
    const users = async () => {
      await table.locator('tbody tr.ant-table-row').first().waitFor()
      return table.locator('tbody tr.ant-table-row td:nth-child(4)').allInnerTexts()
    }
    await expect.poll(async () => new Set(await users()), wait).toEqual(new Set(['auditor']))
    await page.reload()
    // Each request of the auditor is itself logged: more rows may come, all of them the auditor's.
    await expect.poll(async () => new Set(await users()), wait).toEqual(new Set(['auditor']))
    expect(page.url()).toContain('username=auditor')
    expect(await filters.locator('#username').inputValue()).toBe('auditor')
    await context.close()
  }, SLOW)
})
