/**
 * The business ledger pages in a real browser: search and detail, an edit the server refuses (its
 * message beside the field, nothing changed), the import wizard (a bad row refused in the preview,
 * nothing landing in mode all, the valid rows landing on request), a grid head seeing only their
 * grid, a list sorted by name on the server and paged, an unplaced business resolved by clicking
 * the map, and an edit that meets a change saved meanwhile (the conflict dialog: reapply or discard).
 */
import fs from 'node:fs'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { importPreview, SLOW, startConsole } from './console.ts'
import { openPdf } from '../pdf-render.ts'
import { makeUscc } from '../../src/modules/businesses/uscc.ts'

const c = await startConsole()
fs.mkdirSync('docs/screenshots', { recursive: true })

const one = async <T>(sql: string, params: unknown[] = []) => (await c.db.query<T & object>(sql, params)).rows[0] as T
const num = (s: string) => Number(s.replace(/[^0-9]/g, ''))

/** The rows the table shows (waits for the first page). */
async function rows(page: Page) {
  const table = page.locator('.ant-pro-table .ant-table-tbody')
  await table.locator('tr.ant-table-row').first().waitFor()
  return table.locator('tr.ant-table-row')
}

async function searchByName(page: Page, q: string) {
  const input = page.locator('.ant-pro-query-filter input#q')
  await input.fill(q)
  await input.press('Enter')
}

