/**
 * The field app on a grid worker's phone (issue 15 §3, "done when"): with the network switched off
 * the worker completes a task with a photo, the finding waits on the phone, and once back online it
 * reaches the server exactly once and becomes its case. A reply lost on the way back (the server
 * stored the finding, the phone never heard) is sent again and still stored once. A file that is not
 * a photo is refused on the phone, before anything is queued. A plate printed for a business, its
 * code read from the printed page, opens the business on the phone with no signal.
 */
import fs from 'node:fs'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { SLOW, startConsole } from './console.ts'
import { openPdf } from '../pdf-render.ts'
import { plateBox } from '../../src/modules/businesses/plates.ts'

const c = await startConsole()
fs.mkdirSync('docs/screenshots', { recursive: true })
const PHONE = { width: 390, height: 844 }

/** An open task of `item` for a business of grid 050203 that never had one; answers the task and the business's name. */
async function openTask(item: string): Promise<{ taskId: number; name: string }> {
  const { rows: [b] } = await c.db.query<{ id: number; name: string }>(
    `SELECT id, name FROM businesses b WHERE grid_code = '050203'
       AND NOT EXISTS (SELECT 1 FROM patrol_tasks t WHERE t.target_key = 'b' || b.id AND t.item_code = $1)
     ORDER BY id LIMIT 1`, [item])
  const { rows: [t] } = await c.db.query<{ id: string }>(
    `INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on)
     SELECT code, version, 'b' || $1::int, $1, '050203', 'registered:2026-12-05', date '2026-12-18' FROM patrol_items WHERE code = $2 RETURNING id`,
    [b!.id, item])
  return { taskId: Number(t!.id), name: b!.name }
}

/** The phone is inside grid 050203 and lets the app know where, to within `accuracy` metres; answers the point. */
async function standInGrid(context: BrowserContext, accuracy: number): Promise<{ lng: number; lat: number }> {
  const { rows: [here] } = await c.db.query<{ lng: number; lat: number }>(
    `SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(boundary) AS p FROM areas WHERE code = '050203') s`)
  await context.grantPermissions(['geolocation'], { origin: c.url })
  await context.setGeolocation({ longitude: here!.lng, latitude: here!.lat, accuracy })
  return here!
}

const findingsOf = async (taskId: number) =>
  (await c.db.query<{ id: string; cases: number }>('SELECT id, cardinality(case_ids) AS cases FROM patrol_findings WHERE task_id = $1', [taskId])).rows

const photo = (shade: string) => sharp({ create: { width: 2400, height: 1800, channels: 3, background: shade } }).jpeg().toBuffer()

/** Opens the task of `name`, answers "found: yes, at its address: no" and adds one photo. */
async function fillAddressCheck(page: Page, name: string, shade: string) {
  await page.getByTestId('field-task').filter({ hasText: name }).click()
  const view = page.getByTestId('field-task-view')
  await view.waitFor()
  await view.getByText('在登记地址找到该市场主体').waitFor()
  await view.locator('.ant-form-item').filter({ hasText: '在登记地址找到该市场主体' }).getByText('是', { exact: true }).click()
  await view.locator('.ant-form-item').filter({ hasText: '实际经营地址与登记地址一致' }).getByText('否', { exact: true }).click()
  await page.getByTestId('field-photo-input').setInputFiles({ name: '门头.jpg', mimeType: 'image/jpeg', buffer: await photo(shade) })
  await page.getByTestId('field-photo').first().waitFor()
}

