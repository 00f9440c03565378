/**
 * The command centre's view of the open cases (M5.2, issue 12 §6): counts by state and by the areas
 * one level below the viewer, deadlines about to be missed, emergencies on top, and the open cases
 * as points for the map. Only open cases are read (a partial index each), so two million closed
 * ones cost nothing here.
 */
import type { Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, type Actor } from '../access/policy.ts'
import { liveChildAreas } from '../areas/lookups.ts'
import { CASE_STATES, type CaseState } from './loop.ts'
import { isLiaisonOnly } from './rules.ts'
import type { SummaryCache } from './summary-cache.ts'
import './errors.ts'

interface AreaCount {
  code: string
  name: string
  open: number
  overdue: number
  emergency: number
}

interface UrgentCase {
  id: number
  trackingNo: string
  title: string
  state: CaseState
  gridCode: string | null
  holderCode: string
  emergency: boolean
  dueAt: string | null
  overdueAt: string | null
}

export interface CaseSummary {
  under: string
  byState: Record<CaseState, number>
  byArea: AreaCount[]
  open: number
  overdue: number
  emergencies: UrgentCase[]
  /** open cases whose deadline falls within `dueWithinHours`, nearest first */
  dueSoon: UrgentCase[]
  overdueCases: UrgentCase[]
}

/** The area a summary covers: the one asked for, inside the viewer's scope, or the scope itself. */
function summaryRoot(actor: Actor, under: string | undefined): string {
  authorize(actor, 'case.read')
  if (isLiaisonOnly(actor)) throw new AppError('auth.forbidden', { action: 'case.summary' })
  const root = under ?? actor.scope
  if (!root.startsWith(actor.scope)) throw new AppError('case.outsideScope', { code: root, field: 'under' })
  return root
}

const AREA = 'coalesce(c.grid_code, c.holder_code)'

/**
 * The summary of the open cases under the viewer's scope (or `under`, inside it). With `cache`, a
 * summary read for another viewer of the same area a moment ago serves (summary-cache.ts): the
 * scope is checked first, and the summary itself depends only on the area and the horizon.
 */
export async function caseSummary(
  sql: Sql, actor: Actor, opts: { under?: string; dueWithinHours?: number } = {}, cache?: SummaryCache,
): Promise<CaseSummary> {
  const root = summaryRoot(actor, opts.under)
  const hours = opts.dueWithinHours ?? 24
  return cache ? cache.get(root, hours, () => readSummary(sql, root, hours)) : readSummary(sql, root, hours)
}

async function readSummary(sql: Sql, root: string, dueWithinHours: number): Promise<CaseSummary> {
  const prefix = root + '%'
  const urgentColumns = `c.id, c.tracking_no, c.title, c.state, c.grid_code, c.holder_code, c.emergency, c.due_at, c.overdue_at`
  const open = `c.closed_at IS NULL AND ${AREA} LIKE $1`
  // Two statements: the counts by child area and state, and the three short lists in one.
  const [counts, areas, urgentRows] = await Promise.all([
    sql.query<{ code: string; state: CaseState; n: number; overdue: number; emergency: number }>(
      `SELECT left(${AREA}, $2) AS code, c.state, count(*)::int AS n, count(c.overdue_at)::int AS overdue,
         (count(*) FILTER (WHERE c.emergency))::int AS emergency
       FROM cases c WHERE ${open} GROUP BY 1, 2`,
      [prefix, root.length + 2]),
    liveChildAreas(sql, root === '' ? null : root),
    sql.query<UrgentRow & { list: 'emergency' | 'due' | 'overdue' }>(
      `(SELECT 'emergency' AS list, ${urgentColumns} FROM cases c WHERE ${open} AND c.emergency ORDER BY c.created_at DESC LIMIT 20)
       UNION ALL
       (SELECT 'due', ${urgentColumns} FROM cases c WHERE ${open} AND c.overdue_at IS NULL AND c.due_at < now() + make_interval(hours => $2)
        ORDER BY c.due_at LIMIT 20)
       UNION ALL
       (SELECT 'overdue', ${urgentColumns} FROM cases c WHERE ${open} AND c.overdue_at IS NOT NULL ORDER BY c.overdue_at LIMIT 20)`,
      [prefix, dueWithinHours]),
  ])
  const byState = Object.fromEntries(CASE_STATES.map((s) => [s, 0])) as Record<CaseState, number>
  const byCode = new Map(areas.map((a) => [a.code, { code: a.code, name: a.name, open: 0, overdue: 0, emergency: 0 }]))
  let total = 0
  let overdueTotal = 0
  for (const r of counts.rows) {
    byState[r.state] += r.n
    total += r.n
    overdueTotal += r.overdue
    const area = byCode.get(r.code)
    if (area) {
      area.open += r.n
      area.overdue += r.overdue
      area.emergency += r.emergency
    }
  }
  const list = (name: string) => urgentRows.rows.filter((r) => r.list === name).map(urgent)
  return {
    under: root, byState, byArea: [...byCode.values()], open: total, overdue: overdueTotal,
    emergencies: list('emergency'), dueSoon: list('due'), overdueCases: list('overdue'),
  }
}

interface UrgentRow {
  id: number; tracking_no: string; title: string; state: CaseState; grid_code: string | null; holder_code: string
  emergency: boolean; due_at: Date | null; overdue_at: Date | null
}

const urgent = (r: UrgentRow): UrgentCase => ({
  id: r.id, trackingNo: r.tracking_no, title: r.title, state: r.state, gridCode: r.grid_code, holderCode: r.holder_code,
  emergency: r.emergency, dueAt: r.due_at && new Date(r.due_at).toISOString(), overdueAt: r.overdue_at && new Date(r.overdue_at).toISOString(),
})

/** Open cases with a point, as GeoJSON for the map (at most `limit`, emergencies and overdue first). */
export async function openCasePoints(sql: Sql, actor: Actor, opts: { under?: string; limit?: number } = {}) {
  const root = summaryRoot(actor, opts.under)
  const { rows } = await sql.query<{ id: number; state: CaseState; emergency: boolean; overdue: boolean; title: string; lng: number; lat: number }>(
    `SELECT c.id, c.state, c.emergency, c.overdue_at IS NOT NULL AS overdue, c.title, ST_X(c.location) AS lng, ST_Y(c.location) AS lat
     FROM cases c WHERE c.closed_at IS NULL AND ${AREA} LIKE $1 AND c.location IS NOT NULL
     ORDER BY c.emergency DESC, c.overdue_at NULLS LAST, c.id DESC LIMIT $2`,
    [root + '%', opts.limit ?? 5000],
  )
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const, id: r.id,
      geometry: { type: 'Point' as const, coordinates: [r.lng, r.lat] },
      properties: { id: r.id, state: r.state, emergency: r.emergency, overdue: r.overdue, title: r.title },
    })),
  }
}
