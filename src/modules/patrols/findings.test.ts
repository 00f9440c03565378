/**
 * Findings sent by phones (M4.3, issue 15 §3) through the API: stored exactly once whatever the
 * resends, refused when an id comes back with other content, checked against the task's item
 * version, turned into cases by the transfer conditions, the phone's clock kept and flagged.
 */
import { createHash, randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { multipartFile } from '../../../test/factories-people.ts'
import { insertBusiness } from '../../../test/factories-businesses.ts'
import { createCase } from '../cases/filing.ts'
import { findingFingerprint } from './findings.ts'
import type { NewPatrolFinding } from './schemas.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
type Client = Awaited<ReturnType<typeof userWith>>
const worker = await userWith(app, db, ['grid_worker'], '050101')
const outsider = await userWith(app, db, ['grid_worker'], '050201')
const en = { 'accept-language': 'en' }

/** An open licence-display task (one photo, "displayed?") on a new business of grid 050101. */
async function openTask(item = 'licence-display'): Promise<{ taskId: number; businessId: number }> {
  const businessId = await insertBusiness(db)
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on)
     SELECT code, version, 'b' || $1::int, $1, '050101', '2026-12-07', date '2026-12-31' FROM patrol_items WHERE code = $2 RETURNING id`,
    [businessId, item])
  return { taskId: Number(rows[0].id), businessId }
}

let shade = 0
/**
 * A photo uploaded by `client`, as the phone does before sending the finding; answers its sha256.
 * Each is a few pixels wider than the last: close colours alone may round to the same JPEG bytes,
 * and a photo the worker already sent is no longer another's.
 */
async function photo(client: Client = worker): Promise<string> {
  shade++
  const jpeg = await sharp({ create: { width: 64 + shade, height: 48, channels: 3, background: { r: shade % 256, g: 90, b: 40 } } }).jpeg().toBuffer()
  const { payload, headers } = multipartFile(jpeg, 'IMG_0001.jpg', 'file', 'image/jpeg')
  const res = await client.request({ method: 'POST', url: '/api/evidence', payload, headers })
  expect(res.statusCode, res.body).toBe(200)
  return createHash('sha256').update(jpeg).digest('hex')
}

const finding = (taskId: number, sha256: string, over: Partial<NewPatrolFinding> = {}): NewPatrolFinding => ({
  id: randomUUID(), taskId, answers: { displayed: true },
  photos: [{ sha256, capturedAt: '2026-12-07T02:10:00Z', location: { lng: 109.0251, lat: 34.0502, accuracy: 8 } }],
  location: { lng: 109.0251, lat: 34.0502, accuracy: 8 }, recordedAt: '2026-12-07T02:11:00Z', ...over,
})
const send = (client: Client, body: unknown, headers: Record<string, string> = {}) =>
  client.request({ method: 'POST', url: '/api/patrol-findings', payload: body as object, headers })
const count = async (sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params)).rows[0].n

describe('findings from the phone (M4.3)', () => {
  it('stores a finding once however often it is sent, and completes its task', async () => {
    const { taskId } = await openTask()
    const body = finding(taskId, await photo())
    const first = await send(worker, body)
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json()).toMatchObject({ id: body.id, taskId, itemCode: 'licence-display', itemVersion: 1, caseIds: [], photos: [body.photos[0].sha256] })
    // A resend after a lost reply, a moment later, keys in another order: the stored finding, nothing new.
    const again = await send(worker, { ...body, sentAt: new Date().toISOString(), answers: { displayed: true } })
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(body.id)
    expect(await count('SELECT count(*)::int AS n FROM patrol_findings WHERE task_id = $1', [taskId])).toBe(1)
    expect(await count(`SELECT count(*)::int AS n FROM patrol_tasks WHERE id = $1 AND state = 'done'`, [taskId])).toBe(1)
    expect(await count(`SELECT count(*)::int AS n FROM evidence_links WHERE owner_type = 'patrolFinding' AND owner_id = $1`, [body.id])).toBe(1)
  })

  it('refuses an id sent again with other content (409), and a second finding on a done task, saying who did it', async () => {
    const { taskId } = await openTask()
    const body = finding(taskId, await photo())
    expect((await send(worker, body)).statusCode).toBe(201)
    const changed = await send(worker, { ...body, answers: { displayed: false } }, en)
    expect(changed.statusCode).toBe(409)
    expect(changed.json().error.message).toMatch(/already submitted with other content/)
    const second = await send(worker, finding(taskId, body.photos[0].sha256))
    expect(second.statusCode).toBe(409)
    expect(second.json().error.code).toBe('patrol.taskClosed')
    expect(second.json().error.message).toContain('已由')
    expect(await count('SELECT count(*)::int AS n FROM patrol_findings WHERE task_id = $1', [taskId])).toBe(1)
  })

  it('turns a finding that meets a transfer condition into a case of its category, once even across a crash', async () => {
    const { taskId, businessId } = await openTask()
    const body = finding(taskId, await photo(), { answers: { displayed: false } })
    // The server filed the case and died before storing the finding: the resend files no second case.
    await createCase(db, { userId: (await db.query<{ id: number }>(`SELECT id FROM users WHERE scope = '050101' ORDER BY id LIMIT 1`)).rows[0].id, roles: ['grid_worker'], scope: '050101' } as never,
      { source: 'patrol', categoryCode: 'licence', title: 'x', description: 'x', gridCode: '050101' }, { idempotencyKey: `patrolFinding:${body.id}:licence` })
      .catch(() => null)
    const res = await send(worker, body)
    expect(res.statusCode, res.body).toBe(201)
    const caseIds: number[] = res.json().caseIds
    expect(caseIds).toHaveLength(1)
    const filed = (await db.query<any>('SELECT category_code, source, business_id, grid_code FROM cases WHERE id = $1', [caseIds[0]])).rows[0]
    expect(filed).toMatchObject({ category_code: 'licence', source: 'patrol', grid_code: '050101' })
    expect([businessId, null]).toContain(filed.business_id)
    expect(await count(`SELECT count(*)::int AS n FROM cases WHERE id IN (SELECT case_id FROM case_intake_keys WHERE key LIKE $1)`, [`patrolFinding:${body.id}:%`])).toBe(1)
  })

  it('checks the answers and photos against the task item version, naming the question', async () => {
    const { taskId } = await openTask()
    const sha = await photo()
    const missing = await send(worker, finding(taskId, sha, { answers: {} }))
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.message).toBe('请回答“营业执照悬挂于醒目位置”')
    const wrongType = await send(worker, finding(taskId, sha, { answers: { displayed: 'maybe' } }), en)
    expect(wrongType.json().error.message).toMatch(/“maybe” does not fit the question “The business licence is displayed”/)
    const noPhoto = await send(worker, finding(taskId, sha, { photos: [] }))
    expect(noPhoto.json().error.code).toBe('patrol.photosMissing')
    const notUploaded = await send(worker, finding(taskId, 'a'.repeat(64)))
    expect(notUploaded.json().error.code).toBe('patrol.photoUnknown')
    // Another's photo, not yet attached to anything the worker sees, is as unknown.
    const othersPhoto = await send(worker, finding(taskId, await photo(outsider)))
    expect(othersPhoto.json().error.code).toBe('patrol.photoUnknown')
    expect(await count(`SELECT count(*)::int AS n FROM patrol_tasks WHERE id = $1 AND state = 'open'`, [taskId])).toBe(1)
  })

  it('keeps the phone clock beside the server one and flags it when hours off; converts GCJ-02 positions', async () => {
    const { taskId } = await openTask()
    const sentAt = new Date(Date.now() - 3 * 3600_000).toISOString()
    const res = await send(worker, finding(taskId, await photo(), { sentAt, crs: 'GCJ02', location: { lng: 109.03, lat: 34.05, accuracy: 8 } }))
    expect(res.statusCode, res.body).toBe(201)
    const f = res.json()
    expect(f.clockFlagged).toBe(true)
    expect(f.clockSkewSeconds).toBeGreaterThan(3 * 3600 - 60)
    // GCJ-02 is offset by a few hundred metres in Xi'an: the stored WGS-84 position differs.
    expect(Math.abs(f.location.lng - 109.03)).toBeGreaterThan(0.001)
    expect(f.location.accuracy).toBe(8)
  })

  it('hides tasks outside the scope: a finding on one reads as an unknown task', async () => {
    const { taskId } = await openTask()
    const res = await send(outsider, finding(taskId, await photo(outsider)))
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('patrol.taskUnknown')
  })

  it('fingerprints the content, not the moment it was sent', () => {
    const f = finding(1, 'b'.repeat(64))
    expect(findingFingerprint({ ...f, sentAt: '2026-12-07T03:00:00Z' })).toBe(findingFingerprint(f))
    expect(findingFingerprint({ ...f, note: '补充' })).not.toBe(findingFingerprint(f))
  })
})
