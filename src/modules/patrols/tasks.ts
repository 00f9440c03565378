/**
 * Patrol tasks (M4.2): created by the durable job 'patrols.tasks' for the periods of periodic items
 * (schedule.ts: cycle shortened by risk class, periods spread over the cycle, staff spread by
 * target) and by events (a registration creates an address check due in N working days). A task is
 * never created twice for a target, item and period (a unique key), nor beside an open task of the
 * same target and item; it keeps the item version it was made with.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { authorize, keepsMarketOnly, scopeFilter, type Actor } from '../access/policy.ts'
import { addWorkingDays, shanghaiDay } from '../calendar/rules.ts'
import { loadCalendar } from '../calendar/service.ts'
import { dayNumber, daysToGenerate, DEFAULT_ANNUAL_REMINDERS_FROM, SPREAD, type RiskFactors } from './schedule.ts'

/** schedule.ts spread() in SQL. */
const spreadSql = (n: string) => `(((${n} * ${SPREAD}) % 4294967296) / 65536)`
import { readItems, type ItemRow } from './service.ts'
import type { PatrolItemDefinition, PatrolTaskPage, PatrolTaskQuery } from './schemas.ts'

/**
 * The businesses an item's targets name, as SQL over `b` (businesses), with its values appended to
 * `params`. `reportYear`: the year whose annual report is missing, for the season's reminders.
 */
function targetFilter(d: PatrolItemDefinition, params: unknown[], reportYear?: number): string {
  const parts = ['b.grid_code IS NOT NULL']
  if (d.targets.operatingStates) {
    params.push(d.targets.operatingStates)
    parts.push(`b.operating_state = ANY($${params.length}::text[])`)
  }
  if (d.targets.licensedTradesOnly) parts.push(`jsonb_array_length(b.licences) > 0`)
  if (d.targets.annualReportMissing && reportYear !== undefined) {
    params.push(reportYear)
    parts.push(`NOT EXISTS (SELECT 1 FROM annual_reports r WHERE r.business_id = b.id AND r.year = $${params.length}::int)`)
  }
  return parts.join(' AND ')
}

/** The end of the annual-report season (企业信息公示暂行条例 第八条: 1 January to 30 June). */
const SEASON_END = '06-30'

/**
 * The reminders of an item on the annual-report season: from `from` (MM-DD, a setting) to the
 * season's end, each target that has not reported the year before gets one reminder for that year
 * (period 'annual:<year>'), due in the item's working days; a business registered later in the
 * season gets its own on the next day's run.
 */
async function generateAnnualReminders(tx: Sql, item: ItemRow, now: Date, from: string): Promise<number> {
  const d = item.definition
  if (d.cycle.kind !== 'event' || d.cycle.event !== 'annualReportSeason') return 0
  const today = shanghaiDay(now)
  const monthDay = today.slice(5)
  if (monthDay < from || monthDay > SEASON_END) return 0
  const reportYear = Number(today.slice(0, 4)) - 1
  const due = addWorkingDays(await loadCalendar(tx), now, d.cycle.dueWorkingDays).day
  const params: unknown[] = [item.code, item.version, `annual:${reportYear}`, due, d.duties]
  const where = targetFilter(d, params, reportYear)
  const { rowCount } = await tx.query(
    `INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on, assignee_id)
     SELECT $1, $2, 'b' || b.id, b.id, b.grid_code, $3, $4::date, ${assigneeSql('b.grid_code', 'b.id', '$5', 'b.id')}
     FROM businesses b WHERE ${where}
     ON CONFLICT DO NOTHING`, params)
  return rowCount
}

/**
 * Who takes a task, spread by `n` (the target as a number). A business inside a market, on an item
 * its management may take, goes to the market's management (M4.4); otherwise one of the grid's
 * staff: the accounts scoped to exactly that grid holding one of the item's duties, a market's
 * management not among them (it patrols its market, not the grid). None: the grid's queue.
 */
function assigneeSql(grid: string, n: string, dutiesParam: string, business?: string): string {
  const staff = `FROM users u WHERE u.scope = ${grid} AND u.roles && ${dutiesParam}::text[] AND NOT u.roles @> '{market_operator}' AND u.disabled_at IS NULL`
  const gridStaff = `(SELECT u.id ${staff} ORDER BY u.id OFFSET (${n} % greatest(1, (SELECT count(*) ${staff}))) LIMIT 1)`
  if (!business) return gridStaff
  const market = `FROM market_businesses mb JOIN market_operators mo ON mo.market_id = mb.market_id JOIN users u ON u.id = mo.user_id
    WHERE mb.business_id = ${business} AND 'market_operator' = ANY(${dutiesParam}::text[]) AND u.disabled_at IS NULL`
  return `coalesce((SELECT u.id ${market} ORDER BY u.id OFFSET (${n} % greatest(1, (SELECT count(*) ${market}))) LIMIT 1), ${gridStaff})`
}

