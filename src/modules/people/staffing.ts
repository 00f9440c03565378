/**
 * The staffing report (M2.3 "the ledger shows which grids break a rule"): per live grid in scope,
 * who holds which duty and which rules the grid breaks. One query groups the duties per grid, so
 * ten thousand grids cost one round trip, not ten thousand.
 */
import type { Sql } from '../../db/connection.ts'
import { authorize, scopeFilter, type Actor } from '../access/policy.ts'
import {
  GRID_ROLES, staffingCounts, staffingViolations, VIOLATION_TEXT, type GridAssignment, type PersonRef,
  type StaffingCounts, type ViolationCode,
} from './rules.ts'

interface GridStaffing {
  code: string
  name: string
  counts: StaffingCounts
  gridHeads: PersonRef[]
  overseers: PersonRef[]
  violations: Array<{ code: ViolationCode; zh: string; en: string; people: PersonRef[] }>
}

/** A duty still held on a grid that was split, merged or moved away (M1.4): someone must re-assign it. */
interface RetiredDuty {
  areaCode: string
  areaName: string
  successorCodes: string[]
  role: string
  person: PersonRef
}

export interface StaffingReport {
  under: string
  grids: GridStaffing[]
  retiredDuties: RetiredDuty[]
  summary: { grids: number; gridsOk: number; gridsWithViolations: number; violations: Record<ViolationCode, number> }
}

export async function staffingReport(db: Sql, actor: Actor, opts: { under?: string; violationsOnly?: boolean }): Promise<StaffingReport> {
  authorize(actor, 'person.read')
  const params: unknown[] = []
  const where = [scopeFilter(actor, 'g.code', params)]
  if (opts.under) {
    params.push(opts.under + '%')
    where.push(`g.code LIKE $${params.length}`)
  }
  params.push(GRID_ROLES)
  const { rows } = await db.query<{ code: string; name: string; assignments: GridAssignment[] | string }>(
    `SELECT g.code, g.name,
       coalesce(json_agg(json_build_object('personId', p.id, 'name', p.name, 'position', p.position,
         'onDuty', p.on_duty, 'role', r.role) ORDER BY p.id) FILTER (WHERE p.id IS NOT NULL), '[]'::json) AS assignments
     FROM grids g
     LEFT JOIN person_roles r ON r.area_code = g.code AND r.role = ANY($${params.length}::text[])
     LEFT JOIN people p ON p.id = r.person_id
     WHERE ${where.join(' AND ')}
     GROUP BY g.code, g.name
     ORDER BY g.code`,
    params,
  )
  const violations = { noGridHead: 0, gridHeadNotOfficer: 0, noOverseer: 0, tooManyOverseers: 0 }
  const grids: GridStaffing[] = []
  let gridsOk = 0
  for (const row of rows) {
    const assignments: GridAssignment[] = typeof row.assignments === 'string' ? JSON.parse(row.assignments) : row.assignments
    const found = staffingViolations({ code: row.code }, assignments)
    for (const v of found) violations[v.code]++
    if (found.length === 0) gridsOk++
    if (opts.violationsOnly && found.length === 0) continue
    const onDuty = (role: string) => assignments.filter((a) => a.role === role && a.onDuty).map((a) => ({ id: a.personId, name: a.name }))
    grids.push({
      code: row.code, name: row.name, counts: staffingCounts(assignments),
      gridHeads: onDuty('grid_head'), overseers: onDuty('overseer'),
      violations: found.map((v) => ({ code: v.code, ...VIOLATION_TEXT[v.code], people: v.people })),
    })
  }
  // Retired areas keep their duties (history), but a duty there serves no live grid.
  const retired = await db.query<{ area_code: string; area_name: string; successor_codes: string[] | null; role: string; person_id: number; person_name: string }>(
    `SELECT r.area_code, a.name AS area_name, a.successor_codes, r.role, p.id AS person_id, p.name AS person_name
     FROM person_roles r JOIN areas a ON a.code = r.area_code AND a.retired_at IS NOT NULL
     JOIN people p ON p.id = r.person_id
     WHERE ${where.join(' AND ').replace(/g\.code/g, 'r.area_code')}
     ORDER BY r.area_code, p.id`,
    params.slice(0, -1),
  )
  return {
    under: opts.under ?? actor.scope,
    grids,
    retiredDuties: retired.rows.map((r) => ({
      areaCode: r.area_code, areaName: r.area_name, successorCodes: r.successor_codes ?? [], role: r.role,
      person: { id: r.person_id, name: r.person_name },
    })),
    summary: { grids: rows.length, gridsOk, gridsWithViolations: rows.length - gridsOk, violations },
  }
}
