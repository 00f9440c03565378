/**
 * The case pages in a real browser (issue 12 §6), first increment: a case filed by the operator shows
 * in the list and on the command centre; a step taken by another user reaches the command centre's
 * live feed without a reload; a stale version is refused with 409; the list fits a 390 px phone.
 */
import { describe, expect, it } from 'vitest'
import { SLOW, startConsole } from './console.ts'

const c = await startConsole()

describe('case pages', () => {
  it('files, lists, feeds the command centre live, refuses a stale step and fits a phone', async () => {
    const operator = await c.open('operator')
    const catalogue = await (await operator.page.request.get(`${c.url}/api/case-catalogue`)).json() as { categories: { code: string; active: boolean }[] }
    const category = catalogue.categories.find((x) => x.active)!.code

    await operator.page.goto(`${c.url}/command`)
    await operator.page.getByTestId('command-centre').waitFor()

    const key = crypto.randomUUID()
    const inside = (await c.db.query<{ lng: number; lat: number }>(
      `SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(boundary) AS p FROM areas WHERE code = '050203') s`)).rows[0]!
    const body = { source: 'patrol', categoryCode: category, title: '浏览器测试事件', description: '巡查发现的问题', location: { lng: inside.lng, lat: inside.lat } }
    const filed = await operator.page.request.post(`${c.url}/api/cases`, { data: body, headers: { 'Idempotency-Key': key } })
    expect(filed.status(), await filed.text()).toBeLessThan(300)
    const again = await operator.page.request.post(`${c.url}/api/cases`, { data: body, headers: { 'Idempotency-Key': key } })
    const made = await filed.json() as { id: number; trackingNo: string }
    expect((await again.json() as { id: number }).id).toBe(made.id)

    // the live feed shows the filing without a reload
    await expect.poll(() => operator.page.getByTestId('case-feed').innerText(), { timeout: 10_000 }).toContain(`#${made.id}`)

    const other = await c.open('station0502')
    const detail = await other.page.request.get(`${c.url}/api/cases/${made.id}`)
    const etag = detail.headers()['etag']!
    const actions = (await detail.json() as { actions: string[] }).actions
    const lines = await operator.page.getByTestId('case-feed').locator('.ant-list-item').count()
    expect(actions).toContain('accept')
    {
      const step = await other.page.request.post(`${c.url}/api/cases/${made.id}/steps`, { data: { action: 'accept' }, headers: { 'If-Match': etag } })
      expect(step.status()).toBe(200)
      await expect.poll(() => operator.page.getByTestId('case-feed').locator('.ant-list-item').count(), { timeout: 10_000 }).toBeGreaterThan(lines)
      const stale = await operator.page.request.post(`${c.url}/api/cases/${made.id}/steps`, { data: { action: 'record', note: '迟到' }, headers: { 'If-Match': etag } })
      expect(stale.status()).toBe(409)
    }

    const phone = await c.open('operator', { viewport: { width: 390, height: 800 } })
    await phone.page.goto(`${c.url}/cases`)
    await phone.page.getByRole('tab', { name: '全部事件' }).click()
    await phone.page.getByText(made.trackingNo).waitFor()
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
  }, SLOW)
})
