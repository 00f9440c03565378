/**
 * Co-governance (M4.4, seed 004 三(二)2 and 四(五)): a market's management (role market_operator)
 * keeps the records of the businesses inside its market and patrols them with the field app; the
 * station draws a sample of each month's work and checks it; the results make the market's
 * assessment. A market is a list of businesses in one grid, filled from codes or from an outline.
 *
 * What the management may see and do is in the access rules (policy.ts: 'market.keep',
 * businessScopeFilter) and in task assignment (patrols/tasks.ts); this module keeps the markets.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, isInScope, scopeFilter, type Actor } from '../access/policy.ts'
import { isLiveGrid } from '../areas/lookups.ts'
import { boundaryFromJson, parseBoundary } from '../areas/geometry.ts'
import { recordAudit } from '../audit/service.ts'
import { idsInGridByUscc, idsInGridWithin } from '../businesses/service.ts'
import { shanghaiDay } from '../calendar/rules.ts'
import { assess, monthBounds, monthOf, type AssessmentCounts } from './rules.ts'
import type { DrawView, MarketChange, MarketList, MarketView, NewMarket } from './schemas.ts'
import './errors.ts'

interface MarketRow {
  id: number
  name: string
  grid_code: string
  grid_name: string
  has_boundary: boolean
  business_count: number
  operators: Array<{ username: string; name: string }> | null
}

export interface DrawRow {
  id: number
  market_id: number
  period: string
  ratio: number
  seed: string
  population: number
  sampled: number
  drawn_by: string | null
  drawn_at: Date
}

export const DRAW_COLUMNS = `d.id, d.market_id, d.period, d.ratio, d.seed, d.population,
  (SELECT count(*)::int FROM market_checks c WHERE c.draw_id = d.id) AS sampled,
  (SELECT display_name FROM users WHERE id = d.drawn_by) AS drawn_by, d.drawn_at`

export function drawView(r: DrawRow): DrawView {
  return {
    id: r.id, period: r.period, ratio: Number(r.ratio), seed: r.seed, population: r.population, sampled: r.sampled,
    drawnBy: r.drawn_by, drawnAt: new Date(r.drawn_at).toISOString(),
  }
}

const MARKET_COLUMNS = `m.id, m.name, m.grid_code, a.name AS grid_name, m.boundary IS NOT NULL AS has_boundary,
  (SELECT count(*)::int FROM market_businesses mb WHERE mb.market_id = m.id) AS business_count,
  (SELECT json_agg(json_build_object('username', u.username, 'name', u.display_name) ORDER BY u.username)
     FROM market_operators mo JOIN users u ON u.id = mo.user_id WHERE mo.market_id = m.id) AS operators`

/**
 * The month's figures of each market, in one statement: the tasks given to the market's management
 * on its businesses that fell due in the month, the findings it recorded, and the month's checks.
 */
async function countsOf(sql: Sql, ids: number[], period: string, now: Date): Promise<Map<number, AssessmentCounts>> {
  const { from, to, firstDay, nextFirstDay } = monthBounds(period)
  const { rows } = await sql.query<AssessmentCounts & { market_id: number }>(
    `SELECT m.id AS market_id, t."tasksDue", t."doneOnTime", t.overdue, f.findings, c.sampled, c.checked, c.confirmed, c.discrepancies
     FROM markets m
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS "tasksDue",
         (count(*) FILTER (WHERE t.state = 'done' AND EXISTS (SELECT 1 FROM patrol_findings f WHERE f.task_id = t.id
            AND f.recorded_at < (t.due_on::text || 'T00:00:00+08:00')::timestamptz + interval '1 day')))::int AS "doneOnTime",
         (count(*) FILTER (WHERE t.state = 'open' AND t.due_on < $6::date))::int AS overdue
       FROM patrol_tasks t JOIN market_businesses mb ON mb.business_id = t.business_id AND mb.market_id = m.id
       WHERE t.due_on >= $4::date AND t.due_on < $5::date AND t.state <> 'cancelled'
         AND t.assignee_id IN (SELECT user_id FROM market_operators WHERE market_id = m.id)) t
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS findings FROM patrol_findings f
       JOIN market_businesses mb ON mb.business_id = f.business_id AND mb.market_id = m.id
       JOIN users u ON u.id = f.recorded_by AND u.roles @> '{market_operator}'
       WHERE f.recorded_at >= $2 AND f.recorded_at < $3) f
     CROSS JOIN LATERAL (
       SELECT count(c.finding_id)::int AS sampled, count(c.result)::int AS checked,
         (count(*) FILTER (WHERE c.result = 'confirmed'))::int AS confirmed,
         (count(*) FILTER (WHERE c.result = 'discrepancy'))::int AS discrepancies
       FROM market_check_draws d JOIN market_checks c ON c.draw_id = d.id WHERE d.market_id = m.id AND d.period = $7) c
     WHERE m.id = ANY($1::int[])`,
    [ids, from, to, firstDay, nextFirstDay, shanghaiDay(now), period],
  )
  return new Map(rows.map((r) => [r.market_id, r]))
}

