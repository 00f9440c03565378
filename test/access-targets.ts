/**
 * The targets of the access matrix: rows inside grid 050101 (station 0501) whose identifying
 * fields must never reach a user of another area or without the role.
 */
import type { Db } from '../src/db/connection.ts'
import { insertUser } from '../src/modules/auth/service.ts'
import { makeUscc } from '../src/modules/businesses/uscc.ts'
import { TEST_PASSWORD } from './factories.ts'

export interface Targets {
  businessId: number
  uscc: string
  personId: number
  userId: number
  caseId: number
  /** an open patrol task (annual-report: no photo needed) on the target business, and a finding on another */
  patrolTaskId: number
  findingId: string
  /** a market of the target grid holding the target business; the finding is drawn for checking (M4.4) */
  marketId: number
  /** a photo attached to the target case (set by the access test, which has the evidence store) */
  evidenceSha?: string
}

export const TARGET_BUSINESS_NAME = '机密目标餐饮有限公司'
export const TARGET_PERSON_NAME = '机密目标人员'
export const TARGET_PHONE = '13912345678'
export const TARGET_USER_NAME = '机密目标账户'

export async function seedTargets(db: Db): Promise<Targets> {
  const uscc = makeUscc('enterprise', '610111', 987654321)
  const b = await db.query<{ id: number }>(
    `INSERT INTO businesses (uscc, name, kind, registered_address, location, industry, grid_code, area_code, contact_phone, legal_representative)
     VALUES ($1, $2, 'enterprise', '西安市灞桥区机密路1号', ST_SetSRID(ST_MakePoint(109.025, 34.05), 4326), '餐饮服务', '050101', '050101', $3, '机密法人')
     RETURNING id`,
    [uscc, TARGET_BUSINESS_NAME, TARGET_PHONE],
  )
  const p = await db.query<{ id: number }>(
    `INSERT INTO people (name, position, phone, area_code) VALUES ($1, 'supervision_officer', $2, '0501') RETURNING id`,
    [TARGET_PERSON_NAME, TARGET_PHONE],
  )
  await db.query(`INSERT INTO person_roles (person_id, role, area_code) VALUES ($1, 'grid_head', '050101')`, [p.rows[0].id])
  const u = await db.transaction((tx) =>
    insertUser(tx, { username: 'target_user', displayName: TARGET_USER_NAME, password: TEST_PASSWORD, roles: ['grid_head'], scope: '050101' }),
  )
  const c = await db.query<{ id: number }>(
    `INSERT INTO cases (tracking_no, source, category_code, state, grid_code, holder_code, location, title, description, due_at)
     VALUES ('MG20260101-JM0001', 'complaint', 'food-safety', 'new', '050101', '050101', ST_SetSRID(ST_MakePoint(109.025, 34.05), 4326),
       '机密目标投诉', '机密目标餐饮有限公司 后厨', now() + interval '1 day') RETURNING id`,
  )
  await db.query(`INSERT INTO case_contacts (case_id, name, phone) VALUES ($1, $2, $3)`, [c.rows[0].id, TARGET_PERSON_NAME, TARGET_PHONE])
  const task = (period: string) => db.query<{ id: string }>(
    `INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on, state)
     VALUES ('annual-report', 1, 'b' || $1::int, $1, '050101', $2, date '2026-12-31', $3) RETURNING id`,
    [b.rows[0].id, period, period === 'done' ? 'done' : 'open'])
  const open = await task('open')
  const done = await task('done')
  const findingId = '7d4f1c52-8a61-4e0b-9a55-0c1f9e3b2a10'
  await db.query(
    `INSERT INTO patrol_findings (id, content_sha256, task_id, item_code, item_version, business_id, grid_code, answers, note, recorded_at, recorded_by)
     VALUES ($1, $2, $3, 'annual-report', 1, $4, '050101', '{"reminded": true}', '机密目标 已提醒', now(), $5)`,
    [findingId, 'c'.repeat(64), done.rows[0].id, b.rows[0].id, u.id])
  // A market of the grid holding the target business, its January drawn, the done finding among the checks.
  const m = await db.query<{ id: number }>(`INSERT INTO markets (name, grid_code) VALUES ('机密目标市场', '050101') RETURNING id`)
  await db.query('INSERT INTO market_businesses (business_id, market_id) VALUES ($1, $2)', [b.rows[0].id, m.rows[0].id])
  const d = await db.query<{ id: number }>(
    `INSERT INTO market_check_draws (market_id, period, ratio, seed, population) VALUES ($1, '2026-01', 0.1, 'matrix', 1) RETURNING id`, [m.rows[0].id])
  await db.query('INSERT INTO market_checks (finding_id, draw_id) VALUES ($1, $2)', [findingId, d.rows[0].id])
  return {
    businessId: b.rows[0].id, uscc, personId: p.rows[0].id, userId: u.id, caseId: c.rows[0].id,
    patrolTaskId: Number(open.rows[0].id), findingId, marketId: m.rows[0].id,
  }
}

/**
 * Strings that identify the targets; none may appear in a response to an outsider. The phone counts
 * masked too ('139****5678'), by its masked tail: its four digits alone turned up by chance in the
 * hex of audit hashes.
 */
export function TARGET_SECRETS(t: Targets): string[] {
  return [TARGET_BUSINESS_NAME, t.uscc, TARGET_PERSON_NAME, TARGET_PHONE, '****5678', TARGET_USER_NAME, 'target_user', '纺织城第一网格', '机密']
}
