/**
 * Cases (M3): taking the steps of the loop declared in loop.ts and reading cases inside the actor's
 * scope; filing a case is filing.ts. Every write is one transaction holding the change, the
 * timeline step, the audit event and the notice to live consoles, so that a case is either fully
 * at its new step or fully at the old one.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, scopeFilter, type Actor } from '../access/policy.ts'
import { maskName, maskPhone } from '../access/personal-data.ts'
import { recordAudit } from '../audit/service.ts'
import { refuseStale } from '../audit/changes.ts'
import { isLiveGrid } from '../areas/lookups.ts'
import { workingDeadline } from '../calendar/service.ts'
import { linkEvidence, registerEvidenceOwner } from '../evidence/service.ts'
import {
  allowedActions, isOpen, levelOf, nextState, parentCode, startsDeadline, transitionOf, TRANSITIONS,
  type ActorFacts, type CaseAction, type CaseFacts, type CaseState,
} from './loop.ts'
import { authorizeStep, checkStepInput, isLiaisonOnly, type CaseSource, type StepInput } from './rules.ts'
import { caseSettings, type CaseSettings } from './settings.ts'
import { announceCase, type AnnouncedRow as BaseAnnouncedRow } from './feed.ts'
import type { CaseContactView, CaseDetail, CaseStepView, CaseView, DuplicateView } from './schemas.ts'
import './errors.ts'

/** A case as the API answers it: the schemas' types (schemas.ts), declared once. */
export type { CaseDetail, CaseView }

/** A case as the service reads it (CASE_COLUMNS from CASE_FROM). */
export interface CaseRow {
  id: number
  tracking_no: string
  source: CaseSource
  category_code: string
  category_zh: string
  category_en: string
  emergency: boolean
  state: CaseState
  grid_code: string | null
  holder_code: string
  department_code: string | null
  lng: number | null
  lat: number | null
  address: string | null
  business_id: number | null
  title: string
  description: string
  due_at: Date | null
  overdue_at: Date | null
  overdue_level: number
  merged_into: number | null
  rating: number | null
  created_at: Date
  updated_at: Date
  closed_at: Date | null
  version: number
}

export const CASE_COLUMNS = `c.id, c.tracking_no, c.source, c.category_code, cc.name_zh AS category_zh, cc.name_en AS category_en,
  c.emergency, c.state, c.grid_code, c.holder_code, c.department_code, ST_X(c.location) AS lng, ST_Y(c.location) AS lat,
  c.address, c.business_id, c.title, c.description, c.due_at, c.overdue_at, c.overdue_level, c.merged_into, c.rating,
  c.created_at, c.updated_at, c.closed_at, c.version`
export const CASE_FROM = 'cases c JOIN case_categories cc ON cc.code = c.category_code'

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

export function toCaseView(r: CaseRow): CaseView {
  return {
    id: r.id, trackingNo: r.tracking_no, source: r.source, categoryCode: r.category_code,
    category: { zh: r.category_zh, en: r.category_en }, emergency: r.emergency, state: r.state, gridCode: r.grid_code,
    holderCode: r.holder_code, departmentCode: r.department_code,
    location: r.lng === null || r.lat === null ? null : { lng: r.lng, lat: r.lat }, address: r.address,
    businessId: r.business_id, title: r.title, description: r.description, dueAt: iso(r.due_at), overdueAt: iso(r.overdue_at),
    overdueLevel: r.overdue_level, mergedInto: r.merged_into, rating: r.rating, createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!, closedAt: iso(r.closed_at), version: r.version,
  }
}

/**
 * Q3 The cases an actor sees: those whose grid or holding area lies in their scope ("visible along
 * its area chain"), and for a department liaison those referred to their department.
 */
export function visibleCases(actor: Actor, params: unknown[]): string {
  const department = () => {
    params.push(actor.departmentCode ?? null)
    return `(c.department_code IS NOT NULL AND c.department_code = $${params.length})`
  }
  if (isLiaisonOnly(actor)) return department()
  const holder = scopeFilter(actor, 'c.holder_code', params)
  const grid = scopeFilter(actor, 'c.grid_code', params)
  return `(${holder} OR ${grid}${actor.roles.includes('department_liaison') ? ` OR ${department()}` : ''})`
}

