/**
 * Patrol task generation (M4.2, issue 15 §2) against a real database: periods by cycle and risk
 * class, spread over the cycle and over the grid's staff, never twice, caught up after a pause; and
 * the address check a registration calls for, due in working days.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { businessInput, insertBusiness } from '../../../test/factories-businesses.ts'
import type { RiskClass } from '../businesses/rules.ts'
import { cycleDays, dayNumber, dayOf, DEFAULT_RISK_FACTORS, isPeriodStart, offsetOf } from './schedule.ts'
import { createRegistrationTasks, generatePatrolTasks } from './tasks.ts'
import type { PatrolItemDefinition } from './schemas.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)

/** A periodic test item of `days`, the only active one (the seeded six switched off). */
async function onlyItem(code: string, days: number, targets: PatrolItemDefinition['targets'] = { operatingStates: ['operating'] }) {
  const definition: PatrolItemDefinition = {
    name: { zh: '测试巡查', en: 'Test patrol' }, targets, cycle: { kind: 'periodic', days }, duties: ['grid_worker'],
    checklist: [{ key: 'ok', text: { zh: '正常', en: 'Fine' }, answer: 'yesNo', required: true }],
    evidence: { minPhotos: 0, video: false }, transfers: [],
  }
  await db.query('UPDATE patrol_items SET active = false')
  await db.query('INSERT INTO patrol_items (code) VALUES ($1)', [code])
  await db.query('INSERT INTO patrol_item_versions (item_code, version, definition) VALUES ($1, 1, $2)', [code, JSON.stringify(definition)])
}

const tasksOf = async (code: string) => (await db.query<{ business_id: number | null; target_key: string; period: string; due_on: string; assignee_id: number | null; item_version: number }>(
  `SELECT business_id, target_key, period, to_char(due_on, 'YYYY-MM-DD') AS due_on, assignee_id, item_version FROM patrol_tasks WHERE item_code = $1 ORDER BY target_key, period`, [code])).rows

/** Noon in Shanghai on a day. */
const at = (day: string) => new Date(`${day}T04:00:00Z`)

let serial = 0
const itemCode = () => `test-${++serial}-${process.pid % 1000}`

beforeEach(async () => {
  await db.query('DELETE FROM patrol_tasks')
  await db.query('DELETE FROM patrol_task_runs')
})

describe('when patrol periods start (schedule.ts)', () => {
  it('starts exactly one period of a target in any run of `cycle` consecutive days', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 18_000, max: 30_000 }), (id, cycle, from) => {
      let starts = 0
      for (let d = from; d < from + cycle; d++) if (isPeriodStart(id, cycle, d)) starts++
      expect(starts).toBe(1)
    }))
  })

  it('spreads the periods of consecutive businesses over the cycle', () => {
    const perDay = new Array(30).fill(0)
    for (let id = 1; id <= 3000; id++) perDay[offsetOf(id, 30)]++
    expect(Math.min(...perDay)).toBeGreaterThanOrEqual(70)
    expect(Math.max(...perDay)).toBeLessThanOrEqual(130)
  })

  it('shortens the cycle for a higher risk class by the configured factors', () => {
    expect([cycleDays(90, 'high', DEFAULT_RISK_FACTORS), cycleDays(90, 'higher', DEFAULT_RISK_FACTORS), cycleDays(90, 'general', DEFAULT_RISK_FACTORS), cycleDays(90, 'low', DEFAULT_RISK_FACTORS)])
      .toEqual([23, 45, 90, 180])
    expect(cycleDays(2, 'high', DEFAULT_RISK_FACTORS)).toBe(1)
  })
})

