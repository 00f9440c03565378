import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { buildPerson, duty } from '../../../test/factories-people.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)

const chief = await userWith(app, db, ['district_chief'], '05')
const station1 = await userWith(app, db, ['station_chief'], '0501')

// 050101 correctly staffed (plus an off-duty overseer), 050102 headed by a coordinator,
// 050201 with four overseers, 050202 with only an off-duty grid head.
const head1 = await buildPerson(db, { name: '网格长甲', position: 'deputy_station_chief', roles: [duty('grid_head', '050101'), duty('grid_head', '050201')] })
await buildPerson(db, { name: '监督员甲', position: 'community_cadre', roles: [duty('overseer', '050101'), duty('overseer', '050102')] })
await buildPerson(db, { name: '监督员乙', position: 'deputy', roles: [duty('overseer', '050101')] })
await buildPerson(db, { name: '不在岗监督员', position: 'property_manager', onDuty: false, roles: [duty('overseer', '050101')] })
for (let i = 0; i < 3; i++) await buildPerson(db, { position: 'coordinator', roles: [duty('grid_manager', '050101')] })
await buildPerson(db, { position: 'other', roles: [duty('informant', '050101')] })
const coordinatorHead = await buildPerson(db, { name: '协管员网格长', position: 'coordinator', roles: [duty('grid_head', '050102')] })
const overseers: number[] = []
for (let i = 0; i < 4; i++) overseers.push(await buildPerson(db, { name: `席王监督员${i}`, position: 'community_cadre', areaCode: '0502', roles: [duty('overseer', '050201')] }))
const offHead = await buildPerson(db, { name: '不在岗网格长', areaCode: '0502', onDuty: false, roles: [duty('grid_head', '050202')] })

describe('staffing report (M2.3)', () => {
  it('shows counts, heads, overseers and the rules each grid breaks', async () => {
    const res = await chief.get('/api/staffing')
    expect(res.statusCode).toBe(200)
    const report = res.json()
    const byCode = Object.fromEntries(report.grids.map((g: any) => [g.code, g]))
    expect(Object.keys(byCode)).toEqual(['050101', '050102', '050201', '050202'])

    expect(byCode['050101']).toMatchObject({
      name: '纺织城第一网格', violations: [],
      counts: { gridHead: 1, gridManager: 3, informant: 1, overseer: 2, offDuty: 1 },
      gridHeads: [{ id: head1, name: '网格长甲' }],
    })
    expect(byCode['050101'].overseers.map((o: any) => o.name)).toEqual(['监督员甲', '监督员乙'])

    expect(byCode['050102'].violations).toEqual([{
      code: 'gridHeadNotOfficer', zh: '网格长须由副所长或监管人员担任',
      en: 'A grid head must be a deputy station chief or a supervision officer', people: [{ id: coordinatorHead, name: '协管员网格长' }],
    }])
    expect(byCode['050201'].violations.map((v: any) => v.code)).toEqual(['tooManyOverseers'])
    expect(byCode['050201'].violations[0].people.map((p: any) => p.id)).toEqual(overseers)
    expect(byCode['050202'].violations.map((v: any) => [v.code, v.people])).toEqual([
      ['noGridHead', [{ id: offHead, name: '不在岗网格长' }]], ['noOverseer', []],
    ])
    expect(byCode['050202'].counts).toMatchObject({ gridHead: 0, offDuty: 1 })
    expect(report.summary).toEqual({
      grids: 4, gridsOk: 1, gridsWithViolations: 3,
      violations: { noGridHead: 1, gridHeadNotOfficer: 1, noOverseer: 1, tooManyOverseers: 1 },
    })
  })

  it('keeps to the scope and to ?under, and can list only the grids that break a rule', async () => {
    const mine = (await station1.get('/api/staffing')).json()
    expect(mine.grids.map((g: any) => g.code)).toEqual(['050101', '050102'])
    const under = (await chief.get('/api/staffing?under=0502')).json()
    expect(under.grids.map((g: any) => g.code)).toEqual(['050201', '050202'])
    const outside = (await station1.get('/api/staffing?under=0502')).json()
    expect(outside.grids).toEqual([])
    const bad = (await chief.get('/api/staffing?violationsOnly=true')).json()
    expect(bad.grids.map((g: any) => g.code)).toEqual(['050102', '050201', '050202'])
    expect(bad.summary.grids).toBe(4)
  })

  it('answers for thousands of grids with one grouped query', async () => {
    // 20 stations of 99 grids each (1,980 grids) in a district of their own, 06, each grid with a
    // head who also oversees it; the other tests read district 05 and do not see them.
    await db.exec(`
      INSERT INTO areas (code, parent_code, level, name, profile_id) VALUES ('06', NULL, 1, '大片区', 'baqiao');
      INSERT INTO areas (code, parent_code, level, name, profile_id)
        SELECT '06' || lpad(s::text, 2, '0'), '06', 2, '站' || s, 'baqiao' FROM generate_series(1, 20) s;
      INSERT INTO areas (code, parent_code, level, name, profile_id)
        SELECT '06' || lpad(s::text, 2, '0') || lpad(g::text, 2, '0'), '06' || lpad(s::text, 2, '0'), 3, '格' || s || '-' || g, 'baqiao'
        FROM generate_series(1, 20) s, generate_series(1, 99) g;
      INSERT INTO people (name, position, area_code)
        SELECT code, 'supervision_officer', parent_code FROM areas WHERE level = 3 AND code LIKE '06%';
      INSERT INTO person_roles (person_id, role, area_code)
        SELECT p.id, r.role, p.name FROM people p, (VALUES ('grid_head'), ('overseer')) r(role) WHERE p.area_code LIKE '06%';
    `)
    const everywhere = await userWith(app, db, ['district_chief'], '')
    // How fast: `npm run bench -- staffing` (no wall-clock limit in a test).
    const res = await everywhere.get('/api/staffing?violationsOnly=true')
    expect(res.statusCode).toBe(200)
    expect(res.json().summary).toMatchObject({ grids: 1984, gridsOk: 1981 })
  })
})

describe('duties on retired grids (M1.4)', () => {
  it('lists duties still held on a split grid, with its successors, for re-assignment', async () => {
    expect((await chief.get('/api/staffing')).json().retiredDuties).toEqual([])
    // As a split leaves it: 050102 retired in favour of two new grids, its duties untouched; live
    // again afterwards, as the other tests read the small tree as seeded.
    await db.query(`UPDATE areas SET retired_at = now(), successor_codes = '{050103,050104}' WHERE code = '050102'`)
    try {
      const report = (await chief.get('/api/staffing')).json()
      expect(report.grids.map((g: any) => g.code)).not.toContain('050102')
      expect(report.retiredDuties).toEqual(expect.arrayContaining([
        { areaCode: '050102', areaName: '纺织城第二网格', successorCodes: ['050103', '050104'], role: 'grid_head', person: { id: coordinatorHead, name: '协管员网格长' } },
      ]))
      // Outside the station's scope it does not show.
      const other = await userWith(app, db, ['station_chief'], '0502')
      expect((await other.get('/api/staffing')).json().retiredDuties).toEqual([])
    } finally {
      await db.query(`UPDATE areas SET retired_at = NULL, successor_codes = NULL WHERE code = '050102'`)
    }
  })
})