describe('business ledger pages', () => {
  it('searches a business by name as the district chief and opens its detail with the mini-map', async () => {
    const b = await one<{ id: number; name: string; uscc: string; grid_code: string }>(
      `SELECT id, name, uscc, grid_code FROM businesses WHERE grid_code IS NOT NULL AND location IS NOT NULL ORDER BY id OFFSET 137 LIMIT 1`)
    const { context, page } = await c.open('chief')
    await page.goto(c.url + '/businesses')
    expect(await (await rows(page)).count()).toBeGreaterThan(10)
    const total = await page.getByTestId('pager-total').innerText()
    expect(num(total)).toBe((await one<{ n: number }>('SELECT count(*)::int AS n FROM businesses')).n)
    // Settled: the table no longer greyed out as loading, the search button no longer spinning.
    await page.locator('.ant-pro-table .ant-spin-blur').waitFor({ state: 'detached' })
    await page.locator('.ant-pro-query-filter .ant-btn-loading').waitFor({ state: 'detached' })
    await page.screenshot({ path: 'docs/screenshots/businesses.png', animations: 'disabled' })

    await searchByName(page, b.name)
    const row = page.locator('.ant-pro-table tr.ant-table-row', { hasText: b.uscc })
    await row.waitFor()
    const listed = await page.getByTestId('business-name').allInnerTexts()
    for (const name of listed) expect(name).toContain(b.name)

    // The export carries the search: a plain link, downloaded with the session cookie.
    await page.getByRole('button', { name: /导\s*出/ }).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
    const file = fs.readFileSync((await download.path())!, 'utf8')
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    expect(file).toContain(b.uscc)
    expect(file.trim().split(/\r?\n/).length - 1).toBe(listed.length)
    await row.getByTestId('business-name').click()
    const drawer = page.locator('.ant-drawer-content')
    const detail = drawer.getByTestId('business-detail')
    await detail.waitFor()
    const text = await detail.innerText()
    expect(text).toContain(b.uscc)
    expect(text).toContain(b.grid_code)
    await drawer.locator('[data-testid=mini-map] canvas').waitFor()
    await context.close()
  }, SLOW)

  it('checks the form with the server’s own rules before sending: every problem at once, beside its field, in words; nothing sent or changed', async () => {
    const b = await one<{ id: number; name: string; uscc: string; contact_phone: string; updated_at: Date }>(
      `SELECT id, name, uscc, contact_phone, updated_at FROM businesses WHERE grid_code IS NOT NULL AND contact_phone IS NOT NULL ORDER BY id OFFSET 11 LIMIT 1`)
    const { context, page } = await c.open('chief')
    await page.goto(c.url + '/businesses')
    await rows(page)
    await searchByName(page, b.uscc)
    await page.locator('.ant-pro-table tr.ant-table-row', { hasText: b.uscc }).getByTestId('business-name').click()
    await page.getByTestId('business-edit').click()
    const form = page.getByTestId('business-form')
    const itemOf = (id: string) => form.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) })
    const writes: string[] = []
    page.on('request', (r) => { if (r.method() !== 'GET' && r.url().includes('/api/businesses')) writes.push(r.url()) })

    // The save button stays in view on the long form.
    const save = page.getByTestId('business-save')
    const box = await save.boundingBox()
    expect(box!.y + box!.height).toBeLessThanOrEqual(page.viewportSize()!.height)

    await form.locator('#business_name').fill('')
    await form.locator('#business_contactPhone').fill('call me maybe')
    await save.click()
    const nameError = itemOf('business_name').locator('.ant-form-item-explain-error')
    const phoneError = itemOf('business_contactPhone').locator('.ant-form-item-explain-error')
    await nameError.waitFor()
    await phoneError.waitFor()
    expect(await nameError.innerText()).toBe('“名称”须为 1 到 200 个字')
    expect(await phoneError.innerText()).toMatch(/^“联系电话”格式不正确：请填写 7 到 20 位/)
    expect(writes).toEqual([])

    const now = await one<{ name: string; contact_phone: string; updated_at: Date }>('SELECT name, contact_phone, updated_at FROM businesses WHERE id = $1', [b.id])
    expect(now).toEqual({ name: b.name, contact_phone: b.contact_phone, updated_at: b.updated_at })
    await context.close()
  }, SLOW)

  /** The edit form of the business with this USCC, opened from the businesses list. */
  async function openEditForm(page: Page, uscc: string) {
    await page.goto(c.url + '/businesses')
    await rows(page)
    await searchByName(page, uscc)
    await page.locator('.ant-pro-table tr.ant-table-row', { hasText: uscc }).getByTestId('business-name').click()
    await page.getByTestId('business-edit').click()
    const form = page.getByTestId('business-form')
    await form.locator('#business_industry').waitFor()
    return form
  }

  it('shows a change saved meanwhile by someone else beside the user’s own, and reapplies the user’s change on the current version', async () => {
    const b = await one<{ id: number; uscc: string; version: number }>(
      `SELECT id, uscc, version FROM businesses WHERE grid_code IS NOT NULL ORDER BY id OFFSET 23 LIMIT 1`)
    const { context, page } = await c.open('chief')
    const form = await openEditForm(page, b.uscc)
    // Someone else saves the business while the form is open.
    await c.db.query(`UPDATE businesses SET industry = '他人修改的行业' WHERE id = $1`, [b.id])
    await form.locator('#business_industry').fill('我的行业')
    await page.getByTestId('business-save').click()
    const dialog = page.getByTestId('conflict-dialog')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('其他人保存了这条记录')
    expect(await page.getByTestId('conflict-theirs-industry').innerText()).toBe('他人修改的行业')
    expect(await page.getByTestId('conflict-mine-industry').innerText()).toBe('我的行业')
    expect((await one<{ industry: string }>('SELECT industry FROM businesses WHERE id = $1', [b.id])).industry).toBe('他人修改的行业')
    await page.getByTestId('conflict-apply').click()
    await page.getByTestId('business-detail').waitFor()
    const now = await one<{ industry: string; version: number }>('SELECT industry, version FROM businesses WHERE id = $1', [b.id])
    expect(now).toEqual({ industry: '我的行业', version: b.version + 2 })
    await context.close()
  }, SLOW)

  it('discards the user’s change on a conflict (in English): the form shows the current version and nothing is written', async () => {
    const b = await one<{ id: number; uscc: string; name: string }>(
      `SELECT id, uscc, name FROM businesses WHERE grid_code IS NOT NULL ORDER BY id OFFSET 29 LIMIT 1`)
    const { context, page } = await c.open('chief', { lang: 'en' })
    const form = await openEditForm(page, b.uscc)
    await c.db.query(`UPDATE businesses SET industry = 'changed by someone else' WHERE id = $1`, [b.id])
    await form.locator('#business_name').fill(b.name + ' (mine)')
    await page.getByTestId('business-save').click()
    const dialog = page.getByTestId('conflict-dialog')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('someone else saved this record')
    expect(await page.getByTestId('conflict-theirs-name').innerText()).toBe(b.name)
    await page.getByTestId('conflict-discard').click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await form.locator('#business_industry').inputValue()).toBe('changed by someone else')
    expect(await form.locator('#business_name').inputValue()).toBe(b.name)
    expect((await one<{ name: string }>('SELECT name FROM businesses WHERE id = $1', [b.id])).name).toBe(b.name)
    await context.close()
  }, SLOW)

  it('imports a file with one bad row: refused in the preview by its row, offered as a workbook with its reason, the valid rows land on request', async () => {
    const inGrid = await one<{ lng: number; lat: number }>(
      `SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(boundary) AS p FROM areas WHERE code = '050203') s`)
    const codes = [makeUscc('enterprise', '610111', 7_100_001), makeUscc('enterprise', '610111', 7_100_002), makeUscc('individual', '610111', 7_100_003)]
    const csv = [
      '统一社会信用代码,名称,注册地址,经度,纬度,风险等级',
      `${codes[0]},浏览器导入甲商行,西安市灞桥区测试路1号,${inGrid.lng},${inGrid.lat},低`,
      // row 3 of the file: a broken check character
      `${codes[1].slice(0, 17)}${codes[1][17] === '0' ? '1' : '0'},浏览器导入乙商行,西安市灞桥区测试路2号,${inGrid.lng},${inGrid.lat},高`,
      `${codes[2]},浏览器导入丙小吃,西安市灞桥区测试路3号,${inGrid.lng},${inGrid.lat},一般`,
    ].join('\n') + '\n'
    const landed = async () => (await one<{ n: number }>('SELECT count(*)::int AS n FROM businesses WHERE name LIKE $1', ['浏览器导入%'])).n

    const { context, page } = await c.open('chief')
    await page.goto(c.url + '/businesses')
    await rows(page)
    await page.getByRole('button', { name: /导\s*入/ }).click()
    const modal = page.locator('.ant-modal-content')
    const upload = async () => {
      await modal.locator('input[type=file]').setInputFiles({ name: '导入测试.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
      await modal.getByTestId('import-refusals').waitFor()
    }
    await upload()
    const { counts, refusals } = await importPreview(modal)
    expect(counts).toEqual({ rows: 3, valid: 2, refused: 1 })
    expect(refusals).toHaveLength(1)
    const cells = refusals[0]
    expect(cells[0]).toBe('3')
    expect(cells[1]).toBe('统一社会信用代码')
    expect(cells[2]).toMatch(/统一社会信用代码 \S+ 不正确/)
    expect(cells.join(' ')).not.toMatch(/uscc|checkCharacter|details\./)
    await page.screenshot({ path: 'docs/screenshots/import.png', animations: 'disabled' })

    // "Import all" would only be refused: the choices are the valid rows, or the refused ones to fix.
    expect(await modal.getByTestId('import-all').count()).toBe(0)
    expect(await modal.getByTestId('import-valid').innerText()).toMatch(/仅导入通过校验的 2 行/)
    const [download] = await Promise.all([page.waitForEvent('download'), modal.getByTestId('import-download-refused').click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const ExcelJS = (await import('exceljs')).default
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile((await download.path())!)
    const sheet = book.worksheets[0]
    expect(sheet.rowCount).toBe(2)
    expect(String(sheet.getRow(1).getCell(1).value)).toBe('拒绝原因')
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/统一社会信用代码 \S+ 不正确/)
    expect(await landed()).toBe(0)

    await modal.getByTestId('import-valid').click()
    await modal.locator('.ant-result-success').waitFor()
    expect(await modal.locator('.ant-result-success').innerText()).toMatch(/已导入 2 行/)
    const rowsLanded = await c.db.query<{ uscc: string; grid_code: string }>(`SELECT uscc, grid_code FROM businesses WHERE name LIKE '浏览器导入%' ORDER BY uscc`)
    expect(rowsLanded.rows).toEqual([codes[0], codes[2]].sort().map((u) => ({ uscc: u, grid_code: '050203' })))
    await context.close()
  }, SLOW)

  it('prints the grid’s QR plates and round-trips the ledger through a file: export, edit three cells, re-import as an update, see each change, then the ledger changed', async () => {
    const picked = (await c.db.query<{ id: number; uscc: string; name: string; version: number }>(
      `SELECT id, uscc, name, version FROM businesses WHERE grid_code = '050203' AND legal_representative IS NOT NULL AND risk_class <> 'high' AND industry <> '住宿和餐饮业' ORDER BY id LIMIT 2`)).rows
    const { context, page } = await c.open('chief')
    await page.goto(c.url + '/businesses?gridCode=050203')
    await rows(page)
    await page.getByRole('button', { name: /导\s*出/ }).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
    const exported = fs.readFileSync((await download.path())!, 'utf8')
    // The grid's QR plates, from the same filtered list: eight to an A4 page.
    const [plates] = await Promise.all([page.waitForEvent('download'), page.getByTestId('business-plates').click()])
    const { rows: [{ n: inGrid }] } = await c.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM businesses WHERE grid_code = '050203'`)
    expect((await openPdf(fs.readFileSync((await plates.path())!))).pages).toBe(Math.ceil(inGrid / 8))
    // Three cells edited as in Excel: a name and a risk class of the first business, an industry of the second.
    const table: string[][] = parse(exported.replace(/^\uFEFF/, ''))
    const at = (name: string) => table[0].indexOf(name)
    const edit = (uscc: string, column: string, value: string) => {
      table.find((r) => r[0] === uscc)![at(column)] = value
    }
    edit(picked[0].uscc, '名称', '往返测试改名商行')
    edit(picked[0].uscc, '风险等级', '高风险')
    edit(picked[1].uscc, '行业', '住宿和餐饮业')
    const edited = Buffer.from('\uFEFF' + stringify(table))

    await page.getByRole('button', { name: /导\s*入/ }).click()
    const modal = page.locator('.ant-modal-content')
    await modal.locator('input[type=file]').setInputFiles({ name: '台账-改.csv', mimeType: 'text/csv', buffer: edited })
    await modal.getByTestId('import-counts').waitFor()
    // Without update mode every exported row is refused as registered, with the way out named.
    expect(await modal.getByTestId('import-refusals').innerText()).toContain('更新已登记的主体')
    await modal.getByTestId('import-choice-existing').getByText('更新已登记的主体').click()
    const changes = modal.getByTestId('import-changes')
    await changes.waitFor()
    const text = await changes.innerText()
    expect(text).toContain(`名称：${picked[0].name} → 往返测试改名商行`)
    expect(text, text).toMatch(/风险等级：\S+ → 高风险/)
    expect(text).toMatch(/行业：\S* → 住宿和餐饮业/)
    const counts = await modal.getByTestId('import-counts').innerText()
    expect(counts).toMatch(/更新\s*2/)
    expect(counts).toMatch(/被拒绝\s*0/)
    await page.screenshot({ path: 'docs/screenshots/import-update.png', animations: 'disabled' })
    await modal.getByTestId('import-all').click()
    await modal.locator('.ant-result-success').waitFor()
    expect(await modal.locator('.ant-result-success').innerText()).toMatch(/更新 2/)
    const after = (await c.db.query<{ name: string; risk_class: string; industry: string; version: number }>(
      'SELECT name, risk_class, industry, version FROM businesses WHERE id = ANY($1::int[]) ORDER BY id', [picked.map((p) => p.id)])).rows
    expect(after[0]).toMatchObject({ name: '往返测试改名商行', risk_class: 'high', version: picked[0].version + 1 })
    expect(after[1]).toMatchObject({ industry: '住宿和餐饮业', version: picked[1].version + 1 })
    await context.close()
  }, SLOW)

  it('shows a grid head only the businesses of grid 050203, all of them', async () => {
    const { context, page } = await c.open('head050203')
    await page.goto(c.url + '/businesses')
    await rows(page)
    const scope = await c.db.query<{ placed: number; unplaced: number }>(
      `SELECT count(*) FILTER (WHERE grid_code = '050203')::int AS placed, count(*) FILTER (WHERE grid_code IS NULL)::int AS unplaced
         FROM businesses WHERE area_code LIKE '050203%'`)
    const { placed, unplaced } = scope.rows[0]
    expect(placed).toBeGreaterThan(0)
    await page.getByTestId('pager-total').waitFor()
    expect(num(await page.getByTestId('pager-total').innerText())).toBe(placed + unplaced)
    const grids: string[] = []
    for (;;) {
      grids.push(...await page.getByTestId('grid-cell').allInnerTexts())
      const next = page.getByTestId('pager-next')
      if (await next.isDisabled()) break
      const first = await page.getByTestId('business-name').first().innerText()
      await next.click()
      await page.waitForFunction((f) => document.querySelector('[data-testid=business-name]')?.textContent !== f, first)
    }
    expect(grids.length).toBe(placed + unplaced)
    expect(grids.filter((g) => g === '050203').length).toBe(placed)
    expect(grids.filter((g) => /^\d+$/.test(g) && g !== '050203')).toEqual([])
    // The API answers the same: nothing of another grid.
    const api = await (await page.request.get(c.url + '/api/businesses?limit=500')).json()
    expect(api.items.every((b: any) => b.areaCode.startsWith('050203'))).toBe(true)
    await context.close()
  }, SLOW)

  it('sorts by name on the server for a station chief: the first page, the next and back again', async () => {
    /** A page of the station's names as the database orders them (code points, ties by id). */
    const byName = async (dir: 'ASC' | 'DESC', offset: number) => (await c.db.query<{ name: string }>(
      `SELECT name FROM businesses WHERE area_code LIKE '0502%' ORDER BY name COLLATE "C" ${dir}, id ${dir} LIMIT 50 OFFSET $1`, [offset])).rows.map((r) => r.name)
    const [first, second, last] = [await byName('ASC', 0), await byName('ASC', 50), await byName('DESC', 0)]
    expect(second.length, 'the station has more than one page').toBeGreaterThan(0)
    expect(first).not.toEqual((await c.db.query<{ name: string }>(`SELECT name FROM businesses WHERE area_code LIKE '0502%' ORDER BY id LIMIT 50`)).rows.map((r) => r.name))

    const { context, page } = await c.open('station0502')
    await page.goto(c.url + '/businesses')
    await rows(page)
    const shown = () => page.getByTestId('business-name').allInnerTexts()
    const settled = { timeout: 120_000, interval: 250 }
    const header = page.locator('.ant-pro-table thead th.ant-table-column-has-sorters', { hasText: '名称' })

    await header.click()
    await expect.poll(shown, settled).toEqual(first)
    expect(await page.getByTestId('list-order').innerText()).toContain('按名称升序排列')
    await page.getByTestId('pager-next').click()
    await expect.poll(shown, settled).toEqual(second)
    expect(await page.getByTestId('pager-page').innerText()).toMatch(/第 2 页/)
    await page.getByRole('button', { name: /上一页/ }).click()
    await expect.poll(shown, settled).toEqual(first)
    expect(await page.getByTestId('pager-page').innerText()).toMatch(/第 1 页/)

    // Once more: descending, from page 1 again.
    await page.getByTestId('pager-next').click()
    await expect.poll(shown, settled).toEqual(second)
    await header.click()
    await expect.poll(shown, settled).toEqual(last)
    expect(await page.getByTestId('pager-page').innerText()).toMatch(/第 1 页/)
    await context.close()
  }, SLOW)

  it('resolves an unplaced business by clicking its location on the map', async () => {
    const { context, page } = await c.open('chief')
    const created = await page.request.post(c.url + '/api/businesses', {
      data: { uscc: makeUscc('enterprise', '610111', 7_200_001), name: '待落格浏览器商户', registeredAddress: '西安市灞桥区某路9号', location: null },
    })
    expect(created.status()).toBe(200)
    const id = (await created.json()).id as number
    await page.goto(c.url + '/unplaced')
    await page.getByRole('combobox').first().waitFor()
    const row = page.getByTestId('unplaced-table').locator('tr.ant-table-row', { hasText: '待落格浏览器商户' })
    // The newest is on the last page: follow "next" until it shows (from the start again if a
    // slow machine let a page change slip by).
    const next = page.getByTestId('pager-next')
    for (let attempt = 0; !(await row.count()); ) {
      if (await next.isDisabled()) {
        expect(++attempt, 'the new unplaced business is listed').toBeLessThan(4)
        await page.reload()
        await page.getByTestId('unplaced-table').locator('tr.ant-table-row').first().waitFor()
        continue
      }
      await next.click()
      await page.waitForLoadState('networkidle')
    }
    await row.click()
    const map = page.getByTestId('resolve-card').locator('[data-testid=mini-map] canvas')
    await map.waitFor()
    // Clicks before the map has loaded pick nothing: click the centre until a point is picked.
    const picked = page.getByTestId('picked')
    for (let i = 0; i < 50 && !/\d+\.\d+, \d+\.\d+/.test(await picked.innerText()); i++) {
      await map.click()
      await page.waitForTimeout(200)
    }
    const [lng, lat] = (await picked.innerText()).match(/-?\d+\.\d+/g)!.map(Number)
    const expected = await one<{ code: string | null }>(
      `SELECT (SELECT code FROM grids WHERE ST_Covers(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY code LIMIT 1) AS code`, [lng, lat])
    await page.getByTestId('resolve-confirm').click()
    const outcome = page.getByTestId('resolve-outcome')
    await outcome.waitFor()
    const stored = await one<{ grid_code: string | null }>('SELECT grid_code FROM businesses WHERE id = $1', [id])
    expect(expected.code, 'the map centre lies in a grid').not.toBeNull()
    expect(await outcome.innerText()).toContain(`已落入网格 ${expected.code}`)
    expect(stored.grid_code).toBe(expected.code)
    await context.close()
  }, SLOW)
})
