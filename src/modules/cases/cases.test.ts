import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { setupTestApp, type Client } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { multipartFile } from '../../../test/factories-people.ts'
import { verifyAudit } from '../audit/service.ts'
import { forgetCaseSettings } from './settings.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)

const operator = await userWith(app, db, ['command_operator'], '05', 'op05')
const chief = await userWith(app, db, ['district_chief'], '05', 'chief05')
const station = await userWith(app, db, ['station_chief'], '0501', 'station0501')
const head = await userWith(app, db, ['grid_head'], '050101', 'head050101')
const worker = await userWith(app, db, ['grid_worker'], '050101', 'worker050101')
const otherWorker = await userWith(app, db, ['grid_worker'], '050201', 'worker050201')
await db.query(`INSERT INTO users (username, display_name, password_hash, roles, scope, department_code)
  SELECT 'liaisonhealth', '卫健联络员', password_hash, '{department_liaison}', '05', 'health' FROM users WHERE username = 'op05'`)
const liaison = await (await import('../../../test/helper.ts')).login(app, 'liaisonhealth', (await import('../../../test/factories.ts')).TEST_PASSWORD)

const IN_050101 = { lng: 109.02, lat: 34.05 }
const IN_050102 = { lng: 109.07, lat: 34.05 }
const OUTSIDE = { lng: 110.5, lat: 35.5 }
const en = { 'accept-language': 'en' }