// Evidence attached to a case is seen by whoever sees the case.
registerEvidenceOwner('case', (actor, params) =>
  `EXISTS (SELECT 1 FROM cases c WHERE c.id::text = l.owner_id AND ${visibleCases(actor, params)})`)

export const actorFacts = (actor: Actor): ActorFacts => ({
  userId: actor.userId, roles: actor.roles, scope: actor.scope, departmentCode: actor.departmentCode ?? null,
})

async function findCase(sql: Sql, actor: Actor, id: number, forUpdate: boolean): Promise<CaseRow> {
  const params: unknown[] = [id]
  const { rows } = await sql.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = $1 AND ${visibleCases(actor, params)}${forUpdate ? ' FOR UPDATE OF c' : ''}`,
    params,
  )
  if (!rows[0]) throw new AppError('case.notFound')
  return rows[0]
}

async function factsOf(sql: Sql, r: CaseRow): Promise<CaseFacts> {
  const { rows } = await sql.query<{ user_id: number | null }>(
    `SELECT user_id FROM case_steps WHERE case_id = $1 AND action IN ('report', 'departmentReport') ORDER BY id DESC LIMIT 1`,
    [r.id],
  )
  return {
    state: r.state, gridCode: r.grid_code, holderCode: r.holder_code, departmentCode: r.department_code,
    reportedBy: rows[0]?.user_id ?? null,
  }
}

type AnnouncedRow = BaseAnnouncedRow & { state: CaseState }

/** Links evidence to the case (visible in the case's area) and returns the hashes, in order, once each. */
export async function attachEvidence(
  tx: Sql, actor: Actor | null, caseId: number, areaCode: string, hashes: string[] | undefined, lng: number | null, lat: number | null,
): Promise<string[] | null> {
  if (!hashes || hashes.length === 0) return null
  const unique = [...new Set(hashes)]
  for (const sha256 of unique) {
    await linkEvidence(tx, {
      sha256, ownerType: 'case', ownerId: String(caseId), areaCode, linkedBy: actor?.userId ?? null,
      ...(lng !== null && lat !== null ? { location: { lng, lat } } : {}),
    })
  }
  return unique
}

// ---------------------------------------------------------------- taking a step

/**
 * Takes one step of the loop. The step must be declared for the case's state, the actor's role and
 * place (loop.ts); its input must be complete; with `expectedVersion` a case changed meanwhile is a
 * 409 carrying the case as it now stands.
 */
export async function takeStep(
  db: Db, actor: Actor, id: number, action: CaseAction, input: StepInput, expectedVersion?: number,
): Promise<CaseDetail> {
  authorize(actor, 'case.read')
  const t = transitionOf(action)
  await db.transaction(async (tx) => {
    const current = await findCase(tx, actor, id, true)
    refuseStale(expectedVersion, current.version, () => toCaseView(current))
    const facts = await factsOf(tx, current)
    authorizeStep(actorFacts(actor), facts, t)
    checkStepInput(t, input)
    const settings = await caseSettings(tx)
    const now = new Date()
    const to = nextState(t, current.state)
    const changes: Record<string, { from: unknown; to: unknown }> = {}
    const set = (field: string, from: unknown, value: unknown) => {
      if (from !== value) changes[field] = { from, to: value }
    }
    set('state', current.state, to)

    let grid = current.grid_code
    let holder = current.holder_code
    if (t.holder === 'grid') {
      const target = input.gridCode!
      if (!(await isLiveGrid(tx, target))) throw new AppError('case.gridUnknown', { code: target, field: 'gridCode' })
      if (!target.startsWith(actor.scope)) throw new AppError('case.outsideScope', { code: target, field: 'gridCode' })
      grid = target
      holder = target
    } else if (t.holder === 'parent') {
      const parent = parentCode(holder)
      if (!parent) throw new AppError('case.topLevel')
      holder = parent
    }
    set('gridCode', current.grid_code, grid)
    set('holderCode', current.holder_code, holder)

    let department = current.department_code
    if (t.department === 'set') {
      department = await referralTarget(tx, current, input.departmentCode!)
    } else if (t.department === 'clear') department = null
    set('departmentCode', current.department_code, department)

    let mergedInto: number | null = null
    if (t.requires.targetCase) {
      mergedInto = await mergeTarget(tx, actor, current, input.targetCaseId!)
      set('mergedInto', null, mergedInto)
    }

    const evidence = await attachEvidence(tx, actor, id, grid ?? holder, input.evidence, input.location?.lng ?? null, input.location?.lat ?? null)
    if (t.requires.evidence && !evidence) {
      const { rows } = await tx.query('SELECT 1 FROM case_steps WHERE case_id = $1 AND evidence IS NOT NULL LIMIT 1', [id])
      if (!rows[0]) throw new AppError('case.evidenceRequired', { stepZh: t.label.zh, stepEn: t.label.en, field: 'evidence' })
    }

    const holderChanged = holder !== current.holder_code || grid !== current.grid_code
    let due: Date | null = current.due_at
    let overdue: { at: Date | null; level: number } = { at: current.overdue_at, level: current.overdue_level }
    if (!isOpen(to)) {
      due = null
      overdue = { at: null, level: 0 }
    } else if (startsDeadline(t, current.state) || holderChanged) {
      const days = settings.stepDays[to]
      due = days === null ? null : await workingDeadline(tx, now, days)
      overdue = { at: null, level: 0 }
    }
    set('dueAt', iso(current.due_at), iso(due))
    const closedAt = isOpen(to) ? null : current.closed_at ?? now

    const { rows } = await tx.query<AnnouncedRow>(
      `UPDATE cases SET state = $2, grid_code = $3, holder_code = $4, department_code = $5, due_at = $6, overdue_at = $7,
         overdue_level = $8, merged_into = coalesce($9, merged_into), closed_at = $10, updated_at = now()
       WHERE id = $1 AND version = $11 RETURNING id, state, holder_code, grid_code, department_code, emergency`,
      [id, to, grid, holder, department, due, overdue.at, overdue.level, mergedInto, isOpen(to) ? null : closedAt, current.version],
    )
    if (!rows[0]) throw new AppError('record.versionConflict', { expected: current.version, version: null, current: null })
    const loc = input.location ?? null
    await tx.query(
      `INSERT INTO case_steps (case_id, action, from_state, to_state, user_id, actor_name, note, changes, evidence, location, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($10, $11::float8), 4326) END, $12)`,
      [id, action, current.state, to, actor.userId, actor.displayName, input.note?.trim() || null,
        Object.keys(changes).length ? JSON.stringify(changes) : null, evidence, loc?.lng ?? null, loc?.lat ?? null, due],
    )
    if (mergedInto !== null) {
      await tx.query(
        `INSERT INTO case_steps (case_id, action, from_state, to_state, user_id, actor_name, note, changes)
         SELECT id, 'mergedFrom', state, state, $2, $3, $4, $5 FROM cases WHERE id = $1`,
        [mergedInto, actor.userId, actor.displayName, current.tracking_no, JSON.stringify({ mergedFrom: { from: null, to: id } })],
      )
    }
    await recordAudit(tx, actor, {
      action: `case.${action}`, objectType: 'case', objectId: id, areaCode: grid ?? holder,
      details: { changes, version: current.version + 1, evidence, hasNote: !!input.note?.trim(), location: loc },
    })
    announceCase(tx, rows[0], action, current.grid_code ?? current.holder_code)
  })
  return getCase(db, actor, id)
}

/** The department a case is referred to, if the case's route lets its holding level refer. */
async function referralTarget(tx: Sql, current: CaseRow, departmentCode: string): Promise<string> {
  const { rows: deps } = await tx.query('SELECT 1 FROM departments WHERE code = $1 AND active', [departmentCode])
  if (!deps[0]) throw new AppError('case.departmentUnknown', { value: departmentCode, field: 'departmentCode' })
  const { rows } = await tx.query<{ refer_from_levels: number[]; name_zh: string; name_en: string }>(
    `SELECT r.refer_from_levels, r.name_zh, r.name_en FROM case_categories cc JOIN case_routes r ON r.code = cc.route_code
     WHERE cc.code = $1`,
    [current.category_code],
  )
  const route = rows[0]
  if (route && !route.refer_from_levels.includes(levelOf(current.holder_code))) {
    throw new AppError('case.referralNotHere', { routeZh: route.name_zh, routeEn: route.name_en })
  }
  return departmentCode
}

async function mergeTarget(tx: Sql, actor: Actor, current: CaseRow, targetId: number): Promise<number> {
  if (targetId === current.id) throw new AppError('case.mergeTargetInvalid', { field: 'targetCaseId' })
  const params: unknown[] = [targetId]
  const { rows } = await tx.query<{ id: number }>(
    `SELECT c.id FROM cases c WHERE c.id = $1 AND c.closed_at IS NULL AND c.state NOT IN ('merged', 'dismissed')
       AND ${visibleCases(actor, params)} FOR UPDATE OF c`,
    params,
  )
  if (!rows[0]) throw new AppError('case.mergeTargetInvalid', { field: 'targetCaseId' })
  return rows[0].id
}

// ---------------------------------------------------------------- reading

export async function getCase(db: Sql, actor: Actor, id: number): Promise<CaseDetail> {
  authorize(actor, 'case.read')
  const row = await findCase(db, actor, id, false)
  const facts = await factsOf(db, row)
  return detailOf(db, row, allowedActions(actorFacts(actor), facts), actor)
}

/** A case as its own filer sees it right after filing from the portal (no actor, no scope). */
export async function getCaseUnchecked(db: Sql, id: number): Promise<CaseDetail> {
  const { rows } = await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = $1`, [id])
  return detailOf(db, rows[0], [], null)
}

