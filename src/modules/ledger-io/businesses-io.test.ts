import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { setupTestApp, testConfig, clientFor } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { businessCsv, businessInput, HEADER_ZH, importRow, insertBusiness, nextUscc } from '../../../test/factories-businesses.ts'
import { buildApp } from '../../server/app.ts'
import { BUSINESS_COLUMNS } from './businesses-columns.ts'
import { importMaintenance } from './businesses-import.ts'
import { readTable } from '../../server/tabular.ts'
import { encodeGb18030 } from '../../../test/gb18030.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const chief = await userWith(app, db, ['district_chief'], '05')
const station1 = await userWith(app, db, ['station_chief'], '0501')
const head1 = await userWith(app, db, ['grid_head'], '050101')

function multipart(filename: string, content: Buffer | string, type = 'text/csv') {
  const boundary = '----mgtest' + Math.random().toString(16).slice(2)
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}
const upload = (client: typeof chief, query: string, filename: string, content: Buffer | string, headers: Record<string, string> = {}) => {
  const m = multipart(filename, content)
  return client.request({ method: 'POST', url: `/api/businesses/import${query}`, payload: m.payload, headers: { ...m.headers, ...headers } })
}
const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM businesses')).rows[0].n
const auditRows = async (action: string) =>
  (await db.query<any>('SELECT details FROM audit_events WHERE action = $1 ORDER BY id', [action])).rows.map((r) => r.details)
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

