import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import sharp from 'sharp'
import { multipartFile } from '../../../test/factories-people.ts'
import { addIntakeClient } from './intake.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const operator = await userWith(app, db, ['command_operator'], '05')
const station = await userWith(app, db, ['station_chief'], '0501')
const worker = await userWith(app, db, ['grid_worker'], '050101')

const IN_050101 = { lng: 109.02, lat: 34.05 }
const complaint = {
  categoryCode: 'food-safety', description: '这家店卖过期面包，店员说没关系', location: IN_050101,
  contact: { name: '王小明', phone: '13700001234' },
}
const en = { 'accept-language': 'en' }

/** A public request from its own address, so that each test meets the per-address limits alone. */
let address = 0
function anonymous() {
  const ip = `198.51.100.${++address}`
  return {
    post: (url: string, payload: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, payload: payload as any, headers, remoteAddress: ip }),
    get: (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers, remoteAddress: ip }),
  }
}

describe('the public portal', () => {
  it('files a complaint without an account into the grid of its point, and shows only public facts', async () => {
    const who = anonymous()
    const res = await who.post('/api/public/complaints', complaint)
    expect(res.statusCode, res.body).toBe(201)
    const view = res.json()
    expect(view.trackingNo).toMatch(/^MG\d{8}-[0-9A-Z]{6}$/)
    expect(view).toMatchObject({ stage: 'received', stageLabel: { zh: '已受理' }, canRate: false, result: null })
    expect(res.body).not.toContain('13700001234')
    expect(res.body).not.toContain('王小明')
    const { rows } = await db.query(`SELECT grid_code, source, created_by FROM cases WHERE tracking_no = $1`, [view.trackingNo])
    expect(rows[0]).toEqual({ grid_code: '050101', source: 'complaint', created_by: null })
    const followed = await who.get(`/api/public/complaints/${view.trackingNo.toLowerCase()}`)
    expect(followed.statusCode).toBe(200)
    expect(followed.body).not.toContain('13700001234')
  })

  it('follows a complaint with a photo through the loop to its result, and takes one rating', async () => {
    const who = anonymous()
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c84' } }).jpeg().toBuffer()
    const { payload, headers } = multipartFile(jpeg, '过期面包.jpg', 'file', 'image/jpeg')
    const photo = await who.post('/api/public/photos', payload, headers)
    expect(photo.statusCode, photo.body).toBe(200)
    const { sha256 } = photo.json()
    expect((await worker.get(`/api/evidence/${sha256}`)).statusCode).toBe(404)
    const filed = await who.post('/api/public/complaints', { ...complaint, evidence: [sha256] })
    expect(filed.statusCode, filed.body).toBe(201)
    const { trackingNo } = filed.json()
    const { rows: [c] } = await db.query('SELECT id FROM cases WHERE tracking_no = $1', [trackingNo])
    expect((await who.post(`/api/public/complaints/${trackingNo}/rating`, { rating: 5 }, en)).json().error.message).toMatch(/once it is closed/)
    const step = async (client: typeof worker, action: string, body: Record<string, unknown> = {}) => {
      const r = await client.post(`/api/cases/${c.id}/steps`, { action, ...body })
      expect(r.statusCode, r.body).toBe(200)
    }
    await step(worker, 'accept')
    expect((await who.get(`/api/public/complaints/${trackingNo}`)).json().stage).toBe('verifying')
    expect((await worker.get(`/api/evidence/${sha256}`)).statusCode).toBe(200)
    await step(worker, 'verify', { note: '属实' })
    await step(worker, 'report', { note: '已下架过期面包并立案' })
    await step(station, 'close')
    const closed = (await who.get(`/api/public/complaints/${trackingNo}`)).json()
    expect(closed).toMatchObject({ stage: 'closed', result: '已下架过期面包并立案', canRate: true })
    expect(closed.history.map((h: any) => h.stage)).toEqual(['received', 'verifying', 'handling', 'closed'])
    const rated = await who.post(`/api/public/complaints/${trackingNo}/rating`, { rating: 4, comment: '处理及时' })
    expect(rated.json()).toMatchObject({ rating: 4, canRate: false })
    expect((await who.post(`/api/public/complaints/${trackingNo}/rating`, { rating: 1 })).statusCode).toBe(409)
    const { rows: audit } = await db.query(`SELECT action FROM audit_events WHERE object_type = 'case' AND object_id = $1 ORDER BY id`, [String(c.id)])
    expect(audit.map((a) => a.action)).toEqual(['case.created', 'case.accept', 'case.verify', 'case.report', 'case.close', 'case.rated'])
  })

  it('makes a merged report follow the surviving case', async () => {
    const who = anonymous()
    const first = (await who.post('/api/public/complaints', complaint)).json()
    const second = (await who.post('/api/public/complaints', { ...complaint, location: { lng: 109.0201, lat: 34.0501 } })).json()
    const { rows } = await db.query('SELECT id, tracking_no FROM cases WHERE tracking_no = ANY($1)', [[first.trackingNo, second.trackingNo]])
    const idOf = (t: string) => rows.find((r) => r.tracking_no === t)!.id
    const merged = await worker.post(`/api/cases/${idOf(second.trackingNo)}/steps`, { action: 'merge', targetCaseId: idOf(first.trackingNo) })
    expect(merged.statusCode, merged.body).toBe(200)
    expect((await who.get(`/api/public/complaints/${second.trackingNo}`)).json().followingTrackingNo).toBe(first.trackingNo)
  })

  it('refuses what it cannot take, in Chinese and English, and files nothing', async () => {
    const who = anonymous()
    const pdf = multipartFile(Buffer.from('%PDF-1.7\n' + ' '.repeat(100)), 'a.pdf', 'file', 'application/pdf')
    expect((await who.post('/api/public/photos', pdf.payload, pdf.headers)).statusCode).toBe(415)
    const { rows: [before] } = await db.query('SELECT count(*)::int AS n FROM cases')
    const internal = await who.post('/api/public/complaints', { ...complaint, categoryCode: 'clue-not-found' }, en)
    expect(internal.statusCode).toBe(400)
    expect(internal.json().error.message).toMatch(/does not exist/)
    expect((await who.post('/api/public/complaints', { ...complaint, location: undefined })).statusCode).toBe(400)
    expect((await who.post('/api/public/complaints', { ...complaint, contact: { phone: '<script>' } })).statusCode).toBe(400)
    const unknown = await who.get('/api/public/complaints/MG20260101-AAAAAA')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.message).toContain('未找到该受理编号')
    const { rows: [after] } = await db.query('SELECT count(*)::int AS n FROM cases')
    expect(after.n).toBe(before.n)
  })

  it('limits each address to 5 complaints an hour, with Retry-After', async () => {
    const who = anonymous()
    for (let i = 0; i < 5; i++) expect((await who.post('/api/public/complaints', complaint)).statusCode).toBe(201)
    const sixth = await who.post('/api/public/complaints', complaint, en)
    expect(sixth.statusCode).toBe(429)
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0)
    expect(sixth.json().error.message).toMatch(/Too many requests/)
    expect((await anonymous().post('/api/public/complaints', complaint)).statusCode).toBe(201)
  })

  it('files one case for one Idempotency-Key from the page', async () => {
    const who = anonymous()
    const headers = { 'idempotency-key': 'form-7f3a' }
    const [a, b] = await Promise.all([who.post('/api/public/complaints', complaint, headers), who.post('/api/public/complaints', complaint, headers)])
    expect(a.json().trackingNo).toBe(b.json().trackingNo)
  })
})