async function detailOf(db: Sql, row: CaseRow, actions: CaseAction[], actor: Actor | null): Promise<CaseDetail> {
  const [contact, steps, duplicates] = await Promise.all([
    db.query<{ name: string | null; phone: string | null; email: string | null }>(
      'SELECT name, phone, email FROM case_contacts WHERE case_id = $1', [row.id]),
    db.query<{
      id: number; action: string; from_state: CaseState | null; to_state: CaseState; actor_name: string | null; note: string | null;
      changes: unknown; evidence: string[] | null; lng: number | null; lat: number | null; due_at: Date | null; at: Date
    }>(
      `SELECT id, action, from_state, to_state, actor_name, note, changes, evidence, ST_X(location) AS lng, ST_Y(location) AS lat,
         due_at, at FROM case_steps WHERE case_id = $1 ORDER BY id`,
      [row.id],
    ),
    actor && (row.state === 'new' || row.state === 'verifying') ? likelyDuplicates(db, actor, toCaseView(row)) : Promise.resolve([]),
  ])
  const c = contact.rows[0]
  return {
    ...toCaseView(row),
    contact: c ? maskedContact(c) : null,
    steps: steps.rows.map((s) => ({
      id: s.id, action: s.action, fromState: s.from_state, toState: s.to_state, actorName: s.actor_name, note: s.note,
      changes: (typeof s.changes === 'string' ? JSON.parse(s.changes) : s.changes) as CaseStepView['changes'],
      evidence: s.evidence ?? [], location: s.lng === null || s.lat === null ? null : { lng: s.lng, lat: s.lat },
      dueAt: iso(s.due_at), at: iso(s.at)!,
    })),
    actions,
    duplicates,
  }
}

