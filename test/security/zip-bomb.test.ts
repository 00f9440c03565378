/**
 * Issue 11 §4: a small xlsx that unpacks to hundreds of megabytes (a zip bomb) is refused from its
 * zip directory before any parsing, with a clear message, while /healthz keeps answering.
 */
import { beforeAll, expect, it } from 'vitest'
import zlib from 'node:zlib'
import ExcelJS from 'exceljs'
import { setupTestApp, type Client, type TestContext } from '../helper.ts'
import { seedSmallTree, userWith } from '../factories.ts'
import { checkZipLimits, readXlsxInWorker } from '../../src/server/tabular.ts'

let t: TestContext
let chief: Client

beforeAll(async () => {
  t = await setupTestApp()
  await seedSmallTree(t.db)
  chief = await userWith(t.app, t.db, ['district_chief'], '05')
})

/** A stored-or-deflated zip written by hand: local headers, data, central directory, end record. */
function zip(entries: Array<{ name: string; data: Buffer; size: number; crc: number; deflated: boolean }>): Buffer {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(e.deflated ? 8 : 0, 8)
    local.writeUInt32LE(e.crc, 14); local.writeUInt32LE(e.data.length, 18); local.writeUInt32LE(e.size, 22); local.writeUInt16LE(name.length, 26)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(e.deflated ? 8 : 0, 10)
    dir.writeUInt32LE(e.crc, 16); dir.writeUInt32LE(e.data.length, 20); dir.writeUInt32LE(e.size, 24); dir.writeUInt16LE(name.length, 28)
    dir.writeUInt32LE(offset, 42)
    parts.push(local, name, e.data)
    central.push(dir, name)
    offset += 30 + name.length + e.data.length
  }
  const cd = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, cd, end])
}

/**
 * A workbook directory declaring a sheet of `megabytes` MB of the same row. `lying`: the directory
 * declares a few kilobytes and the data really inflates to `megabytes` MB.
 */
function bombXlsx(megabytes: number, lying = false): Buffer {
  const small = (name: string, text: string) => {
    const data = Buffer.from(text)
    return { name, data, size: data.length, crc: zlib.crc32(data), deflated: false }
  }
  const row = Buffer.from('<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>')
  const chunk = Buffer.alloc(1024 * 1024 - ((1024 * 1024) % row.length))
  for (let i = 0; i < chunk.length; i += row.length) row.copy(chunk, i)
  const head = Buffer.from('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
  const tail = Buffer.from('</sheetData></worksheet>')
  let crc = zlib.crc32(head)
  let size = head.length + tail.length
  for (let i = 0; i < megabytes; i++) { crc = zlib.crc32(chunk, crc); size += chunk.length }
  crc = zlib.crc32(tail, crc)
  // Honest: the directory declares the true unpacked size of `megabytes` MB of rows; the deflated
  // data is of one megabyte only, enough for a refusal that reads the directory and never inflates.
  const body = lying ? Buffer.concat([head, ...Array(megabytes).fill(chunk), tail]) : Buffer.concat([head, chunk, tail])
  const data = zlib.deflateRawSync(body, { level: 9 })
  return zip([
    small('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    { name: 'xl/worksheets/sheet1.xml', data, size: lying ? 4096 : size, crc, deflated: true },
  ])
}

it('checkZipLimits passes a real workbook and refuses a bomb', async () => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('台账')
  for (let i = 0; i < 2000; i++) sheet.addRow([`测试商贸有限公司${i}`, '91610111MA6U0000' + String(i % 100).padStart(2, '0'), '西安市灞桥区纺织城正街1号'])
  const real = Buffer.from(await workbook.xlsx.writeBuffer())
  expect(() => checkZipLimits(real)).not.toThrow()
  expect(() => checkZipLimits(bombXlsx(600))).toThrow('import.xlsxTooLarge')
})

function upload(file: Buffer) {
  const boundary = '----mgbomb'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bomb.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    file, Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return chief.request({ method: 'POST', url: '/api/businesses/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'en' } })
}

async function ledgerXlsx(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('台账')
  sheet.addRow(['name', 'uscc', 'registeredAddress'])
  for (let i = 0; i < rows; i++) sheet.addRow([`测试商贸有限公司${i}`, '91610111MA6U0000' + String(i % 100).padStart(2, '0'), '西安市灞桥区纺织城正街1号'])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

it('the worker refuses a workbook beyond its row limit, and one beyond its memory cap, without harm to the server', async () => {
  const file = await ledgerXlsx(15_000)
  await expect(readXlsxInWorker(file, 1000)).rejects.toMatchObject({ code: 'import.xlsxTooManyRows', details: { limit: 1000 } })
  // Reading 15,000 rows takes far more than 16 MB of heap: the worker dies of it, the test process does not.
  await expect(readXlsxInWorker(file, 100_000, 16)).rejects.toMatchObject({ code: 'import.xlsxTooComplex' })
  const batches = await readXlsxInWorker(file)
  expect(batches.flat()).toHaveLength(15_001)
  expect(batches.flat()[1]).toEqual({ row: 2, cells: ['测试商贸有限公司0', '91610111MA6U000000', '西安市灞桥区纺织城正街1号'] })
})

it('a bomb whose directory understates its size is refused in the worker while /healthz answers', async () => {
  const file = bombXlsx(200, true)
  expect(() => checkZipLimits(file)).not.toThrow()
  const started = performance.now()
  const importing = upload(file).then((res) => ({ res, at: performance.now() }))
  // Asked while the worker inflates: the server's event loop is free, so it answers first.
  await new Promise((r) => setTimeout(r, 100))
  const health = await t.app.inject({ method: 'GET', url: '/healthz' })
  const healthAt = performance.now()
  const { res, at } = await importing
  console.log(`lying zip bomb: ${Math.round(file.length / 1024)} KB file inflating to 200 MB, refused in ${Math.round(at - started)} ms; /healthz answered after ${Math.round(healthAt - started)} ms`)
  expect(health.statusCode).toBe(200)
  expect(healthAt).toBeLessThan(at)
  expect(res.statusCode, res.body).toBe(400)
  expect(['import.badXlsx', 'import.xlsxTooComplex']).toContain(res.json().error.code)
})

it('a zip bomb workbook is refused with a clear message while /healthz answers', async () => {
  const file = bombXlsx(600)
  const started = performance.now()
  const [res, health] = await Promise.all([upload(file), t.app.inject({ method: 'GET', url: '/healthz' })])
  console.log(`zip bomb: ${Math.round(file.length / 1024)} KB file declaring 600 MB unpacked, refused in ${Math.round(performance.now() - started)} ms`)
  expect(res.statusCode, res.body).toBe(400)
  expect(res.json().error.code).toBe('import.xlsxTooLarge')
  expect(res.json().error.message).toContain('zip bomb')
  expect(health.statusCode).toBe(200)
})
