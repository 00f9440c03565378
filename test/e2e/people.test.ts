/**
 * The personnel ledger import in a real browser (M2.4): a file with one bad row is refused by its
 * row number in the preview and nothing is written, even when "import all" is pressed; the
 * corrected file lands and the people table shows the new person.
 */
import { describe, expect, it } from 'vitest'
import { importPreview, SLOW, startConsole } from './console.ts'

const c = await startConsole()

const header = '姓名,职务,联系电话,单位,所属单位编码,在岗,网格职责'
const good = [
  '浏览器导入甲,监管人员,13800001111,席王市场监督管理所,0502,是,管理员@050203',
  '浏览器导入丙,社区干部,,唐都社区,0502,是,信息员@050203',
]
const badPhone = '浏览器导入乙,监管人员,12345,席王市场监督管理所,0502,是,管理员@050203'
const csv = (rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n')

const imported = async () => (await c.db.query<{ name: string; position: string; phone: string | null; area_code: string; roles: string | null }>(
  `SELECT p.name, p.position, p.phone, p.area_code,
     (SELECT string_agg(r.role || '@' || r.area_code, ';' ORDER BY r.role) FROM person_roles r WHERE r.person_id = p.id) AS roles
   FROM people p WHERE p.name LIKE '浏览器导入%' ORDER BY p.name`)).rows

describe('people import', () => {
  it('refuses a file with one bad row by its row number and writes nothing; the corrected file lands and is listed', async () => {
    const peopleBefore = (await c.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0].n
    const { context, page } = await c.open('chief')
    await page.goto(c.url + '/people')
    const table = page.getByTestId('people-table')
    await table.locator('tbody tr.ant-table-row').first().waitFor()

    await page.getByRole('button', { name: /导\s*入/ }).click()
    const modal = page.locator('.ant-modal-content').filter({ hasText: '导入台账' })
    const choose = async (name: string, rows: string[]) => {
      await modal.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: csv(rows) })
      await modal.getByTestId('import-counts').waitFor()
    }

    // Row 3 of the file (the header is row 1): a phone of five digits.
    await choose('人员导入.csv', [good[0], badPhone, good[1]])
    const { counts, refusals } = await importPreview(modal)
    expect(counts).toEqual({ rows: 3, valid: 2, refused: 1 })
    expect(refusals).toHaveLength(1)
    const cells = refusals[0]
    // row, the column as the file heads it, the reason: no internal names
    expect(cells.slice(0, 2)).toEqual(['3', '联系电话'])
    expect(cells[2]).toContain('联系电话“12345”格式不正确')
    expect(await imported(), 'the preview writes nothing').toEqual([])

    // With a refused row "import all" is not offered: it could only be refused.
    expect(await modal.getByTestId('import-all').count()).toBe(0)
    await modal.getByTestId('import-valid').waitFor()

    await modal.getByRole('button', { name: /选择其他文件/ }).click()
    await choose('人员导入-改.csv', good)
    await modal.getByText('全部行都通过了校验').waitFor()
    await modal.getByTestId('import-all').click()
    await modal.locator('.ant-result-success').waitFor()
    expect(await modal.locator('.ant-result-success').innerText()).toMatch(/共 2 行，已导入 2 行，拒绝 0 行/)
    expect(await imported()).toEqual([
      { name: '浏览器导入丙', position: 'community_cadre', phone: null, area_code: '0502', roles: 'informant@050203' },
      { name: '浏览器导入甲', position: 'supervision_officer', phone: '13800001111', area_code: '0502', roles: 'grid_manager@050203' },
    ])
    expect((await c.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0].n).toBe(peopleBefore + 2)
    await modal.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click()
    await modal.waitFor({ state: 'hidden' })

    // The table finds the new person by name, with their duty and the phone masked.
    const search = page.locator('.ant-pro-query-filter input#q')
    await search.fill('浏览器导入甲')
    await search.press('Enter')
    const row = table.locator('tbody tr.ant-table-row', { hasText: '浏览器导入甲' })
    await row.waitFor()
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(1)
    const text = await row.innerText()
    expect(text).toContain('138****1111')
    expect(text).toMatch(/管理员 · 050203/)
    await context.close()
  }, SLOW)
})
