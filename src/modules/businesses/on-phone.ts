/**
 * The businesses a field worker's phone keeps (issue 15 §3): those of the user's own grids, not of
 * the whole district, so that a business opens from its QR plate in a market hall with no signal.
 * The phone says which versions it holds; the answer carries only the businesses that are new or
 * changed since, and the ids it should drop (moved to another grid, or the grids changed hands), so
 * a later sync sends only changes. Versions (0520) are exact where a timestamp watermark is not: a
 * write committed late with an early timestamp would slip past a "changed since" query.
 */
import type { Db } from '../../db/connection.ts'
import { authorizeBusinesses, businessScopeFilter, isInScope, type Actor } from '../access/policy.ts'
import { BUSINESS_COLUMNS, toView, type BusinessRow, type BusinessView } from './service.ts'

/** More than any grid holds (the benchmark's dense grid has 2,000): a bound on one answer. */
export const ON_PHONE_MAX = 10_000

export interface OnPhoneSync {
  /** the grids whose businesses the phone keeps */
  grids: Array<{ code: string; name: string }>
  /** new or changed since the versions the phone holds; personal fields masked, as in every list */
  changed: BusinessView[]
  /** ids the phone holds that are no longer among them */
  removed: number[]
  total: number
}

/**
 * A user's own grids: the grid the account is scoped to, or, for an account over a station or a
 * district, the grids of the open patrol tasks given to it. An account with neither keeps none:
 * the console, not a phone, is where a district is searched.
 */
async function ownGrids(db: Db, actor: Actor): Promise<Array<{ code: string; name: string }>> {
  const { rows } = actor.scope.length === 6
    ? await db.query<{ code: string; name: string }>(`SELECT code, name FROM grids WHERE code = $1`, [actor.scope])
    : await db.query<{ code: string; name: string }>(
      `SELECT g.code, g.name FROM grids g
       WHERE g.code IN (SELECT DISTINCT grid_code FROM patrol_tasks WHERE assignee_id = $1 AND state = 'open')
       ORDER BY g.code`, [actor.userId])
  return rows.filter((g) => isInScope(actor, g.code))
}

/** `known`: the phone's [id, version] pairs. */
export async function businessesOnPhone(db: Db, actor: Actor, known: Array<[number, number]>): Promise<OnPhoneSync> {
  authorizeBusinesses(actor, 'business.read')
  const grids = await ownGrids(db, actor)
  // (for a market's management, the businesses of its market only: M4.4)
  const params: unknown[] = [grids.map((g) => g.code)]
  const { rows } = await db.query<{ id: number; version: number }>(
    `SELECT id, version FROM businesses WHERE grid_code = ANY($1::text[]) AND ${businessScopeFilter(actor, 'id', 'area_code', params)}
     ORDER BY id LIMIT ${ON_PHONE_MAX}`, params)
  const held = new Map(known)
  const wanted = rows.filter((r) => held.get(r.id) !== r.version).map((r) => r.id)
  const current = new Set(rows.map((r) => r.id))
  const changed = wanted.length === 0
    ? []
    : (await db.query<BusinessRow>(`SELECT ${BUSINESS_COLUMNS} FROM businesses WHERE id = ANY($1::int[]) ORDER BY id`, [wanted])).rows
  return {
    grids,
    changed: changed.map((r) => toView(r, true)),
    removed: [...held.keys()].filter((id) => !current.has(id)),
    total: rows.length,
  }
}
