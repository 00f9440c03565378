/**
 * QR address plates (issue 15 §4): the PDF a grid head prints is read back with pdf.js, and every
 * plate's code is decoded from the painted page (jsQR), as a phone's camera would read it.
 */
import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { insertBusiness, nextUscc } from '../../../test/factories-businesses.ts'
import { openPdf } from '../../../test/pdf-render.ts'
import { plateBox, wrapText } from './plates.ts'
import { songWidth } from '../../server/pdf.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
// Nine businesses in grid 050102 (two pages), one in 050101; addresses sort them.
const usccs: string[] = []
for (let i = 0; i < 9; i++) {
  const uscc = nextUscc()
  usccs.push(uscc)
  await insertBusiness(db, { uscc, name: `纺织城第${i + 1}号商店`, registeredAddress: `西安市灞桥区纺织城正街${10 + i}号`, location: { lng: 109.075, lat: 34.05 } })
}
await insertBusiness(db, { location: { lng: 109.025, lat: 34.05 } })
const head = await userWith(app, db, ['grid_head'], '050102')

describe('QR address plates', () => {
  it('prints a grid\'s plates on A4, eight to a page, each code opening its business in the field app', async () => {
    const res = await head.get('/api/businesses/plates?grid=050102', { host: 'grid.example.cn' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['x-row-count']).toBe('9')
    const pdf = await openPdf(res.rawPayload)
    expect(pdf.pages).toBe(2)
    const first = await pdf.render(1, 3)
    expect(first.width / first.height).toBeCloseTo(210 / 297, 2)
    const decoded = [...Array(8).keys()].map((i) => first.qrIn(plateBox(i)))
    // In address order, each plate's code is the field app's address of the business named on it.
    expect(decoded).toEqual(usccs.slice(0, 8).map((u) => `http://grid.example.cn/field/b/${u}`))
    for (const u of usccs.slice(0, 8)) expect(first.text).toContain(u)
    expect(first.text).toContain('纺织城第1号商店')
    const second = await pdf.render(2, 3)
    expect(second.qrIn(plateBox(8))).toBe(`http://grid.example.cn/field/b/${usccs[8]}`)
  })

  it('reprints one business\'s plate, and prints the address set as PUBLIC_URL', async () => {
    app.config.publicUrl = 'https://grid.example.gov.cn/mg'
    try {
      const res = await head.get(`/api/businesses/plates?grid=050102&uscc=${usccs[4]}`)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.headers['x-row-count']).toBe('1')
      const page = await (await openPdf(res.rawPayload)).render(1, 3)
      expect(page.qrIn(plateBox(0))).toBe(`https://grid.example.gov.cn/mg/field/b/${usccs[4]}`)
    } finally {
      app.config.publicUrl = undefined
    }
  })

  it('refuses a grid outside the account\'s scope, and says so when a grid has nothing to print', async () => {
    const other = await head.get('/api/businesses/plates?grid=050101')
    expect(other.statusCode).toBe(403)
    expect(other.json().error.message).toBe('网格 050101 不在您的管辖区域内')
    const chief = await userWith(app, db, ['district_chief'], '05')
    const empty = await chief.get('/api/businesses/plates?grid=050201', { 'accept-language': 'en' })
    expect(empty.statusCode).toBe(404)
    expect(empty.json().error.message).toBe('Grid 050201 holds no business to print a plate for')
    const bad = await chief.get('/api/businesses/plates?grid=05%00')
    expect(bad.statusCode).toBe(400)
  })

  it('wraps a long name within the plate and cuts what does not fit with an ellipsis', () => {
    const name = '西安市灞桥区纺织城某某某某某某某某某某餐饮管理有限公司第一分公司（Branch No.1）'
    const lines = wrapText(name, 13, 110, 3)
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(songWidth(line) * 13).toBeLessThanOrEqual(110)
    expect(lines[2].endsWith('…')).toBe(true)
    expect(wrapText('短名', 13, 110, 3)).toEqual(['短名'])
    expect(lines.join('').replace('…', '')).toBe([...name].slice(0, lines.join('').length - 1).join(''))
  })
})
