/**
 * The businesses a phone keeps (issue 15 §3): its user's own grids only, and on a later sync only
 * what changed since the versions the phone holds.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { insertBusiness } from '../../../test/factories-businesses.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)

type Sync = { grids: Array<{ code: string }>; changed: Array<{ id: number; version: number; gridCode: string; contactPhone: string | null }>; removed: number[]; total: number }

describe('the businesses a phone keeps', () => {
  it('holds the businesses of the worker\'s grid, then only what changed, and drops what left the grid', async () => {
    const mine = [await insertBusiness(db), await insertBusiness(db)]
    await insertBusiness(db, { location: { lng: 109.075, lat: 34.05 } }) // grid 050102
    const worker = await userWith(app, db, ['grid_worker'], '050101')
    const first = await worker.post('/api/businesses/on-phone', { known: [] })
    expect(first.statusCode, first.body).toBe(200)
    const all = first.json() as Sync
    expect(all.grids.map((g) => g.code)).toEqual(['050101'])
    expect(all.changed.map((b) => b.id)).toEqual(mine)
    expect(all.changed.every((b) => b.gridCode === '050101' && b.contactPhone === '138****1234')).toBe(true)
    const known = all.changed.map((b) => [b.id, b.version])

    // Compressed for a phone that takes it: the same answer, a fraction of the bytes.
    for (const encoding of ['br', 'gzip'] as const) {
      const packed = await worker.post('/api/businesses/on-phone', { known: [] }, { 'accept-encoding': `${encoding}, deflate` })
      expect(packed.headers['content-encoding']).toBe(encoding)
      const unpacked = encoding === 'br' ? brotliDecompressSync(packed.rawPayload) : gunzipSync(packed.rawPayload)
      expect(JSON.parse(unpacked.toString())).toEqual(all)
    }

    const again = (await worker.post('/api/businesses/on-phone', { known })).json() as Sync
    expect(again).toMatchObject({ changed: [], removed: [], total: 2 })

    const chief = await userWith(app, db, ['district_chief'], '05')
    const renamed = await chief.patch(`/api/businesses/${mine[0]}`, { name: '改名后的商店' })
    expect(renamed.statusCode, renamed.body).toBe(200)
    const moved = await chief.patch(`/api/businesses/${mine[1]}`, { location: { lng: 109.075, lat: 34.05 } })
    expect(moved.json().gridCode).toBe('050102')
    const later = (await worker.post('/api/businesses/on-phone', { known })).json() as Sync
    expect(later.changed.map((b) => [b.id, b.version])).toEqual([[mine[0], renamed.json().version]])
    expect(later.removed).toEqual([mine[1]])
  })

  it('gives an account over a station the grids of the tasks it holds, and one with none nothing', async () => {
    const b = await insertBusiness(db, { location: { lng: 109.075, lat: 34.08 } })
    const station = await userWith(app, db, ['station_chief'], '0501')
    const none = (await station.post('/api/businesses/on-phone', { known: [] })).json() as Sync
    expect(none).toMatchObject({ grids: [], changed: [], total: 0 })
    await db.query(
      `INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on, assignee_id)
       SELECT code, version, 'b' || $1::int, $1, '050102', '2026-12-07', date '2026-12-31', (SELECT id FROM users WHERE scope = '0501' AND 'station_chief' = ANY(roles) ORDER BY id DESC LIMIT 1)
       FROM patrol_items WHERE code = 'licence-display'`, [b])
    const withTask = (await station.post('/api/businesses/on-phone', { known: [] })).json() as Sync
    expect(withTask.grids.map((g) => g.code)).toEqual(['050102'])
    expect(withTask.changed.map((x) => x.id)).toContain(b)
  })

  it('refuses what is not a list of [id, version] pairs', async () => {
    const worker = await userWith(app, db, ['grid_worker'], '050101')
    for (const known of [[[1]], [[1, 2, 3]], [[2 ** 31, 1]], [[-1, 1]], 'x']) {
      const res = await worker.post('/api/businesses/on-phone', { known })
      expect(res.statusCode, JSON.stringify(known)).toBe(400)
    }
  })
})
