/**
 * The console on a phone (390×844) and a tablet (768×1024), issue 13 §3: every page of the menu,
 * reached through the menu as a user would, fits the screen's width (nothing sticks out to the right
 * except inside a box that scrolls); log-out is reachable; the phone's menu drawer closes once a page
 * is chosen; the map's card leaves the zoom buttons and most of the map free, on a phone and on a
 * desktop. Screenshots of the phone layout go to docs/screenshots/phone-*.png.
 */
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { drawerSlidIn, SLOW, startConsole } from './console.ts'
import { mapIdle } from './map-page.ts'

const c = await startConsole()
fs.mkdirSync('docs/screenshots', { recursive: true })

const PHONE = { width: 390, height: 844 }
const TABLET = { width: 768, height: 1024 }

/** The console's pages as web/console/routes.tsx lists them (the hidden ones are not in any menu). */
const PAGES = [...fs.readFileSync('web/console/routes.tsx', 'utf8').matchAll(/\{ path: '(\/[a-z-]+)'(?![^\n]*hidden: true)/g)].map((m) => m[1])
/** Between them these accounts see every page of the menu (the three administrators are separate roles). */
const USERS = ['chief', 'sysadmin', 'auditor', 'secadmin']

/**
 * What sticks out of the window to the right: the page's own width, and every visible element of
 * the main content whose right edge is past the window, unless a box that scrolls or clips (and
 * itself fits) holds it.
 */
function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; outside: string[] }> {
  // A string, not a function: a transpiler's helpers (esbuild's __name) do not exist in the page.
  return page.evaluate(`(() => {
    const w = window.innerWidth
    const held = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p)
        if (s.overflowX !== 'visible' && p.getBoundingClientRect().right <= w + 1) return true
      }
      return false
    }
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '')
    const roots = document.querySelectorAll('.ant-pro-layout-container, .ant-layout-header, .ant-drawer-open .ant-drawer-content-wrapper')
    const outside = []
    for (const root of roots) {
      for (const el of root.querySelectorAll('*')) {
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.height === 0 || r.right <= w + 1) continue
        if (held(el)) continue
        outside.push(name(el) + ' right=' + Math.round(r.right))
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: w, outside: outside.slice(0, 8) }
  })()`)
}

async function expectFits(page: Page, where: string) {
  const o = await overflow(page)
  expect(o.outside, `${where}: elements past the right edge`).toEqual([])
  expect(o.scrollWidth, `${where}: page width`).toBeLessThanOrEqual(o.innerWidth)
}

/** Waits until the page has content and nothing in it is still loading. */
async function settled(page: Page) {
  await page.waitForFunction(() => {
    const content = document.querySelector('.ant-pro-layout-content')
    return !!content && content.textContent!.trim().length > 0 &&
      !document.querySelector('.ant-pro-layout-content .ant-spin-spinning, .ant-pro-layout-content .ant-spin-blur, .ant-pro-layout-content .ant-skeleton-active')
  })
}

/** On a phone, the header's button that opens the menu drawer; the drawer itself. */
const menuButton = (page: Page) => page.locator('.ant-pro-global-header-collapsed-button')
const menuDrawer = (page: Page) => page.locator('.ant-drawer-open').filter({ has: page.locator('.ant-menu') })

/** The links of the menu, opening the drawer on a phone. */
async function menuPaths(page: Page, phone: boolean): Promise<string[]> {
  if (phone) await menuButton(page).click()
  const links = phone ? menuDrawer(page).locator('.ant-menu a[href]') : page.locator('.ant-pro-sider .ant-menu a[href]')
  await links.first().waitFor()
  const paths = (await links.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname)))
  if (phone) {
    await page.keyboard.press('Escape')
    await menuDrawer(page).waitFor({ state: 'hidden' })
  }
  return paths
}

async function goThroughMenu(page: Page, path: string, phone: boolean) {
  if (phone) {
    await menuButton(page).click()
    await menuDrawer(page).locator(`.ant-menu a[href="${path}"]`).click()
    await page.waitForURL((u) => u.pathname === path)
    // The drawer closes by itself: nothing here presses Escape or the mask.
    await menuDrawer(page).waitFor({ state: 'hidden' })
  } else {
    await page.locator(`.ant-pro-sider .ant-menu a[href="${path}"]`).click()
    await page.waitForURL((u) => u.pathname === path)
  }
  await settled(page)
}

/** The log-out button can be seen, within the window, after opening the menu where there is one. */
async function expectLogoutReachable(page: Page, phone: boolean): Promise<Locator> {
  if (phone) await menuButton(page).click()
  const logout = page.getByRole('button', { name: /退出登录/ })
  // a trial click waits until the button is visible, still (the drawer has slid in) and not covered
  await logout.click({ trial: true })
  const box = (await logout.boundingBox())!
  const { width, height } = page.viewportSize()!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(width)
  expect(box.y + box.height).toBeLessThanOrEqual(height)
  return logout
}

/** Opens the card of station 0502 from the tree (in the panels drawer on a narrow screen). */
async function openStationCard(page: Page, narrow: boolean) {
  if (narrow) await page.getByTestId('map-panels-open').click()
  await page.getByTestId('area-tree').getByText('0502 ', { exact: false }).first().click()
  await page.getByTestId('area-card').waitFor()
  if (narrow) await page.getByTestId('map-panels').locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' })
}