/** The tasks of a periodic item whose periods start in (from, upTo] (day numbers), at most one per target: the latest. */
async function generatePeriodic(tx: Sql, item: ItemRow, from: number, upTo: number, factors: RiskFactors): Promise<number> {
  const d = item.definition
  if (d.cycle.kind !== 'periodic') return 0
  const params: unknown[] = [item.code, item.version, d.cycle.days, from, upTo, d.duties]
  if (d.targets.wholeGrid) {
    // The grid itself is the target: no risk class, the code (six digits) as its number.
    const { rowCount } = await tx.query(
      `INSERT INTO patrol_tasks (item_code, item_version, target_key, grid_code, period, due_on, assignee_id)
       SELECT $1, $2, 'g' || g.code, g.code, to_char(date '1970-01-01' + p.start_n, 'YYYY-MM-DD'), date '1970-01-01' + p.start_n + $3::int - 1,
         ${assigneeSql('g.code', 'g.code::bigint', '$6')}
       FROM grids g
       CROSS JOIN LATERAL (SELECT ($5::int - ((($5::int - ${spreadSql('g.code::bigint')} % $3::int) % $3::int + $3::int) % $3::int))::int AS start_n) p
       WHERE p.start_n > $4::int
       ON CONFLICT DO NOTHING`, params)
    return rowCount
  }
  params.push(factors.high, factors.higher, factors.general, factors.low)
  const where = targetFilter(d, params)
  const { rowCount } = await tx.query(
    `INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on, assignee_id)
     SELECT $1, $2, 'b' || b.id, b.id, b.grid_code, to_char(date '1970-01-01' + p.start_n, 'YYYY-MM-DD'), date '1970-01-01' + p.start_n + c.cyc - 1,
       ${assigneeSql('b.grid_code', 'b.id', '$6', 'b.id')}
     FROM businesses b
     CROSS JOIN LATERAL (SELECT greatest(1, round($3::int * CASE b.risk_class WHEN 'high' THEN $7::float8 WHEN 'higher' THEN $8::float8
       WHEN 'low' THEN $10::float8 ELSE $9::float8 END))::int AS cyc) c
     CROSS JOIN LATERAL (SELECT ($5::int - ((($5::int - ${spreadSql('b.id::bigint')} % c.cyc) % c.cyc + c.cyc) % c.cyc))::int AS start_n) p
     WHERE p.start_n > $4::int AND ${where}
     ON CONFLICT DO NOTHING`, params)
  return rowCount
}

export interface GenerationResult {
  /** the days whose period starts were generated */
  days: number
  created: number
}

/**
 * The job's run: the periods starting since the last run up to today (Asia/Shanghai), one day on the
 * first run. The run marker is locked and moved in the same transaction, so two servers running the
 * job at once cannot generate a day twice, and a run that fails generates nothing.
 */
export async function generatePatrolTasks(db: Db, now: Date, factors: RiskFactors, annualRemindersFrom = DEFAULT_ANNUAL_REMINDERS_FROM): Promise<GenerationResult> {
  return db.transaction(async (tx) => {
    await tx.query(`INSERT INTO patrol_task_runs (id, last_day) VALUES (1, date '1970-01-01') ON CONFLICT (id) DO NOTHING`)
    const { rows: [run] } = await tx.query<{ last_day: string }>(`SELECT to_char(last_day, 'YYYY-MM-DD') AS last_day FROM patrol_task_runs WHERE id = 1 FOR UPDATE`)
    const today = dayNumber(shanghaiDay(now))
    const last = run.last_day === '1970-01-01' ? null : dayNumber(run.last_day)
    const days = daysToGenerate(last, today)
    if (!days.length) return { days: 0, created: 0 }
    let created = 0
    for (const item of (await readItems(tx)).filter((i) => i.active)) {
      created += await generatePeriodic(tx, item, days[0] - 1, today, factors)
      created += await generateAnnualReminders(tx, item, now, annualRemindersFrom)
    }
    await tx.query(`UPDATE patrol_task_runs SET last_day = date '1970-01-01' + $1::int WHERE id = 1`, [today])
    return { days: days.length, created }
  })
}

/**
 * The tasks a registration calls for (items with cycle event 'registered'), in the registration's
 * own transaction: due at the close of the item's N-th working day after it.
 */
