import { describe, expect, it } from 'vitest'
import { login, setupTestApp } from '../../../test/helper.ts'
import { verifyAudit } from '../audit/service.ts'
import { isValidUscc, kindOfUscc } from '../businesses/uscc.ts'
import { AppError } from '../../server/errors.ts'
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo, type DemoSummary } from './seed.ts'
import { misplacedBusinesses, siblingOverlaps, staffingProblems, tableCounts, tilingGaps } from './test-support.ts'
import type { Actor } from '../access/policy.ts'
import { coverageSummary } from '../areas/coverage.ts'
import { staffingReport } from '../people/staffing.ts'

const { app, db } = await setupTestApp({ loginAttemptsPerIpPerMinute: 1000 })

// A seed that fails late (here: at the demo accounts) must leave nothing behind.
await db.exec(`CREATE FUNCTION demo_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$;
  CREATE TRIGGER demo_test_fail BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION demo_test_fail();`)
const failedSeed = await seedDemo(db, { businesses: 50, seed: 7 }).catch((e) => e)
const countsAfterFailure = await tableCounts(db)
await db.exec('DROP TRIGGER demo_test_fail ON users; DROP FUNCTION demo_test_fail();')

const emptyBefore = await isDatabaseEmpty(db)
const summary: DemoSummary = await seedDemo(db, { businesses: 400, seed: 7 })

describe('demo seed: the area tree (M1.1–M1.3)', () => {
  it('was seeded into an empty database and reports what it made', () => {
    expect(emptyBefore).toBe(true)
    expect(summary).toMatchObject({ districts: 1, stations: 6, businesses: 400 })
    expect(summary.grids).toBeGreaterThanOrEqual(6 * 8)
    expect(summary.grids).toBeLessThanOrEqual(6 * 15)
  })

  it('has district 05 灞桥区 and stations 0501–0506 with their names', async () => {
    const { rows } = await db.query(`SELECT code, parent_code, level, name, profile_id FROM areas WHERE level < 3 ORDER BY code`)
    expect(rows).toEqual([
      { code: '05', parent_code: null, level: 1, name: '灞桥区', profile_id: 'baqiao' },
      ...['纺织城', '席王', '洪庆', '红旗', '灞桥', '狄寨'].map((n, k) => ({
        code: `050${k + 1}`, parent_code: '05', level: 2, name: `${n}市场监督管理所`, profile_id: 'baqiao',
      })),
    ])
  })

  it('numbers 8–15 grids per station from 01, named after the station', async () => {
    const { rows } = await db.query<{ parent_code: string; codes: string[]; names: string[] }>(
      `SELECT parent_code, array_agg(code ORDER BY code) AS codes, array_agg(name ORDER BY code) AS names
       FROM grids GROUP BY parent_code ORDER BY parent_code`,
    )
    expect(rows).toHaveLength(6)
    for (const r of rows) {
      expect(r.codes.length).toBeGreaterThanOrEqual(8)
      expect(r.codes.length).toBeLessThanOrEqual(15)
      expect(r.codes).toEqual(r.codes.map((_, k) => r.parent_code + String(k + 1).padStart(2, '0')))
      expect(r.names[0]).toMatch(/^.+第01网格（.+）$/)
    }
    expect(rows.find((r) => r.parent_code === '0502')!.codes).toContain('050203')
  })

  it('draws valid boundaries with their area in km² and a version approved by the grid office', async () => {
    const { rows } = await db.query<any>(
      `SELECT bool_and(ST_IsValid(boundary)) AS valid, bool_and(abs(area_km2 - ST_Area(boundary::geography) / 1e6) < 1e-9) AS sized,
         min(area_km2) AS smallest, (SELECT area_km2 FROM areas WHERE code = '05') AS district FROM areas`,
    )
    expect(rows[0].valid).toBe(true)
    expect(rows[0].sized).toBe(true)
    expect(rows[0].smallest).toBeGreaterThan(0.5)
    // Roughly the real district's 332 km².
    expect(rows[0].district).toBeGreaterThan(250)
    expect(rows[0].district).toBeLessThan(400)
    const versions = await db.query<any>(
      `SELECT count(*)::int AS n, bool_and(v.change = 'created' AND v.version = 1 AND v.approved_by = '灞桥区市场监管局网格办'
         AND ST_Equals(v.boundary, a.boundary)) AS ok
       FROM area_versions v JOIN areas a ON a.code = v.area_code`,
    )
    expect(versions.rows[0]).toEqual({ n: 7 + summary.grids, ok: true })
  })

  it('tiles every parent exactly with its children: no gap, no overlap (M1.3)', async () => {
    const gaps = await tilingGaps(db)
    expect(gaps.map((g) => g.code)).toEqual(['05', '0501', '0502', '0503', '0504', '0505', '0506'])
    for (const g of gaps) expect(g.relative).toBeLessThan(1e-9)
    expect(await siblingOverlaps(db)).toEqual([])
  })
})