const maskEmail = (email: string) => email.replace(/^(.).*(@.*)$/, '$1***$2')

export function maskedContact(c: { name?: string | null; phone?: string | null; email?: string | null }): CaseContactView {
  return { name: maskName(c.name ?? null), phone: maskPhone(c.phone ?? null), email: c.email ? maskEmail(c.email) : null, masked: true }
}

/**
 * Open cases of the same category within the duplicate radius and time window of this one, nearest
 * first (issue 12 §8). The degree box lets the spatial index choose; the sphere distance decides.
 */
export interface DuplicateRow {
  id: number
  tracking_no: string
  title: string
  state: CaseState
  distance: number
  created_at: Date | string
}

export const toDuplicateView = (r: DuplicateRow): DuplicateView => ({
  id: r.id, trackingNo: r.tracking_no, title: r.title, state: r.state, distanceM: Math.round(r.distance), createdAt: iso(r.created_at)!,
})

/**
 * The query of likely duplicates: open, unmerged cases of the same category within the radius of
 * the point and the window around `at`, seen by the filer (`visible`: a condition on cases `c`,
 * visibleCases for one actor), nearest first. `lng`, `lat`, `at` and `category` are SQL
 * expressions.
 */
export function duplicatesQuery(
  visible: (params: unknown[]) => string, params: unknown[], settings: CaseSettings,
  p: { lng: string; lat: string; at: string; category: string; notId?: number },
): string {
  const $ = (value: unknown) => `$${params.push(value)}`
  const point = `ST_SetSRID(ST_MakePoint(${p.lng}, ${p.lat}), 4326)`
  const radius = `${$(settings.duplicateRadiusM)}::float8`
  const hours = `${$(settings.duplicateWindowHours)}::int`
  // The index hands the candidates nearest first (planar, in degrees) and the 20 nearest are
  // sorted by their distance on the sphere: where reports pile up at one spot (a market, a
  // shop many complain about) the whole pile is not read and measured for every new report. The
  // planar and spherical orders differ by the latitude's stretch (about 1.2 here), so the five
  // nearest on the sphere are among the 20 nearest in the plane short of a very odd crowd.
  return `SELECT * FROM (
       SELECT c.id, c.tracking_no, c.title, c.state, c.created_at, ST_DistanceSphere(c.location, ${point}) AS distance
       FROM cases c
       WHERE ${p.notId === undefined ? '' : `c.id <> ${$(p.notId)} AND `}c.category_code = ${p.category}
         AND c.closed_at IS NULL AND c.merged_into IS NULL
         AND c.location && ST_Expand(${point}, ${radius} / 80000.0)
         AND c.created_at BETWEEN ${p.at} - make_interval(hours => ${hours}) AND ${p.at} + make_interval(hours => ${hours})
         AND ${visible(params)}
       ORDER BY c.location <-> ${point} LIMIT 20
     ) near WHERE near.distance <= ${radius}
     ORDER BY near.distance, near.id LIMIT 5`
}