describe('the intake API for other platforms', () => {
  it('takes a forwarded 12315 order once per Idempotency-Key, only with a valid key', async () => {
    const key = await addIntakeClient(db, 'hotline12315')
    const order = { source: 'hotline12315', categoryCode: 'consumer-rights', title: '12315 转办：预付卡退费', description: '消费者反映健身房拒不退费', location: IN_050101, externalRef: '12315-2026-000123' }
    const headers = { 'x-api-key': key, 'idempotency-key': '12315-2026-000123' }
    const first = await app.inject({ method: 'POST', url: '/api/intake/cases', payload: order, headers })
    expect(first.statusCode, first.body).toBe(201)
    const again = await app.inject({ method: 'POST', url: '/api/intake/cases', payload: order, headers })
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(first.json().id)
    const { rows } = await db.query('SELECT external_ref, grid_code FROM cases WHERE id = $1', [first.json().id])
    expect(rows[0]).toEqual({ external_ref: '12315-2026-000123', grid_code: '050101' })
    const noKey = await app.inject({ method: 'POST', url: '/api/intake/cases', payload: order, headers: { 'idempotency-key': 'x1', ...en } })
    expect(noKey.statusCode).toBe(401)
    expect(noKey.json().error.message).toMatch(/X-Api-Key/)
    expect((await app.inject({ method: 'POST', url: '/api/intake/cases', payload: order, headers: { 'x-api-key': 'mgk_wrong', 'idempotency-key': 'x2' } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'POST', url: '/api/intake/cases', payload: order, headers: { 'x-api-key': key } })).statusCode).toBe(400)
    expect((await operator.get(`/api/cases/${first.json().id}`)).json().source).toBe('hotline12315')
  })
})

