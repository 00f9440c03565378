import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { insertBusinessAt } from '../../../test/factories-areas.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
// 050101: 3 placed; 050201: 1 placed; 0501: 2 left to the station; 05: 1 left to the district.
for (let i = 0; i < 3; i++) await insertBusinessAt(db, 109.01, 34.05, '050101')
await insertBusinessAt(db, 109.11, 34.05, '050201')
await insertBusinessAt(db, 109.01, 34.05, null, '0501')
await insertBusinessAt(db, 109.01, 34.05, null, '0501')
await insertBusinessAt(db, 120, 34.05, null, '05')

const chief = await userWith(app, db, ['district_chief'], '05')
const station = await userWith(app, db, ['station_chief'], '0502')
const head = await userWith(app, db, ['grid_head'], '050101')
const auditor = await userWith(app, db, ['audit_admin'], '')

const figures = (body: Array<{ code: string; businesses: number; placed: number }>) =>
  Object.fromEntries(body.map((r) => [r.code, [r.businesses, r.placed]]))

describe('placement per area (coverage dashboard)', () => {
  it('counts every business of an area and below, and the placed ones, for the district', async () => {
    const res = await chief.get('/api/coverage/placement')
    expect(res.statusCode, res.body).toBe(200)
    expect(figures(res.json())).toEqual({
      '05': [7, 4], '0501': [5, 3], '050101': [3, 3], '050102': [0, 0], '0502': [1, 1], '050201': [1, 1], '050202': [0, 0],
    })
    expect(res.json()[1]).toMatchObject({ code: '0501', name: '纺织城', level: 2, parentCode: '05' })
  })

  it('keeps to the scope: a station sees its own branch, a grid head their grid, `under` only narrows', async () => {
    expect(figures((await station.get('/api/coverage/placement')).json())).toEqual({ '0502': [1, 1], '050201': [1, 1], '050202': [0, 0] })
    expect(figures((await head.get('/api/coverage/placement')).json())).toEqual({ '050101': [3, 3] })
    // asking above one's scope answers one's scope; asking beside it is refused
    expect(figures((await head.get('/api/coverage/placement?under=05')).json())).toEqual({ '050101': [3, 3] })
    expect((await head.get('/api/coverage/placement?under=0502')).statusCode).toBe(404)
    expect(figures((await chief.get('/api/coverage/placement?under=0501')).json())).toEqual({ '0501': [5, 3], '050101': [3, 3], '050102': [0, 0] })
    expect((await chief.get('/api/coverage/placement?under=5x')).json().error.code).toBe('area.codeMalformed')
  })

  it('needs business.read', async () => {
    expect((await auditor.get('/api/coverage/placement')).statusCode).toBe(403)
  })
})