describe('generating patrol tasks (M4.2)', () => {
  it('makes the tasks of the periods starting today, as the schedule says, to the grid staff, and none twice', async () => {
    const code = itemCode()
    await onlyItem(code, 6)
    const risks: RiskClass[] = ['high', 'higher', 'general', 'low']
    const ids: Array<{ id: number; risk: RiskClass }> = []
    for (let k = 0; k < 120; k++) {
      const risk = risks[k % 4]
      ids.push({ id: await insertBusiness(db, { riskClass: risk }), risk })
    }
    // Not a target: closed, or without a grid.
    const closed = await insertBusiness(db)
    await db.query(`UPDATE businesses SET operating_state = 'closed' WHERE id = $1`, [closed])
    const workers = [await userWith(app, db, ['grid_worker'], '050101'), await userWith(app, db, ['grid_worker'], '050101')]
    const workerIds = (await db.query<{ id: number }>(`SELECT id FROM users WHERE scope = '050101' AND 'grid_worker' = ANY(roles) ORDER BY id`)).rows.map((r) => r.id)
    const elsewhere = (await db.query<{ id: number }>(`SELECT id FROM users WHERE scope <> '050101'`)).rows.map((r) => r.id)

    const day = '2026-12-07'
    const first = await generatePatrolTasks(db, at(day), DEFAULT_RISK_FACTORS)
    const today = dayNumber(day)
    const expected = ids.filter(({ id, risk }) => isPeriodStart(id, cycleDays(6, risk, DEFAULT_RISK_FACTORS), today))
    const tasks = (await tasksOf(code)).filter((t) => ids.some((b) => b.id === t.business_id))
    expect(tasks.map((t) => t.business_id).sort()).toEqual(expected.map((b) => b.id).sort())
    expect(expected.length).toBeGreaterThan(20)
    for (const t of tasks) {
      const risk = ids.find((b) => b.id === t.business_id)!.risk
      expect(t).toMatchObject({ period: day, due_on: dayOf(today + cycleDays(6, risk, DEFAULT_RISK_FACTORS) - 1), item_version: 1 })
      expect(workerIds).toContain(t.assignee_id)
      expect(elsewhere).not.toContain(t.assignee_id)
    }
    // Both workers of the grid get a share.
    for (const w of workerIds) expect(tasks.filter((t) => t.assignee_id === w).length).toBeGreaterThan(3)
    expect((await tasksOf(code)).some((t) => t.business_id === closed)).toBe(false)
    expect(first.created).toBeGreaterThanOrEqual(tasks.length)
    expect(workers).toHaveLength(2)

    // The same day again, and two runs at once: nothing more.
    expect(await generatePatrolTasks(db, at(day), DEFAULT_RISK_FACTORS)).toEqual({ days: 0, created: 0 })
    await Promise.all([generatePatrolTasks(db, at('2026-12-08'), DEFAULT_RISK_FACTORS), generatePatrolTasks(db, at('2026-12-08'), DEFAULT_RISK_FACTORS)])
    const all = await tasksOf(code)
    expect(new Set(all.map((t) => `${t.target_key}/${t.period}`)).size).toBe(all.length)
  })

  it('catches up the days a stopped server missed, one open task per target, the latest period', async () => {
    const code = itemCode()
    await onlyItem(code, 5)
    const id = await insertBusiness(db, { riskClass: 'general' })
    await generatePatrolTasks(db, at('2026-12-01'), DEFAULT_RISK_FACTORS)
    await db.query(`DELETE FROM patrol_tasks`)
    // Twelve days later: two of the business's periods started meanwhile; one task, the latest.
    const run = await generatePatrolTasks(db, at('2026-12-13'), DEFAULT_RISK_FACTORS)
    expect(run.days).toBe(12)
    const mine = (await tasksOf(code)).filter((t) => t.business_id === id)
    const latest = [...Array(12).keys()].map((k) => dayNumber('2026-12-13') - k).find((d) => isPeriodStart(id, 5, d))!
    expect(mine).toEqual([expect.objectContaining({ period: dayOf(latest), due_on: dayOf(latest + 4) })])
    // An open task is not doubled by the next period while nobody did it.
    const next = latest + 5
    await generatePatrolTasks(db, at(dayOf(next)), DEFAULT_RISK_FACTORS)
    expect((await tasksOf(code)).filter((t) => t.business_id === id)).toHaveLength(1)
    await db.query(`UPDATE patrol_tasks SET state = 'done' WHERE business_id = $1`, [id])
    await db.query(`UPDATE patrol_task_runs SET last_day = $1::date`, [dayOf(next - 1)])
    await generatePatrolTasks(db, at(dayOf(next)), DEFAULT_RISK_FACTORS)
    expect((await tasksOf(code)).filter((t) => t.business_id === id).map((t) => t.period)).toEqual([dayOf(latest), dayOf(next)])
  })

  it('patrols whole grids for an item that targets the grid, in the grid queue when nobody may take it', async () => {
    const code = itemCode()
    await onlyItem(code, 1, { wholeGrid: true })
    await generatePatrolTasks(db, at('2026-12-09'), DEFAULT_RISK_FACTORS)
    const tasks = await tasksOf(code)
    const grids = (await db.query<{ code: string }>('SELECT code FROM grids ORDER BY code')).rows.map((r) => 'g' + r.code)
    expect(tasks.map((t) => t.target_key)).toEqual(grids)
    expect(tasks.find((t) => t.target_key === 'g050202')?.assignee_id).toBeNull()
  })
})

