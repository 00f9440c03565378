import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { buildPerson, duty, multipartFile } from '../../../test/factories-people.ts'
import { PERSON_ROLES } from '../people/rules.ts'
import { formatRoles, parsePeopleRow, parseRoles, PEOPLE_COLUMNS } from './people-columns.ts'
import { readTable } from '../../server/tabular.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)

const chief = await userWith(app, db, ['district_chief'], '05')
const station1 = await userWith(app, db, ['station_chief'], '0501')
const worker = await userWith(app, db, ['grid_worker'], '05')

async function snapshot() {
  const { rows } = await db.query(`SELECT
    (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM person_roles)::int AS roles,
    (SELECT coalesce(max(updated_at)::text, '') FROM people) AS updated`)
  return rows[0]
}

const upload = (client: typeof chief, content: Buffer | string, query = '', headers: Record<string, string> = {}, filename = 'people.csv') => {
  const body = multipartFile(content, filename)
  return client.request({ method: 'POST', url: `/api/people/import${query}`, payload: body.payload, headers: { ...body.headers, ...headers } })
}

const header = '姓名,职务,联系电话,单位,所属单位编码,在岗,网格职责\n'
const goodRows = [
  '李副所长,副所长,13800000001,纺织城所,0501,是,网格长@050101;grid_head@050102',
  '赵监管,监管人员,029-83123456,纺织城所,0501,,管理员@050101;信息员@050102',
  '钱干部,社区干部,,纺一社区,0501,在岗,监督员@050101',
]

describe('importing people (M2.4)', () => {
  it('imports Chinese headers and labels, writes the rows and one audit event with the sha256', async () => {
    const csv = header + goodRows.join('\n') + '\n'
    const res = await upload(chief, csv)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ format: 'csv', rows: 3, accepted: 3, refused: 0, created: 3, updated: 0, refusals: [] })
    const { rows } = await db.query(`SELECT p.name, p.position, p.phone, p.on_duty,
        (SELECT string_agg(r.role || '@' || r.area_code, ';' ORDER BY r.role, r.area_code) FROM person_roles r WHERE r.person_id = p.id) AS roles
      FROM people p WHERE p.name IN ('李副所长', '赵监管', '钱干部') ORDER BY p.id`)
    expect(rows).toEqual([
      { name: '李副所长', position: 'deputy_station_chief', phone: '13800000001', on_duty: true, roles: 'grid_head@050101;grid_head@050102' },
      { name: '赵监管', position: 'supervision_officer', phone: '029-83123456', on_duty: true, roles: 'grid_manager@050101;informant@050102' },
      { name: '钱干部', position: 'community_cadre', phone: null, on_duty: true, roles: 'overseer@050101' },
    ])
    const audit = await db.query(`SELECT result, details FROM audit_events WHERE action = 'person.imported' ORDER BY id DESC LIMIT 1`)
    expect(audit.rows[0].result).toBe('ok')
    expect(audit.rows[0].details).toMatchObject({ sha256: createHash('sha256').update(csv).digest('hex'), rows: 3, created: 3 })
  })

  it('refuses the whole file for one bad row (422), row by row in the request language, writing nothing', async () => {
    const csv = header + [goodRows[0].replace('李副所长', '孙'), '周,副所长,12345,,0501,是,网格长@0501', '吴,boss,,,0601,也许,'].join('\n')
    const denied = async () => (await db.query<{ n: number }>(`SELECT count(*)::int n FROM audit_events WHERE action = 'person.imported' AND result = 'denied'`)).rows[0].n
    const deniedBefore = await denied()
    const before = await snapshot()
    const res = await upload(chief, csv)
    expect(res.statusCode).toBe(422)
    const err = res.json().error
    expect(err.code).toBe('import.rowsRefused')
    expect(err.message).toMatch(/共 2 行未通过校验/)
    expect(err.details.refusals).toEqual([
      { row: 3, field: 'phone', column: '联系电话', rule: 'person.phoneInvalid', message: expect.stringMatching(/^联系电话“12345”格式不正确/) },
      { row: 3, field: 'roles', column: '网格职责', rule: 'person.roleLevelMismatch', message: expect.stringMatching(/^网格长不能设在单元级区域 0501/) },
      { row: 4, field: 'onDuty', column: '在岗', rule: 'person.onDutyInvalid', message: expect.stringMatching(/也许/) },
      { row: 4, field: 'position', column: '职务', rule: 'person.positionUnknown', message: expect.stringMatching(/“boss”/) },
      { row: 4, field: 'areaCode', column: '所属单位编码', rule: 'person.areaUnknown', message: expect.stringMatching(/0601 不存在/) },
    ])
    expect(await snapshot()).toEqual(before)
    const en = await upload(chief, csv, '', { 'accept-language': 'en' })
    expect(en.json().error.message).toMatch(/2 rows failed the checks, so nothing was imported/)
    expect(en.json().error.details.refusals[0]).toMatchObject({ column: 'Phone', message: expect.stringMatching(/^The phone number “12345” is not valid/) })
    expect(await snapshot()).toEqual(before)
    // both refusals recorded
    expect(await denied()).toBe(deniedBefore + 2)
  })

  it('mode=valid writes the accepted rows; dryRun writes nothing but reports', async () => {
    const csv = header + ['郑,监管人员,,,0501,是,', '冯,监管人员,,,0502,是,'].join('\n')
    const before = await snapshot()
    const dry = await upload(station1, csv, '?mode=valid&dryRun=true')
    expect(dry.json()).toMatchObject({ dryRun: true, accepted: 1, refused: 1, created: 1 })
    expect(dry.json().refusals[0]).toMatchObject({ row: 3, field: 'areaCode', rule: 'person.areaOutOfScope' })
    expect(await snapshot()).toEqual(before)
    const res = await upload(station1, csv, '?mode=valid')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ accepted: 1, refused: 1, created: 1 })
    expect((await snapshot()).people).toBe(before.people + 1)
  })

  it('imports an xlsx file with English headers', async () => {
    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet('people')
    sheet.addRow(['Name', 'Position', 'Phone', 'Organisation', 'Home unit code', 'On duty', 'Roles'])
    sheet.addRow(['Excel One', 'Supervision officer', '13900000002', 'Station', '0502', 'yes', 'grid_head@050201;overseer@050202'])
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer())
    const res = await upload(chief, xlsx, '', {}, 'people.xlsx')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ format: 'xlsx', created: 1 })
    const { rows } = await db.query(`SELECT count(*)::int n FROM person_roles r JOIN people p ON p.id = r.person_id WHERE p.name = 'Excel One'`)
    expect(rows[0].n).toBe(2)
  })

  it('refuses other file types (415), unknown headers (400) and callers without the right (403)', async () => {
    const before = await snapshot()
    const pdf = await upload(chief, Buffer.from('%PDF-1.4\n%âãÏÓ\n'), '', {}, 'people.pdf')
    expect(pdf.statusCode).toBe(415)
    expect(pdf.json().error.code).toBe('request.unsupportedType')
    const unknown = await upload(chief, '姓名,职务,所属单位编码,工资\n甲,副所长,0501,1\n')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.code).toBe('import.headerUnknown')
    const forbidden = await upload(worker, header + goodRows[0])
    expect(forbidden.statusCode).toBe(403)
    const json = await chief.post('/api/people/import', { name: 'x' })
    expect(json.statusCode).toBe(415)
    expect(await snapshot()).toEqual(before)
  })
})

