/**
 * The personnel ledger (M2.3): people, their positions, contact and duties in areas. Every read is
 * scope-filtered in SQL; every write is checked by rules.ts and audited in its own transaction.
 * People are never deleted: one leaves by going off duty and losing their duties (the audit log
 * keeps the history).
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, can, isInScope, scopeFilter, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { fieldChanges, refuseStale, refuseUnreadable } from '../audit/changes.ts'
import { areaFacts } from '../areas/lookups.ts'
import {
  checkPerson, maskPhone, mergeChange, normaliseRoles, type PersonChange, type PersonRecord, type Problem,
  type RoleAssignment,
} from './rules.ts'
import type { PersonView } from './schemas.ts'
import './errors.ts'

interface PersonRow {
  id: number
  name: string
  position: string
  phone: string | null
  organisation: string | null
  area_code: string
  on_duty: boolean
  updated_at: Date | string
  version: number
  roles: RoleAssignment[] | string
}

function toPersonView(r: PersonRow, personal: boolean): PersonView {
  const roles = typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles
  return {
    id: r.id, name: r.name, position: r.position,
    phone: personal ? r.phone : maskPhone(r.phone), phoneMasked: !personal && r.phone !== null,
    organisation: r.organisation, areaCode: r.area_code, onDuty: r.on_duty, roles: normaliseRoles(roles ?? []),
    updatedAt: new Date(r.updated_at).toISOString(), version: r.version,
  }
}

/**
 * Q3 A person is visible when their home unit OR one of their duties lies in the actor's scope: a
 * station chief sees the deputy from another station who heads one of his grids.
 */
function visibleCondition(actor: Pick<Actor, 'scope'>, params: unknown[], alias = 'p'): string {
  const home = scopeFilter(actor, `${alias}.area_code`, params)
  const duty = scopeFilter(actor, 'vr.area_code', params)
  return `(${home} OR EXISTS (SELECT 1 FROM person_roles vr WHERE vr.person_id = ${alias}.id AND ${duty}))`
}

/** The select list of a person with their duties inside the actor's scope. */
function personColumns(actor: Pick<Actor, 'scope'>, params: unknown[], alias = 'p'): string {
  const inScope = scopeFilter(actor, 'r.area_code', params)
  return `${alias}.id, ${alias}.name, ${alias}.position, ${alias}.phone, ${alias}.organisation, ${alias}.area_code,
    ${alias}.on_duty, ${alias}.updated_at, ${alias}.version,
    (SELECT coalesce(json_agg(json_build_object('role', r.role, 'areaCode', r.area_code)), '[]'::json)
       FROM person_roles r WHERE r.person_id = ${alias}.id AND ${inScope}) AS roles`
}

/** The area codes a person record names: home unit and duty areas. */
export const areaCodesOf = (p: PersonRecord) => [p.areaCode, ...p.roles.map((r) => r.areaCode)]

/** The stored records (all duties, in scope or not) of the given ids visible to the actor, locked for update. */
export async function loadForUpdate(tx: Sql, actor: Actor, ids: number[]): Promise<Map<number, PersonRecord>> {
  return new Map([...(await loadRowsForUpdate(tx, actor, ids))].map(([id, r]) => [id, r.record]))
}

/** As loadForUpdate, with each person's version and the row as the actor may see it. */
async function loadRowsForUpdate(tx: Sql, actor: Actor, ids: number[]): Promise<Map<number, { record: PersonRecord; row: PersonRow }>> {
  const map = new Map<number, { record: PersonRecord; row: PersonRow }>()
  if (ids.length === 0) return map
  const params: unknown[] = [ids]
  const { rows } = await tx.query<PersonRow>(
    `SELECT p.id, p.name, p.position, p.phone, p.organisation, p.area_code, p.on_duty, p.updated_at, p.version,
       (SELECT coalesce(json_agg(json_build_object('role', r.role, 'areaCode', r.area_code)), '[]'::json)
          FROM person_roles r WHERE r.person_id = p.id) AS roles
     FROM people p WHERE p.id = ANY($1::int[]) AND ${visibleCondition(actor, params)}
     ORDER BY p.id FOR UPDATE OF p`,
    params,
  )
  for (const r of rows) {
    const roles = typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles
    map.set(r.id, {
      record: {
        name: r.name, position: r.position, phone: r.phone, organisation: r.organisation, areaCode: r.area_code,
        onDuty: r.on_duty, roles: normaliseRoles(roles),
      },
      row: { ...r, roles },
    })
  }
  return map
}

