/** Issue 11 §5 lost updates and §1 item 5 old and new values in the log, on the personnel ledger. */
import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { duty } from '../../../test/factories-people.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const chief = await userWith(app, db, ['district_chief'], '05')

const person = {
  name: '王副所长', position: 'deputy_station_chief', phone: '13812345678', organisation: '纺织城所', areaCode: '0501',
  roles: [duty('grid_head', '050101')],
}
async function newPerson() {
  const res = await chief.post('/api/people', person)
  expect(res.statusCode).toBe(200)
  return res.json() as { id: number; version: number }
}

describe('person versions (issue 11 §5)', () => {
  it('GET returns the version as ETag; twenty parallel PATCHes with one If-Match: one wins, nineteen 409', async () => {
    const p = await newPerson()
    const get = await chief.get(`/api/people/${p.id}`)
    expect(get.headers.etag).toBe(`"${p.version}"`)
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      chief.patch(`/api/people/${p.id}`, { organisation: `单位${i}` }, { 'if-match': get.headers.etag as string })))
    const ok = replies.filter((r) => r.statusCode === 200)
    const conflicts = replies.filter((r) => r.statusCode === 409)
    expect(ok).toHaveLength(1)
    expect(conflicts).toHaveLength(19)
    const winner = ok[0].json()
    expect(winner.version).toBe(p.version + 1)
    for (const c of conflicts) {
      expect(c.json().error).toMatchObject({ code: 'record.versionConflict' })
      expect(c.json().error.details.current).toMatchObject({ id: p.id, organisation: winner.organisation, version: winner.version, phone: '138****5678' })
    }
    expect((await chief.get(`/api/people/${p.id}`)).json()).toMatchObject({ organisation: winner.organisation, version: winner.version })
  })

  it('a change of duties alone raises the version too', async () => {
    const p = await newPerson()
    const res = await chief.patch(`/api/people/${p.id}`, { roles: [duty('grid_head', '050102')] }, { 'if-match': `"${p.version}"` })
    expect(res.statusCode).toBe(200)
    expect(res.json().version).toBe(p.version + 1)
    const stale = await chief.patch(`/api/people/${p.id}`, { roles: [] }, { 'if-match': `"${p.version}"` })
    expect(stale.statusCode).toBe(409)
  })

  it('the update event records old and new values, the phone masked', async () => {
    const p = await newPerson()
    await chief.patch(`/api/people/${p.id}`, { organisation: '韩森寨所', phone: '13900001111', roles: [duty('grid_head', '050102')] })
    const { rows } = await db.query<{ details: any }>(
      `SELECT details FROM audit_events WHERE action = 'person.updated' AND object_id = $1`, [String(p.id)])
    const details = typeof rows[0].details === 'string' ? JSON.parse(rows[0].details) : rows[0].details
    expect(details.changes).toEqual({
      organisation: { from: '纺织城所', to: '韩森寨所' },
      phone: { from: '138****5678', to: '139****1111' },
      roles: { from: ['grid_head@050101'], to: ['grid_head@050102'] },
    })
    expect(JSON.stringify(details)).not.toContain('13900001111')
  })
})
