/**
 * A referral that misses its limit, in the console (issue 12, M3.4): a grid head files a case in
 * the filing form, accepts it, verifies it with a photo and refers it to the health commission;
 * the commission does not acknowledge it within 5 working days, so the deadline job flags it and,
 * two working days later, escalates it; the command centre sees it among the overdue cases, on the
 * chart and on the map; the liaison then acknowledges and reports, and the station chief closes it.
 * The wall screen and the case list fit a 390 px phone.
 */
import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { sweepDeadlines, ESCALATE_AFTER_DAYS } from '../../src/modules/cases/deadlines.ts'
import { workingDeadline } from '../../src/modules/calendar/service.ts'
import { chooseOption, drawerSlidIn, SLOW, startConsole, takeStepInDrawer } from './console.ts'

const c = await startConsole()
const PHONE = { width: 390, height: 844 }

describe('a referral past its limit, in the console', () => {
  it('is filed, verified with evidence, referred, flagged and escalated when the department is late, then closed', async () => {
    const head = await c.open('head050203')
    await head.page.goto(`${c.url}/cases`)
    await head.page.getByTestId('case-file').click()
    await head.page.getByTestId('file-case').waitFor()
    await chooseOption(head.page, 'fileCase_categoryCode', '食品安全')
    await head.page.locator('#fileCase_title').fill('小学门口流动摊贩售卖散装熟食')
    await head.page.locator('#fileCase_description').fill('巡查发现无证流动摊贩在校门口售卖散装熟食，疑似引发学生腹泻。')
    await head.page.getByTestId('file-case').getByText('选择网格').click()
    await chooseOption(head.page, 'fileCase_gridCode', '050203')
    await head.page.getByTestId('file-submit').click()
    const drawer = head.page.getByTestId('case-drawer')
    await drawer.getByTestId('case-detail').waitFor()
    const title = await drawer.locator('.ant-drawer-title').innerText()
    const trackingNo = title.match(/MG\d{8}-[0-9A-Z]{6}/)![0]
    await expect(drawer.getByTestId('case-state').innerText()).resolves.toContain('待受理')

    await takeStepInDrawer(head.page, 'accept')
    const photo = await sharp({ create: { width: 240, height: 180, channels: 3, background: '#c84' } }).jpeg().toBuffer()
    await takeStepInDrawer(head.page, 'verify', { note: '摊贩无食品经营许可，熟食无标签', files: [{ name: '摊贩.jpg', mimeType: 'image/jpeg', buffer: photo }] })
    await takeStepInDrawer(head.page, 'refer', { note: '涉及学生健康，移送卫健部门', choose: { departmentCode: '卫生健康' } })
    await expect(drawer.getByTestId('case-state').innerText()).resolves.toContain('已移送待签收')
    expect(await drawer.getByTestId('step-evidence').locator('img').count()).toBe(1)

    // The department lets the 5 working days pass. The deadline job is run as the scheduler would,
    // at a moment after the limit and again two working days later.
    const { rows: [filed] } = await c.db.query<{ id: number; due_at: Date }>('SELECT id, due_at FROM cases WHERE tracking_no = $1', [trackingNo])
    const due = new Date(filed.due_at)
    expect((await sweepDeadlines(c.db, new Date(due.getTime() + 60_000))).flagged).toBeGreaterThanOrEqual(1)
    const escalateAt = await workingDeadline(c.db, new Date(due.getTime() - 1), ESCALATE_AFTER_DAYS)
    expect((await sweepDeadlines(c.db, new Date(escalateAt.getTime() + 60_000))).escalated).toBeGreaterThanOrEqual(1)

    // The command centre sees it among the overdue cases, with the chart and the map beside them.
    const operator = await c.open('operator')
    await operator.page.goto(`${c.url}/command`)
    await expect.poll(() => operator.page.getByTestId('command-overdue').innerText(), { timeout: 60_000 }).toContain(trackingNo)
    await operator.page.getByTestId('command-chart').locator('canvas').waitFor()
    await operator.page.getByTestId('command-map').locator('canvas').waitFor()
    await operator.page.screenshot({ path: 'docs/screenshots/command-centre.png', fullPage: true })
    await operator.page.getByTestId('command-overdue').getByText(trackingNo).click()
    const opDrawer = operator.page.getByTestId('case-drawer')
    await expect(opDrawer.getByTestId('case-state').innerText()).resolves.toContain('超期（第 2 级）')
    const timeline = await opDrawer.getByTestId('case-timeline').innerText()
    expect(timeline).toContain('超期提醒')
    expect(timeline).toContain('超期提请上级督办')
    await drawerSlidIn(operator.page)
    await operator.page.screenshot({ path: 'docs/screenshots/case-drawer.png' })

    // The liaison finds it in their queue, acknowledges it and reports; the flag goes with the step.
    const liaison = await c.open('liaison')
    await liaison.page.goto(`${c.url}/cases`)
    await liaison.page.getByRole('cell', { name: trackingNo }).click()
    await takeStepInDrawer(liaison.page, 'acknowledge')
    const liaisonDrawer = liaison.page.getByTestId('case-drawer')
    await expect(liaisonDrawer.getByTestId('case-state').innerText()).resolves.not.toContain('超期')
    await takeStepInDrawer(liaison.page, 'departmentReport', { note: '已会同查处，摊贩已取缔，学生症状已消失' })
    // Nobody reviews their own report: the liaison has no close button.
    await expect(liaisonDrawer.getByTestId('step-close').count()).resolves.toBe(0)

    const station = await c.open('station0502')
    await station.page.goto(`${c.url}/cases`)
    await station.page.getByRole('cell', { name: trackingNo }).click()
    await takeStepInDrawer(station.page, 'close')
    await expect(station.page.getByTestId('case-drawer').getByTestId('case-state').innerText()).resolves.toContain('已办结')

    // The wall screen and the case list on a phone: nothing wider than the screen.
    const phone = await c.open('operator', { viewport: PHONE })
    for (const path of ['/command', '/cases']) {
      await phone.page.goto(`${c.url}${path}`)
      await phone.page.getByTestId(path === '/command' ? 'command-counts' : 'case-filters').waitFor()
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    }
    await phone.page.getByRole('tab', { name: '全部事件' }).click()
    // on a phone the cases are cards
    await phone.page.getByTestId('case-card').filter({ hasText: trackingNo }).click()
    await phone.page.getByTestId('case-detail').waitFor()
    const box = (await phone.page.locator('.ant-drawer-content-wrapper').boundingBox())!
    // A bounding box is in fractional CSS pixels (a full-width drawer measures 390.0000076).
    expect(Math.round(box.width)).toBeLessThanOrEqual(PHONE.width)
  }, SLOW)
})