/** Inserts people (ids drawn first so that their duties can follow in one statement). */
export async function insertPeople(tx: Sql, records: PersonRecord[]): Promise<number[]> {
  if (records.length === 0) return []
  const { rows } = await tx.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('people', 'id'))::int AS id FROM generate_series(1, $1::int)`,
    [records.length],
  )
  const ids = rows.map((r) => r.id)
  await tx.query(
    `INSERT INTO people (id, name, position, phone, organisation, area_code, on_duty)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])`,
    [ids, ...columnsOf(records)],
  )
  await insertRoles(tx, ids, records)
  return ids
}

/** Rewrites people and their whole duty set (the caller merged out-of-scope duties back in). */
export async function updatePeople(tx: Sql, ids: number[], records: PersonRecord[]): Promise<void> {
  if (ids.length === 0) return
  await tx.query(
    `UPDATE people p SET name = u.name, position = u.position, phone = u.phone, organisation = u.organisation,
       area_code = u.area_code, on_duty = u.on_duty, updated_at = now()
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])
       AS u(id, name, position, phone, organisation, area_code, on_duty)
     WHERE p.id = u.id`,
    [ids, ...columnsOf(records)],
  )
  await tx.query('DELETE FROM person_roles WHERE person_id = ANY($1::int[])', [ids])
  await insertRoles(tx, ids, records)
}

function columnsOf(records: PersonRecord[]): unknown[] {
  return [
    records.map((r) => r.name), records.map((r) => r.position), records.map((r) => r.phone),
    records.map((r) => r.organisation), records.map((r) => r.areaCode), records.map((r) => r.onDuty),
  ]
}

async function insertRoles(tx: Sql, ids: number[], records: PersonRecord[]): Promise<void> {
  const personIds: number[] = []
  const roles: string[] = []
  const areas: string[] = []
  records.forEach((rec, i) => {
    for (const r of rec.roles) {
      personIds.push(ids[i])
      roles.push(r.role)
      areas.push(r.areaCode)
    }
  })
  if (personIds.length === 0) return
  await tx.query(
    `INSERT INTO person_roles (person_id, role, area_code)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
    [personIds, roles, areas],
  )
}

/** The first problem as the error of the request, the others listed with it. */
function refuse(problems: Problem[]): never {
  const [first] = problems
  throw new AppError(first.code, {
    ...first.details, problems: problems.map((p) => ({ code: p.code, field: p.field, ...p.details })),
  })
}

/** What the audit log keeps of a person: no phone number, only whether one is set (personal data). */
export function auditShape(p: PersonRecord) {
  return {
    name: p.name, position: p.position, hasPhone: p.phone !== null, organisation: p.organisation, areaCode: p.areaCode,
    onDuty: p.onDuty, roles: p.roles.map((r) => `${r.role}@${r.areaCode}`),
  }
}

async function viewOf(sql: Sql, actor: Actor, id: number, personal: boolean): Promise<PersonView | null> {
  const params: unknown[] = [id]
  const { rows } = await sql.query<PersonRow>(
    `SELECT ${personColumns(actor, params)} FROM people p WHERE p.id = $1 AND ${visibleCondition(actor, params)}`,
    params,
  )
  return rows[0] ? toPersonView(rows[0], personal) : null
}

/** Adds a person with their duties; every duty area must lie in the actor's scope and suit the role's level. */
export function createPerson(db: Db, actor: Actor, input: PersonChange): Promise<PersonView> {
  authorize(actor, 'person.write')
  return db.transaction(async (tx) => {
    const next = mergeChange(null, input, actor.scope)
    const problems = checkPerson(next, { areas: await areaFacts(tx, areaCodesOf(next)), scope: actor.scope })
    if (problems.length) refuse(problems)
    const [id] = await insertPeople(tx, [next])
    await recordAudit(tx, actor, {
      action: 'person.created', objectType: 'person', objectId: id, areaCode: next.areaCode, details: auditShape(next),
    })
    return (await viewOf(tx, actor, id, false))!
  })
}

/** What an update event records of a person (audit/changes.ts): the phone masked, duties as role@area. */
export function personChanges(before: PersonRecord, after: PersonRecord) {
  const shape = (p: PersonRecord) => ({ ...p, roles: p.roles.map((r) => `${r.role}@${r.areaCode}`).sort() })
  return fieldChanges<Record<string, unknown>>(shape(before), shape(after), { phone: 'phone' })
}

/**
 * Changes a person. `roles`, when given, replaces the duties inside the actor's scope. A person
 * leaves by `onDuty: false` and `roles: []`; nothing is deleted. With `expectedVersion` (If-Match)
 * a person changed meanwhile is refused with 'record.versionConflict'. Who sees phones masked
 * cannot write one (a masked number read back must never overwrite the real one).
 */
