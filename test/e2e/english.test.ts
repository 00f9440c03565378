/**
 * The console in English: every label, button, column, tab and menu entry of every page is
 * translated (Chinese left only in data such as names and addresses), at 1366×768 and on a
 * 1920×1080 wall screen without horizontal overflow.
 */
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { startConsole } from './console.ts'

const c = await startConsole()
const PAGES = ['/map', '/areas', '/businesses', '/unplaced', '/people', '/coverage', '/cases', '/command', '/patrols', '/patrols?tab=items', '/markets', '/account']
/** Pages holding the live feed open never reach network idle: they are ready when this shows. */
const LIVE: Record<string, string> = { '/cases': 'case-filters', '/command': 'command-counts' }
/** Pages the district chief may not open: checked as the system administrator. */
const ADMIN_PAGES = ['/settings']
const CHROME = '.ant-menu, button, th, label, .ant-card-head-title, .ant-tabs-tab, .ant-form-item-label, .ant-pro-table-list-toolbar-title, .ant-segmented-item-label'
const CJK = /[\u4e00-\u9fff]/

/** What is not translated, or too wide, on each of the pages. */
async function problemsOn(page: Page, paths: string[]): Promise<string[]> {
  const problems: string[] = []
  for (const path of paths) {
    await page.goto(c.url + path)
    await page.locator('.ant-pro-layout').waitFor()
    if (LIVE[path]) {
      await page.getByTestId(LIVE[path]).waitFor()
      await page.waitForTimeout(1000) // the lists' first answers (nothing is timed: this only lets them land)
    } else await page.waitForLoadState('networkidle')
    const untranslated = await page.locator(CHROME).evaluateAll(
      // The language switch names each language in itself (中文 stays 中文); an area shown as
      // "code name" is data (the names of places are Chinese in every language).
      (els, cjk) => els.map((e) => (e as HTMLElement).innerText.trim())
        .filter((t) => t !== '中文' && !/^\d{2,6}\s/.test(t) && new RegExp(cjk).test(t)),
      CJK.source,
    )
    if (untranslated.length) problems.push(`${path}: ${JSON.stringify(untranslated)}`)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    if (overflow > 0) problems.push(`${path}: ${overflow}px horizontal overflow`)
  }
  return problems
}

/** The untranslated labels of the form that `button` on `path` opens (at least `least` of them, or the form did not open). */
async function formProblems(page: Page, path: string, button: string, labels: Locator, least: number): Promise<string[]> {
  await page.goto(c.url + path)
  await page.getByTestId(button).click()
  await labels.first().waitFor()
  const texts = await labels.allInnerTexts()
  expect(texts.length).toBeGreaterThan(least)
  await page.keyboard.press('Escape')
  return texts.filter((t) => CJK.test(t)).map((t) => `${path} form: ${t}`)
}

describe('console in English', () => {
  for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    it(`translates every page's interface at ${viewport.width}×${viewport.height}`, async () => {
      const { context, page } = await c.open('chief', { lang: 'en', viewport })
      const problems = await problemsOn(page, PAGES)
      const admin = await c.open('sysadmin', { lang: 'en', viewport })
      problems.push(...await problemsOn(admin.page, ADMIN_PAGES))
      await admin.context.close()
      // The forms behind a button: every label in English (what the user typed or named is data).
      problems.push(...await formProblems(page, '/cases', 'case-file', page.getByTestId('file-case').locator('label, button'), 8))
      problems.push(...await formProblems(page, '/patrols?tab=items', 'item-create', page.locator('.ant-modal').locator('label, button, h5, .ant-modal-title'), 15))
      expect(problems).toEqual([])
      if (viewport.width === 1366) {
        await page.goto(c.url + '/businesses')
        await page.locator('.ant-table-row').first().waitFor()
        await page.screenshot({ path: 'docs/screenshots/businesses-en.png' })
      }
      await context.close()
    }, 300_000)
  }
})