describe('the field app', () => {
  it('records a finding with no signal and delivers it exactly once, with its case, when back online', async () => {
    const { taskId, name } = await openTask('address-check')
    const { context, page } = await c.open('worker050203', { viewport: PHONE })
    // the worker stands in the grid, and lets the app know where
    const here = await standInGrid(context, 12)
    await page.goto(`${c.url}/field`)
    await page.getByTestId('field-task').filter({ hasText: name }).waitFor()

    await context.setOffline(true)
    await expect.poll(() => page.getByTestId('field-online').innerText()).toBe('无网络')
    await fillAddressCheck(page, name, '#7a5')
    // a file that is not a photo is refused on the phone
    await page.getByTestId('field-photo-input').setInputFiles({ name: '说明.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') })
    await page.getByText('“说明.jpg”不是照片，未添加').waitFor()
    await expect(page.getByTestId('field-photo').count()).resolves.toBe(1)
    await page.getByText('“说明.jpg”不是照片，未添加').waitFor({ state: 'hidden' })
    await page.screenshot({ path: 'docs/screenshots/field-task.png', fullPage: true })
    await page.getByTestId('field-save').click()
    await page.getByText('已保存在手机上，有网络时自动发送').waitFor()
    await expect.poll(() => page.getByTestId('field-outbox').innerText()).toBe('待发送 1 条')
    await page.screenshot({ path: 'docs/screenshots/field-offline.png' })
    expect(await findingsOf(taskId)).toEqual([])

    await context.setOffline(false)
    await expect.poll(() => page.getByTestId('field-outbox').innerText(), { timeout: 60_000 }).toBe('待发送 0 条')
    const stored = await findingsOf(taskId)
    expect(stored).toHaveLength(1)
    const finding = await (await page.request.get(`${c.url}/api/patrol-findings/${stored[0]!.id}`)).json() as { caseIds: number[]; photos: string[]; location: { lng: number; lat: number; accuracy: number } | null }
    expect(finding.location).toMatchObject({ accuracy: 12 })
    expect(finding.location!.lng).toBeCloseTo(here.lng, 6)
    expect(finding.photos).toHaveLength(1)
    expect(finding.caseIds).toHaveLength(1)
    // the photo was resized on the phone before it was sent: 1600 px on its longest side
    const file = await page.request.get(`${c.url}/api/evidence/${finding.photos[0]}`)
    expect((await sharp(await file.body()).metadata()).width).toBe(1600)
    // the task is done and leaves the list
    await expect.poll(() => page.getByTestId('field-task').filter({ hasText: name }).count()).toBe(0)
    await context.close()
  }, SLOW)

  it('sends a finding again when the reply was lost, and the server keeps it once', async () => {
    const { taskId, name } = await openTask('address-check')
    const { context, page } = await c.open('worker050203', { viewport: PHONE })
    await page.goto(`${c.url}/field`)
    await page.getByTestId('field-task').filter({ hasText: name }).waitFor()

    // The first finding to arrive is stored by the server, and its reply dropped on the way back.
    let dropped = 0
    await page.route('**/api/patrol-findings', async (route) => {
      if (dropped > 0) return route.continue()
      await route.fetch()
      dropped++
      await route.abort('failed')
    })
    await fillAddressCheck(page, name, '#57a')
    await page.getByTestId('field-save').click()
    await expect.poll(() => dropped, { timeout: 60_000 }).toBe(1)
    await expect.poll(async () => (await findingsOf(taskId)).length).toBe(1)
    await expect.poll(() => page.getByTestId('field-outbox').innerText()).toBe('待发送 1 条')

    await page.getByTestId('field-send').click()
    await expect.poll(() => page.getByTestId('field-outbox').innerText(), { timeout: 60_000 }).toBe('待发送 0 条')
    const stored = await findingsOf(taskId)
    expect(stored).toHaveLength(1)
    expect(stored[0]!.cases).toBe(1)
    const keys = await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_intake_keys WHERE key LIKE 'patrolFinding:' || $1 || ':%'`, [stored[0]!.id])
    expect(keys.rows[0]!.n).toBe(1)
    await context.close()
  }, SLOW)

  it('sends findings in the order they were recorded: one that fails holds back those recorded after it', async () => {
    const first = await openTask('address-check')
    const second = await openTask('address-check')
    const { context, page } = await c.open('worker050203', { viewport: PHONE })
    await page.goto(`${c.url}/field`)
    await page.getByTestId('field-task').filter({ hasText: second.name }).waitFor()
    await context.setOffline(true)
    for (const [task, shade] of [[first, '#a73'], [second, '#3a7']] as const) {
      await fillAddressCheck(page, task.name, shade)
      await page.getByTestId('field-save').click()
      await page.getByTestId('field-task-view').waitFor({ state: 'detached' })
    }
    await expect.poll(() => page.getByTestId('field-outbox').innerText()).toBe('待发送 2 条')

    // Back online, the first finding's photo meets a server error: nothing recorded after it may overtake it.
    let refused = 0
    await page.route('**/api/evidence', async (route) => {
      if (refused > 0) return route.continue()
      refused++
      await route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"server.unavailable","message":"维护中"}}' })
    })
    const sent: number[] = []
    page.on('request', (r) => {
      if (r.url().endsWith('/api/patrol-findings') && r.method() === 'POST') sent.push((r.postDataJSON() as { taskId: number }).taskId)
    })
    await context.setOffline(false)
    await expect.poll(() => refused, { timeout: 60_000 }).toBe(1)
    expect(await findingsOf(second.taskId)).toHaveLength(0)
    expect(sent).toEqual([])

    await page.getByTestId('field-send').click()
    await expect.poll(() => page.getByTestId('field-outbox').innerText(), { timeout: 60_000 }).toBe('待发送 0 条')
    expect(sent.filter((id, i) => sent.indexOf(id) === i)).toEqual([first.taskId, second.taskId])
    const { rows } = await c.db.query<{ task_id: string }>(
      'SELECT task_id FROM patrol_findings WHERE task_id = ANY($1::bigint[]) ORDER BY received_at, recorded_at', [[first.taskId, second.taskId]])
    expect(rows.map((r) => Number(r.task_id))).toEqual([first.taskId, second.taskId])
    await context.close()
  }, SLOW)

  it('installs from the browser and, once opened, starts again with no signal, showing its tasks', async () => {
    const { name } = await openTask('address-check')
    const { context, page } = await c.open('worker050203', { viewport: PHONE })
    // Installable: a manifest that starts on the field app, with icons that exist.
    const manifest = await (await page.request.get(`${c.url}/manifest.webmanifest`)).json() as { start_url: string; display: string; icons: Array<{ src: string; sizes: string }> }
    expect(manifest).toMatchObject({ start_url: '/field', display: 'standalone' })
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
    for (const icon of manifest.icons) expect((await page.request.get(`${c.url}${icon.src}`)).status()).toBe(200)

    await page.goto(`${c.url}/field`)
    await page.getByTestId('field-task').filter({ hasText: name }).waitFor()
    // The service worker has kept the app once it is active and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true)

    // The grid's businesses are on the phone too.
    await page.getByTestId('field-tabs').getByText('商户').click()
    const { rows: [{ n: inGrid }] } = await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM businesses WHERE grid_code = '050203'`)
    await page.getByText(`本网格市场主体（${inGrid} 户，已存手机）`).waitFor()

    // A plate printed from the console, its code read from the printed page.
    const { rows: [mine] } = await c.db.query<{ uscc: string; name: string }>(`SELECT uscc, name FROM businesses WHERE grid_code = '050203' AND name = $1`, [name])
    const { rows: [elsewhere] } = await c.db.query<{ uscc: string }>(`SELECT uscc FROM businesses WHERE grid_code <> '050203' ORDER BY id LIMIT 1`)
    const head = await c.open('head050203', {})
    const sheet = await head.page.request.get(`${c.url}/api/businesses/plates?grid=050203&uscc=${mine!.uscc}`)
    expect(sheet.status()).toBe(200)
    const scanned = (await (await openPdf(await sheet.body())).render(1, 3)).qrIn(plateBox(0))
    expect(scanned).toBe(`${c.url}/field/b/${mine!.uscc}`)
    await head.context.close()

    await context.setOffline(true)
    await page.reload()
    await page.getByTestId('field-task').filter({ hasText: name }).waitFor()
    expect(await page.getByTestId('field-online').innerText()).toBe('无网络')
    // Scanned with no signal: the business opens from the phone.
    await page.goto(scanned!)
    const view = page.getByTestId('field-business-view')
    await view.getByText(mine!.name).waitFor()
    expect(await view.getByTestId('field-business-uscc').innerText()).toBe(mine!.uscc)
    await page.screenshot({ path: 'docs/screenshots/field-business.png', fullPage: true })
    // Its task is one tap away.
    await view.getByTestId('field-business-task').filter({ hasText: '登记地址信息核查' }).click()
    await page.getByTestId('field-task-view').getByText('在登记地址找到该市场主体').waitFor()
    // One of another grid is not on the phone: said so, not an error.
    await page.goto(`${c.url}/field/b/${elsewhere!.uscc}`)
    await page.getByText('手机上没有这户市场主体（不在您的网格内），有网络时再扫码查看').waitFor()
    await context.close()
  }, SLOW)

  it('goes on duty with consent, and the command centre sees the worker on its map until off duty', async () => {
    const { context, page } = await c.open('worker050203', { viewport: PHONE })
    await standInGrid(context, 10)
    await page.goto(`${c.url}/field`)
    await page.getByTestId('field-duty-switch').click()
    // Consent first, in words: how often, who sees it, how long it is kept.
    const consent = page.locator('.ant-modal-confirm')
    await consent.getByText('位置保存 30 天后自动删除').waitFor()
    await consent.getByRole('button', { name: '同意并上岗' }).click()
    await page.getByText('在岗中，每 60 秒报告一次位置').waitFor()
    const { rows: [worker] } = await c.db.query<{ id: number; display_name: string }>(`SELECT id, display_name FROM users WHERE username = 'worker050203'`)
    await expect.poll(async () => (await c.db.query('SELECT 1 FROM staff_positions WHERE user_id = $1', [worker!.id])).rowCount, { timeout: 30_000 }).toBeGreaterThan(0)

    const operator = await c.open('operator')
    await operator.page.goto(`${c.url}/command`)
    await expect.poll(() => operator.page.getByTestId('command-staff').innerText(), { timeout: 60_000 }).toContain(worker!.display_name)

    await page.getByTestId('field-duty-switch').click()
    await page.getByText('不在岗，手机不报告位置').waitFor()
    const live = await (await operator.page.request.get(`${c.url}/api/positions/live`)).json() as { items: Array<{ userId: number }> }
    expect(live.items.map((i) => i.userId)).not.toContain(worker!.id)
    await operator.context.close()
    await context.close()
  }, SLOW)

  it('keeps a grid head\'s correction made with no signal, and shows the change saved meanwhile on the server to decide on', async () => {
    const { rows: [b] } = await c.db.query<{ id: number; uscc: string; name: string }>(
      `SELECT id, uscc, name FROM businesses WHERE grid_code = '050203' ORDER BY id DESC LIMIT 1`)
    const { context, page } = await c.open('head050203', { viewport: PHONE })
    await page.goto(`${c.url}/field/b/${b!.uscc}`)
    await page.getByTestId('field-business-view').getByText(b!.name).waitFor()
    // the grid's businesses are on the phone once the first refresh is done
    await page.getByTestId('field-online').getByText('在线').waitFor()
    await expect.poll(() => page.evaluate(`new Promise((resolve) => {
      const open = indexedDB.open('marketgrid-field')
      open.onsuccess = () => { const db = open.result; const r = db.transaction('businesses').objectStore('businesses').count(); r.onsuccess = () => { db.close(); resolve(r.result) } }
    })`), { timeout: 60_000 }).toBeGreaterThan(0)
    await page.reload()
    await context.setOffline(true)
    await page.getByTestId('field-correct').click()
    await page.getByTestId('field-correction').locator('textarea').fill('西安市灞桥区更正路1号')
    await page.getByTestId('field-correction-save').click()
    await page.getByTestId('field-correction-pending').waitFor()
    expect(await page.getByTestId('field-outbox').innerText()).toBe('待发送 1 条')

    // Meanwhile the office changes the same business.
    await c.db.query(`UPDATE businesses SET actual_address = '西安市灞桥区他人路2号' WHERE id = $1`, [b!.id])
    await context.setOffline(false)
    const problems = page.getByTestId('field-edit-problems')
    await problems.getByText(`“${b!.name}”在您更正期间已被他人修改`).waitFor({ timeout: 60_000 })
    await problems.getByTestId('field-edit-conflict').click()
    await page.getByTestId('conflict-dialog').waitFor()
    expect(await page.getByTestId('conflict-theirs-actualAddress').innerText()).toBe('西安市灞桥区他人路2号')
    expect(await page.getByTestId('conflict-mine-actualAddress').innerText()).toBe('西安市灞桥区更正路1号')
    // (the picture once the dialog has zoomed in)
    await page.locator('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter').waitFor({ state: 'detached' })
    await page.screenshot({ path: 'docs/screenshots/field-conflict.png' })
    await page.getByTestId('conflict-apply').click()
    await expect.poll(async () => (await c.db.query<{ a: string }>('SELECT actual_address AS a FROM businesses WHERE id = $1', [b!.id])).rows[0]!.a, { timeout: 60_000 })
      .toBe('西安市灞桥区更正路1号')
    await problems.waitFor({ state: 'detached' })
    await context.close()
  }, SLOW)
})