async function readMarkets(sql: Sql, actor: Actor, period: string, now: Date, id?: number): Promise<MarketView[]> {
  const params: unknown[] = []
  const where = [scopeFilter(actor, 'm.grid_code', params)]
  if (id !== undefined) where.push(`m.id = $${params.push(id)}`)
  const { rows } = await sql.query<MarketRow>(
    `SELECT ${MARKET_COLUMNS} FROM markets m JOIN areas a ON a.code = m.grid_code WHERE ${where.join(' AND ')} ORDER BY m.grid_code, m.name`, params)
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const counts = await countsOf(sql, ids, period, now)
  const { rows: draws } = await sql.query<DrawRow>(
    `SELECT ${DRAW_COLUMNS} FROM market_check_draws d WHERE d.market_id = ANY($1::int[]) AND d.period = $2`, [ids, period])
  return rows.map((r) => {
    const c = counts.get(r.id)!
    const draw = draws.find((d) => d.market_id === r.id)
    return {
      id: r.id, name: r.name, gridCode: r.grid_code, gridName: r.grid_name, hasBoundary: r.has_boundary, businessCount: r.business_count,
      operators: r.operators ?? [],
      assessment: { period, ...c, score: assess(c) },
      draw: draw ? drawView(draw) : null,
    }
  })
}

/** The markets of the actor's area with their month's assessment (this month by default). */
export async function listMarkets(db: Db, actor: Actor, ratio: number, period?: string, now = new Date()): Promise<MarketList> {
  authorize(actor, 'market.read')
  const month = period ?? monthOf(shanghaiDay(now))
  return { period: month, ratio, items: await readMarkets(db, actor, month, now) }
}

export async function marketInScope(sql: Sql, actor: Actor, id: number, lock = false): Promise<{ id: number; name: string; grid_code: string }> {
  const params: unknown[] = [id]
  const { rows } = await sql.query<{ id: number; name: string; grid_code: string }>(
    `SELECT id, name, grid_code FROM markets m WHERE id = $1 AND ${scopeFilter(actor, 'm.grid_code', params)}${lock ? ' FOR UPDATE' : ''}`, params)
  if (!rows[0]) throw new AppError('market.notFound', { id })
  return rows[0]
}

/** The ids of the grid's businesses named by `usccs`; refuses with the codes that are not among them. */
async function businessesByCode(tx: Sql, gridCode: string, usccs: readonly string[]): Promise<number[]> {
  if (usccs.length === 0) return []
  const found = await idsInGridByUscc(tx, gridCode, [...new Set(usccs)])
  const unknown = [...new Set(usccs)].filter((u) => !found.has(u))
  if (unknown.length) throw new AppError('market.businessesUnknown', { usccs: unknown.slice(0, 10).join('、') + (unknown.length > 10 ? ' …' : ''), field: 'usccs' })
  return [...found.values()]
}

/** Replaces the market's list with `ids`; refuses businesses another market keeps, naming them. */
async function setBusinesses(tx: Sql, marketId: number, ids: number[]): Promise<{ added: number; removed: number }> {
  const { rows: taken } = await tx.query<{ name: string; market: string }>(
    `SELECT b.name, m.name AS market FROM market_businesses mb JOIN businesses b ON b.id = mb.business_id JOIN markets m ON m.id = mb.market_id
     WHERE mb.business_id = ANY($1::int[]) AND mb.market_id <> $2 ORDER BY b.name LIMIT 10`, [ids, marketId])
  if (taken.length) throw new AppError('market.businessesTaken', { list: taken.map((t) => `${t.name}（${t.market}）`).join('、'), field: 'usccs' })
  const removed = await tx.query('DELETE FROM market_businesses WHERE market_id = $1 AND NOT (business_id = ANY($2::int[]))', [marketId, ids])
  const added = await tx.query(
    'INSERT INTO market_businesses (business_id, market_id) SELECT unnest($1::int[]), $2 ON CONFLICT (business_id) DO NOTHING', [ids, marketId])
  return { added: added.rowCount, removed: removed.rowCount }
}

/**
 * Sets the accounts of the market's management: enabled market-operator accounts inside the
 * actor's area whose area holds the market's grid, keeping no other market.
 */
async function setOperators(tx: Sql, actor: Actor, marketId: number, gridCode: string, usernames: readonly string[]): Promise<void> {
  const unique = [...new Set(usernames)]
  const { rows } = await tx.query<{ id: number; username: string }>(
    `SELECT u.id, u.username FROM users u
     WHERE u.username = ANY($1::text[]) AND u.disabled_at IS NULL AND u.roles @> '{market_operator}'
       AND $2::text LIKE (u.scope || '%') AND u.scope LIKE $3::text
       AND NOT EXISTS (SELECT 1 FROM market_operators mo WHERE mo.user_id = u.id AND mo.market_id <> $4)`,
    [unique, gridCode, actor.scope + '%', marketId])
  const bad = unique.find((name) => !rows.some((r) => r.username === name))
  if (bad !== undefined) throw new AppError('market.operatorInvalid', { username: bad, field: 'operators' })
  await tx.query('DELETE FROM market_operators WHERE market_id = $1', [marketId])
  if (rows.length) await tx.query('INSERT INTO market_operators (user_id, market_id) SELECT unnest($1::int[]), $2', [rows.map((r) => r.id), marketId])
}