describe('business import (M2.4)', () => {
  it('imports a good CSV: placed, unplaced, one audit event with the file hash', async () => {
    const rows = [
      importRow(businessInput()),
      importRow(businessInput({ location: { lng: 109.075, lat: 34.05 } })),
      importRow(businessInput({ location: null })),
      importRow(businessInput({ location: { lng: 109.5, lat: 34.05 } })),
      importRow(businessInput(), { 类型: '企业', 经营状态: '在营', 风险等级: '较高', 重点领域: '食品、特种设备' }),
    ]
    const csv = businessCsv(rows)
    const before = await count()
    const res = await upload(chief, '', 'ledger.csv', csv)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ rows: 5, accepted: 5, refused: 0, placed: 3, unplaced: 2, refusals: [] })
    expect(await count()).toBe(before + 5)
    const last = (await db.query<any>('SELECT risk_class, key_domains, licences FROM businesses WHERE uscc = $1', [rows[4][0]])).rows[0]
    expect(last.risk_class).toBe('higher')
    expect(last.key_domains).toEqual(['food', 'special_equipment'])
    expect(last.licences[0]).toMatchObject({ type: '食品经营许可证', validFrom: '2024-01-01', validTo: '2029-01-01' })
    const events = await auditRows('business.imported')
    expect(events.at(-1)).toMatchObject({ sha256: createHash('sha256').update(csv).digest('hex'), rows: 5, accepted: 5, placed: 3, unplaced: 2 })
  })

  it('makes a large import searchable by name at once, and through the name grams once they are written', async () => {
    const rows = Array.from({ length: 1500 }, (_, k) => importRow(businessInput({ name: `批量导入测试${k}号商行` })))
    const res = await upload(chief, '', 'large.csv', businessCsv(rows))
    expect(res.json()).toMatchObject({ accepted: 1500 })
    const search = async () => (await chief.request({ method: 'GET', url: `/api/businesses?q=${encodeURIComponent('导入测试7')}&limit=500` })).json().items.length
    // The grams of 1,500 rows are written after the answer; until then searches read the trigram index.
    expect(await search()).toBe(111) // 7, 70–79, 700–799
    await importMaintenance()
    expect((await db.query('SELECT 1 FROM business_name_gram_backlog')).rows).toEqual([])
    expect(await search()).toBe(111)
  })

  it('imports a CSV that Excel on a Chinese Windows saved in GBK, storing the Chinese text as written', async () => {
    const row = importRow(businessInput({ name: '灞桥区纺织城“好运来”便利店', registeredAddress: '西安市灞桥区纺织城正街１２号' }), { 经营状态: '在营' })
    const gbk = encodeGb18030(businessCsv([row]).replace(/^\uFEFF/, ''))
    const res = await upload(chief, '', '台账.csv', gbk)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ accepted: 1, refused: 0 })
    const { rows } = await db.query<any>('SELECT name, registered_address, kind FROM businesses WHERE uscc = $1', [row[0]])
    expect(rows[0]).toEqual({ name: '灞桥区纺织城“好运来”便利店', registered_address: '西安市灞桥区纺织城正街１２号', kind: 'enterprise' })
  })

  it('refuses a file with bytes no encoding reads, naming the line, and writes nothing', async () => {
    const before = await count()
    const csv = Buffer.concat([encodeGb18030(businessCsv([importRow(businessInput())]).replace(/^\uFEFF/, '')), Buffer.from([0xff, 0xfe, 0xff, 0x0a])])
    const res = await upload(chief, '', 'broken.csv', csv)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.message).toMatch(/第 3 行.*GB18030/)
    expect(await count()).toBe(before)
  })

  it('reads English headers and a GCJ-02 file', async () => {
    const b = businessInput({ location: { lng: 109.03, lat: 34.05 } })
    const header = ['USCC', 'Name', 'Registered address', 'Longitude', 'Latitude']
    const csv = businessCsv([[b.uscc, b.name, b.registeredAddress, '109.03', '34.05']], header)
    const res = await upload(chief, '?crs=GCJ02', 'en.csv', csv)
    expect(res.json()).toMatchObject({ accepted: 1, placed: 1 })
    const { rows } = await db.query<any>('SELECT ST_X(location) AS x FROM businesses WHERE uscc = $1', [b.uscc])
    expect(rows[0].x).not.toBe(109.03)
  })

  it('imports a good xlsx', async () => {
    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet('市场主体')
    sheet.addRow(HEADER_ZH)
    const rows = [importRow(), importRow(), importRow()]
    for (const r of rows) sheet.addRow(r)
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer())
    const res = await upload(chief, '', 'ledger.xlsx', xlsx)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ rows: 3, accepted: 3, placed: 3 })
  })

  it('refuses a wrong header before reading rows, writing nothing', async () => {
    const before = await count()
    const res = await upload(chief, '', 'bad.csv', businessCsv([importRow()], [...HEADER_ZH.slice(0, -1), '电话号码']))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('import.headerUnknown')
    expect(await count()).toBe(before)
  })

  it('with one bad row in the middle: mode=all refuses all (422), mode=valid lands the others', async () => {
    const rows = [importRow(), importRow(), importRow(businessInput(), { 统一社会信用代码: '91350100M000100Y44' }), importRow(), importRow()]
    const csv = businessCsv(rows)
    const before = await count()
    const auditsBefore = (await auditRows('business.imported')).length
    const all = await upload(chief, '', 'mixed.csv', csv, { 'accept-language': 'en' })
    expect(all.statusCode).toBe(422)
    const err = all.json().error
    expect(err.code).toBe('import.rowsRefused')
    expect(err.details.refusals).toEqual([{ row: 4, field: 'uscc', column: 'USCC', rule: 'checkCharacter', message: expect.stringMatching(/check character/) }])
    expect(await count()).toBe(before)
    expect((await auditRows('business.imported')).length).toBe(auditsBefore)

    const dry = await upload(chief, '?mode=valid&dryRun=true', 'mixed.csv', csv)
    expect(dry.json()).toMatchObject({ rows: 5, accepted: 4, refused: 1, dryRun: true })
    expect(dry.json().refusals[0].message).toMatch(/校验码/)
    expect(await count()).toBe(before)

    const valid = await upload(chief, '?mode=valid', 'mixed.csv', csv)
    expect(valid.statusCode).toBe(200)
    expect(valid.json()).toMatchObject({ rows: 5, accepted: 4, refused: 1, refusalsTotal: 1 })
    expect(await count()).toBe(before + 4)
  })

  it('reports duplicates within the file and against the ledger, by row', async () => {
    const existing = businessInput()
    await insertBusiness(db, { uscc: existing.uscc, location: { lng: 109.175, lat: 34.05 }, name: '别处的公司' })
    const repeated = businessInput()
    const csv = businessCsv([importRow(repeated), importRow(existing), importRow(repeated), importRow(businessInput(), { 经度: '200', 纬度: '34' })])
    const res = await upload(chief, '?mode=valid', 'dups.csv', csv)
    expect(res.json().refusals.map((r: any) => [r.row, r.rule])).toEqual([[3, 'unique'], [4, 'uniqueInFile'], [5, 'range']])
    expect(res.body).not.toContain('别处的公司')
    expect(res.json().accepted).toBe(1)
  })

  it('refuses rows outside the importer’s scope', async () => {
    const csv = businessCsv([importRow(businessInput({ location: { lng: 109.175, lat: 34.05 } })), importRow()])
    const res = await upload(station1, '?mode=valid', 'scope.csv', csv)
    expect(res.json()).toMatchObject({ accepted: 1, refused: 1 })
    expect(res.json().refusals[0]).toMatchObject({ row: 2, field: 'location', rule: 'inScope' })
    const forbidden = await upload(head1, '', 'scope.csv', csv)
    expect(forbidden.statusCode).toBe(403)
  })

  it('refuses a PDF or binary upload with 415', async () => {
    const before = await count()
    const pdf = await upload(chief, '', 'ledger.pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'))
    expect(pdf.statusCode).toBe(415)
    expect(pdf.json().error.code).toBe('request.unsupportedType')
    const bin = await upload(chief, '', 'x.bin', Buffer.from([0, 1, 2, 3, 0, 5]))
    expect(bin.statusCode).toBe(415)
    const json = await chief.post('/api/businesses/import', { file: 'x' })
    expect(json.statusCode).toBe(415)
    expect(await count()).toBe(before)
  })

  it('refuses an oversized upload with 413, writing nothing', async () => {
    const config = testConfig()
    config.uploadLimitBytes = 2048
    const small = await buildApp({ db, config })
    await small.ready()
    try {
      const client = clientFor(small, chief.token)
      const before = await count()
      const rows = Array.from({ length: 40 }, () => importRow())
      const m = multipart('big.csv', businessCsv(rows))
      const res = await client.request({ method: 'POST', url: '/api/businesses/import', payload: m.payload, headers: m.headers })
      expect(res.statusCode).toBe(413)
      expect(res.json().error.code).toBe('request.tooLarge')
      expect(await count()).toBe(before)
    } finally {
      await small.close()
    }
  })
})

