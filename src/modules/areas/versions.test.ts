/** Issue 11 §5 lost updates on areas: rename and redraw honour If-Match; the rename event records old and new names. */
import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { rect } from '../../../test/factories-areas.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const root = await userWith(app, db, ['district_chief'], '')
const approval = { approvedBy: '灞桥区网格办', approvalRef: '灞网办〔2026〕1号' }

/** A new top-level area of its own for one test, `x` degrees east: each test changes only its own. */
async function newArea(code: string, x: number) {
  const made = await root.post('/api/areas', { code, name: '东城街道', profileId: 'nancheng', boundary: rect(x, 35, 0.2, 0.1), ...approval })
  expect(made.statusCode, made.body).toBe(200)
}

describe('area versions (issue 11 §5)', () => {
  it('GET returns the version as ETag; parallel renames with one If-Match: one wins, the others 409 with the current area', async () => {
    await newArea('07', 111)
    const get = await root.get('/api/areas/07')
    expect(get.headers.etag).toBe(`"${get.json().version}"`)
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      root.patch('/api/areas/07', { name: `东城街道${i}` }, { 'if-match': get.headers.etag as string })))
    const ok = replies.filter((r) => r.statusCode === 200)
    const conflicts = replies.filter((r) => r.statusCode === 409)
    expect(ok).toHaveLength(1)
    expect(conflicts).toHaveLength(9)
    const winner = ok[0].json()
    expect(winner.version).toBe(get.json().version + 1)
    for (const c of conflicts) expect(c.json().error).toMatchObject({ code: 'record.versionConflict', details: { current: { code: '07', name: winner.name } } })
    const { rows } = await db.query<{ details: any }>(`SELECT details FROM audit_events WHERE action = 'area.renamed' AND object_id = '07'`)
    expect(rows).toHaveLength(1)
    const details = typeof rows[0].details === 'string' ? JSON.parse(rows[0].details) : rows[0].details
    expect(details.changes).toEqual({ name: { from: '东城街道', to: winner.name } })
  })

  it('a redraw with a stale If-Match changes nothing', async () => {
    await newArea('08', 112)
    await root.patch('/api/areas/08', { name: '东城街道（更名）' })
    const before = (await root.get('/api/areas/08')).json()
    const stale = await root.put('/api/areas/08/boundary', { boundary: rect(112, 35, 0.1, 0.1), ...approval }, { 'if-match': `"${before.version - 1}"` })
    expect(stale.statusCode).toBe(409)
    expect((await root.get('/api/areas/08')).json()).toMatchObject({ version: before.version, areaKm2: before.areaKm2 })
    const fresh = await root.put('/api/areas/08/boundary', { boundary: rect(112, 35, 0.1, 0.1), ...approval }, { 'if-match': `"${before.version}"` })
    expect(fresh.statusCode, fresh.body).toBe(200)
    expect(fresh.json().area.version).toBe(before.version + 1)
  })
})