export async function createRegistrationTasks(tx: Sql, businessId: number, now: Date): Promise<number> {
  const items = (await readItems(tx)).filter((i) => i.active && i.definition.cycle.kind === 'event' && i.definition.cycle.event === 'registered')
  if (!items.length) return 0
  const calendar = await loadCalendar(tx)
  let created = 0
  for (const item of items) {
    const cycle = item.definition.cycle as { dueWorkingDays: number }
    const due = addWorkingDays(calendar, now, cycle.dueWorkingDays).day
    const params: unknown[] = [item.code, item.version, businessId, due, item.definition.duties, 'registered:' + shanghaiDay(now)]
    const where = targetFilter(item.definition, params)
    const { rowCount } = await tx.query(
      `INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on, assignee_id)
       SELECT $1, $2, 'b' || b.id, b.id, b.grid_code, $6, $4::date, ${assigneeSql('b.grid_code', 'b.id', '$5', 'b.id')}
       FROM businesses b WHERE b.id = $3 AND ${where}
       ON CONFLICT DO NOTHING`, params)
    created += rowCount
  }
  return created
}

/**
 * Closes the open annual-report reminders of `year` for the given businesses, whose report was
 * recorded (businesses/annual-reports.ts); answers how many were closed.
 */
export async function closeAnnualReportReminders(tx: Sql, year: number, businessIds: readonly number[]): Promise<number> {
  const closed = await tx.query(
    `UPDATE patrol_tasks SET state = 'cancelled' WHERE item_code = 'annual-report' AND state = 'open' AND period = $1 AND business_id = ANY($2::int[])`,
    [`annual:${year}`, businessIds])
  return closed.rowCount ?? 0
}

interface TaskRow {
  id: string
  item_code: string
  item_version: number
  name: { zh: string; en: string }
  business_id: number | null
  business_name: string | null
  uscc: string | null
  address: string | null
  grid_code: string
  period: string
  due_on: string
  overdue: boolean
  assignee_id: number | null
  assignee_name: string | null
  state: 'open' | 'done' | 'cancelled'
  created_at: Date
}

/** The tasks in the actor's scope (by the grid), in the order they were made, paged by id. */
export async function listPatrolTasks(db: Db, actor: Actor, q: PatrolTaskQuery, now: Date): Promise<PatrolTaskPage> {
  authorize(actor, 'patrolTask.read')
  const params: unknown[] = []
  const where = [scopeFilter(actor, 't.grid_code', params)]
  if (q.state) where.push(`t.state = $${params.push(q.state)}`)
  // A market's management sees the tasks given to it, not the grid's (M4.4).
  if (q.mine || keepsMarketOnly(actor)) where.push(`t.assignee_id = $${params.push(actor.userId)}`)
  if (q.under) where.push(`t.grid_code LIKE $${params.push(q.under + '%')}`)
  if (q.itemCode) where.push(`t.item_code = $${params.push(q.itemCode)}`)
  if (q.after) where.push(`t.id > $${params.push(q.after)}`)
  const limit = Math.min(q.limit ?? 50, 500)
  params.push(shanghaiDay(now))
  const { rows } = await db.query<TaskRow>(
    `SELECT t.id::text, t.item_code, t.item_version, v.definition->'name' AS name, t.business_id, b.name AS business_name, b.uscc,
       coalesce(b.actual_address, b.registered_address) AS address, t.grid_code, t.period, to_char(t.due_on, 'YYYY-MM-DD') AS due_on,
       (t.state = 'open' AND t.due_on < $${params.length}::date) AS overdue, t.assignee_id, u.display_name AS assignee_name, t.state, t.created_at
     FROM patrol_tasks t
     JOIN patrol_item_versions v ON v.item_code = t.item_code AND v.version = t.item_version
     LEFT JOIN businesses b ON b.id = t.business_id
     LEFT JOIN users u ON u.id = t.assignee_id
     WHERE ${where.join(' AND ')}
     ORDER BY t.id LIMIT ${limit + 1}`, params)
  const page = rows.slice(0, limit)
  return {
    items: page.map((r) => ({
      id: Number(r.id), itemCode: r.item_code, itemVersion: r.item_version, itemName: r.name,
      business: r.business_id === null ? null : { id: r.business_id, name: r.business_name!, uscc: r.uscc!, address: r.address! },
      gridCode: r.grid_code, period: r.period, dueOn: r.due_on, overdue: r.overdue,
      assignee: r.assignee_id === null ? null : { id: r.assignee_id, name: r.assignee_name! },
      state: r.state, createdAt: new Date(r.created_at).toISOString(),
    })),
    nextCursor: rows.length > limit ? Number(page[page.length - 1].id) : null,
  }
}