async function likelyDuplicates(db: Sql, actor: Actor, c: Pick<CaseView, 'id' | 'categoryCode' | 'location' | 'createdAt'>): Promise<DuplicateView[]> {
  if (!c.location) return []
  const settings = await caseSettings(db)
  const params: unknown[] = [c.categoryCode, c.location.lng, c.location.lat, c.createdAt]
  const { rows } = await db.query<DuplicateRow>(
    duplicatesQuery((ps) => visibleCases(actor, ps), params, settings, { category: '$1', lng: '$2::float8', lat: '$3::float8', at: '$4::timestamptz', notId: c.id }),
    params,
  )
  return rows.map(toDuplicateView)
}

export interface CaseQuery {
  /** 'mine': open cases this user can take a step on now, emergencies and nearest deadlines first */
  queue?: 'mine' | 'all'
  state?: CaseState
  under?: string
  categoryCode?: string
  emergency?: boolean
  overdue?: boolean
  open?: boolean
  q?: string
  after?: number
  limit: number
}

/**
 * The SQL condition for the cases on which the actor can take a step now, derived from the loop's
 * declaration (record and dispatch-anywhere excluded: they are possible almost always).
 */
function actionableCondition(actor: Actor, params: unknown[]): string {
  const facts = actorFacts(actor)
  const parts: string[] = []
  for (const t of TRANSITIONS) {
    if (t.action === 'record' || t.action === 'dispatch' || t.action === 'reopen') continue
    if (!facts.roles.some((r) => t.roles.includes(r))) continue
    params.push(t.from)
    const states = `c.state = ANY($${params.length}::text[])`
    if (t.standing === 'department') {
      params.push(facts.departmentCode)
      parts.push(`(${states} AND c.department_code = $${params.length})`)
    } else if (t.standing === 'above') {
      const covered = scopeFilter(actor, 'c.holder_code', params)
      const strictly = facts.roles.includes('command_operator') ? '' : ` AND length(c.holder_code) > ${facts.scope.length}`
      parts.push(`(${states} AND ${covered}${strictly})`)
    } else {
      parts.push(`(${states} AND ${scopeFilter(actor, 'c.holder_code', params)})`)
    }
  }
  // The command centre places what fell outside every grid.
  if (facts.roles.some((r) => transitionOf('dispatch').roles.includes(r))) {
    parts.push(`(c.state = 'new' AND c.grid_code IS NULL AND ${scopeFilter(actor, 'c.holder_code', params)})`)
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false'
}

export async function listCases(db: Sql, actor: Actor, q: CaseQuery): Promise<{ items: CaseView[]; nextAfter: number | null }> {
  authorize(actor, 'case.read')
  const params: unknown[] = []
  const where = [visibleCases(actor, params)]
  if (q.queue === 'mine') where.push(actionableCondition(actor, params))
  if (q.open ?? q.queue === 'mine') where.push('c.closed_at IS NULL')
  if (q.state) {
    params.push(q.state)
    where.push(`c.state = $${params.length}`)
  }
  if (q.under) {
    params.push(q.under + '%')
    where.push(`(c.holder_code LIKE $${params.length} OR c.grid_code LIKE $${params.length})`)
  }
  if (q.categoryCode) {
    params.push(q.categoryCode)
    where.push(`c.category_code = $${params.length}`)
  }
  if (q.emergency !== undefined) {
    params.push(q.emergency)
    where.push(`c.emergency = $${params.length}`)
  }
  if (q.overdue) where.push('c.overdue_at IS NOT NULL')
  if (q.q) {
    params.push(q.q.trim().toUpperCase(), '%' + q.q.trim().replace(/[\\%_]/g, '\\$&') + '%')
    where.push(`(c.tracking_no = $${params.length - 1} OR c.title ILIKE $${params.length})`)
  }
  if (q.after !== undefined) {
    params.push(q.after)
    where.push(`c.id < $${params.length}`)
  }
  params.push(q.limit + 1)
  // A queue is read in order of urgency; a list newest first, paged by id.
  const order = q.queue === 'mine' ? 'c.emergency DESC, c.due_at NULLS LAST, c.id DESC' : 'c.id DESC'
  const { rows } = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
    params,
  )
  const more = rows.length > q.limit
  const items = rows.slice(0, q.limit).map(toCaseView)
  return { items, nextAfter: more && q.queue !== 'mine' ? items[items.length - 1].id : null }
}