/** The map's card leaves the zoom buttons free and covers under 40% of the map. */
async function expectCardLeavesMapFree(page: Page) {
  await mapIdle(page)
  const card = (await page.getByTestId('map-drawer').boundingBox())!
  const map = (await page.locator('[data-testid=console-map] canvas').boundingBox())!
  for (const button of ['.maplibregl-ctrl-zoom-in', '.maplibregl-ctrl-zoom-out']) {
    const z = (await page.locator(button).boundingBox())!
    const apart = z.x >= card.x + card.width || z.x + z.width <= card.x || z.y >= card.y + card.height || z.y + z.height <= card.y
    expect(apart, `${button} under the card`).toBe(true)
  }
  const w = Math.max(0, Math.min(card.x + card.width, map.x + map.width) - Math.max(card.x, map.x))
  const h = Math.max(0, Math.min(card.y + card.height, map.y + map.height) - Math.max(card.y, map.y))
  expect((w * h) / (map.width * map.height)).toBeLessThan(0.4)
}

describe('the console on a phone and a tablet', () => {
  for (const [label, viewport] of [['phone', PHONE], ['tablet', TABLET]] as const) {
    const phone = label === 'phone'
    it(`fits every page of the menu at ${viewport.width} px, with log-out reachable and the menu closing after a choice`, async () => {
      const visited = new Set<string>()
      for (const username of USERS) {
        const { context, page } = await c.open(username, { viewport })
        await settled(page)
        await expectFits(page, `${username} at ${viewport.width} px, landing page`)
        for (const path of await menuPaths(page, phone)) {
          await goThroughMenu(page, path, phone)
          await expectFits(page, `${username} at ${viewport.width} px, ${path}`)
          visited.add(path)
        }
        const logout = await expectLogoutReachable(page, phone)
        await logout.click()
        await page.locator('form#login').waitFor()
        await context.close()
      }
      expect([...visited].sort()).toEqual([...PAGES].sort())
    }, SLOW)
  }

  it('shows the map full-width on a phone, its panels in a drawer and the card as a sheet that leaves the zoom free', async () => {
    const { context, page } = await c.open('chief', { viewport: PHONE })
    await mapIdle(page)
    const map = (await page.locator('[data-testid=console-map] canvas').boundingBox())!
    expect(map.width).toBeGreaterThan(PHONE.width - 40)
    await openStationCard(page, true)
    await expectCardLeavesMapFree(page)
    await expectFits(page, 'map with its card')
    await page.screenshot({ path: 'docs/screenshots/phone-map.png' })
    // Folded, the card is its title bar.
    const open = (await page.getByTestId('map-drawer').boundingBox())!.height
    await page.getByTestId('map-card-fold').click()
    expect((await page.getByTestId('map-drawer').boundingBox())!.height).toBeLessThan(open / 2)
    await context.close()
  }, SLOW)

  it('keeps the zoom buttons and most of the map free of the card on a desktop too', async () => {
    const { context, page } = await c.open('chief')
    await mapIdle(page)
    await openStationCard(page, false)
    await expectCardLeavesMapFree(page)
    await context.close()
  }, SLOW)

  it('shows the ledger, a business and the cases on a phone', async () => {
    const { context, page } = await c.open('chief', { viewport: PHONE })
    await page.goto(c.url + '/businesses')
    await settled(page)
    await page.locator('.ant-pro-table .ant-spin-blur').waitFor({ state: 'detached' })
    await page.locator('.ant-pro-query-filter .ant-btn-loading').waitFor({ state: 'detached' })
    await expectFits(page, 'ledger')
    await page.screenshot({ path: 'docs/screenshots/phone-businesses.png', animations: 'disabled' })

    await page.locator('.ant-pro-table tr.ant-table-row').first().getByTestId('business-name').click()
    const drawer = page.locator('.ant-drawer-open .ant-drawer-content-wrapper')
    await drawer.getByTestId('business-detail').waitFor()
    await drawerSlidIn(page)
    // in fractional CSS pixels: a full-width drawer measures 390.0000095
    expect(Math.round((await drawer.boundingBox())!.width)).toBeLessThanOrEqual(PHONE.width)
    await expectFits(page, 'business drawer')
    // Labels above values: every label as wide as its value, none squeezed to a column of characters.
    const labels = await drawer.locator('.ant-descriptions-item-label').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().width))
    expect(labels.length).toBeGreaterThan(5)
    for (const w of labels) expect(w).toBeGreaterThan(PHONE.width / 2)
    await page.screenshot({ path: 'docs/screenshots/phone-business.png', animations: 'disabled' })
    await page.keyboard.press('Escape')

    // The demo has no cases: one is filed in the grid of the demo's operator.
    const catalogue = await (await page.request.get(`${c.url}/api/case-catalogue`)).json() as { categories: { code: string; active: boolean }[] }
    const inside = (await c.db.query<{ lng: number; lat: number }>(
      `SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(boundary) AS p FROM areas WHERE code = '050203') s`)).rows[0]!
    const operator = await c.open('operator')
    const filed = await operator.page.request.post(`${c.url}/api/cases`, {
      data: { source: 'patrol', categoryCode: catalogue.categories.find((x) => x.active)!.code, title: '门头招牌破损，存在坠落风险', description: '巡查发现', location: inside },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    })
    expect(filed.status(), await filed.text()).toBeLessThan(300)
    await operator.context.close()

    await page.goto(c.url + '/cases')
    await page.getByRole('tab', { name: '全部事件' }).click()
    // cards, not a squeezed table: the title keeps the screen's width
    await page.getByTestId('case-card').first().waitFor()
    expect((await page.getByTestId('case-card').first().boundingBox())!.width).toBeGreaterThan(PHONE.width * 0.75)
    await settled(page)
    await expectFits(page, 'cases')
    await page.screenshot({ path: 'docs/screenshots/phone-cases.png', animations: 'disabled' })
    await context.close()
  }, SLOW)
})
