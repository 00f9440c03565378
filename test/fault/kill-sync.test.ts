/**
 * Issue 15: "server killed during a sync, then restarted → nothing lost, nothing doubled". A phone's
 * outbox of findings (each of which becomes a case) is being sent when the real server process is
 * killed with SIGKILL; after the restart the phone sends its whole outbox again, not knowing which
 * replies were lost. Every finding and every case must then exist exactly once.
 */
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertUser } from '../../src/modules/auth/service.ts'
import { seedSmallTree, TEST_PASSWORD } from '../factories.ts'
import { multipartFile } from '../factories-people.ts'
import { newInstallation, ServerProcess, type Installation, type Response } from './child-server.ts'

const TASKS = 40

let inst: Installation
let server: ServerProcess
let token = ''
let taskIds: number[] = []

const auth = () => ({ authorization: `Bearer ${token}` })

beforeAll(async () => {
  inst = await newInstallation(async (db) => {
    await seedSmallTree(db)
    await db.transaction((tx) => insertUser(tx, { username: 'worker050101', displayName: '网格员', password: TEST_PASSWORD, roles: ['grid_worker'], scope: '050101' }))
    const { rows } = await db.query<{ id: string }>(
      `WITH b AS (
         INSERT INTO businesses (uscc, name, kind, registered_address, location, grid_code, area_code)
         SELECT '91610111' || lpad(i::text, 9, '0') || 'X', '同步测试商户' || i, 'enterprise', '西安市灞桥区测试路' || i || '号',
           ST_SetSRID(ST_MakePoint(109.02, 34.05), 4326), '050101', '050101'
         FROM generate_series(1, $1::int) i RETURNING id)
       INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on)
       SELECT 'licence-display', 1, 'b' || b.id, b.id, '050101', '2026-12-07', date '2026-12-31' FROM b RETURNING id`, [TASKS])
    taskIds = rows.map((r) => Number(r.id))
  })
  server = new ServerProcess(inst)
  await server.start()
  token = (await server.request('POST', '/api/auth/login', { username: 'worker050101', password: TEST_PASSWORD })).json().token
}, 180_000)

afterAll(async () => {
  await server?.kill()
  await inst?.remove()
})

describe('a server killed while a phone sends its outbox', () => {
  it('after the restart and a resend of everything, holds each finding and each case exactly once', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#5a7' } }).jpeg().toBuffer()
    const { payload, headers } = multipartFile(jpeg, 'IMG_0001.jpg', 'file', 'image/jpeg')
    const photo = (await server.request('POST', '/api/evidence', payload, { ...auth(), ...headers })).json().sha256
    // Each finding: the licence not displayed, so each files a case.
    const outbox = taskIds.map((taskId) => ({
      id: randomUUID(), taskId, answers: { displayed: false }, photos: [{ sha256: photo, capturedAt: '2026-12-07T02:00:00Z' }],
      recordedAt: '2026-12-07T02:01:00Z',
    }))
    const send = (f: object) => server.request('POST', '/api/patrol-findings', f, auth()).catch((err: Error) => err)

    // The outbox goes out eight at a time; the server is killed once a handful have been answered.
    let answered = 0
    const first: Array<Response | Error> = []
    const sending = (async () => {
      for (let i = 0; i < outbox.length; i += 8) {
        const batch = await Promise.all(outbox.slice(i, i + 8).map(async (f) => {
          const r = await send(f)
          if (!(r instanceof Error)) answered++
          return r
        }))
        first.push(...batch)
        if (batch.some((r) => r instanceof Error)) return
      }
    })()
    while (answered < 12) await new Promise((r) => setTimeout(r, 2))
    await server.kill()
    await sending
    const ok = first.filter((r) => !(r instanceof Error) && r.status < 300).length
    expect(ok, 'some findings answered before the kill').toBeGreaterThanOrEqual(12)
    expect(ok, 'the kill cut the sync short').toBeLessThan(TASKS)

    await server.start()
    // The phone resends its whole outbox: stored findings answer 200, the others are stored now.
    const again = await Promise.all(outbox.map((f) => server.request('POST', '/api/patrol-findings', f, auth())))
    for (const r of again) expect([200, 201], r.body.toString()).toContain(r.status)
    const caseIds = again.map((r) => r.json().caseIds as number[])
    expect(caseIds.every((c) => c.length === 1)).toBe(true)
    expect(new Set(caseIds.flat()).size).toBe(TASKS)
    await server.stop()

    const db = await inst.open()
    try {
      const one = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n
      expect(await one('SELECT count(*)::int AS n FROM patrol_findings')).toBe(TASKS)
      expect(await one(`SELECT count(*)::int AS n FROM patrol_tasks WHERE state = 'done'`)).toBe(TASKS)
      expect(await one(`SELECT count(*)::int AS n FROM cases WHERE source = 'patrol' AND category_code = 'licence'`)).toBe(TASKS)
      expect(await one(`SELECT count(*)::int AS n FROM case_intake_keys WHERE key LIKE 'patrolFinding:%'`)).toBe(TASKS)
      expect(await one(`SELECT count(*)::int AS n FROM evidence_links WHERE owner_type = 'patrolFinding'`)).toBe(TASKS)
    } finally {
      await db.close()
    }
  }, 240_000)
})
