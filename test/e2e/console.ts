/**
 * A running MarketGrid for page tests: a test database with the demo district, the real server
 * listening on a free port, and a headless Chromium. One per test file.
 */
import { afterAll, expect } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { Db } from '../../src/db/connection.ts'
import { buildApp } from '../../src/server/app.ts'
import { DEMO_PASSWORD, seedDemo } from '../../src/modules/demo/seed.ts'
import { openTestDb, testConfig } from '../helper.ts'
import { launchBrowser } from './browser.ts'

export interface Console {
  url: string
  db: Db
  app: FastifyInstance
  browser: Browser
  /** A new browser context (own cookies) at 1366×768 unless told otherwise, logged in as `username`. */
  open(username?: string, opts?: { lang?: 'zh-CN' | 'en'; viewport?: { width: number; height: number }; timezoneId?: string }): Promise<{ context: BrowserContext; page: Page }>
}

/** How long a page test waits for what it expects (nothing is timed: this only bounds a failure). */
export const PAGE_WAIT_MS = 120_000
/** A page test's own limit: several such waits in a row. */
export const SLOW = 300_000

export async function startConsole(): Promise<Console> {
  const db = await openTestDb()
  await seedDemo(db, {})
  const app = await buildApp({ db, config: testConfig({ loginAttemptsPerIpPerMinute: 10_000 }) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const browser = await launchBrowser()
  afterAll(async () => {
    await browser.close()
    await app.close()
    await db.close()
  })

  async function open(username?: string, opts: { lang?: 'zh-CN' | 'en'; viewport?: { width: number; height: number }; timezoneId?: string } = {}) {
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 1366, height: 768 }, locale: opts.lang ?? 'zh-CN', ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
    })
    if (opts.lang === 'en') await context.addInitScript(() => localStorage.setItem('mg.lang', 'en'))
    const page = await context.newPage()
    // Generous waits: the machine is shared and WebGL runs in software. Nothing in a page test is timed.
    page.setDefaultTimeout(PAGE_WAIT_MS)
    await page.goto(url + '/')
    if (username) await logIn(page, username)
    return { context, page }
  }
  return { url, db, app, browser, open }
}

export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  const form = page.locator('form#login')
  await form.locator('#login_username').fill(username)
  await form.locator('#login_password').fill(password)
  await form.locator('button[type=submit]').click()
  await page.getByTestId('scope').waitFor()
}

/** The import wizard's preview in `modal`: its counts (data rows, importable, refused) and the cells of each refused row. */
export async function importPreview(modal: Locator) {
  const counts = await modal.getByTestId('import-counts').innerText()
  const count = (label: RegExp) => Number(counts.match(label)?.[1] ?? NaN)
  const rows = await modal.getByTestId('import-refusals').locator('tbody tr.ant-table-row').all()
  return {
    counts: { rows: count(/数据行\s*(\d+)/), valid: count(/可导入\s*(\d+)/), refused: count(/被拒绝\s*(\d+)/) },
    refusals: await Promise.all(rows.map((r) => r.locator('td').allInnerTexts())),
  }
}

/**
 * Chooses in a searchable select by typing and Enter, as a keyboard user does: clicking an option
 * of a dropdown that opened while its dialog was still zooming in misses it.
 */
export async function chooseOption(page: Page, id: string, text: string) {
  const input = page.locator(`#${id}`)
  await input.fill(text)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: text }).waitFor()
  await input.press('Enter')
}

/** Opens a case from the list of all cases by its tracking number; answers the drawer. */
export async function openCase(page: Page, baseUrl: string, trackingNo: string): Promise<Locator> {
  await page.goto(`${baseUrl}/cases`)
  await page.getByRole('tab', { name: /全部事件|All cases/ }).click()
  await page.getByTestId('case-filters').locator('input.ant-input').first().fill(trackingNo)
  await page.getByTestId('case-filters').locator('input.ant-input').first().press('Enter')
  await page.getByRole('cell', { name: trackingNo }).click()
  const drawer = page.getByTestId('case-drawer')
  await drawer.getByTestId('case-detail').waitFor()
  return drawer
}

/**
 * Waits until the open drawer has slid fully in: while it moves, its right edge is past the
 * screen's, and a click aimed at a button in it can land beside it (on the mask, which closes it).
 * On a loaded machine the slide can take seconds, hence the long wait.
 */
export async function drawerSlidIn(page: Page) {
  const width = page.viewportSize()!.width
  await expect.poll(async () => {
    const b = await page.locator('.ant-drawer-open .ant-drawer-content-wrapper').last().boundingBox()
    return b ? Math.round(b.x + b.width) : Infinity
  }, { timeout: PAGE_WAIT_MS }).toBeLessThanOrEqual(width)
}

/**
 * Takes a step in the open case drawer through its button and dialog: the note, files as evidence,
 * and a choice in each select the step asks for (`choose`: field id → option text). Waits until the
 * dialog closed, i.e. the server took the step.
 */
export async function takeStepInDrawer(page: Page, action: string, input: {
  note?: string
  files?: Array<{ name: string; mimeType: string; buffer: Buffer }>
  choose?: Record<string, string>
  /** runs with the dialog filled in, before it is sent (another user acting meanwhile) */
  beforeSubmit?: () => Promise<void>
  /** the case changed since the dialog opened: the conflict dialog must come up, and the step is applied to the case as it stands */
  stale?: boolean
} = {}) {
  await drawerSlidIn(page)
  await page.getByTestId('case-drawer').getByTestId(`step-${action}`).click()
  // (a step without inputs has an empty form: the dialog's submit button is what shows it is open)
  const dialog = page.getByTestId('step-dialog')
  await page.getByTestId('step-submit').waitFor()
  for (const [field, option] of Object.entries(input.choose ?? {})) await chooseOption(page, `step_${field}`, option)
  if (input.note !== undefined) await dialog.locator('#step_note').fill(input.note)
  if (input.files) {
    await dialog.locator('input[type=file]').setInputFiles(input.files)
    await dialog.locator('.ant-upload-list-item-done').nth(input.files.length - 1).waitFor()
  }
  await input.beforeSubmit?.()
  await page.getByTestId('step-submit').click()
  if (input.stale) {
    await page.getByTestId('conflict-dialog').waitFor()
    await page.getByTestId('conflict-apply').click()
  }
  await page.getByTestId('step-submit').waitFor({ state: 'detached' })
}