describe('Open311 GeoReport v2', () => {
  it('lists services in JSON and XML, and defines one', async () => {
    const json = await app.inject({ method: 'GET', url: '/open311/v2/services.json' })
    expect(json.statusCode).toBe(200)
    const services = json.json()
    expect(services.map((s: any) => s.service_code)).toContain('food-safety')
    expect(services.map((s: any) => s.service_code)).not.toContain('clue-not-found')
    expect(services[0]).toMatchObject({ metadata: false, type: 'realtime' })
    const xml = await app.inject({ method: 'GET', url: '/open311/v2/services.xml', headers: en })
    expect(xml.headers['content-type']).toMatch(/text\/xml/)
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/)
    expect(xml.body).toContain('<service_name>Food safety</service_name>')
    const def = await app.inject({ method: 'GET', url: '/open311/v2/services/food-safety.json' })
    expect(def.json()).toEqual({ service_code: 'food-safety', attributes: [] })
    const missing = await app.inject({ method: 'GET', url: '/open311/v2/services/nothing.xml' })
    expect(missing.statusCode).toBe(404)
    expect(missing.body).toContain('<errors><error><code>404</code>')
  })

  it('posts a request with an api_key as form fields, then finds it by id and in the list, without personal data', async () => {
    const key = await addIntakeClient(db, 'open311-city')
    const form = new URLSearchParams({
      api_key: key, service_code: 'pricing', lat: '34.05', long: '109.07', description: '超市价签与结算价不符', first_name: '明', last_name: '李', phone: '13900002222',
    }).toString()
    const post = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(post.statusCode, post.body).toBe(201)
    const [{ service_request_id: id }] = post.json()
    const one = (await app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json` })).json()
    expect(one).toHaveLength(1)
    expect(one[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'pricing', description: null, lat: 34.05, long: 109.07 })
    const list = await app.inject({ method: 'GET', url: '/open311/v2/requests.xml?service_code=pricing&status=open' })
    expect(list.body).toContain(`<service_request_id>${id}</service_request_id>`)
    expect(list.body).not.toContain('13900002222')
    expect((await app.inject({ method: 'GET', url: `/open311/v2/tokens/${id}.json` })).json()).toEqual([{ service_request_id: id, token: id }])
    const { rows } = await db.query('SELECT grid_code FROM cases WHERE tracking_no = $1', [id])
    expect(rows[0].grid_code).toBe('050102')
  })

  it('answers errors in the specification\'s format', async () => {
    const badKey = await app.inject({
      method: 'POST', url: '/open311/v2/requests.xml', payload: 'api_key=nope&service_code=pricing&lat=34.05&long=109.07&description=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...en },
    })
    expect(badKey.statusCode).toBe(401)
    expect(badKey.body).toMatch(/<errors><error><code>401<\/code><description>The intake key is not valid/)
    const noPoint = await app.inject({
      method: 'POST', url: '/open311/v2/requests.json', payload: { api_key: await addIntakeClient(db, 'open311-b'), service_code: 'pricing', description: 'x' },
    })
    expect(noPoint.statusCode).toBe(400)
    expect(noPoint.json()[0]).toMatchObject({ code: 400 })
    expect((await app.inject({ method: 'GET', url: '/open311/v2/services.yaml' })).statusCode).toBe(404)
    expect((await app.inject({ method: 'GET', url: '/open311/v2/requests.json?start_date=yesterday' })).json()[0].code).toBe(400)
  })
})