export function updatePerson(db: Db, actor: Actor, id: number, change: PersonChange, expectedVersion?: number): Promise<PersonView> {
  authorize(actor, 'person.write')
  const personal = can(actor, 'person.readPersonal')
  return db.transaction(async (tx) => {
    const loaded = (await loadRowsForUpdate(tx, actor, [id])).get(id)
    if (!loaded) throw new AppError('person.notFound', { id })
    if (!personal && 'phone' in change) refuseUnreadable('phone', { zh: '电话', en: 'the phone number' })
    // The row is locked (FOR UPDATE): no other write can move the version before ours.
    refuseStale(expectedVersion, loaded.row.version, () => viewOfRow(actor, loaded.row))
    const current = loaded.record
    const next = mergeChange(current, change, actor.scope)
    const problems = checkPerson(next, { areas: await areaFacts(tx, areaCodesOf(next)), scope: actor.scope, current })
    if (problems.length) refuse(problems)
    await updatePeople(tx, [id], [next])
    const view = (await viewOf(tx, actor, id, false))!
    await recordAudit(tx, actor, {
      action: current.onDuty && !next.onDuty ? 'person.leftDuty' : 'person.updated',
      objectType: 'person', objectId: id, areaCode: next.areaCode,
      details: {
        before: auditShape(current), after: auditShape(next), phoneChanged: current.phone !== next.phone,
        changes: personChanges(current, next), version: view.version,
      },
    })
    return view
  })
}

/** A locked row as the actor's GET shows it: duties inside their scope, phone masked. */
function viewOfRow(actor: Actor, row: PersonRow): PersonView {
  const roles = (typeof row.roles === 'string' ? JSON.parse(row.roles) : row.roles) as RoleAssignment[]
  return toPersonView({ ...row, roles: roles.filter((r) => isInScope(actor, r.areaCode)) }, false)
}

/**
 * One person. With 'person.readPersonal' the phone comes unmasked and the view is recorded as
 * 'personal.viewed' in the same transaction; out of scope reads as not found.
 */
export async function getPerson(db: Db, actor: Actor, id: number): Promise<PersonView> {
  authorize(actor, 'person.read')
  if (!can(actor, 'person.readPersonal')) {
    const view = await viewOf(db, actor, id, false)
    if (!view) throw new AppError('person.notFound', { id })
    return view
  }
  return db.transaction(async (tx) => {
    const view = await viewOf(tx, actor, id, true)
    if (!view) throw new AppError('person.notFound', { id })
    await recordAudit(tx, actor, {
      action: 'personal.viewed', objectType: 'person', objectId: id, areaCode: view.areaCode, details: { fields: ['phone'] },
    })
    return view
  })
}

export interface PeopleQuery {
  /** part of the name */
  q?: string
  role?: string
  /** home unit or a duty area under this code */
  under?: string
  /** has a duty in this grid */
  gridCode?: string
  onDuty?: boolean
  after?: number
  limit: number
}

function listSql(actor: Actor, q: Omit<PeopleQuery, 'limit'>, limit: number, params: unknown[]): string {
  const where = [visibleCondition(actor, params)]
  const add = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  if (q.q) where.push(`p.name ILIKE ${add('%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%')}`)
  if (q.onDuty !== undefined) where.push(`p.on_duty = ${add(q.onDuty)}`)
  if (q.role || q.gridCode) {
    const conds = [scopeFilter(actor, 'fr.area_code', params)]
    if (q.role) conds.push(`fr.role = ${add(q.role)}`)
    if (q.gridCode) conds.push(`fr.area_code = ${add(q.gridCode)}`)
    where.push(`EXISTS (SELECT 1 FROM person_roles fr WHERE fr.person_id = p.id AND ${conds.join(' AND ')})`)
  }
  if (q.under) {
    const under = add(q.under + '%')
    const inScope = scopeFilter(actor, 'ur.area_code', params)
    where.push(`(p.area_code LIKE ${under} OR EXISTS (SELECT 1 FROM person_roles ur
      WHERE ur.person_id = p.id AND ur.area_code LIKE ${under} AND ${inScope}))`)
  }
  if (q.after) where.push(`p.id > ${add(q.after)}`)
  const cols = personColumns(actor, params)
  return `SELECT ${cols} FROM people p WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT ${add(limit)}`
}

/** The people visible to the actor, keyset-paged by id; phones always masked in lists. */
export async function listPeople(db: Sql, actor: Actor, q: PeopleQuery): Promise<{ items: PersonView[]; nextAfter: number | null }> {
  authorize(actor, 'person.read')
  const params: unknown[] = []
  const { rows } = await db.query<PersonRow>(listSql(actor, q, q.limit + 1, params), params)
  const items = rows.slice(0, q.limit).map((r) => toPersonView(r, false))
  return { items, nextAfter: rows.length > q.limit ? items[items.length - 1].id : null }
}

/**
 * Every visible person matching `q`, in id order, fetched in batches (exports). The caller
 * authorises and audits; `personal` leaves phones unmasked.
 */
export async function* eachPerson(db: Sql, actor: Actor, q: Omit<PeopleQuery, 'limit' | 'after'>, personal: boolean, batch = 1000) {
  let after = 0
  for (;;) {
    const params: unknown[] = []
    const { rows } = await db.query<PersonRow>(listSql(actor, { ...q, after }, batch, params), params)
    for (const r of rows) yield toPersonView(r, personal)
    if (rows.length < batch) return
    after = rows[rows.length - 1].id
  }
}