let colour = 0
/** A real PNG uploaded as evidence; each call a different image. */
async function evidence(client: Client): Promise<string> {
  colour += 1
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: colour % 256, g: (colour * 7) % 256, b: 90 } } }).png().toBuffer()
  const { payload, headers } = multipartFile(png, `photo${colour}.png`, 'file', 'image/png')
  const res = await client.request({ method: 'POST', url: '/api/evidence', payload, headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().sha256
}

async function file(client: Client, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return client.post('/api/cases', {
    source: 'patrol', categoryCode: 'food-safety', title: '后厨卫生脏乱', description: '巡查发现后厨地面积水、生熟不分', location: IN_050101, ...body,
  }, headers)
}

async function step(client: Client, id: number, action: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return client.post(`/api/cases/${id}/steps`, { action, ...body }, headers)
}

async function stepOk(client: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  const res = await step(client, id, action, body)
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json()
}

async function snapshot(id: number) {
  const { rows } = await db.query(`SELECT version, state, holder_code, (SELECT count(*) FROM case_steps WHERE case_id = $1)::int AS steps,
    (SELECT count(*) FROM audit_events WHERE object_type = 'case' AND object_id = $1::text)::int AS audit FROM cases WHERE id = $1`, [id])
  return rows[0]
}

describe('filing a case', () => {
  it('places a patrol finding in the grid of its point, with a deadline and a timeline', async () => {
    const res = await file(worker)
    expect(res.statusCode, res.body).toBe(201)
    const c = res.json()
    expect(c).toMatchObject({ state: 'new', gridCode: '050101', holderCode: '050101', source: 'patrol', emergency: false })
    expect(c.trackingNo).toMatch(/^MG\d{8}-[0-9A-Z]{6}$/)
    expect(new Date(c.dueAt).getTime()).toBeGreaterThan(Date.now())
    expect(c.steps.map((s: any) => s.action)).toEqual(['create'])
    expect(c.actions).toContain('accept')
    expect(res.headers.etag).toBe(`"${c.version}"`)
  })

  it('flags an emergency category and puts it at the top of the command centre queue', async () => {
    await file(worker, { title: '普通事件' })
    const res = await file(worker, { categoryCode: 'emergency-group', title: '群体聚集讨薪' })
    expect(res.json().emergency).toBe(true)
    const queue = (await operator.get('/api/cases?queue=mine')).json().items
    expect(queue[0].title).toBe('群体聚集讨薪')
  })

  it('files the same Idempotency-Key once, even when both requests arrive together', async () => {
    const key = { 'idempotency-key': 'phone-retry-42' }
    const [a, b] = await Promise.all([file(worker, {}, key), file(worker, {}, key)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201])
    expect(a.json().id).toBe(b.json().id)
    const again = await file(worker, {}, key)
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(a.json().id)
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM case_intake_keys WHERE key = 'phone-retry-42'`)
    expect(rows[0].n).toBe(1)
  })

  it('sends a point outside every grid to the command centre, which places it by dispatch', async () => {
    const c = (await file(operator, { location: OUTSIDE, title: '地点不明' })).json()
    expect(c).toMatchObject({ gridCode: null, holderCode: '05', state: 'new' })
    expect(c.actions).toContain('dispatch')
    const refused = await step(operator, c.id, 'accept', {}, en)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.message).toMatch(/not in a grid yet/)
    const queue = (await operator.get('/api/cases?queue=mine&limit=500')).json().items
    expect(queue.map((x: any) => x.id)).toContain(c.id)
    const placed = await stepOk(operator, c.id, 'dispatch', { gridCode: '050102' })
    expect(placed).toMatchObject({ gridCode: '050102', holderCode: '050102', state: 'new' })
  })

  it('refuses a point outside every grid when the setting says so, in Chinese and English', async () => {
    await db.query(`INSERT INTO settings (key, value) VALUES ('cases', '{"outsideGrid":"refuse"}')`)
    forgetCaseSettings()
    try {
      const zh = await file(worker, { location: OUTSIDE })
      expect(zh.statusCode).toBe(400)
      expect(zh.json().error.message).toContain('不在任何网格内')
      expect((await file(worker, { location: OUTSIDE }, en)).json().error.message).toContain('lies in no grid')
    } finally {
      await db.query(`DELETE FROM settings WHERE key = 'cases'`)
      forgetCaseSettings()
    }
  })

  it('refuses bad input with a clear message and files nothing', async () => {
    const { rows: [before] } = await db.query('SELECT count(*)::int AS n FROM cases')
    const cases: Array<[Record<string, unknown>, Client, number, RegExp]> = [
      [{ categoryCode: 'no-such' }, worker, 400, /Case category "no-such" does not exist/],
      [{ location: undefined }, worker, 400, /Pick the place of the case/],
      [{ location: IN_050102 }, worker, 403, /Grid 050102 is outside your area/],
      [{ gridCode: '050109' }, worker, 400, /Grid 050109 does not exist/],
      [{ source: 'rumour' }, worker, 400, /^Source must be one of: /],
      [{ evidence: ['0'.repeat(64)] }, worker, 400, /./],
    ]
    for (const [body, who, status, message] of cases) {
      const res = await file(who, body, en)
      expect(res.statusCode, res.body).toBe(status)
      expect(res.json().error.message).toMatch(message)
    }
    expect((await file(worker, {}, { 'idempotency-key': 'bad key!' })).statusCode).toBe(400)
    const { rows: [after] } = await db.query('SELECT count(*)::int AS n FROM cases')
    expect(after.n).toBe(before.n)
  })

  it('files many that arrive together in shared transactions, each with its own answer, case, step, complainant and audit event', async () => {
    const bodies = Array.from({ length: 12 }, (_, k) => ({
      // Quotes, braces, commas and backslashes travel in array literals; 'NULL' must stay a word.
      title: `同时登记 ${k} "{引号},\\`, address: k === 2 ? 'NULL' : `东大街 ${k} 号`,
      ...(k % 3 === 0 ? { categoryCode: 'emergency-group' } : {}),
      ...(k % 4 === 1 ? { contact: { name: '王小明', phone: '13912345678' } } : {}),
      ...(k === 5 ? { location: IN_050102 } : {}),
    }))
    const answers = await Promise.all(bodies.map((b, k) => file(k === 5 ? operator : k === 7 ? operator : worker, k === 7 ? { ...b, location: OUTSIDE } : b)))
    const filed = answers.map((res) => {
      expect(res.statusCode, res.body).toBe(201)
      return res.json()
    })
    expect(filed.map((c) => [c.title, c.address])).toEqual(bodies.map((b) => [b.title, b.address]))
    const { rows: stored } = await db.query<{ title: string; address: string }>('SELECT title, address FROM cases WHERE id = ANY($1::int[]) ORDER BY id', [filed.map((c) => c.id)])
    expect(stored.map((r) => [r.title, r.address]).sort()).toEqual(bodies.map((b) => [b.title, b.address]).sort())
    expect(filed.map((c) => c.gridCode)).toEqual(bodies.map((_, k) => (k === 5 ? '050102' : k === 7 ? null : '050101')))
    expect(filed.map((c) => c.emergency)).toEqual(bodies.map((_, k) => k % 3 === 0))
    expect(new Set(filed.map((c) => c.trackingNo)).size).toBe(12)
    const ids = filed.map((c) => c.id)
    const { rows } = await db.query<{ id: number; steps: number; contact: string | null; events: number; tx: string }>(
      `SELECT c.id, (SELECT count(*)::int FROM case_steps s WHERE s.case_id = c.id) AS steps,
         (SELECT phone FROM case_contacts k WHERE k.case_id = c.id) AS contact,
         (SELECT count(*)::int FROM audit_events e WHERE e.object_type = 'case' AND e.object_id = c.id::text AND e.action = 'case.created') AS events,
         c.xmin::text AS tx
       FROM cases c WHERE c.id = ANY($1::int[]) ORDER BY array_position($1::int[], c.id)`, [ids])
    expect(rows.map((r) => [r.steps, r.events])).toEqual(ids.map(() => [1, 1]))
    expect(rows.map((r) => r.contact)).toEqual(bodies.map((_, k) => (k % 4 === 1 ? '13912345678' : null)))
    // On PostgreSQL those that waited for the first ones went together, in fewer transactions. The
    // embedded database has one connection: the requests' own reads queue behind each filing, so
    // they reach the filing one at a time (shared-transactions.test.ts groups them directly).
    if (db.kind === 'postgres') expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(12)
    expect((await verifyAudit(db)).ok).toBe(true)
  })

  it('keeps a refusal among filings that arrive together its filer\'s own', async () => {
    const { rows: [before] } = await db.query('SELECT count(*)::int AS n FROM cases')
    const answers = await Promise.all([
      file(worker, { title: '同批 1' }), file(worker, { location: IN_050102 }, en), file(worker, { title: '同批 2' }),
      file(worker, { categoryCode: 'no-such' }, en), file(worker, { title: '同批 3' }),
    ])
    expect(answers.map((r) => r.statusCode)).toEqual([201, 403, 201, 400, 201])
    expect(answers[1].json().error.message).toMatch(/Grid 050102 is outside your area/)
    expect(answers[3].json().error.message).toMatch(/Case category "no-such" does not exist/)
    const { rows: [after] } = await db.query('SELECT count(*)::int AS n FROM cases')
    expect(after.n).toBe(before.n + 3)
    expect((await verifyAudit(db)).ok).toBe(true)
  })
})