describe('exporting people (M2.4)', () => {
  it('exports CSV that imports back as the same ledger, updating by id and adding nobody', async () => {
    await buildPerson(db, { areaCode: '0502', phone: '13600000003', roles: [duty('informant', '050202')] })
    const res = await chief.get('/api/people/export?format=csv')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/csv/)
    expect(res.body).toContain('人员编号,姓名,职务,联系电话')
    expect(res.body).toContain('13600000003')
    const before = await db.query(`SELECT id, name, position, phone, organisation, area_code, on_duty FROM people ORDER BY id`)
    const roles = await db.query(`SELECT * FROM person_roles ORDER BY person_id, role, area_code`)
    const again = await upload(chief, res.rawPayload)
    expect(again.statusCode).toBe(200)
    // An export imported back as it is changes nobody: every row counted as unchanged, none written.
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: before.rows.length, refused: 0, changes: [] })
    expect((await db.query(`SELECT id, name, position, phone, organisation, area_code, on_duty FROM people ORDER BY id`)).rows).toEqual(before.rows)
    expect((await db.query(`SELECT * FROM person_roles ORDER BY person_id, role, area_code`)).rows).toEqual(roles.rows)
    const audit = await db.query(`SELECT details FROM audit_events WHERE action = 'person.exported' ORDER BY id DESC LIMIT 1`)
    expect(audit.rows[0].details).toMatchObject({ format: 'csv', personal: true })
  })

  it('exports xlsx in English within ?under and the scope', async () => {
    await buildPerson(db, { name: '周副所长', position: 'deputy_station_chief', roles: [duty('grid_head', '050101'), duty('grid_head', '050102')] })
    // ?lang (what the console's download link sends) decides over Accept-Language.
    const res = await station1.get('/api/people/export?format=xlsx&under=0501&lang=en', { 'accept-language': 'zh-CN' })
    expect(res.statusCode).toBe(200)
    const rows = []
    for await (const r of readTable(Readable.from([res.rawPayload]), 'xlsx', PEOPLE_COLUMNS)) rows.push(r.values)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.areaCode.startsWith('0501') || r.roles.includes('@0501'))).toBe(true)
    expect(rows.find((r) => r.name === '周副所长')).toMatchObject({ position: 'Deputy station chief', onDuty: 'yes', roles: 'Grid head@050101;Grid head@050102' })
    expect((await worker.get('/api/people/export')).statusCode).toBe(403)
  })

  it('a masked phone imported back with its id keeps the stored number; without an id it is refused', async () => {
    const id = await buildPerson(db, { phone: '13512345678' })
    const res = await upload(chief, `人员编号,姓名,职务,联系电话,所属单位编码\n${id},改名后,监管人员,135****5678,0501\n`)
    expect(res.json()).toMatchObject({ updated: 1 })
    // The row's change is listed from what to what, and is in the person's history.
    expect(res.json().changes).toEqual([{ row: 2, id, name: '改名后', fields: [expect.objectContaining({ field: 'name', column: '姓名', to: '改名后' })] }])
    const event = (await db.query<any>(`SELECT details FROM audit_events WHERE action = 'person.updated' AND object_id = $1 ORDER BY id DESC LIMIT 1`, [String(id)])).rows[0]
    expect(event.details.changes).toMatchObject({ name: { to: '改名后' } })
    expect(event.details.changes.phone).toBeUndefined()
    expect((await db.query('SELECT name, phone FROM people WHERE id = $1', [id])).rows[0]).toEqual({ name: '改名后', phone: '13512345678' })
    const fresh = await upload(chief, `姓名,职务,联系电话,所属单位编码\n新人,监管人员,135****5678,0501\n`)
    expect(fresh.statusCode).toBe(422)
    expect(fresh.json().error.details.refusals[0].rule).toBe('person.phoneMasked')
  })

  it('refuses an id given twice, and an id outside the scope as unknown', async () => {
    const id = await buildPerson(db, { areaCode: '0502' })
    const before = await snapshot()
    const twice = await upload(chief, `人员编号,姓名,职务,所属单位编码\n${id},甲,监管人员,0502\n${id},乙,监管人员,0502\n`)
    expect(twice.json().error.details.refusals).toEqual([
      { row: 3, field: 'id', column: '人员编号', rule: 'person.idRepeated', message: `人员编号 ${id} 在文件中重复出现（首次在第 2 行）` },
    ])
    const outside = await upload(station1, `人员编号,姓名,职务,所属单位编码\n${id},甲,监管人员,0501\n`)
    expect(outside.statusCode).toBe(422)
    expect(outside.json().error.details.refusals[0]).toMatchObject({ field: 'id', rule: 'person.idUnknown' })
    expect(await snapshot()).toEqual(before)
  })
})