/**
 * The complainant's contact details in clear, for those whose work needs them (never a business,
 * never a department liaison); each view is an audit event (issue 12 §8).
 */
export async function revealContact(db: Db, actor: Actor, id: number): Promise<{ name: string | null; phone: string | null; email: string | null }> {
  authorize(actor, 'case.readContact')
  return db.transaction(async (tx) => {
    const row = await findCase(tx, actor, id, false)
    const { rows } = await tx.query<{ name: string | null; phone: string | null; email: string | null }>(
      'SELECT name, phone, email FROM case_contacts WHERE case_id = $1', [id],
    )
    await recordAudit(tx, actor, {
      action: 'case.contactRevealed', objectType: 'case', objectId: id, areaCode: row.grid_code ?? row.holder_code,
      details: { hasContact: !!rows[0] },
    })
    return rows[0] ?? { name: null, phone: null, email: null }
  })
}

/** Records the reference another platform gave a case filed from it (portal), unless it has one. */
export async function recordExternalRef(sql: Sql, id: number, externalRef: string): Promise<void> {
  await sql.query('UPDATE cases SET external_ref = $2 WHERE id = $1 AND external_ref IS NULL', [id, externalRef])
}

/**
 * The complainant's rating of a closed case (1–5), from the public portal: on the case, its
 * timeline and the audit chain, once. False when the case was rated already (nothing written).
 */
export async function recordRating(db: Db, trackingNo: string, rating: number, comment: string | undefined): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number; state: CaseState; grid_code: string | null; holder_code: string }>(
      `UPDATE cases SET rating = $2, rating_comment = $3, rated_at = now() WHERE tracking_no = $1 AND rating IS NULL
       RETURNING id, state, grid_code, holder_code`,
      [trackingNo, rating, comment?.trim() || null],
    )
    if (!rows[0]) return false
    const c = rows[0]
    await tx.query(
      `INSERT INTO case_steps (case_id, action, from_state, to_state, note, changes) VALUES ($1, 'rate', $2, $2, $3, $4)`,
      [c.id, c.state, comment?.trim() || null, JSON.stringify({ rating: { from: null, to: rating } })],
    )
    await recordAudit(tx, { username: 'public' }, {
      action: 'case.rated', objectType: 'case', objectId: c.id, areaCode: c.grid_code ?? c.holder_code, details: { rating },
    })
    return true
  })
}