describe('demo seed: as the areas and people ledgers see it', () => {
  const chief: Actor = { userId: 0, username: 'reader', displayName: 'reader', roles: ['district_chief'], scope: '05' }

  it('passes the coverage check: 100 %, no overlap, gap or outside part at any level (M1.3)', async () => {
    const rows = await coverageSummary(db, chief)
    expect(rows.map((r) => r.code)).toEqual(['05', '0501', '0502', '0503', '0504', '0505', '0506'])
    for (const r of rows) expect(r).toMatchObject({ coveragePercent: 100, overlapCount: 0, gapCount: 0, outsideCount: 0 })
  })

  it('passes the staffing report: no grid breaks a rule (M2.3)', async () => {
    const report = await staffingReport(db, chief, { violationsOnly: true })
    expect(report.summary.grids).toBe(summary.grids)
    expect(report.grids).toEqual([])
  })
})

describe('demo seed: ledgers (M2.2, M2.3)', () => {
  it('places every business inside exactly its own grid', async () => {
    expect(await misplacedBusinesses(db)).toBe(0)
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM businesses`)
    expect(rows[0].n).toBe(400)
  })

  it('gives every business a valid, distinct code of its kind', async () => {
    const { rows } = await db.query<{ uscc: string; kind: string }>(`SELECT uscc, kind FROM businesses`)
    expect(rows.every((r) => isValidUscc(r.uscc) && kindOfUscc(r.uscc) === r.kind)).toBe(true)
    expect(new Set(rows.map((r) => r.uscc)).size).toBe(rows.length)
  })

  it('fills the fields of the ledger', async () => {
    const { rows } = await db.query<any>(
      `SELECT count(*) FILTER (WHERE industry IS NULL OR legal_representative IS NULL OR contact_phone !~ '^1[0-9]{10}$'
         OR registered_address NOT LIKE '西安市灞桥区%' OR actual_address IS NULL)::int AS incomplete,
         count(*) FILTER (WHERE jsonb_typeof(licences) <> 'array')::int AS bad_licences,
         count(*) FILTER (WHERE 'food' = ANY(key_domains))::int AS food
       FROM businesses`,
    )
    expect(rows[0]).toMatchObject({ incomplete: 0, bad_licences: 0 })
    expect(rows[0].food).toBeGreaterThan(0)
  })

  it('staffs every grid by the rules of M2.3', async () => {
    expect(await staffingProblems(db)).toEqual([])
    const chiefs = await db.query<any>(
      `SELECT r.area_code, p.position FROM person_roles r JOIN people p ON p.id = r.person_id
       WHERE r.role IN ('station_chief', 'district_chief') ORDER BY r.area_code`,
    )
    expect(chiefs.rows.map((r) => r.area_code)).toEqual(['05', '0501', '0502', '0503', '0504', '0505', '0506'])
    expect(chiefs.rows.slice(1).every((r) => r.position === 'station_chief')).toBe(true)
    const district = await db.query<{ role: string }>(`SELECT DISTINCT role FROM person_roles WHERE area_code = '05' ORDER BY role`)
    expect(district.rows.map((r) => r.role)).toEqual(['command_operator', 'credit_officer', 'department_liaison', 'district_chief'])
    // The people sequence continues after the explicit ids.
    const next = await db.query<{ id: number }>(
      `INSERT INTO people (name, position, area_code) VALUES ('测试', 'other', '05') RETURNING id`,
    )
    expect(next.rows[0].id).toBe(summary.people + 1)
    await db.query('DELETE FROM people WHERE id = $1', [next.rows[0].id])
  })
})

describe('demo seed: accounts and audit', () => {
  it('creates one demo account per role, linked to its person', async () => {
    expect(summary.accounts.map((a) => `${a.username}:${a.roles.join('+')}:${a.scope}`)).toEqual([
      'chief:district_chief:05', 'operator:command_operator:05', 'station0502:station_chief:0502', 'head050203:grid_head:050203',
      'worker050203:grid_worker:050203', 'overseer050203:overseer:050203', 'market050203:market_operator:050203', 'credit:credit_officer:05',
      'liaison:department_liaison:05', 'sysadmin:system_admin:', 'secadmin:security_admin:', 'auditor:audit_admin:',
    ])
    const { rows } = await db.query<any>(
      `SELECT u.username, u.is_demo, r.role, p.position FROM users u LEFT JOIN people p ON p.id = u.person_id
         LEFT JOIN person_roles r ON r.person_id = u.person_id AND r.area_code = u.scope
       WHERE u.username IN ('head050203', 'worker050203', 'overseer050203', 'station0502', 'sysadmin') ORDER BY u.username, r.role`,
    )
    expect(rows.every((r) => r.is_demo)).toBe(true)
    const roleOf = (u: string) => rows.filter((r) => r.username === u).map((r) => r.role)
    expect(roleOf('head050203')).toContain('grid_head')
    expect(roleOf('worker050203')).toContain('grid_manager')
    expect(rows.find((r) => r.username === 'worker050203').position).toBe('coordinator')
    expect(rows.find((r) => r.username === 'head050203').position).toMatch(/^(deputy_station_chief|supervision_officer)$/)
    expect(roleOf('overseer050203')).toEqual(['overseer'])
    expect(roleOf('station0502')).toEqual(['station_chief'])
    expect(roleOf('sysadmin')).toEqual([null])
  })

  it('lets every demo account log in with the demo password', async () => {
    for (const a of summary.accounts) {
      expect(a.password).toBe(DEMO_PASSWORD)
      const client = await login(app, a.username, a.password)
      const me = await client.get('/api/auth/me')
      expect(me.statusCode).toBe(200)
      expect(me.json()).toMatchObject({ username: a.username, roles: a.roles, scope: a.scope })
    }
  })

  it('records one demo.seeded event with the counts and the seed, on an intact chain', async () => {
    const { rows } = await db.query<any>(`SELECT user_id, details FROM audit_events WHERE action = 'demo.seeded'`)
    expect(rows).toHaveLength(1)
    expect(rows[0].user_id).toBeNull()
    expect(rows[0].details).toMatchObject({ seed: 7, districts: 1, stations: 6, grids: summary.grids, businesses: 400, people: summary.people })
    expect((await verifyAudit(db)).ok).toBe(true)
  })
})

describe('demo seed: refusals change nothing', () => {
  it('leaves the database empty when the seed fails part-way', () => {
    expect(failedSeed).toBeInstanceOf(Error)
    expect(String(failedSeed.message)).toMatch(/boom/)
    expect(countsAfterFailure).toEqual({ areas: 0, versions: 0, businesses: 0, people: 0, roles: 0, users: 0, audit: 0 })
  })

  it('refuses a database that already has areas', async () => {
    const before = await tableCounts(db)
    expect(await isDatabaseEmpty(db)).toBe(false)
    const err = await seedDemo(db, { businesses: 10, seed: 8 }).catch((e) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err.code).toBe('demo.databaseNotEmpty')
    expect(await tableCounts(db)).toEqual(before)
  })

  it('refuses invalid options before writing', async () => {
    const before = await tableCounts(db)
    for (const bad of [{ businesses: -1 }, { seed: 1.5 }, { gridsPerStation: [5, 2] as [number, number] },
      { gridsPerStation: [1, 100] as [number, number] }, { totalGrids: 3 }]) {
      const err = await seedDemo(db, bad).catch((e) => e)
      expect(err.code).toBe('demo.invalidOption')
    }
    expect(await tableCounts(db)).toEqual(before)
  })
})
