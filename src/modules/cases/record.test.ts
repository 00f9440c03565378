import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { setupTestApp, type Client } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { insertBusinessAt } from '../../../test/factories-areas.ts'
import { multipartFile } from '../../../test/factories-people.ts'
import { verifyAudit } from '../audit/service.ts'
import { formatDateTime } from '../../shared/dates.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)

const worker = await userWith(app, db, ['grid_worker'], '050101', 'recordworker')
const station = await userWith(app, db, ['station_chief'], '0501', 'recordstation')
const chief = await userWith(app, db, ['district_chief'], '05', 'recordchief')
const otherWorker = await userWith(app, db, ['grid_worker'], '050201', 'recordother')
const marketOperator = await userWith(app, db, ['market_operator'], '050101', 'recordmarket')

const IN_050101 = { lng: 109.02, lat: 34.05 }
const HOSTILE = '<script>alert(1)</script> & "引号" \'单引号\' <img src=x onerror=alert(2)>'

let colour = 0
/** A real PNG uploaded as evidence; each call a different image. */
async function evidence(client: Client, name = `photo${colour + 1}.png`): Promise<string> {
  colour += 1
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: colour * 20, g: 40, b: 90 } } }).png().toBuffer()
  const { payload, headers } = multipartFile(png, name, 'file', 'image/png')
  const res = await client.request({ method: 'POST', url: '/api/evidence', payload, headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().sha256
}

async function stepOk(client: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  const res = await client.post(`/api/cases/${id}/steps`, { action, ...body })
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json()
}

const exports = async (id: number) => (await db.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM audit_events WHERE object_type = 'case' AND object_id = $1 AND action = 'case.recordExported'`, [String(id)],
)).rows[0].n

// One case walked through the loop: filed with a complainant and a photo, accepted, verified with
// two photos at a point, escalated to the station, reported by the station chief, closed by the
// district; the complainant's contact opened once by the station chief (an audit event).
const businessId = await insertBusinessAt(db, IN_050101.lng, IN_050101.lat, '050101')
const { rows: [business] } = await db.query<{ name: string; uscc: string }>('SELECT name, uscc FROM businesses WHERE id = $1', [businessId])
const hashes = { filed: await evidence(worker, '现场<门头>.png') } as Record<string, string>
const filed = await worker.post('/api/cases', {
  source: 'complaint', categoryCode: 'food-safety', title: '</title><script>alert(3)</script>后厨', description: HOSTILE,
  location: IN_050101, address: '纺织城正街 1 号', businessId,
  contact: { name: '韩梅梅', phone: '13912345678', email: 'hanmeimei@example.com' }, evidence: [hashes.filed],
})
expect(filed.statusCode, filed.body).toBe(201)
const caseId: number = filed.json().id
const trackingNo: string = filed.json().trackingNo
await stepOk(worker, caseId, 'accept')
hashes.verifyA = await evidence(worker)
hashes.verifyB = await evidence(worker)
await stepOk(worker, caseId, 'verify', { note: '情况属实，后厨积水', evidence: [hashes.verifyA, hashes.verifyB], location: IN_050101 })
await stepOk(worker, caseId, 'escalate', { note: '需所里协调' })
hashes.report = await evidence(station)
await stepOk(station, caseId, 'report', { note: '已责令整改，复查合格', evidence: [hashes.report] })
await stepOk(chief, caseId, 'close')
expect((await station.get(`/api/cases/${caseId}/contact`)).statusCode).toBe(200)

describe('the printable record of a case', () => {
  it('holds every step in order, each evidence file with its sha256, and the case\'s place and business', async () => {
    const res = await station.get(`/api/cases/${caseId}/record`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-disposition']).toBe(`inline; filename="case-record-${trackingNo}.html"`)
    const page = res.body
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/)
    expect(page).toContain(trackingNo)
    expect(page).toContain('@page { size: A4')

    const { rows: steps } = await db.query<{ action: string; at: Date }>('SELECT action, at FROM case_steps WHERE case_id = $1 ORDER BY id', [caseId])
    expect(steps.map((s) => s.action)).toEqual(['create', 'accept', 'verify', 'escalate', 'report', 'close'])
    const headings = [...page.matchAll(/<h3>第 (\d+) 步 · ([^<]+) <span class="code">(\w+)<\/span><\/h3>/g)]
    expect(headings.map((h) => h[3])).toEqual(steps.map((s) => s.action))
    expect(headings.map((h) => h[2])).toEqual(['登记', '受理', '核查完成', '上报上级', '反馈结果', '复核办结'])
    for (const s of steps) expect(page).toContain(formatDateTime(s.at, 'zh-CN'))
    expect(page).toContain('核查取证 → 处置中')
    expect(page).toContain('核查情况</th><td class="text">情况属实，后厨积水')
    expect(page).toContain('承办区域：纺织城第一网格（050101） → 纺织城（0501）')
    expect(page).toContain('recordworker')
    expect(page).toContain('网格员 · 纺织城第一网格（050101）')

    for (const sha of Object.values(hashes)) expect(page).toContain(sha)
    expect(page).toContain('现场&lt;门头&gt;.png')
    expect(page).toContain('image/png')
    expect(page).toContain(`${IN_050101.lng.toFixed(6)}, ${IN_050101.lat.toFixed(6)} (WGS84)`)

    expect(page).toContain('测试片区（05） › 纺织城（0501） › 纺织城第一网格（050101）')
    expect(page).toContain('纺织城正街 1 号')
    expect(page).toContain(business.name)
    expect(page).toContain(business.uscc)
    expect(page).toContain('<strong>已办结</strong>')
    expect(page).toContain('群众投诉举报')
    expect(page).toContain('食品安全')
  })

  it('lists every audit event of the case with its chain hashes, and the export itself as an event', async () => {
    const before = await exports(caseId)
    const res = await station.get(`/api/cases/${caseId}/record`)
    const page = res.body
    const { rows: events } = await db.query<{ id: number; action: string; hash: string; prev_hash: string; user_id: number | null }>(
      `SELECT id, action, hash, prev_hash, user_id FROM audit_events WHERE object_type = 'case' AND object_id = $1 ORDER BY id`, [String(caseId)],
    )
    const exported = events[events.length - 1]
    expect(exported.action).toBe('case.recordExported')
    expect(await exports(caseId)).toBe(before + 1)
    for (const e of events.slice(0, -1)) {
      expect(page).toContain(e.hash)
      expect(page).toContain(e.prev_hash)
      expect(page).toContain(`<td class="mono">${e.id}</td>`)
    }
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['case.created', 'case.verify', 'case.close', 'case.contactRevealed']))
    // The footer names the export's own event, whose hash is the chain's, written by the reader.
    expect(page).toContain(`<span class="mono">#${exported.id}</span><br><span class="hash">${exported.hash}</span>`)
    const { rows: [me] } = await db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'recordstation'`)
    expect(exported.user_id).toBe(me.id)
    expect((await verifyAudit(db)).ok).toBe(true)
  })

  it('keeps the complainant masked, even for a reader who may unmask', async () => {
    const page = (await station.get(`/api/cases/${caseId}/record`)).body
    expect(page).toContain('韩**')
    expect(page).toContain('139****5678')
    expect(page).toContain('h***@example.com')
    for (const clear of ['韩梅梅', '13912345678', 'hanmeimei']) expect(page).not.toContain(clear)
  })

  it('escapes what people wrote: no markup of theirs reaches the page', async () => {
    const page = (await worker.get(`/api/cases/${caseId}/record`)).body
    expect(page).not.toMatch(/<script|<img|onerror=alert\(2\)>/i)
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引号&quot; &#39;单引号&#39; &lt;img src=x onerror=alert(2)&gt;')
    expect(page).toContain(`<strong>${trackingNo}</strong> · &lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;后厨`)
    expect(page.match(/<title>/g)).toHaveLength(1)
  })

  it('reads in English with ?lang=en or Accept-Language', async () => {
    for (const res of [await station.get(`/api/cases/${caseId}/record?lang=en`), await station.get(`/api/cases/${caseId}/record`, { 'accept-language': 'en-GB,en' })]) {
      expect(res.statusCode).toBe(200)
      expect(res.body).toMatch(/<html lang="en">/)
      expect(res.body).toContain('<h1>Case record</h1>')
      expect(res.body).toContain('Step 3 · Verified')
      expect(res.body).toContain('Verifying → Handling')
      expect(res.body).toContain('Findings</th>')
    }
    expect((await station.get(`/api/cases/${caseId}/record?lang=fr`)).statusCode).toBe(400)
  })

  it('is refused as GET /api/cases/{id} is: not found outside the reader\'s area, 403 without the role, 401 without a session; nothing recorded', async () => {
    const before = await exports(caseId)
    const outside = await otherWorker.get(`/api/cases/${caseId}/record`)
    expect(outside.statusCode).toBe(404)
    expect(outside.json().error.code).toBe('case.notFound')
    expect((await otherWorker.get(`/api/cases/${caseId}`)).statusCode).toBe(404)
    expect(outside.body).not.toContain(trackingNo)
    expect((await marketOperator.get(`/api/cases/${caseId}/record`)).statusCode).toBe(403)
    expect((await app.inject({ method: 'GET', url: `/api/cases/${caseId}/record` })).statusCode).toBe(401)
    expect((await station.get('/api/cases/99999999/record')).statusCode).toBe(404)
    expect(await exports(caseId)).toBe(before)
  })

  it('answers every reader as the case itself does', async () => {
    const liaison = await userWith(app, db, ['department_liaison'], '05', 'recordliaison')
    const overseer = await userWith(app, db, ['overseer'], '0502', 'recordoverseer')
    const auditor = await userWith(app, db, ['audit_admin'], '', 'recordauditor')
    for (const reader of [worker, station, chief, otherWorker, marketOperator, liaison, overseer, auditor]) {
      const [detail, record] = [await reader.get(`/api/cases/${caseId}`), await reader.get(`/api/cases/${caseId}/record`)]
      expect(record.statusCode, `${reader.token.slice(0, 6)}: ${record.body.slice(0, 200)}`).toBe(detail.statusCode)
    }
  })
})
