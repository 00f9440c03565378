/**
 * The console frame in a real browser: login in Chinese and English, the menu and scope by role,
 * a refused login, and an expired session that asks again without losing what was typed.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../src/modules/demo/seed.ts'
import { logIn, startConsole } from './console.ts'

const c = await startConsole()

/** The ids of the elements that Tab focuses, in order, over `presses` presses. */
async function tabOrder(page: Page, presses: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab')
    ids.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || ''))
  }
  return ids
}

describe('console shell', () => {
  it('shows a Chinese login page, refuses a wrong password and lands a district chief on the map', async () => {
    const { context, page } = await c.open()
    await expect(page.locator('h3').first().textContent()).resolves.toContain('市场监管网格化平台')
    await page.locator('#login_username').fill('chief')
    await page.locator('#login_password').fill('wrong-password-1')
    await page.locator('form#login button[type=submit]').click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/用户名或密码/)

    await logIn(page, 'chief')
    expect(new URL(page.url()).pathname).toBe('/map')
    const menu = await page.locator('.ant-pro-sider-menu, .ant-menu').first().innerText()
    for (const label of ['电子地图', '市场主体', '网格人员', '覆盖与配置']) expect(menu).toContain(label)
    await expect(page.getByTestId('scope').innerText()).resolves.toMatch(/全部区域|灞桥/)
    await context.close()
  })

  it('switches to English, including the server messages', async () => {
    const { context, page } = await c.open(undefined, { lang: 'en' })
    await expect(page.locator('form#login button[type=submit]').innerText()).resolves.toMatch(/Log in/)
    await page.locator('#login_username').fill('nobody')
    await page.locator('#login_password').fill('wrong-password-1')
    await page.locator('form#login button[type=submit]').click()
    const alert = await page.getByRole('alert').innerText()
    expect(alert).toMatch(/[A-Za-z]/)
    expect(alert).not.toMatch(/[\u4e00-\u9fff]/)
    await context.close()
  })

  it('makes a user change the initial password the security administrator set before anything else', async () => {
    const sec = await c.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'secadmin', password: DEMO_PASSWORD } })
    const created = await c.app.inject({
      method: 'POST', url: '/api/users', headers: { authorization: `Bearer ${sec.json().token}` },
      payload: { username: 'firstlogin', displayName: '新网格员', password: 'Initial-Pass-2026', roles: ['grid_worker'], scope: '050203' },
    })
    expect(created.json().mustChangePassword).toBe(true)
    const { context, page } = await c.open()
    await logIn(page, 'firstlogin', 'Initial-Pass-2026')
    await page.getByTestId('password-must-change').waitFor()
    expect(new URL(page.url()).pathname).toBe('/account')
    const menu = await page.locator('.ant-menu').first().innerText()
    expect(menu).not.toContain('电子地图')
    await page.locator('#currentPassword').fill('Initial-Pass-2026')
    await page.locator('#newPassword').fill('My-Own-Grid-Pass-2026')
    await page.locator('form').filter({ has: page.locator('#newPassword') }).locator('button[type=submit]').click()
    await page.getByTestId('password-must-change').waitFor({ state: 'detached' })
    await page.locator('.ant-menu').getByRole('menuitem', { name: '电子地图' }).waitFor()
    await context.close()
  })

  it('shows the security administrator the failed logins and unlocks an account', async () => {
    for (let i = 0; i < 6; i++) {
      await c.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'liaison', password: 'wrong-guess' }, remoteAddress: '198.51.100.7' })
    }
    const { context, page } = await c.open('secadmin')
    await page.goto(c.url + '/account')
    const row = page.getByTestId('accounts').locator('tr', { hasText: 'liaison' })
    // five failures counted (the sixth was made to wait); the wait itself may be over by now
    await expect(row.innerText()).resolves.toMatch(/部门联络员\s+5\s/)
    await page.getByTestId('unlock-liaison').click()
    await page.getByTestId('unlock-liaison').waitFor({ state: 'detached' })
    await expect(row.innerText()).resolves.toMatch(/部门联络员\s+0\s/)
    const retry = await c.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'liaison', password: DEMO_PASSWORD }, remoteAddress: '198.51.100.7' })
    expect(retry.statusCode).toBe(200)
    await context.close()
  })

  it('gives a market\'s management only the pages whose data it may read', async () => {
    const { context, page } = await c.open('market050203')
    const menu = await page.locator('.ant-menu').first().innerText()
    expect(menu).toContain('网格巡查')
    for (const label of ['市场主体', '网格人员', '覆盖与配置', '事件办理']) expect(menu).not.toContain(label)
    // Its map draws areas, not businesses: the legend explains no business points either.
    await page.goto(c.url + '/map')
    const legend = page.getByTestId('map-legend')
    await legend.waitFor()
    await expect(legend.innerText()).resolves.toContain('网格')
    expect(await legend.locator('.map-legend-dot').count()).toBe(0)
    await context.close()
  })

  it('shows a grid head their own scope in the header', async () => {
    const { context, page } = await c.open('head050203')
    await expect(page.getByTestId('scope').innerText()).resolves.toContain('050203')
    const menu = await page.locator('.ant-menu').first().innerText()
    expect(menu).toContain('电子地图')
    await context.close()
  })

  it('asks to log in again when the session ends, keeping what was typed', async () => {
    const { context, page } = await c.open('chief')
    await page.goto(c.url + '/account')
    await page.locator('#currentPassword').fill('typed-before-expiry')
    await c.db.query(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'chief')`)
    await page.locator('#newPassword').fill('Another-Secret-2026!')
    await page.getByRole('button', { name: /保\s*存/ }).click()
    const dialog = page.locator('.ant-modal').filter({ hasText: '会话已过期' })
    await dialog.waitFor()
    await dialog.locator('#login_password').fill('Demo-Grid-2026!')
    await dialog.locator('button[type=submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    await expect(page.locator('#currentPassword').inputValue()).resolves.toBe('typed-before-expiry')
    await context.close()
  })

  it('logs out: the session dies on the server', async () => {
    const { context, page } = await c.open('chief')
    await page.getByRole('button', { name: /退出登录/ }).click()
    await page.locator('form#login').waitFor()
    const res = await page.request.get(c.url + '/api/auth/me')
    expect(res.status()).toBe(401)
    await context.close()
  })

  it('logs in with the keyboard alone', async () => {
    const { context, page } = await c.open()
    await page.locator('form#login').waitFor()
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '')
    // The name field may hold the focus already; otherwise Tab leads to it.
    for (let i = 0; i < 15 && (await focused()) !== 'login_username'; i++) await page.keyboard.press('Tab')
    expect(await focused()).toBe('login_username')
    await page.keyboard.type('chief')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('login_password')
    await page.keyboard.type(DEMO_PASSWORD)
    await page.keyboard.press('Enter')
    await page.getByTestId('scope').waitFor()
    await context.close()
  })

  it('reaches every field of the business form with Tab, in reading order', async () => {
    const { context, page } = await c.open('chief')
    await page.goto(c.url + '/businesses')
    await page.getByRole('button', { name: '登记市场主体' }).click()
    await page.locator('#business_name').focus()
    const order = ['business_name', ...(await tabOrder(page, 30))]
    const fields = ['name', 'uscc', 'kind', 'industry', 'registeredAddress', 'actualAddress', 'operatingState', 'riskClass', 'keyDomains', 'legalRepresentative', 'contactPhone']
      .map((f) => `business_${f}`)
    const reached = fields.map((f) => order.indexOf(f))
    expect(reached.every((i) => i >= 0), `Tab order: ${order.join(' → ')}`).toBe(true)
    expect(reached).toEqual([...reached].sort((a, b) => a - b))
    await context.close()
  })
})