describe('role cells', () => {
  it('read back what they write, in either language', () => {
    const assignment = fc.record({ role: fc.constantFrom(...PERSON_ROLES), areaCode: fc.stringMatching(/^(0[1-9]){1,3}$/) })
    fc.assert(fc.property(fc.array(assignment, { maxLength: 6 }), fc.constantFrom('zh-CN' as const, 'en' as const), (roles, lang) => {
      expect(parseRoles(formatRoles(roles, lang))).toEqual({ roles, bad: null })
    }))
  })

  it('names a malformed duty and leaves absent columns alone', () => {
    expect(parseRoles('网格长050101').bad).toBe('网格长050101')
    expect(parsePeopleRow({ id: '7', name: '甲' })).toEqual({ id: 7, change: { name: '甲' }, problems: [] })
  })
})

describe('the refused rows of a people import as a workbook (issue 13 §1)', () => {
  it('gives back the refused rows with the reasons first, writes nothing, and the fixed workbook imports as it is', async () => {
    const csv = header + [
      '孙监管,监管人员,13800000009,纺织城所,0501,是,监督员@050101',
      '周,副所长,12345,,0501,是,',
      '吴,boss,,,0501,是,',
    ].join('\n') + '\n'
    const before = await snapshot()
    const body = multipartFile(csv, 'people.csv')
    const res = await chief.request({ method: 'POST', url: '/api/people/import/refused-rows', payload: body.payload, headers: body.headers })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['x-row-count']).toBe('2')
    expect(await snapshot()).toEqual(before)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as never)
    const sheet = book.worksheets[0]
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['拒绝原因', '姓名', '职务', '联系电话', '单位', '所属单位编码', '在岗', '网格职责'])
    expect(sheet.rowCount).toBe(3)
    expect(String(sheet.getRow(2).getCell(2).value)).toBe('周')
    expect(String(sheet.getRow(2).getCell(1).value)).toContain('联系电话')
    expect(String(sheet.getRow(3).getCell(1).value)).toContain('职务')

    sheet.getRow(2).getCell(4).value = '13800000010'
    sheet.getRow(3).getCell(3).value = '监管人员'
    const fixed = Buffer.from(await book.xlsx.writeBuffer())
    const again = await upload(chief, fixed, '', {}, 'fixed.xlsx')
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json()).toMatchObject({ rows: 2, created: 2, refused: 0 })
  })
})