describe('the address check of a registration (M4.2 by event)', () => {
  it('is made with the registration, due at the close of the 10th working day after it, and listed for the grid', async () => {
    await db.query(`UPDATE patrol_items SET active = (code = 'address-check')`)
    const chief = await userWith(app, db, ['station_chief'], '0501')
    const worker = await userWith(app, db, ['grid_worker'], '050102')
    const outsider = await userWith(app, db, ['grid_worker'], '050201')
    const res = await chief.post('/api/businesses', businessInput({ location: { lng: 109.075, lat: 34.05 } }))
    expect(res.statusCode, res.body).toBe(200)
    const list = (await worker.get('/api/patrol-tasks?mine=true&state=open')).json()
    expect(list.items).toEqual([expect.objectContaining({
      itemCode: 'address-check', itemVersion: 1, gridCode: '050102', overdue: false,
      business: expect.objectContaining({ id: res.json().id }), itemName: expect.objectContaining({ zh: '登记地址信息核查' }),
    })])
    expect((await outsider.get('/api/patrol-tasks')).json().items).toEqual([])
  })

  it('counts working days across the 2026 Spring Festival (a Saturday worked, nine days off)', async () => {
    await db.query(`UPDATE patrol_items SET active = (code = 'address-check')`)
    const id = await insertBusiness(db)
    // Registered on Friday 13 February 2026: Sat 14th is worked, 15th–23rd off, Sat 28th worked.
    await db.transaction((tx) => createRegistrationTasks(tx, id, at('2026-02-13')))
    const [task] = (await tasksOf('address-check')).filter((t) => t.business_id === id)
    expect(task).toMatchObject({ due_on: '2026-03-05', period: 'registered:2026-02-13' })
  })
})

describe('the annual-report season\'s reminders (M4.2 by event)', () => {
  it('reminds, from the configured day to 30 June, each business that has not reported the year before, once; recording its report closes it', async () => {
    await db.query(`UPDATE patrol_items SET active = (code = 'annual-report')`)
    const [reported, missing, closed] = [await insertBusiness(db), await insertBusiness(db), await insertBusiness(db)]
    await db.query(`UPDATE businesses SET operating_state = 'closed' WHERE id = $1`, [closed])
    const credit = await userWith(app, db, ['credit_officer'], '05')
    const { rows: [{ uscc: reportedUscc }] } = await db.query<{ uscc: string }>('SELECT uscc FROM businesses WHERE id = $1', [reported])
    const early = await credit.put('/api/annual-reports/2025', { usccs: [reportedUscc, '91610111MA0000000X'] })
    expect(early.json()).toEqual({ year: 2025, recorded: 1, unknown: ['91610111MA0000000X'], remindersClosed: 0 })

    // Before the reminders start (1 May by default) and after the season: nothing.
    expect((await generatePatrolTasks(db, at('2026-04-30'), DEFAULT_RISK_FACTORS)).created).toBe(0)
    await generatePatrolTasks(db, at('2026-05-06'), DEFAULT_RISK_FACTORS)
    const reminders = await tasksOf('annual-report')
    const mine = reminders.filter((t) => [reported, missing, closed].includes(t.business_id!))
    // due at the close of the 20th working day after 6 May 2026 (Saturday 9 May is worked)
    expect(mine).toEqual([expect.objectContaining({ business_id: missing, period: 'annual:2025', due_on: '2026-06-02' })])
    // The next day's run makes none twice.
    await generatePatrolTasks(db, at('2026-05-07'), DEFAULT_RISK_FACTORS)
    expect((await tasksOf('annual-report')).length).toBe(reminders.length)

    // The late filer's report closes its reminder.
    const { rows: [{ uscc: missingUscc }] } = await db.query<{ uscc: string }>('SELECT uscc FROM businesses WHERE id = $1', [missing])
    expect((await credit.put('/api/annual-reports/2025', { usccs: [missingUscc.toLowerCase()] })).json()).toMatchObject({ recorded: 1, remindersClosed: 1 })
    const { rows: [task] } = await db.query<{ state: string }>(`SELECT state FROM patrol_tasks WHERE item_code = 'annual-report' AND business_id = $1`, [missing])
    expect(task.state).toBe('cancelled')
    await db.query('DELETE FROM patrol_task_runs')
    expect((await generatePatrolTasks(db, at('2026-07-01'), DEFAULT_RISK_FACTORS)).created).toBe(0)
    // Another station's chief cannot record a business outside it; a grid worker records nothing.
    const otherStation = await userWith(app, db, ['station_chief'], '0502')
    const { rows: [{ uscc: closedUscc }] } = await db.query<{ uscc: string }>('SELECT uscc FROM businesses WHERE id = $1', [closed])
    expect((await otherStation.put('/api/annual-reports/2025', { usccs: [closedUscc] })).json()).toMatchObject({ recorded: 0, unknown: [closedUscc] })
    expect((await db.query('SELECT 1 FROM annual_reports WHERE business_id = $1', [closed])).rowCount).toBe(0)
    const worker = await userWith(app, db, ['grid_worker'], '050101')
    expect((await worker.put('/api/annual-reports/2025', { usccs: [missingUscc] })).statusCode).toBe(403)
  })
})