describe('the loop', () => {
  it('walks accept → verify with evidence → report → review and close, each step recorded and audited', async () => {
    const c = (await file(worker)).json()
    await stepOk(worker, c.id, 'accept')
    const noEvidence = await step(worker, c.id, 'verify', { note: '情况属实' }, en)
    expect(noEvidence.statusCode).toBe(400)
    expect(noEvidence.json().error.message).toMatch(/needs at least one piece of evidence/)
    const noNote = await step(worker, c.id, 'verify', { evidence: [await evidence(worker)] })
    expect(noNote.statusCode).toBe(400)
    expect(noNote.json().error.message).toContain('须填写核查情况')
    const verified = await stepOk(worker, c.id, 'verify', { note: '情况属实，已拍照', evidence: [await evidence(worker)], location: IN_050101 })
    expect(verified.state).toBe('handling')
    const reported = await stepOk(worker, c.id, 'report', { note: '已责令整改，复查合格', evidence: [await evidence(worker)] })
    expect(reported.state).toBe('reviewing')
    expect(reported.actions).toEqual(['record'])

    const byHead = await step(head, c.id, 'close', {}, en)
    expect(byHead.statusCode).toBe(403)
    const closed = await stepOk(station, c.id, 'close')
    expect(closed.state).toBe('closed')
    expect(closed.closedAt).not.toBeNull()
    expect(closed.dueAt).toBeNull()
    expect(closed.steps.map((s: any) => s.action)).toEqual(['create', 'accept', 'verify', 'report', 'close'])
    expect(closed.steps[2].changes.state).toEqual({ from: 'verifying', to: 'handling' })
    expect(closed.steps[2].location).toEqual(IN_050101)
    expect(closed.steps[2].evidence).toHaveLength(1)

    const { rows } = await db.query(`SELECT action FROM audit_events WHERE object_type = 'case' AND object_id = $1 ORDER BY id`, [String(c.id)])
    expect(rows.map((r) => r.action)).toEqual(['case.created', 'case.accept', 'case.verify', 'case.report', 'case.close'])
    expect((await verifyAudit(db)).ok).toBe(true)
  })

  it('sends a result back at review, and nobody reviews their own report', async () => {
    const c = (await file(head)).json()
    await stepOk(head, c.id, 'accept')
    await stepOk(head, c.id, 'verify', { note: '属实', evidence: [await evidence(head)] })
    // The district chief covers the grid, so he may report its result, and is above it, but may not
    // then review his own report.
    await stepOk(chief, c.id, 'report', { note: '已约谈负责人' })
    const own = await step(chief, c.id, 'close', {}, en)
    expect(own.statusCode).toBe(403)
    expect(own.json().error.message).toMatch(/someone else must review/)
    expect((await chief.get(`/api/cases/${c.id}`)).json().actions).not.toContain('close')
    const noReason = await step(station, c.id, 'sendBack', {})
    expect(noReason.statusCode).toBe(400)
    const back = await stepOk(station, c.id, 'sendBack', { note: '整改照片不清晰，请补充' })
    expect(back).toMatchObject({ state: 'handling', holderCode: '050101' })
    await stepOk(head, c.id, 'report', { note: '已补充照片', evidence: [await evidence(head)] })
    expect((await stepOk(station, c.id, 'close')).state).toBe('closed')
    expect((await stepOk(chief, c.id, 'reopen', { note: '群众再次反映' })).state).toBe('handling')
  })

  it('escalates grid → station → district and no further; a grid worker cannot act above the grid', async () => {
    const c = (await file(worker)).json()
    await stepOk(worker, c.id, 'accept')
    await stepOk(worker, c.id, 'verify', { note: '属实', evidence: [await evidence(worker)] })
    const atStation = await stepOk(worker, c.id, 'escalate', { note: '超出网格处置能力' })
    expect(atStation.holderCode).toBe('0501')
    expect(atStation.actions).not.toContain('report')
    const before = await snapshot(c.id)
    const refused = await step(worker, c.id, 'report', { note: 'x' }, en)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.message).toMatch(/level holding the case/)
    expect(await snapshot(c.id)).toEqual(before)
    expect((await stepOk(station, c.id, 'escalate', { note: '需片区协调' })).holderCode).toBe('05')
    const top = await step(chief, c.id, 'escalate', { note: '再上报' }, en)
    expect(top.statusCode).toBe(409)
    expect(top.json().error.message).toMatch(/top level/)
  })

  it('refers to a department, which acknowledges, reports progress and reports back; the liaison never sees the complainant', async () => {
    const c = (await file(operator, { source: 'complaint', contact: { name: '张三丰', phone: '13912345678' }, location: IN_050101 })).json()
    expect(c.contact).toEqual({ name: '张**', phone: '139****5678', email: null, masked: true })
    await stepOk(worker, c.id, 'accept')
    await stepOk(worker, c.id, 'verify', { note: '涉及医疗机构', evidence: [await evidence(worker)] })
    expect((await step(liaison, c.id, 'acknowledge')).statusCode).toBe(404)
    const referred = await stepOk(head, c.id, 'refer', { note: '属卫健部门职责', departmentCode: 'health' })
    expect(referred).toMatchObject({ state: 'referred', departmentCode: 'health' })
    const seen = (await liaison.get(`/api/cases/${c.id}`)).json()
    expect(seen.actions).toEqual(expect.arrayContaining(['acknowledge', 'returnReferral']))
    expect(seen.contact.phone).toBe('139****5678')
    expect((await liaison.get(`/api/cases/${c.id}/contact`)).statusCode).toBe(403)
    await stepOk(liaison, c.id, 'acknowledge')
    await stepOk(liaison, c.id, 'progress', { note: '已立案调查' })
    const done = await stepOk(liaison, c.id, 'departmentReport', { note: '已处罚', evidence: [await evidence(liaison)] })
    expect(done.state).toBe('reviewing')
    expect((await stepOk(station, c.id, 'close')).state).toBe('closed')
    const others = (await liaison.get('/api/cases?limit=500')).json().items
    expect(others.every((x: any) => x.departmentCode === 'health')).toBe(true)
  })

  it('follows the Nancheng route: a clue is referred only from the sub-district centre', async () => {
    const c = (await file(head, { categoryCode: 'clue-unlicensed-licensed', title: '无证经营小诊所' })).json()
    await stepOk(head, c.id, 'accept')
    await stepOk(head, c.id, 'verify', { note: '无医疗机构执业许可证', evidence: [await evidence(head)] })
    const early = await step(head, c.id, 'refer', { note: '移送', departmentCode: 'health' }, en)
    expect(early.statusCode).toBe(409)
    expect(early.json().error.message).toMatch(/Under the route "Grid → community → sub-district centre → department"/)
    await stepOk(head, c.id, 'escalate', { note: '社区无法处置' })
    await stepOk(station, c.id, 'escalate', { note: '需执法权' })
    expect((await stepOk(chief, c.id, 'refer', { note: '移送卫健', departmentCode: 'health' })).state).toBe('referred')
  })

  it('lets one of two simultaneous steps win; the other gets 409 with the case as it stands', async () => {
    const c = (await file(worker)).json()
    const ifMatch = { 'if-match': `"${c.version}"` }
    const [a, b] = await Promise.all([
      step(worker, c.id, 'accept', {}, ifMatch),
      step(operator, c.id, 'dismiss', { note: '重复举报' }, ifMatch),
    ])
    const codes = [a.statusCode, b.statusCode].sort()
    expect(codes).toEqual([200, 409])
    const loser = a.statusCode === 409 ? a : b
    expect(loser.json().error.code).toBe('record.versionConflict')
    expect(loser.json().error.details.current.version).toBe(c.version + 1)
  })

  it('offers a nearby open case of the same category as a duplicate, and merges it', async () => {
    const first = (await file(worker, { title: '餐馆油烟扰民', categoryCode: 'other' })).json()
    const second = (await file(worker, { title: '油烟又来了', categoryCode: 'other', location: { lng: IN_050101.lng + 0.0005, lat: IN_050101.lat } })).json()
    expect(second.duplicates.map((d: any) => d.id)).toContain(first.id)
    expect(second.duplicates[0].distanceM).toBeGreaterThan(30)
    expect(second.duplicates[0].distanceM).toBeLessThan(60)
    const merged = await stepOk(worker, second.id, 'merge', { targetCaseId: first.id })
    expect(merged).toMatchObject({ state: 'merged', mergedInto: first.id })
    const target = (await worker.get(`/api/cases/${first.id}`)).json()
    expect(target.steps.at(-1)).toMatchObject({ action: 'mergedFrom', note: second.trackingNo })
  })

  it('refuses a field the step does not take, an unknown step, and a case outside the scope', async () => {
    const c = (await file(worker)).json()
    const extra = await step(worker, c.id, 'accept', { gridCode: '050102' }, en)
    expect(extra.statusCode).toBe(400)
    expect(extra.json().error.message).toMatch(/does not take “Grid”/)
    expect((await step(worker, c.id, 'teleport')).statusCode).toBe(400)
    expect((await otherWorker.get(`/api/cases/${c.id}`)).statusCode).toBe(404)
    expect((await step(otherWorker, c.id, 'accept')).statusCode).toBe(404)
  })

  it('shows a complainant\'s phone in clear only on request, and records that request', async () => {
    const c = (await file(operator, { source: 'complaint', contact: { name: '李四', phone: '13800001111' } })).json()
    expect((await worker.get(`/api/cases/${c.id}/contact`)).statusCode).toBe(403)
    const res = await operator.get(`/api/cases/${c.id}/contact`)
    expect(res.json()).toEqual({ name: '李四', phone: '13800001111', email: null })
    const { rows } = await db.query(`SELECT details::text AS d FROM audit_events WHERE action = 'case.contactRevealed' AND object_id = $1`, [String(c.id)])
    expect(rows).toHaveLength(1)
    const { rows: all } = await db.query(`SELECT details::text AS d FROM audit_events WHERE object_id = $1`, [String(c.id)])
    expect(all.map((r) => r.d).join()).not.toContain('13800001111')
  })
})

