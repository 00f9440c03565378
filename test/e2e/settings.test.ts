/**
 * The settings page in a real browser: the system administrator sets the basemap (a refused URL is
 * explained beside its field and changes nothing; a saved one is audited and drawn by the map, which
 * asks the tile server for it), a Tianditu token stays masked, and a district chief has no settings.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { Page } from 'playwright-core'
import { SLOW, startConsole } from './console.ts'

const c = await startConsole()
const open = (username: string) => c.open(username)

const storedBasemap = async () => (await c.db.query<{ value: unknown }>(`SELECT value FROM settings WHERE key = 'map.basemap'`)).rows
const basemapAudits = async () => (await c.db.query<{ username: string; details: { before: unknown; after: unknown } }>(
  `SELECT username, details FROM audit_events WHERE action = 'settings.mapBasemapChanged' ORDER BY id`)).rows

/** Back to no basemap ever set once the test is over: each test starts from the default. */
const forgetBasemapAfterTest = () => onTestFinished(async () => {
  await c.db.query(`DELETE FROM settings WHERE key = 'map.basemap'`)
})

const menuItem = (page: Page, label: string) => page.locator('.ant-menu').getByRole('menuitem', { name: label })
/** The message antd shows beside the form field holding the input with this id. */
const fieldError = (page: Page, id: string) =>
  page.locator('.ant-form-item', { has: page.locator(`#${id}`) }).locator('.ant-form-item-explain-error')

async function chooseKind(page: Page, label: string) {
  await page.getByTestId('basemap-form').locator('label.ant-radio-wrapper', { hasText: label }).click()
}

async function save(page: Page) {
  await page.getByTestId('basemap-save').click()
}

