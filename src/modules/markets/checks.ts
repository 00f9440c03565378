/**
 * The station's checks of a market's patrol work (M4.4; seed 004 四(五): 抽查市场管理方对场内主体的
 * 信息采集和巡查情况): once a month is over, a chief draws a share (MARKET_CHECK_RATIO) of the
 * findings the market's management recorded in it; the grid's staff check each drawn finding on
 * the spot and record whether the work was right. A draw is made once and kept with its seed, so
 * it can be redone by anyone and never quietly drawn again; a recorded check is not changed.
 */
import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { shanghaiDay } from '../calendar/rules.ts'
import { utcMinute } from '../../shared/dates.ts'
import { DRAW_COLUMNS, drawView, marketInScope, type DrawRow } from './service.ts'
import { drawSample, monthBounds, monthOf } from './rules.ts'
import type { CheckRecord, CheckView, DrawWithChecks } from './schemas.ts'
import './errors.ts'

/** Draws the month's sample of the market's findings for checking; refused before the month is over, or a second time. */
export async function drawChecks(db: Db, actor: Actor, marketId: number, period: string, ratio: number, now = new Date()): Promise<DrawWithChecks> {
  authorize(actor, 'marketCheck.draw')
  if (period >= monthOf(shanghaiDay(now))) throw new AppError('market.periodOpen', { period, field: 'period' })
  await db.transaction(async (tx) => {
    const market = await marketInScope(tx, actor, marketId, true)
    const { rows: [done] } = await tx.query<{ drawn_at: Date; by: string | null }>(
      `SELECT d.drawn_at, u.display_name AS by FROM market_check_draws d LEFT JOIN users u ON u.id = d.drawn_by
       WHERE d.market_id = $1 AND d.period = $2`, [marketId, period])
    if (done) throw new AppError('market.alreadyDrawn', { period, at: utcMinute(done.drawn_at), by: done.by ?? '—' })
    const { from, to } = monthBounds(period)
    const { rows: findings } = await tx.query<{ id: string }>(
      `SELECT f.id::text FROM patrol_findings f
       JOIN market_businesses mb ON mb.business_id = f.business_id AND mb.market_id = $1
       JOIN users u ON u.id = f.recorded_by AND u.roles @> '{market_operator}'
       WHERE f.recorded_at >= $2 AND f.recorded_at < $3`, [marketId, from, to])
    const seed = randomBytes(16).toString('hex')
    const drawn = drawSample(seed, findings.map((f) => f.id), ratio)
    const { rows: [draw] } = await tx.query<{ id: number }>(
      `INSERT INTO market_check_draws (market_id, period, ratio, seed, population, drawn_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [marketId, period, ratio, seed, findings.length, actor.userId])
    await tx.query('INSERT INTO market_checks (finding_id, draw_id) SELECT unnest($1::uuid[]), $2', [drawn, draw.id])
    await recordAudit(tx, actor, {
      action: 'marketCheck.drawn', objectType: 'market', objectId: marketId, areaCode: market.grid_code,
      details: { period, ratio, seed, population: findings.length, drawn },
    })
  })
  return checksOf(db, actor, marketId, period)
}

interface CheckRow {
  finding_id: string
  business_id: number | null
  uscc: string | null
  business_name: string | null
  item_code: string
  item_name: { zh: string; en: string }
  recorded_at: Date
  recorded_by: string
  answers: Record<string, boolean | number | string>
  finding_note: string | null
  result: 'confirmed' | 'discrepancy' | null
  note: string | null
  checked_by: string | null
  checked_at: Date | null
}

const CHECK_COLUMNS = `c.finding_id::text, f.business_id, b.uscc, b.name AS business_name, f.item_code, v.definition->'name' AS item_name,
  f.recorded_at, ru.display_name AS recorded_by, f.answers, f.note AS finding_note, c.result, c.note,
  cu.display_name AS checked_by, c.checked_at`

const CHECK_FROM = `market_checks c JOIN patrol_findings f ON f.id = c.finding_id
  JOIN patrol_item_versions v ON v.item_code = f.item_code AND v.version = f.item_version
  LEFT JOIN businesses b ON b.id = f.business_id
  JOIN users ru ON ru.id = f.recorded_by
  LEFT JOIN users cu ON cu.id = c.checked_by`

function checkView(r: CheckRow): CheckView {
  return {
    findingId: r.finding_id,
    business: r.business_id === null ? null : { id: r.business_id, uscc: r.uscc!, name: r.business_name! },
    item: { code: r.item_code, zh: r.item_name.zh, en: r.item_name.en },
    recordedAt: new Date(r.recorded_at).toISOString(), recordedBy: r.recorded_by, answers: r.answers, findingNote: r.finding_note,
    result: r.result, note: r.note, checkedBy: r.checked_by, checkedAt: r.checked_at ? new Date(r.checked_at).toISOString() : null,
  }
}

/** The month's draw of a market and its checks, in the order drawn's findings were recorded. */
export async function checksOf(db: Db, actor: Actor, marketId: number, period: string): Promise<DrawWithChecks> {
  authorize(actor, 'market.read')
  await marketInScope(db, actor, marketId)
  const { rows: [draw] } = await db.query<DrawRow>(`SELECT ${DRAW_COLUMNS} FROM market_check_draws d WHERE d.market_id = $1 AND d.period = $2`, [marketId, period])
  if (!draw) return { draw: null, items: [] }
  const { rows } = await db.query<CheckRow>(`SELECT ${CHECK_COLUMNS} FROM ${CHECK_FROM} WHERE c.draw_id = $1 ORDER BY f.recorded_at, c.finding_id`, [draw.id])
  return { draw: drawView(draw), items: rows.map(checkView) }
}

/** What checking a drawn finding found; once recorded it stands (a second record is refused, naming the first). */
export async function recordCheck(db: Db, actor: Actor, findingId: string, input: CheckRecord): Promise<CheckView> {
  authorize(actor, 'marketCheck.record')
  const note = input.note?.trim() || null
  if (input.result === 'discrepancy' && !note) throw new AppError('market.noteNeeded', { field: 'note' })
  return db.transaction(async (tx) => {
    const { rows: [found] } = await tx.query<{ grid_code: string; checked_at: Date | null; by: string | null }>(
      `SELECT m.grid_code, c.checked_at, u.display_name AS by FROM market_checks c
       JOIN market_check_draws d ON d.id = c.draw_id JOIN markets m ON m.id = d.market_id LEFT JOIN users u ON u.id = c.checked_by
       WHERE c.finding_id = $1::uuid AND m.grid_code LIKE $2 FOR UPDATE OF c`, [findingId, actor.scope + '%'])
    if (!found) throw new AppError('market.checkUnknown', { id: findingId })
    if (found.checked_at) throw new AppError('market.checkRecorded', { at: utcMinute(found.checked_at), by: found.by ?? '—' })
    await tx.query(`UPDATE market_checks SET result = $2, note = $3, checked_by = $4, checked_at = now() WHERE finding_id = $1::uuid`,
      [findingId, input.result, note, actor.userId])
    await recordAudit(tx, actor, {
      action: 'marketCheck.recorded', objectType: 'patrolFinding', objectId: findingId, areaCode: found.grid_code, details: { result: input.result, note },
    })
    const { rows: [row] } = await tx.query<CheckRow>(`SELECT ${CHECK_COLUMNS} FROM ${CHECK_FROM} WHERE c.finding_id = $1::uuid`, [findingId])
    return checkView(row)
  })
}