describe('the command centre', () => {
  it('counts open cases by state and by station, and lists emergencies, due and overdue cases', async () => {
    expect((await file(worker, { categoryCode: 'emergency-group', title: '群体聚集讨薪' })).statusCode).toBe(201)
    const summary = (await operator.get('/api/cases/summary')).json()
    expect(summary.under).toBe('05')
    expect(summary.byArea.map((a: any) => a.code)).toEqual(['0501', '0502'])
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM cases WHERE closed_at IS NULL`)
    expect(summary.open).toBe(rows[0].n)
    expect(Object.values(summary.byState).reduce((a: number, b: any) => a + b, 0)).toBe(rows[0].n)
    expect(summary.emergencies.map((e: any) => e.title)).toContain('群体聚集讨薪')
    const station0501 = (await station.get('/api/cases/summary')).json()
    expect(station0501.byArea.map((a: any) => a.code)).toEqual(['050101', '050102'])
    expect((await station.get('/api/cases/summary?under=0502')).statusCode).toBe(403)
    const points = (await operator.get('/api/cases/points')).json()
    expect(points.type).toBe('FeatureCollection')
    expect(points.features.length).toBeGreaterThan(0)
    expect(points.features.every((f: any) => f.geometry.type === 'Point')).toBe(true)
  })

  it('keeps a summary until a case under it changes, in this process or (by its notice) in another', async () => {
    const open = async () => (await station.get('/api/cases/summary')).json().open as number
    const first = await open()
    // written behind the server's back: the cached summary does not know yet
    const { rows: [sneaked] } = await db.query<{ id: number }>(`INSERT INTO cases (tracking_no, source, category_code, state, grid_code, holder_code, title, description)
      VALUES ('MG20261204-SNEAK1', 'patrol', 'other', 'new', '050102', '050102', '另一进程登记', '另一进程登记') RETURNING id`)
    expect(await open()).toBe(first)
    // … until another server process's notice arrives
    await db.query(`SELECT pg_notify('mg_case_events', $1)`, [JSON.stringify({ id: sneaked.id, action: 'create', state: 'new', holderCode: '050102', gridCode: '050102', departmentCode: null, emergency: false })])
    const started = Date.now()
    while ((await open()) === first && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20))
    expect(await open()).toBe(first + 1)
    // a case filed through this server shows at once
    expect((await file(head, { title: '本进程登记' })).statusCode).toBe(201)
    expect(await open()).toBe(first + 2)
  })

  it('pushes a change to a connected console at once, inside its scope only', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const { openEventStream } = await import('../../../test/event-stream.ts')
    const open = async (token: string) => {
      const stream = await openEventStream(`${address}/api/cases/feed`, token)
      expect(stream.contentType).toMatch(/text\/event-stream/)
      return { get events() { return stream.events.map((e) => e.data) }, close: stream.close }
    }
    const mine = await open(worker.token)
    const other = await open(otherWorker.token)
    const started = Date.now()
    const c = (await file(worker, { title: '实时推送' })).json()
    while (!mine.events.some((e) => e.id === c.id) && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20))
    expect(mine.events.find((e) => e.id === c.id)).toMatchObject({ action: 'create', state: 'new', gridCode: '050101' })
    await stepOk(worker, c.id, 'accept')
    while (!mine.events.some((e) => e.id === c.id && e.action === 'accept') && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20))
    expect(mine.events.filter((e) => e.id === c.id).map((e) => e.action)).toEqual(['create', 'accept'])
    expect(other.events.some((e) => e.id === c.id)).toBe(false)
    mine.close()
    other.close()
  })
})

describe('deadlines', () => {
  it('flags a referral the department has not started within 5 working days across the Spring Festival, then escalates it', async () => {
    const { sweepDeadlines } = await import('./deadlines.ts')
    const { workingDeadline } = await import('../calendar/service.ts')
    const c = (await file(head)).json()
    await stepOk(head, c.id, 'accept')
    await stepOk(head, c.id, 'verify', { note: '属实', evidence: [await evidence(head)] })
    await stepOk(head, c.id, 'refer', { note: '移送', departmentCode: 'health' })
    // Referred on Thursday 12 February 2026: 13 Feb (Fri), 14 Feb (Sat, a working day), then the
    // holiday 15–23 Feb, then 24, 25, 26 Feb: the department must start by the close of 26 Feb.
    const referredAt = new Date('2026-02-12T10:00:00+08:00')
    const due = await workingDeadline(db, referredAt, 5)
    expect(due.toISOString()).toBe(new Date('2026-02-27T00:00:00+08:00').toISOString())
    await db.query('UPDATE cases SET due_at = $2 WHERE id = $1', [c.id, due])
    expect((await sweepDeadlines(db, new Date('2026-02-26T23:59:00+08:00'))).flagged).toBe(0)
    const first = await sweepDeadlines(db, new Date('2026-02-27T00:00:01+08:00'))
    expect(first.flagged).toBeGreaterThanOrEqual(1)
    expect((await sweepDeadlines(db, new Date('2026-02-27T00:00:02+08:00'))).flagged).toBe(0)
    let view = (await operator.get(`/api/cases/${c.id}`)).json()
    expect(view).toMatchObject({ overdueLevel: 1, state: 'referred' })
    expect(view.overdueAt).toBe(due.toISOString())
    expect(view.steps.at(-1).action).toBe('deadlineMissed')
    // Two more working days: 27 Feb (Fri) and 28 Feb (Sat, a working day) — escalated after 28 Feb.
    await sweepDeadlines(db, new Date('2026-02-28T23:00:00+08:00'))
    expect((await operator.get(`/api/cases/${c.id}`)).json().overdueLevel).toBe(1)
    await sweepDeadlines(db, new Date('2026-03-01T00:00:01+08:00'))
    view = (await operator.get(`/api/cases/${c.id}`)).json()
    expect(view.overdueLevel).toBe(2)
    expect(view.steps.at(-1).action).toBe('overdueEscalated')
    expect((await operator.get('/api/cases?overdue=true&limit=500')).json().items.map((x: any) => x.id)).toContain(c.id)
    // Acknowledging starts the next limit and clears the flag.
    const acked = await stepOk(liaison, c.id, 'acknowledge')
    expect(acked).toMatchObject({ overdueLevel: 0, overdueAt: null, state: 'departmentHandling' })
  })

  it('is the installation\'s every-minute durable job (the job machinery is tested in src/server/jobs.test.ts)', async () => {
    const { JOBS } = await import('../../server/job-list.ts')
    const job = JOBS.find((j) => j.name === 'cases.deadlines')!
    expect(job.cron).toBe('* * * * *')
    const c = (await file(worker, { title: '到期未受理' })).json()
    await db.query(`UPDATE cases SET due_at = now() - interval '1 minute' WHERE id = $1`, [c.id])
    const quiet = { info: () => {}, warn: () => {}, error: () => {} }
    await job.handler({ db, config: (await import('../../../test/helper.ts')).testConfig(), log: quiet }, {})
    expect((await db.query('SELECT overdue_level FROM cases WHERE id = $1', [c.id])).rows[0].overdue_level).toBe(1)
  })
})
