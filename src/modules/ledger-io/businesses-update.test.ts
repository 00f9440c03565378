/**
 * Re-importing an export to change the ledger (issue 13 §1): update mode, the per-row diff, the
 * unchanged rows, record versions, grid moves, and rows that will land unplaced.
 */
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { businessCsv, businessInput, importRow } from '../../../test/factories-businesses.ts'
import { BUSINESS_COLUMNS } from './businesses-columns.ts'
import { readTable } from '../../server/tabular.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)

function multipart(content: string) {
  const boundary = '----mgtest' + Math.random().toString(16).slice(2)
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ledger.csv"\r\nContent-Type: text/csv\r\n\r\n`
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}
type Client = Awaited<ReturnType<typeof userWith>>
const upload = (client: Client, query: string, content: string, lang = 'zh-CN') => {
  const m = multipart(content)
  return client.request({ method: 'POST', url: `/api/businesses/import?${query}`, payload: m.payload, headers: { ...m.headers, 'accept-language': lang } })
}

/** The export of the given codes as rows keyed by column, as someone editing it in Excel sees it. */
async function exportRows(client: Client, codes: string[]): Promise<Array<Record<string, string>>> {
  const res = await client.request({ method: 'GET', url: '/api/businesses/export?format=csv&lang=zh-CN' })
  expect(res.statusCode).toBe(200)
  const rows: Array<Record<string, string>> = []
  for await (const r of readTable(Readable.from([res.rawPayload]), 'csv', BUSINESS_COLUMNS)) if (codes.includes(r.values.uscc)) rows.push(r.values)
  return rows.sort((a, b) => codes.indexOf(a.uscc) - codes.indexOf(b.uscc))
}
/** Rows keyed by column back into a CSV file with the export's Chinese header. */
const toCsv = (rows: Array<Record<string, string>>) =>
  businessCsv(rows.map((r) => BUSINESS_COLUMNS.map((c) => r[c.key] ?? '')), BUSINESS_COLUMNS.map((c) => c.zh))

const stored = async (uscc: string) =>
  (await db.query<any>('SELECT id, name, risk_class, grid_code, version, contact_phone FROM businesses WHERE uscc = $1', [uscc])).rows[0]

/** Three businesses registered by import in grid 050101, under a station chief of 0501. */
async function registerThree(client: Client) {
  const inputs = [businessInput(), businessInput(), businessInput()]
  const res = await upload(client, '', businessCsv(inputs.map((b) => importRow(b))))
  expect(res.json()).toMatchObject({ created: 3, updated: 0, unchanged: 0 })
  return inputs.map((b) => b.uscc)
}

