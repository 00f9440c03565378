/**
 * Staff positions (M5.1) through the API: on duty only with consent, positions kept only while on
 * duty, the command centre sees its own area's on-duty staff and no one else's, and the daily job
 * deletes what is past its retention.
 */
import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { purgePositions } from './service.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const en = { 'accept-language': 'en' }
const fix = (lng: number, lat: number, accuracy = 8) => ({ lng, lat, accuracy, recordedAt: new Date().toISOString() })

describe('staff positions', () => {
  it('goes on duty only with consent, keeps positions only while on duty, and says why not', async () => {
    const worker = await userWith(app, db, ['grid_worker'], '050101', 'pos_consent')
    expect((await worker.get('/api/positions/duty')).json()).toMatchObject({ onDuty: false, consentedAt: null, intervalSeconds: 60, retentionDays: 30 })
    const refused = await worker.post('/api/positions', { fixes: [fix(109.02, 34.05)] }, en)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.message).toBe('You are not on duty, so the position was not kept. Go on duty on the phone first')

    const noConsent = await worker.put('/api/positions/duty', { onDuty: true })
    expect(noConsent.statusCode).toBe(400)
    expect(noConsent.json().error.message).toContain('保存 30 天后删除')
    const on = await worker.put('/api/positions/duty', { onDuty: true, consent: true })
    expect(on.json()).toMatchObject({ onDuty: true, consentedAt: expect.any(String) })
    const sent = await worker.post('/api/positions', { fixes: [fix(109.02, 34.05), fix(109.021, 34.051, 15)] })
    expect(sent.json()).toEqual({ stored: 2, intervalSeconds: 60 })

    await worker.put('/api/positions/duty', { onDuty: false })
    expect((await worker.post('/api/positions', { fixes: [fix(109.02, 34.05)] })).statusCode).toBe(409)
    const { rows } = await db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE action LIKE 'position.%' AND username = $1 ORDER BY id`, ['pos_consent'])
    expect(rows.map((r) => r.action)).toEqual(['position.onDuty', 'position.offDuty'])
  })

  it('shows the command centre the last position of its area\'s on-duty staff, and not another area\'s', async () => {
    // Only this test's staff are on duty: whoever the other tests left on duty goes off first.
    await db.query('UPDATE staff_duty SET on_duty = false')
    const mine = await userWith(app, db, ['grid_worker'], '050102', 'pos_mine')
    const theirs = await userWith(app, db, ['grid_worker'], '050201', 'pos_theirs')
    const offDuty = await userWith(app, db, ['grid_head'], '050101', 'pos_off')
    for (const u of [mine, theirs, offDuty]) await u.put('/api/positions/duty', { onDuty: true, consent: true })
    await mine.post('/api/positions', { fixes: [fix(109.07, 34.05)] })
    await mine.post('/api/positions', { fixes: [fix(109.075, 34.055, 20)] })
    await theirs.post('/api/positions', { fixes: [fix(109.12, 34.05)] })
    await offDuty.post('/api/positions', { fixes: [fix(109.02, 34.05)] })
    await offDuty.put('/api/positions/duty', { onDuty: false })

    const station = await userWith(app, db, ['station_chief'], '0501')
    const live = (await station.get('/api/positions/live')).json() as { items: Array<{ name: string; lng: number; lat: number; accuracy: number }> }
    expect(live.items.map((i) => i.name)).toEqual(['pos_mine'])
    expect(live.items[0]).toMatchObject({ lng: 109.075, lat: 34.055, accuracy: 20 })
    const operator = await userWith(app, db, ['command_operator'], '05')
    const all = (await operator.get('/api/positions/live')).json() as { items: Array<{ name: string }> }
    expect(all.items.map((i) => i.name)).toEqual(['pos_mine', 'pos_theirs'])
    // a grid worker reports but does not watch
    expect((await mine.get('/api/positions/live')).statusCode).toBe(403)
  })

  it('refuses a position off the globe or a batch too large, keeping nothing', async () => {
    const worker = await userWith(app, db, ['grid_worker'], '050101')
    await worker.put('/api/positions/duty', { onDuty: true, consent: true })
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_positions')).rows[0].n
    for (const body of [{ fixes: [fix(200, 34)] }, { fixes: [fix(109, -91)] }, { fixes: [] }, { fixes: Array.from({ length: 101 }, () => fix(109, 34)) },
      { fixes: [{ ...fix(109, 34), recordedAt: 'yesterday' }] }]) {
      expect((await worker.post('/api/positions', body)).statusCode).toBe(400)
    }
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_positions')).rows[0].n).toBe(before)
  })

  it('deletes positions past their retention and keeps the rest', async () => {
    const worker = await userWith(app, db, ['grid_worker'], '050101')
    await worker.put('/api/positions/duty', { onDuty: true, consent: true })
    await worker.post('/api/positions', { fixes: [fix(109.02, 34.05), fix(109.03, 34.05)] })
    const { rows: [{ id }] } = await db.query<{ id: string }>('SELECT max(id) AS id FROM staff_positions')
    await db.query(`UPDATE staff_positions SET received_at = now() - interval '31 days' WHERE id = $1`, [id])
    const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_positions')).rows[0].n
    const before = await count()
    expect(await purgePositions(db, 30)).toBe(1)
    expect(await count()).toBe(before - 1)
    expect(await purgePositions(db, 30)).toBe(0)
  })
})