describe('settings page', () => {
  it('lets the system administrator set an XYZ basemap: refused URL beside its field, saved one audited and drawn by the map', async () => {
    forgetBasemapAfterTest()
    const { context, page } = await open('sysadmin')
    const tileRequests: string[] = []
    page.on('request', (r) => { if (r.url().startsWith(`${c.url}/test-tiles/`)) tileRequests.push(r.url()) })

    await menuItem(page, '系统设置').click()
    await page.getByTestId('basemap-form').waitFor()
    await expect(page.getByTestId('basemap-current').innerText()).resolves.toMatch(/不使用底图[\s\S]*从未修改/)
    const before = await storedBasemap()
    const auditsBefore = await basemapAudits()

    // A URL without {z}: the server's rule answers, beside the URL field; nothing is stored.
    await chooseKind(page, 'XYZ 瓦片服务')
    await page.locator('#basemap_xyz_url').fill(`${c.url}/test-tiles/{x}/{y}.png`)
    await save(page)
    await fieldError(page, 'basemap_xyz_url').waitFor()
    await expect(fieldError(page, 'basemap_xyz_url').innerText()).resolves.toMatch(/底图设置中的“瓦片地址”不正确.*\{z\}、\{x\}、\{y\}/)
    expect(await storedBasemap()).toEqual(before)
    expect(await basemapAudits()).toEqual(auditsBefore)

    // A tile URL on this very server: saved, audited, shown as the current setting.
    const url = `${c.url}/test-tiles/{z}/{x}/{y}.png`
    await page.locator('#basemap_xyz_url').fill(url)
    // Changing the field takes the refusal away (antd lets it fade out).
    await fieldError(page, 'basemap_xyz_url').waitFor({ state: 'detached' })
    await page.locator('#basemap_xyz_attribution').fill('© 测试瓦片')
    await save(page)
    await page.getByTestId('basemap-saved').waitFor()
    const xyz = { kind: 'xyz', url, attribution: '© 测试瓦片' }
    expect(await storedBasemap()).toEqual([{ value: xyz }])
    const audits = await basemapAudits()
    expect(audits).toHaveLength(auditsBefore.length + 1)
    expect(audits.at(-1)).toEqual({
      username: 'sysadmin',
      details: {
        before: { kind: 'none' }, after: xyz,
        changes: { kind: { from: 'none', to: 'xyz' }, url: { from: null, to: url }, attribution: { from: null, to: '© 测试瓦片' } },
      },
    })
    const current = await page.getByTestId('basemap-current').innerText()
    expect(current).toContain(url)
    expect(current).not.toContain('从未修改')
    expect(tileRequests, 'the settings page draws no map unless asked for a preview').toEqual([])

    // The map, reached in the same page (so from the console's cache, not a fresh load), asks for the tiles.
    await menuItem(page, '电子地图').click()
    await expect.poll(() => tileRequests.length, { timeout: 120_000 }).toBeGreaterThan(0)
    for (const r of tileRequests) expect(r).toMatch(/\/test-tiles\/\d+\/\d+\/\d+\.png$/)
    await context.close()
  }, SLOW)

  it('draws tiles from an intranet tile server over plain http: the console\'s content security policy follows the basemap', async () => {
    // An intranet tile server: another origin, plain http, real PNG tiles.
    const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 200, g: 220, b: 240 } } }).png().toBuffer()
    const served: string[] = []
    const tiles = http.createServer((req, res) => {
      served.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' })
      res.end(png)
    })
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`
    try {
      const { context, page } = await open('sysadmin')
      const blocked: string[] = []
      page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()) })
      await menuItem(page, '系统设置').click()
      await chooseKind(page, 'XYZ 瓦片服务')
      await page.locator('#basemap_xyz_url').fill(`${origin}/{z}/{x}/{y}.png`)
      await save(page)
      await page.getByTestId('basemap-saved').waitFor()
      // A fresh load of the console carries the policy for the new basemap.
      const doc = await page.goto(c.url + '/map')
      expect(doc!.headers()['content-security-policy']).toContain(`img-src 'self' data: blob: https: ${origin}`)
      await expect.poll(() => served.length, { timeout: 120_000 }).toBeGreaterThan(0)
      for (const u of served) expect(u).toMatch(/^\/\d+\/\d+\/\d+\.png$/)
      expect(blocked).toEqual([])
      await context.close()
    } finally {
      tiles.close()
      await c.db.query(`DELETE FROM settings WHERE key = 'map.basemap'`)
    }
  }, SLOW)

  it('keeps a Tianditu token in a password field and shows it elsewhere only shortened; back to no basemap', async () => {
    forgetBasemapAfterTest()
    const { context, page } = await open('sysadmin')
    await page.goto(c.url + '/settings')
    await page.getByTestId('basemap-form').waitFor()
    const token = '0123456789abcdef0123456789abcdef'
    await chooseKind(page, '天地图')
    const input = page.locator('#basemap_tianditu_token')
    await expect(input.getAttribute('type')).resolves.toBe('password')
    await input.fill(token)
    await save(page)
    await page.getByTestId('basemap-saved').waitFor()
    expect(await storedBasemap()).toEqual([{ value: { kind: 'tianditu', token } }])
    await expect(page.getByTestId('basemap-current').innerText()).resolves.toContain('012…def')
    // Nothing on the page shows the token but the password input itself.
    await expect(page.evaluate(() => document.body.innerText)).resolves.not.toContain(token)
    await expect(input.getAttribute('type')).resolves.toBe('password')

    await chooseKind(page, '不使用底图')
    await save(page)
    await page.getByTestId('basemap-saved').waitFor()
    expect(await storedBasemap()).toEqual([{ value: { kind: 'none' } }])
    await expect(page.getByTestId('basemap-current').innerText()).resolves.toContain('不使用底图')
    await context.close()
  }, SLOW)

  it('shows a district chief no settings: not in the menu, and the address opens no form', async () => {
    const { context, page } = await open('chief')
    await menuItem(page, '电子地图').waitFor()
    expect(await menuItem(page, '系统设置').count()).toBe(0)
    await page.goto(c.url + '/settings')
    await page.getByText('页面不存在').waitFor()
    expect(await page.getByTestId('basemap-form').count()).toBe(0)
    await context.close()
  }, SLOW)
})