describe('business export (M2.4)', () => {
  it('exports only the scope, audited, in columns that re-import', async () => {
    await insertBusiness(db, { name: '第一网格的商户' }) // grid 050101, the exporter's
    await insertBusiness(db, { location: { lng: 109.075, lat: 34.05 }, name: '第二网格专用' })
    const res = await head1.get('/api/businesses/export?format=csv')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/csv/)
    const rows = await collect(readTable(Readable.from([res.rawPayload]), 'csv', BUSINESS_COLUMNS))
    expect(rows.length).toBe(Number(res.headers['x-row-count']))
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.values.areaCode.startsWith('050101'))).toBe(true)
    expect(res.body).not.toContain('第二网格专用')
    const event = (await auditRows('business.exported')).at(-1)
    expect(event).toMatchObject({ rows: rows.length, format: 'csv', personalData: true })

    // Re-importing the export: every row is valid and refused only as already registered.
    const again = await upload(chief, '?mode=valid&dryRun=true', 'export.csv', res.rawPayload)
    expect(again.statusCode).toBe(200)
    expect(again.json().refused).toBe(rows.length)
    expect(new Set(again.json().refusals.map((r: any) => r.rule))).toEqual(new Set(['unique']))
  })

  it('heads the columns in the language asked for by ?lang, over Accept-Language (a download link cannot set the header)', async () => {
    const heading = async (query: string, acceptLanguage: string) =>
      (await head1.get(`/api/businesses/export?format=csv${query}`, { 'accept-language': acceptLanguage })).body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]
    const english = BUSINESS_COLUMNS.map((c) => c.en).join(',')
    const chinese = BUSINESS_COLUMNS.map((c) => c.zh).join(',')
    expect(await heading('', 'en')).toBe(english)
    expect(await heading('', 'zh-CN')).toBe(chinese)
    expect(await heading('&lang=en', 'zh-CN')).toBe(english)
    expect(await heading('&lang=zh-CN', 'en')).toBe(chinese)
    const bad = await head1.get('/api/businesses/export?format=csv&lang=fr')
    expect(bad.statusCode).toBe(400)
  })

  it('round-trips through xlsx into an empty ledger elsewhere', async () => {
    const b = businessInput({ location: { lng: 109.125, lat: 34.05 }, keyDomains: ['food', 'special_food'], riskClass: 'high' })
    await chief.post('/api/businesses', b)
    const res = await chief.get(`/api/businesses/export?format=xlsx&uscc=${b.uscc}`, { 'accept-language': 'en' })
    expect(res.statusCode).toBe(200)
    const rows = await collect(readTable(Readable.from([res.rawPayload]), 'xlsx', BUSINESS_COLUMNS))
    expect(rows).toHaveLength(1)
    // coded values under their English labels, as the file's headings
    expect(rows[0].values).toMatchObject({ uscc: b.uscc, keyDomains: 'Food;Special food', riskClass: 'High risk', operatingState: 'Operating', gridCode: '050201', lng: '109.125' })
    // Moved to a fresh code, the exported row imports and lands in the same grid.
    await db.query('UPDATE businesses SET uscc = $1 WHERE uscc = $2', [nextUscc(), b.uscc])
    const back = await upload(chief, '', 'export.xlsx', res.rawPayload)
    expect(back.json()).toMatchObject({ accepted: 1, placed: 1 })
    const { rows: stored } = await db.query<any>('SELECT grid_code, risk_class FROM businesses WHERE uscc = $1', [b.uscc])
    expect(stored[0]).toMatchObject({ grid_code: '050201', risk_class: 'high' })
  })

  it('writes coded values as the Chinese labels under Chinese headings, and reads them back', async () => {
    const b = businessInput({ location: { lng: 109.125, lat: 34.05 }, keyDomains: ['food', 'special_equipment'], riskClass: 'general', operatingState: 'suspended' })
    await chief.post('/api/businesses', b)
    const res = await chief.get(`/api/businesses/export?format=csv&uscc=${b.uscc}`)
    const rows = await collect(readTable(Readable.from([res.rawPayload]), 'csv', BUSINESS_COLUMNS))
    expect(rows[0].values).toMatchObject({ kind: '企业', keyDomains: '食品;特种设备', riskClass: '一般风险', operatingState: '停业' })
    expect(res.body).not.toMatch(/enterprise|special_equipment|general|suspended/)
    await db.query('UPDATE businesses SET uscc = $1 WHERE uscc = $2', [nextUscc(), b.uscc])
    expect((await upload(chief, '', 'export.csv', res.rawPayload)).json()).toMatchObject({ accepted: 1 })
    const { rows: stored } = await db.query<any>('SELECT kind, key_domains, risk_class, operating_state FROM businesses WHERE uscc = $1', [b.uscc])
    expect(stored[0]).toEqual({ kind: 'enterprise', key_domains: ['food', 'special_equipment'], risk_class: 'general', operating_state: 'suspended' })
  })

  it('reads coded values under their codes, either language\'s labels or the usual aliases', async () => {
    const rows = [
      importRow(businessInput(), { 风险等级: 'higher', 经营状态: 'operating', 重点领域: 'food;special_food' }),
      importRow(businessInput(), { 风险等级: 'Elevated risk', 经营状态: 'Suspended', 重点领域: 'Special equipment、Key industrial products' }),
      importRow(businessInput(), { 风险等级: '较高', 经营状态: '存续', 重点领域: '食品，特殊食品' }),
    ]
    expect((await upload(chief, '', 'mixed.csv', businessCsv(rows))).json()).toMatchObject({ accepted: 3, refused: 0 })
    const stored = await db.query<any>('SELECT risk_class, operating_state, key_domains FROM businesses WHERE uscc = ANY($1) ORDER BY uscc', [rows.map((r) => r[0])])
    expect(stored.rows.map((r) => r.risk_class)).toEqual(['higher', 'higher', 'higher'])
    expect(stored.rows.map((r) => r.key_domains).flat().sort()).toEqual(['food', 'food', 'industrial_products', 'special_equipment', 'special_food', 'special_food'])
  })

  it('masks personal data for an exporter without person.readPersonal', async () => {
    const officer = await userWith(app, db, ['credit_officer'], '05')
    const b = businessInput({ contactPhone: '13900001111', legalRepresentative: '李四' })
    await chief.post('/api/businesses', b)
    const res = await officer.get(`/api/businesses/export?uscc=${b.uscc}`)
    expect(res.body).toContain('139****1111')
    expect(res.body).not.toContain('13900001111')
    expect((await head1.get('/api/businesses/export')).statusCode).toBe(200)
    const worker = await userWith(app, db, ['grid_worker'], '050101')
    expect((await worker.get('/api/businesses/export')).statusCode).toBe(403)
  })
})