describe('business import in update mode (issue 13 §1)', () => {
  it('re-imports an edited export: shows each change from what to what, counts unchanged rows, then writes only the changes', async () => {
    const chief = await userWith(app, db, ['station_chief'], '0501')
    const codes = await registerThree(chief)
    const rows = await exportRows(chief, codes)
    expect(rows.map((r) => r.version)).toEqual(['1', '1', '1'])
    rows[0].name = '改名后的商行'
    rows[0].riskClass = '较高风险'
    rows[1].lng = '109.075' // into grid 050102
    const file = toCsv(rows)
    const before = await Promise.all(codes.map(stored))

    const preview = await upload(chief, 'existing=update&dryRun=true', file)
    expect(preview.statusCode, preview.body).toBe(200)
    const report = preview.json()
    expect(report).toMatchObject({ rows: 3, accepted: 3, refused: 0, created: 0, updated: 2, unchanged: 1, existing: 'update', dryRun: true })
    expect(report.changes).toEqual([
      expect.objectContaining({
        row: 2, uscc: codes[0], name: '改名后的商行',
        fields: [
          { field: 'name', column: '名称', from: before[0].name, to: '改名后的商行' },
          { field: 'riskClass', column: '风险等级', from: '一般风险', to: '较高风险' },
        ],
      }),
      expect.objectContaining({
        row: 3, uscc: codes[1], grid: { from: '050101', to: '050102' },
        fields: [expect.objectContaining({ field: 'location', column: '位置', to: expect.stringMatching(/^109\.075, /) })],
      }),
    ])
    // The check wrote nothing.
    expect(await Promise.all(codes.map(stored))).toEqual(before)

    const done = await upload(chief, 'existing=update', file)
    expect(done.json()).toMatchObject({ updated: 2, unchanged: 1, created: 0, dryRun: false })
    const after = await Promise.all(codes.map(stored))
    expect(after[0]).toMatchObject({ name: '改名后的商行', risk_class: 'higher', version: before[0].version + 1 })
    expect(after[1]).toMatchObject({ grid_code: '050102', version: before[1].version + 1 })
    expect(after[2]).toEqual(before[2])

    const { rows: events } = await db.query<any>(
      `SELECT object_id, details FROM audit_events WHERE action = 'business.updated' AND object_id = ANY($1::text[]) ORDER BY id`,
      [[String(before[0].id), String(before[1].id), String(before[2].id)]],
    )
    expect(events).toHaveLength(2)
    expect(events[0].details.changes).toMatchObject({ name: { from: before[0].name, to: '改名后的商行' }, riskClass: { from: 'general', to: 'higher' } })
    expect(events[0].details.importSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(events[1].details.to).toMatchObject({ gridCode: '050102' })
  })

  it('without update mode refuses a registered code and says how to update it', async () => {
    const chief = await userWith(app, db, ['station_chief'], '0501')
    const codes = await registerThree(chief)
    const res = await upload(chief, 'mode=valid&dryRun=true', toCsv(await exportRows(chief, codes)))
    const report = res.json()
    expect(report).toMatchObject({ accepted: 0, refused: 3 })
    expect(report.refusals[0].message).toContain('更新已登记的主体')
    const en = await upload(chief, 'mode=valid&dryRun=true', toCsv(await exportRows(chief, codes)), 'en')
    expect(en.json().refusals[0].message).toContain('update registered businesses')
  })

  it('refuses a row whose business changed after the export, and lands the others with mode=valid', async () => {
    const chief = await userWith(app, db, ['station_chief'], '0501')
    const codes = await registerThree(chief)
    const rows = await exportRows(chief, codes)
    // Someone changes the second business in the console meanwhile.
    const id = (await stored(codes[1])).id
    const patch = await chief.request({ method: 'PATCH', url: `/api/businesses/${id}`, payload: { name: '控制台里改过的名字' } })
    expect(patch.statusCode).toBe(200)
    rows[0].name = '文件里改的名字一'
    rows[1].name = '文件里改的名字二'
    const all = await upload(chief, 'existing=update', toCsv(rows))
    expect(all.statusCode).toBe(422)
    expect((await stored(codes[0])).name).not.toBe('文件里改的名字一')

    const valid = await upload(chief, 'existing=update&mode=valid', toCsv(rows))
    const report = valid.json()
    expect(report).toMatchObject({ updated: 1, unchanged: 1, refused: 1 })
    expect(report.refusals).toEqual([expect.objectContaining({ row: 3, column: '版本', message: expect.stringContaining('导出后已被修改') })])
    expect((await stored(codes[0])).name).toBe('文件里改的名字一')
    expect((await stored(codes[1])).name).toBe('控制台里改过的名字')
  })

  it('refuses a Version cell that is not a version, and a code registered outside the scope without a word on it', async () => {
    const chief = await userWith(app, db, ['station_chief'], '0501')
    const other = await userWith(app, db, ['station_chief'], '0502')
    const codes = await registerThree(chief)
    const rows = await exportRows(chief, codes)
    rows[0].version = '1e3'
    const bad = (await upload(chief, 'existing=update&mode=valid&dryRun=true', toCsv(rows))).json()
    expect(bad).toMatchObject({ refused: 1, unchanged: 2 })
    expect(bad.refusals[0]).toMatchObject({ row: 2, column: '版本', rule: 'format' })
    expect(bad.refusals[0].message).toContain('1e3')

    // The other station's chief places the same codes inside 0502: the codes are registered in 0501.
    for (const r of rows) {
      r.lng = '109.125'
      r.version = ''
    }
    const report = (await upload(other, 'existing=update&mode=valid&dryRun=true', toCsv(rows))).json()
    expect(report).toMatchObject({ refused: 3, updated: 0 })
    expect(report.refusals[0]).toMatchObject({ row: 2, rule: 'unique' })
    expect(report.refusals[0].message).toContain('已登记')
    expect(report.refusals[0].message).not.toMatch(/0501|更新/)
  })

  it('lists rows that will land unplaced as warnings, and refuses them on request', async () => {
    const chief = await userWith(app, db, ['district_chief'], '05')
    const outside = businessInput({ location: { lng: 109.5, lat: 34.05 } })
    const noPlace = businessInput({ location: null })
    const file = businessCsv([importRow(businessInput()), importRow(outside), importRow(noPlace)])
    const warned = (await upload(chief, 'dryRun=true', file)).json()
    expect(warned).toMatchObject({ accepted: 3, refused: 0, warningsTotal: 2 })
    expect(warned.warnings.map((w: any) => [w.row, w.rule])).toEqual([[3, 'outsideGrids'], [4, 'noLocation']])
    expect(warned.warnings[0].message).toContain('位置不在任何网格内')

    const refused = (await upload(chief, 'unplaced=refuse&mode=valid', file)).json()
    expect(refused).toMatchObject({ accepted: 1, refused: 2, warningsTotal: 0, created: 1 })
    expect(refused.refusals[0].message).toContain('已选择拒绝无法入格的行')
    expect(await stored(outside.uscc)).toBeUndefined()
  })
})

describe('the refused rows of an import as a workbook (issue 13 §1)', () => {
  it('gives back the refused rows in the file own columns with the reasons first; fixed, the same workbook imports', async () => {
    const chief = await userWith(app, db, ['district_chief'], '05')
    const good = businessInput()
    const badName = businessInput()
    const badPhone = businessInput()
    const file = businessCsv([
      importRow(good),
      importRow(badName, { 名称: '' }),
      importRow(badPhone, { 联系电话: '电话号码' }),
    ])
    const m = multipart(file)
    const res = await chief.request({ method: 'POST', url: '/api/businesses/import/refused-rows', payload: m.payload, headers: m.headers })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['x-row-count']).toBe('2')
    const ExcelJS = (await import('exceljs')).default
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as never)
    const sheet = book.worksheets[0]
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    // The file had no 所属网格/版本 columns: none come back (an update would blank them).
    expect(header).toEqual(['拒绝原因', '统一社会信用代码', '名称', '类型', '注册地址', '实际经营地址', '经度', '纬度', '行业', '许可证', '重点领域', '经营状态', '风险等级', '法定代表人', '联系电话'])
    expect(sheet.rowCount).toBe(3)
    expect(String(sheet.getRow(2).getCell(2).value)).toBe(badName.uscc)
    expect(String(sheet.getRow(2).getCell(1).value)).toContain('名称')
    expect(String(sheet.getRow(3).getCell(1).value)).toContain('联系电话')
    // Nothing was written by asking for the refused rows.
    expect(await stored(good.uscc)).toBeUndefined()

    // Fixed in Excel and uploaded as it is, reason column and all.
    sheet.getRow(2).getCell(3).value = '补上名称的商行'
    sheet.getRow(3).getCell(15).value = '13900001111'
    const fixed = Buffer.from(await book.xlsx.writeBuffer())
    const boundary = '----mgfix'
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fixed.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      fixed, Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const again = await chief.request({ method: 'POST', url: '/api/businesses/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json()).toMatchObject({ rows: 2, created: 2, refused: 0 })
    expect((await stored(badName.uscc)).name).toBe('补上名称的商行')
  })
})
