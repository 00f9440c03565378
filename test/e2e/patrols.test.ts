/**
 * The patrol page in the console (M4.1, M4.2): the district chief reads the catalogue, revises an
 * item — a new choice question and a transfer condition on it — and sees the new version beside
 * the old one; a taken code is refused with the server's words; an item is switched off. A grid
 * worker sees the tasks of the grid and cannot edit the catalogue.
 */
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { seedDemoPatrols } from '../../src/modules/demo/patrols.ts'
import { drawerSlidIn, SLOW, startConsole } from './console.ts'

const c = await startConsole()
await seedDemoPatrols(c.db, new Date(), () => {})
/** Opens the select of the form item labelled `label` (its shown value would catch a click on the input). */
const pick = (scope: Locator, label: string) =>
  scope.locator('.ant-form-item', { has: scope.page().locator('label', { hasText: new RegExp(`^${label}$`) }) }).locator('.ant-select-selector').click()
const itemRow = (page: Page, name: string) => page.getByTestId('item-table').locator('tr', { hasText: name })

describe('patrols in the console', () => {
  it('lets the district chief revise an item into a new version, keeping the old one readable', async () => {
    const { rows: [item] } = await c.db.query<{ code: string; version: number; name: string }>(
      `SELECT i.code, i.version, v.definition->'name'->>'zh' AS name
       FROM patrol_items i JOIN patrol_item_versions v ON v.item_code = i.code AND v.version = i.version
       WHERE i.code = 'licence-display'`)
    const { page } = await c.open('chief')
    await page.goto(`${c.url}/patrols?tab=items`)
    await expect.poll(() => page.getByTestId('item-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(6)
    const row = itemRow(page, item.name)
    expect(await row.getByTestId('item-version').innerText()).toBe(`v${item.version}`)

    await row.getByTestId('item-revise').click()
    const form = page.getByTestId('item-form')
    await form.locator('#patrol-item_days').fill('45')
    await form.getByTestId('item-add-question').click()
    const question = form.getByTestId('item-question').last()
    await question.locator('input[id$="_text_zh"]').fill('门头招牌是否与登记名称一致')
    await question.locator('input[id$="_text_en"]').fill('Does the shop sign match the registered name?')
    await pick(question, '回答方式')
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '单选' }).click()
    await question.getByRole('button', { name: '添加选项' }).click()
    await question.getByRole('button', { name: '添加选项' }).click()
    const options = question.locator('input[placeholder="选项（中文）"]')
    await options.nth(0).fill('一致')
    await options.nth(1).fill('不一致')
    const optionsEn = question.locator('input[placeholder="选项（英文）"]')
    await optionsEn.nth(0).fill('Matches')
    await optionsEn.nth(1).fill('Does not match')

    await form.getByTestId('item-add-transfer').click()
    const transfer = form.getByTestId('item-transfer').last()
    await pick(transfer, '问题')
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '门头招牌是否与登记名称一致' }).click()
    await pick(transfer, '回答为')
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '不一致' }).click()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0)
    await pick(transfer, '转为事件类别')
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click()
    await page.getByTestId('item-save').click()

    await expect.poll(() => row.getByTestId('item-version').innerText()).toBe(`v${item.version + 1}`)
    const { rows: versions } = await c.db.query<{ version: number; definition: { cycle: { days: number }; checklist: Array<{ key: string; answer: string; options?: Array<{ value: string }> }>; transfers: Array<{ question: string; answers: unknown[] }> } }>(
      'SELECT version, definition FROM patrol_item_versions WHERE item_code = $1 ORDER BY version', [item.code])
    expect(versions.map((v) => v.version)).toEqual([...Array(item.version + 1).keys()].map((k) => k + 1))
    const [before, after] = versions.slice(-2).map((v) => v.definition)
    expect(after.cycle.days).toBe(45)
    expect(after.checklist).toHaveLength(before.checklist.length + 1)
    const added = after.checklist.at(-1)!
    expect(added.answer).toBe('choice')
    // machine names are made in the form, never typed, and do not collide with the existing ones
    expect(new Set(after.checklist.map((q) => q.key)).size).toBe(after.checklist.length)
    expect(added.options!.map((o) => o.value)).toEqual(['o1', 'o2'])
    expect(after.transfers.at(-1)).toMatchObject({ question: added.key, answers: ['o2'] })

    // both versions stay readable
    await row.getByTestId('item-view').click()
    const drawer = page.getByTestId('item-drawer')
    await drawerSlidIn(page)
    await expect.poll(() => drawer.getByTestId('item-transfers').innerText()).toContain('“门头招牌是否与登记名称一致”回答为 “不一致” 时')
    await drawer.getByTestId('item-versions').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `第 ${item.version} 版` }).click()
    await expect.poll(() => drawer.getByTestId('item-checklist').innerText()).not.toContain('门头招牌')
  }, SLOW)

  it('refuses a taken code with the server\'s words, and switches an item off', async () => {
    const { page } = await c.open('chief')
    await page.goto(`${c.url}/patrols?tab=items`)
    await page.getByTestId('item-create').click()
    const form = page.getByTestId('item-form')
    await form.locator('#patrol-item_code').fill('licence-display')
    await form.locator('#patrol-item_name_zh').fill('重复的事项')
    await form.locator('#patrol-item_name_en').fill('A duplicate item')
    await form.locator('input[id$="_text_zh"]').fill('是否亮照经营')
    await form.locator('input[id$="_text_en"]').fill('Is the licence displayed?')
    await page.getByTestId('item-save').click()
    await expect.poll(() => page.getByTestId('item-error').innerText()).toContain('巡查事项代码 licence-display 已被使用')
    await page.keyboard.press('Escape')

    const { rows: [item] } = await c.db.query<{ name: string }>(
      `SELECT v.definition->'name'->>'zh' AS name FROM patrol_items i JOIN patrol_item_versions v ON v.item_code = i.code AND v.version = i.version
       WHERE i.code = 'annual-report'`)
    const row = itemRow(page, item.name)
    await row.getByTestId('item-switch').click()
    await page.locator('.ant-popconfirm .ant-btn-primary').click()
    // switched off: the button now switches it on again
    await expect.poll(() => row.getByTestId('item-switch').innerText()).toBe('启用')
    const { rows: [state] } = await c.db.query<{ active: boolean }>(`SELECT active FROM patrol_items WHERE code = 'annual-report'`)
    expect(state.active).toBe(false)
  }, SLOW)

  it('shows a grid worker the tasks of the grid, and no way to edit the catalogue', async () => {
    const { rows: [{ n }] } = await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM patrol_tasks WHERE grid_code = '050203' AND state = 'open'`)
    expect(n).toBeGreaterThan(0)
    const { page } = await c.open('worker050203')
    await page.goto(`${c.url}/patrols?state=open`)
    const table = page.getByTestId('task-table')
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(Math.min(n, 50))
    expect(await table.innerText()).toContain('050203')
    expect(await table.innerText()).toMatch(/\d{4}-\d{2}-\d{2} 新登记/)
    await page.getByRole('tab', { name: '巡查事项目录' }).click()
    await expect.poll(() => page.getByTestId('item-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(6)
    expect(await page.getByTestId('item-revise').count()).toBe(0)
    expect(await page.getByTestId('item-create').count()).toBe(0)

    // on a phone the tasks are cards, the business first
    const phone = await c.open('worker050203', { viewport: { width: 390, height: 844 } })
    await phone.page.goto(`${c.url}/patrols?state=open`)
    await expect.poll(() => phone.page.getByTestId('task-card').count()).toBe(Math.min(n, 50))
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBe(0)
  }, SLOW)
})
