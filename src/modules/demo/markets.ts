/**
 * The demo's market (M4.4): a farmers' market in the demo grid 050203 whose management (the demo
 * account market050203) keeps twelve of the grid's businesses. For the served demo, its work too:
 * the licence-display check names the market's management among its duties, last month's checks
 * are done but one, and this month's wait on the management's phone, so that the station chief
 * (station0502) can draw last month's sample and the grid head check it.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { addWorkingDays, shanghaiDay } from '../calendar/rules.ts'
import { loadCalendar } from '../calendar/service.ts'
import { monthOf, previousMonth } from '../markets/rules.ts'

const DEMO_MARKET = { name: '席王综合农贸市场', gridCode: '050203', operator: 'market050203', businesses: 12 }

/** The market and its management's account, in the seed's transaction (after the accounts). */
export async function writeDemoMarket(tx: Sql): Promise<void> {
  const { rows: [market] } = await tx.query<{ id: number }>(
    'INSERT INTO markets (name, grid_code) VALUES ($1, $2) RETURNING id', [DEMO_MARKET.name, DEMO_MARKET.gridCode])
  // Past the first businesses of the grid, which the demo's registration checks take (patrols.ts).
  await tx.query(
    `INSERT INTO market_businesses (business_id, market_id)
     SELECT id, $2 FROM businesses WHERE grid_code = $1 AND operating_state = 'operating' ORDER BY id OFFSET 4 LIMIT $3`,
    [DEMO_MARKET.gridCode, market.id, DEMO_MARKET.businesses])
  await tx.query(
    'INSERT INTO market_operators (user_id, market_id) SELECT id, $2 FROM users WHERE username = $1', [DEMO_MARKET.operator, market.id])
}

/**
 * The market's work for the served demo: the licence-display item's duties gain the market's
 * management (a new version, as a district chief would revise it); last month every business but
 * one had its check done on time; this month each has one due in ten working days.
 */
export async function seedDemoMarketWork(db: Db, now: Date, log: (msg: string) => void): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows: [item] } = await tx.query<{ version: number; duties: string[] }>(
      `SELECT i.version, v.definition->'duties' AS duties FROM patrol_items i
       JOIN patrol_item_versions v ON v.item_code = i.code AND v.version = i.version WHERE i.code = 'licence-display'`)
    if (!item) return
    let version = item.version
    if (!item.duties.includes('market_operator')) {
      version++
      await tx.query(
        `INSERT INTO patrol_item_versions (item_code, version, definition)
         SELECT item_code, $1, jsonb_set(definition, '{duties}', definition->'duties' || '["market_operator"]') FROM patrol_item_versions
         WHERE item_code = 'licence-display' AND version = $2`, [version, item.version])
      await tx.query(`UPDATE patrol_items SET version = $1 WHERE code = 'licence-display'`, [version])
    }
    const today = shanghaiDay(now)
    const last = previousMonth(monthOf(today))
    const due = addWorkingDays(await loadCalendar(tx), now, 10).day
    const { rows: tasks } = await tx.query<{ id: string; business_id: number; state: string }>(
      `WITH m AS (
         SELECT mb.business_id, mo.user_id, row_number() OVER (ORDER BY mb.business_id)::int AS k
         FROM markets mk JOIN market_businesses mb ON mb.market_id = mk.id JOIN market_operators mo ON mo.market_id = mk.id
         WHERE mk.name = $1 AND mk.grid_code = $2)
       INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on, assignee_id, state)
       SELECT 'licence-display', $3, 'b' || m.business_id, m.business_id, $2, $4 || '-01', ($4 || '-20')::date, m.user_id,
         CASE WHEN m.k = 1 THEN 'open' ELSE 'done' END
       FROM m ON CONFLICT DO NOTHING RETURNING id, business_id, state`,
      [DEMO_MARKET.name, DEMO_MARKET.gridCode, version, last])
    const done = tasks.filter((t) => t.state === 'done')
    for (const [i, t] of done.entries()) {
      await tx.query(
        `INSERT INTO patrol_findings (id, content_sha256, task_id, item_code, item_version, business_id, grid_code, answers, recorded_at, recorded_by)
         SELECT gen_random_uuid(), encode(sha256(convert_to($1::text, 'UTF8')), 'hex'), $1::bigint, 'licence-display', $2, $3, $4,
           '{"displayed": true}', ($5 || '-' || lpad($6::text, 2, '0') || 'T10:00:00+08:00')::timestamptz, t.assignee_id
         FROM patrol_tasks t WHERE t.id = $1::bigint`,
        [t.id, version, t.business_id, DEMO_MARKET.gridCode, last, 3 + i])
    }
    // This month's: one per business whose last-month task is done (an open one stays the business's open task).
    await tx.query(
      `INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on, assignee_id)
       SELECT 'licence-display', $1, t.target_key, t.business_id, t.grid_code, $2, $3::date, t.assignee_id
       FROM patrol_tasks t WHERE t.id = ANY($4::bigint[]) ON CONFLICT DO NOTHING`,
      [version, today, due, done.map((t) => t.id)])
    log(`demo: market ${DEMO_MARKET.name}, ${done.length} findings last month`)
  })
}