/** The grid's businesses placed inside `boundary`, with the boundary checked first. */
async function businessesInside(tx: Sql, gridCode: string, boundary: unknown): Promise<{ geometry: string; ids: number[] }> {
  const parsed = parseBoundary(boundary)
  if ('error' in parsed) throw new AppError('market.boundaryInvalid', { reason: parsed.error === 'area.geometryNotPolygon' ? 'Polygon / MultiPolygon' : 'coordinates', field: 'boundary' })
  const geometry = JSON.stringify(parsed.geometry)
  const { rows: [check] } = await tx.query<{ reason: string | null }>(
    `SELECT CASE WHEN ST_IsValid(g) THEN NULL ELSE ST_IsValidReason(g) END AS reason FROM (SELECT ${boundaryFromJson('$1')} AS g) s`, [geometry])
  if (check.reason) throw new AppError('market.boundaryInvalid', { reason: check.reason, field: 'boundary' })
  return { geometry, ids: await idsInGridWithin(tx, gridCode, geometry) }
}

/** Sets up a market in a grid of the actor's area: its list (codes and/or outline) and its management. */
export async function createMarket(db: Db, actor: Actor, input: NewMarket, now = new Date()): Promise<{ market: MarketView; operatorsChanged: boolean }> {
  authorize(actor, 'market.manage')
  const name = input.name.trim()
  const market = await db.transaction(async (tx) => {
    const gridCode = input.gridCode
    if (!isInScope(actor, gridCode) || !(await isLiveGrid(tx, gridCode))) throw new AppError('market.notGrid', { code: gridCode, field: 'gridCode' })
    const listed = await businessesByCode(tx, gridCode, input.usccs ?? [])
    const inside = input.boundary === undefined ? null : await businessesInside(tx, gridCode, input.boundary)
    const { rows: [created] } = await tx.query<{ id: number }>(
      `INSERT INTO markets (name, grid_code, boundary, created_by) VALUES ($1, $2, ${boundaryFromJson('$3::text')}, $4)
       ON CONFLICT (grid_code, name) DO NOTHING RETURNING id`,
      [name, gridCode, inside?.geometry ?? null, actor.userId])
    if (!created) throw new AppError('market.nameTaken', { name, field: 'name' })
    const ids = [...new Set([...listed, ...(inside?.ids ?? [])])]
    await setBusinesses(tx, created.id, ids)
    await setOperators(tx, actor, created.id, gridCode, input.operators ?? [])
    await recordAudit(tx, actor, {
      action: 'market.created', objectType: 'market', objectId: created.id, areaCode: gridCode,
      details: { name, businesses: ids.length, outline: inside !== null, operators: input.operators ?? [] },
    })
    return (await readMarkets(tx, actor, monthOf(shanghaiDay(now)), now, created.id))[0]
  })
  return { market, operatorsChanged: (input.operators ?? []).length > 0 }
}

/** Renames a market, replaces its list or its management. */
export async function changeMarket(db: Db, actor: Actor, id: number, change: MarketChange, now = new Date()): Promise<{ market: MarketView; operatorsChanged: boolean }> {
  authorize(actor, 'market.manage')
  const market = await db.transaction(async (tx) => {
    const current = await marketInScope(tx, actor, id, true)
    const details: Record<string, unknown> = {}
    if (change.name !== undefined && change.name.trim() !== current.name) {
      const name = change.name.trim()
      const { rows } = await tx.query('SELECT 1 FROM markets WHERE grid_code = $1 AND name = $2 AND id <> $3', [current.grid_code, name, id])
      if (rows.length) throw new AppError('market.nameTaken', { name, field: 'name' })
      await tx.query('UPDATE markets SET name = $2 WHERE id = $1', [id, name])
      details.name = { from: current.name, to: name }
    }
    if (change.usccs !== undefined) details.businesses = await setBusinesses(tx, id, await businessesByCode(tx, current.grid_code, change.usccs))
    if (change.operators !== undefined) {
      await setOperators(tx, actor, id, current.grid_code, change.operators)
      details.operators = change.operators
    }
    if (Object.keys(details).length) {
      await recordAudit(tx, actor, { action: 'market.changed', objectType: 'market', objectId: id, areaCode: current.grid_code, details })
    }
    return (await readMarkets(tx, actor, monthOf(shanghaiDay(now)), now, id))[0]
  })
  return { market, operatorsChanged: change.operators !== undefined }
}
