/**
 * The public portal in a real browser on a phone-sized screen: a citizen files a complaint with a
 * photo and a point on the map, staff take it through the loop, and the citizen follows it to its
 * result and rates it — without an account.
 */
import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { openCase, SLOW, startConsole, takeStepInDrawer } from './console.ts'

const c = await startConsole()
const PHONE = { width: 390, height: 844 }

describe('the public portal', () => {
  it('files a complaint with a photo from a phone, then follows it to its result and rates it', async () => {
    const context = await c.browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true })
    const page = await context.newPage()
    page.setDefaultTimeout(120_000)
    await page.goto(c.url + '/portal')
    await expect(page.locator('h4').first().innerText()).resolves.toContain('市场监管投诉举报')

    await page.locator('.ant-select-selection-search-input').first().fill('食品安全')
    await page.locator('.ant-select-item-option-active', { hasText: '食品安全' }).waitFor()
    await page.keyboard.press('Enter')
    await page.getByTestId('complaint-description').fill('超市冷柜里的酸奶已过保质期三天，店员仍在销售。')
    const map = page.getByTestId('portal-map')
    await map.locator('canvas').waitFor()
    const box = (await map.boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect(page.getByText(/已选地点：/).innerText()).resolves.toMatch(/已选地点：1\d\d\.\d+, 3\d\.\d+/)
    const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#e8d' } }).jpeg().toBuffer()
    await page.locator('input[type=file]').setInputFiles({ name: '酸奶.jpg', mimeType: 'image/jpeg', buffer: jpeg })
    await page.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').first().waitFor()
    await page.locator('input#phone').fill('13600001111')
    await page.getByTestId('complaint-submit').click()
    await page.getByTestId('complaint-done').waitFor()
    const trackingNo = (await page.getByTestId('tracking-no').innerText()).trim()
    expect(trackingNo).toMatch(/^MG\d{8}-[0-9A-Z]{6}$/)
    // Nothing on the phone's page is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)

    // Staff take it through the loop in the console. The photo filed with it is the evidence of
    // the verification; the district chief reports the result with a photo of his own; the command
    // centre sends the report back once, and closes the case when it comes back complete.
    const { rows: [filed] } = await c.db.query<{ id: number; grid_code: string; evidence: string[] }>(
      `SELECT c.id, c.grid_code, s.evidence FROM cases c JOIN case_steps s ON s.case_id = c.id AND s.action = 'create' WHERE c.tracking_no = $1`, [trackingNo])
    expect(filed.grid_code).toMatch(/^05\d{4}$/)
    expect(filed.evidence).toHaveLength(1)
    const chief = await c.open('chief')
    const chiefDrawer = await openCase(chief.page, c.url, trackingNo)
    // The complainant's phone is masked for staff until revealed (and the reveal is audited).
    await expect(chiefDrawer.getByTestId('case-contact').innerText()).resolves.not.toContain('13600001111')
    await takeStepInDrawer(chief.page, 'accept')
    await takeStepInDrawer(chief.page, 'verify', { note: '现场核查属实' })
    const shelf = await sharp({ create: { width: 200, height: 150, channels: 3, background: '#3a7' } }).png().toBuffer()
    await takeStepInDrawer(chief.page, 'report', { note: '已下架过期酸奶', files: [{ name: '下架.png', mimeType: 'image/png', buffer: shelf }] })
    await expect(chiefDrawer.getByTestId('case-state').innerText()).resolves.toContain('待复核')

    // While the chief writes a note, the command centre sends the report back: his note meets the
    // conflict dialog with the case as it now stands, and is added to it.
    const operator = await c.open('operator')
    await openCase(operator.page, c.url, trackingNo)
    await takeStepInDrawer(chief.page, 'record', {
      note: '补充：已联系店主',
      beforeSubmit: () => takeStepInDrawer(operator.page, 'sendBack', { note: '请补充立案情况' }),
      stale: true,
    })
    await expect(chiefDrawer.getByTestId('case-state').innerText()).resolves.toContain('处置中')
    await takeStepInDrawer(chief.page, 'report', { note: '已下架过期酸奶并立案调查' })
    await takeStepInDrawer(operator.page, 'close')
    const timeline = await operator.page.getByTestId('case-timeline').innerText()
    for (const step of ['登记', '受理', '核查完成', '反馈结果', '退回重办', '请补充立案情况', '复核办结']) expect(timeline).toContain(step)
    expect(await operator.page.getByTestId('step-evidence').locator('img').count()).toBeGreaterThanOrEqual(2)
    await chief.context.close()
    await operator.context.close()

    await page.getByRole('tab', { name: '查询办理进度' }).click()
    await page.getByTestId('track-input').fill(trackingNo.toLowerCase())
    await page.getByTestId('track-search').click()
    await expect(page.getByTestId('track-outcome').innerText()).resolves.toBe('已下架过期酸奶并立案调查')
    await expect(page.getByTestId('track-result').innerText()).resolves.toContain('已办结')
    await page.getByTestId('track-rate').locator('li').nth(4).click()
    await page.getByTestId('track-rate-submit').click()
    await expect(page.getByTestId('track-rated').innerText()).resolves.toContain('5')
    await page.screenshot({ path: 'docs/screenshots/portal-phone.png', fullPage: true })
    // The complainant's phone never reaches the public page.
    expect(await page.content()).not.toContain('13600001111')
    await context.close()
  }, SLOW)

  it('says clearly when a tracking number is unknown, in English too', async () => {
    const context = await c.browser.newContext({ viewport: PHONE, locale: 'en' })
    await context.addInitScript(() => localStorage.setItem('mg.lang', 'en'))
    const page = await context.newPage()
    page.setDefaultTimeout(120_000)
    await page.goto(c.url + '/portal')
    await page.getByRole('tab', { name: 'Follow a complaint' }).click()
    await page.getByTestId('track-input').fill('MG20260101-AAAAAA')
    await page.getByTestId('track-search').click()
    await expect(page.getByTestId('track-error').innerText()).resolves.toMatch(/No complaint has this tracking number/)
    await context.close()
  }, SLOW)
})
