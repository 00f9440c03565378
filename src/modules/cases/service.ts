/**
 * Cases (M3): filing a case into its grid, taking the steps of the loop declared in loop.ts, and
 * reading cases inside the actor's scope. Every write is one transaction holding the change, the
 * timeline step, the audit event and the notice to live consoles, so that a case is either fully
 * at its new step or fully at the old one.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { sharedTransaction, writtenTogether, type WriteKind } from '../../db/shared-transactions.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, scopeFilter, type Actor } from '../access/policy.ts'
import { maskName, maskPhone } from '../access/personal-data.ts'
import { AUDIT_CLAIM_SQL, recordAudit, type ChainClaim } from '../audit/service.ts'
import { refuseStale } from '../audit/changes.ts'
import { gridAt, areaAt } from '../businesses/placement.ts'
import { businessPlace, type BusinessPlace } from '../businesses/service.ts'
import { isLiveGrid, nearestTopArea } from '../areas/lookups.ts'
import { toWgs84, type Crs } from '../businesses/rules.ts'
import { workingDeadline } from '../calendar/service.ts'
import { linkEvidence, registerEvidenceOwner } from '../evidence/service.ts'
import {
  allowedActions, isOpen, levelOf, nextState, parentCode, startsDeadline, transitionOf, TRANSITIONS,
  type ActorFacts, type CaseAction, type CaseFacts, type CaseState,
} from './loop.ts'
import { authorizeStep, checkStepInput, isLiaisonOnly, newTrackingNo, type CaseSource, type StepInput } from './rules.ts'
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

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

function toCaseView(r: CaseRow): CaseView {
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

const actorFacts = (actor: Actor): ActorFacts => ({
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

// ---------------------------------------------------------------- filing a case

export interface NewCase {
  source: CaseSource
  categoryCode: string
  title: string
  description: string
  location?: { lng: number; lat: number }
  crs?: Crs
  gridCode?: string
  address?: string
  businessId?: number
  contact?: { name?: string; phone?: string; email?: string }
  evidence?: string[]
}

export interface CreateOptions {
  /** Idempotency-Key: the same key from the same submitter never files twice */
  idempotencyKey?: string
  /** who the key belongs to when nobody is logged in (the portal: 'public') */
  submitter?: string
}

interface Placement {
  gridCode: string | null
  holderCode: string
  lng: number | null
  lat: number | null
}

/** The grid of a new case: chosen, found from its point, or taken from the business concerned. */
async function placeCase(tx: Sql, actor: Actor | null, input: NewCase, business: BusinessPlace | null): Promise<Placement> {
  let lng: number | null = null
  let lat: number | null = null
  if (input.location) [lng, lat] = toWgs84(input.location.lng, input.location.lat, input.crs ?? 'WGS84')
  else if (business?.lng != null) [lng, lat] = [business.lng, business.lat]
  if (input.gridCode) {
    if (!(await isLiveGrid(tx, input.gridCode))) throw new AppError('case.gridUnknown', { code: input.gridCode, field: 'gridCode' })
    return { gridCode: input.gridCode, holderCode: input.gridCode, lng, lat }
  }
  if (lng === null || lat === null) {
    if (business?.gridCode) return { gridCode: business.gridCode, holderCode: business.gridCode, lng, lat }
    throw new AppError('case.placeRequired', { field: 'location' })
  }
  const grid = await gridAt(tx, lng, lat)
  if (grid) return { gridCode: grid, holderCode: grid, lng, lat }
  const settings = await caseSettings(tx)
  if (settings.outsideGrid === 'refuse') throw new AppError('case.outsideGrids', { lng, lat, field: 'location' })
  // Routed to the command centre of the area around it, or of the nearest top-level area, for
  // manual placement (dispatch).
  const around = await areaAt(tx, lng, lat)
  const holder = around ?? (await nearestTopArea(tx, lng, lat, actor?.scope ?? ''))
  if (!holder) throw new AppError('case.outsideGrids', { lng, lat, field: 'location' })
  return { gridCode: null, holderCode: holder, lng, lat }
}

/**
 * Files a case into its grid and returns it. `actor` null is the public portal: a complaint, with no
 * scope to check. With an Idempotency-Key the same submitter's retry returns the case it filed.
 */
export async function createCase(db: Db, actor: Actor | null, input: NewCase, options: CreateOptions = {}): Promise<{ case: CaseDetail; created: boolean }> {
  if (actor) authorize(actor, 'case.create')
  const request: FilingRequest = { actor, input, options, submitter: actor ? `user:${actor.userId}` : options.submitter ?? 'public' }
  // Filings that arrive together share a transaction (shared-transactions.ts: one BEGIN, chain
  // claim and COMMIT for many), the common ones a statement too; one that fails is filed again alone.
  const result = await withFreshTrackingNo(() => filedTogether(request)
    ? writtenTogether(db, FILINGS, request)
    : sharedTransaction(db, (tx) => fileAlone(tx, request)))
  if (result.filed) return { case: result.filed, created: true }
  const detail = actor ? await getCase(db, actor, result.id) : await getCaseUnchecked(db, result.id)
  return { case: detail, created: result.created }
}

interface FilingRequest {
  actor: Actor | null
  input: NewCase
  options: CreateOptions
  /** who filed, for the idempotency key and the audit event of a portal filing */
  submitter: string
}

interface FilingResult {
  id: number
  created: boolean
  /** the case as filed; null when an idempotent retry found the case filed before */
  filed: CaseDetail | null
}

/**
 * The common filing — a point, nothing attached, no key, by a member of staff or the public — goes
 * into one statement with the filings that arrive with it (fileCasesTogether); the others, and any
 * whose point that statement could not file, go one by one (fileAlone).
 */
function filedTogether({ actor, input, options }: FilingRequest): boolean {
  return !!input.location && !input.gridCode && input.businessId === undefined && !input.evidence?.length &&
    !options.idempotencyKey && !actor?.roles.includes('department_liaison')
}

const FILINGS: WriteKind<FilingRequest, FilingResult> = {
  async writeAll(tx, requests) {
    const settings = await caseSettings(tx)
    const due = await workingDeadline(tx, new Date(), settings.stepDays.new!)
    const filings = requests.map((r) => filingOf(r, settings, due))
    const rows = await fileCasesTogether(tx, filings)
    const results: FilingResult[] = []
    let claim: ChainClaim | undefined
    for (const [k, f] of filings.entries()) {
      const row = rows.get(k)
      if (!row) continue
      const done = await finishFiling(tx, f, row, claim ?? row.audit_claim)
      claim = done.claim
      results[k] = done.result
    }
    // The few the statement did not file (no grid at the point, a grid outside the filer's scope,
    // an unknown category): one by one, to be routed or refused with the reason.
    for (const [k, r] of requests.entries()) results[k] ??= await fileAlone(tx, r)
    return results
  },
}

/** One filing in its (possibly shared) transaction: placement, the idempotency key, evidence. */
async function fileAlone(tx: Sql, request: FilingRequest): Promise<FilingResult> {
  const { actor, input, options, submitter } = request
  if (options.idempotencyKey) {
    // Serialises two requests with one key; the second finds the first's case.
    await tx.query('SELECT pg_advisory_xact_lock(727100, hashtext($1))', [`${submitter} ${options.idempotencyKey}`])
    const { rows } = await tx.query<{ case_id: number }>(
      'SELECT case_id FROM case_intake_keys WHERE submitter = $1 AND key = $2', [submitter, options.idempotencyKey],
    )
    if (rows[0]) return { id: rows[0].case_id, created: false, filed: null }
  }
  const business = input.businessId === undefined ? null : await businessFor(tx, actor, input.businessId)
  const settings = await caseSettings(tx)
  const filing = filingOf(request, settings, await workingDeadline(tx, new Date(), settings.stepDays.new!))
  // The common filing, a point: the filing statement finds its grid itself. When it files nothing
  // (no grid there, a grid outside the filer's scope, an unknown category), the placement below
  // says why or routes the case, and files it with the grid it found.
  let row = !input.gridCode && !business && input.location ? await fileCase(tx, filing, null, toWgs84(input.location.lng, input.location.lat, input.crs ?? 'WGS84')) : undefined
  if (!row) {
    const place = await placeCase(tx, actor, input, business)
    if (actor && !(place.holderCode.startsWith(actor.scope) || place.gridCode?.startsWith(actor.scope))) {
      throw new AppError('case.outsideScope', { code: place.gridCode ?? place.holderCode, field: 'gridCode' })
    }
    row = await fileCase(tx, filing, place, place.lng === null || place.lat === null ? null : [place.lng, place.lat])
  }
  if (!row) throw new AppError('case.categoryUnknown', { value: input.categoryCode, field: 'categoryCode' })
  await attachEvidence(tx, actor, row.id, row.holder_code, filing.evidence ?? undefined, row.lng, row.lat)
  if (options.idempotencyKey) {
    await tx.query('INSERT INTO case_intake_keys (submitter, key, case_id) VALUES ($1, $2, $3)', [submitter, options.idempotencyKey, row.id])
  }
  return (await finishFiling(tx, filing, row, row.audit_claim)).result
}

function filingOf({ actor, input, submitter }: FilingRequest, settings: CaseSettings, due: Date): Filing {
  const evidence = input.evidence?.length ? [...new Set(input.evidence)] : null
  const contact = input.contact && (input.contact.name || input.contact.phone || input.contact.email) ? input.contact : null
  return { actor, input, due, evidence, contact, settings, submitter }
}

/**
 * What every filing ends with, in its transaction: the notice to live consoles, the audit event on
 * the chain `claim` holds (its head moves on to the returned claim), the case as the filer sees it.
 */
async function finishFiling(tx: Sql, f: Filing, row: FiledRow, claim: ChainClaim): Promise<{ result: FilingResult; claim: ChainClaim }> {
  const { actor, input, evidence, contact } = f
  const holderCode = row.holder_code
  const gridCode = row.grid_code
  announceCase(tx, row, 'create')
  const next = await recordAudit(tx, actor, {
    action: 'case.created', objectType: 'case', objectId: row.id, areaCode: gridCode ?? holderCode,
    details: {
      source: input.source, categoryCode: input.categoryCode, emergency: row.emergency, gridCode,
      holderCode, businessId: input.businessId ?? null, hasContact: contact !== null, evidence,
      ...(actor ? {} : { submitter: f.submitter }),
    },
  }, claim)
  const view = toCaseView(row)
  const filed: CaseDetail = {
    ...view,
    contact: contact ? maskedContact(contact) : null,
    steps: [{
      id: row.step_id, action: 'create', fromState: null, toState: 'new', actorName: actor?.displayName ?? null, note: null, changes: null,
      evidence: evidence ?? [], location: view.location, dueAt: iso(row.due_at), at: iso(row.step_at)!,
    }],
    actions: actor ? allowedActions(actorFacts(actor), { state: 'new', gridCode: row.grid_code, holderCode: row.holder_code, departmentCode: null, reportedBy: null }) : [],
    duplicates: (row.duplicates ?? []).map(toDuplicateView),
  }
  return { result: { id: row.id, created: true, filed }, claim: next }
}

/**
 * Runs a filing again when its random tracking number was already taken. With 32^6 numbers a day, a
 * busy day's thousands of cases make a clash rare but real (the benchmark met one in ~10,000 filings
 * into a day that already held 100,000): the filer must not get a refusal for it.
 */
async function withFreshTrackingNo<T>(file: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await file()
    } catch (err: any) {
      if (attempt >= 5 || err?.code !== '23505' || err?.constraint !== 'cases_tracking_no_key') throw err
    }
  }
}

interface Filing {
  actor: Actor | null
  input: NewCase
  due: Date
  evidence: string[] | null
  contact: NonNullable<NewCase['contact']> | null
  settings: CaseSettings
  submitter: string
}

type FiledRow = CaseRow & { step_id: number; step_at: Date; duplicates: DuplicateRow[] | null; audit_claim: ChainClaim }

/**
 * One statement files the case, its complainant and the first step of its timeline, reads the
 * likely duplicates the filer is shown, and claims the audit chain: one round trip where there were
 * four (grid, filing, duplicates, chain), as filing is the hottest write (issue 12's benchmark). With `place` null it also finds the
 * grid under the point, the lowest code where grids touch (placement.ts gridAt), and files nothing
 * when there is none or it lies outside the filer's scope. Nothing filed (an unknown category too)
 * returns undefined, having written nothing.
 */
async function fileCase(tx: Sql, f: Filing, place: Placement | null, point: [number, number] | null): Promise<FiledRow | undefined> {
  const { actor, input, contact } = f
  const params: unknown[] = []
  const $ = (value: unknown) => `$${params.push(value)}`
  const lng = `${$(point?.[0] ?? null)}::float8`
  const lat = `${$(point?.[1] ?? null)}::float8`
  const placed = place
    ? `SELECT ${$(place.gridCode)}::text AS grid_code, ${$(place.holderCode)}::text AS holder_code`
    : `SELECT g.code AS grid_code, g.code AS holder_code
       FROM (SELECT code FROM grids WHERE ST_Covers(boundary, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)) ORDER BY code LIMIT 1) g
       WHERE starts_with(g.code, ${$(actor?.scope ?? '')})`
  // Likely duplicates (getCase reads them too): the new case is not among them, as a statement
  // does not see its own inserts.
  const duplicates = actor && point
    ? `(SELECT json_agg(d ORDER BY d.distance, d.id) FROM (${duplicatesQuery(actor, params, f.settings, { lng, lat, at: 'now()', category: `${$(input.categoryCode)}::text` })}) d)`
    : 'NULL::json'
  const userId = $(actor?.userId ?? null)
  // Prepared: planning this statement cost more than running it (2.6 of ~4 ms on PostgreSQL), and
  // its plan does not depend on the values. Its text varies only with the filer's kind of scope.
  const { rows } = await tx.prepared<FiledRow>(
    `WITH p AS (${placed}), c AS (
       INSERT INTO cases (tracking_no, source, category_code, emergency, state, grid_code, holder_code, location, address,
         business_id, title, description, due_at, created_by)
       SELECT ${$(newTrackingNo(new Date()))}, ${$(input.source)}, cc.code, cc.emergency, 'new', p.grid_code, p.holder_code,
         CASE WHEN ${lng} IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326) END,
         ${$(input.address ?? null)}, ${$(input.businessId ?? null)}::int, ${$(input.title)}, ${$(input.description)}, ${$(f.due)}::timestamptz, ${userId}::int
       FROM case_categories cc, p WHERE cc.code = ${$(input.categoryCode)} AND cc.active
       RETURNING *
     ), contact AS (
       INSERT INTO case_contacts (case_id, name, phone, email)
       SELECT c.id, ${$(contact?.name ?? null)}, ${$(contact?.phone ?? null)}, ${$(contact?.email ?? null)} FROM c WHERE ${$(contact !== null)}::boolean
     ), step AS (
       INSERT INTO case_steps (case_id, action, from_state, to_state, user_id, actor_name, evidence, location, due_at)
       SELECT c.id, 'create', NULL, 'new', ${userId}::int, ${$(actor?.displayName ?? null)}, ${$(f.evidence)}::text[], c.location, c.due_at FROM c
       RETURNING id, at
     )
     SELECT ${CASE_COLUMNS}, step.id AS step_id, step.at AS step_at, ${duplicates} AS duplicates, ${AUDIT_CLAIM_SQL} AS audit_claim
     FROM c JOIN case_categories cc ON cc.code = c.category_code, step`,
    params,
  )
  return rows[0]
}

/**
 * Files many common filings (filedTogether: a point, staff or the public, nothing attached) in one
 * statement: each finds its grid, its case, complainant and first step are written, the likely
 * duplicates its filer is shown are read, and the audit chain is claimed once for all. A filing the
 * statement cannot file (no grid at the point or one outside the filer's scope, an unknown
 * category) is missing from the answer, having written nothing. Returns the rows by the filings'
 * positions.
 */
async function fileCasesTogether(tx: Sql, filings: Filing[]): Promise<Map<number, FiledRow>> {
  const column = <T>(value: (f: Filing) => T) => filings.map(value)
  const points = column((f) => toWgs84(f.input.location!.lng, f.input.location!.lat, f.input.crs ?? 'WGS84'))
  const now = new Date()
  const { rows } = await tx.prepared<FiledRow & { n: string }>(FILE_TOGETHER_SQL, [
    column(() => newTrackingNo(now)), column((f) => f.input.source), column((f) => f.input.categoryCode),
    points.map((p) => p[0]), points.map((p) => p[1]), column((f) => f.input.address ?? null),
    column((f) => f.input.title), column((f) => f.input.description), column((f) => f.due),
    column((f) => f.actor?.userId ?? null), column((f) => f.actor?.displayName ?? null), column((f) => f.actor?.scope ?? ''),
    column((f) => f.contact !== null), column((f) => f.contact?.name ?? null), column((f) => f.contact?.phone ?? null),
    column((f) => f.contact?.email ?? null), filings[0].settings.duplicateRadiusM, filings[0].settings.duplicateWindowHours,
  ])
  return new Map(rows.map((r) => [Number(r.n) - 1, r]))
}

// The statement of fileCasesTogether: fileCase's, over arrays of filings (one element each). Only
// staff who see cases by area file here (filedTogether), so a filing's likely duplicates are those
// its filer sees by scope: visibleCases without the liaison's department.
const FILE_TOGETHER_SQL = `
  WITH i AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::text[], $8::text[],
      $9::timestamptz[], $10::int[], $11::text[], $12::text[], $13::boolean[], $14::text[], $15::text[], $16::text[])
      WITH ORDINALITY AS i(tracking_no, source, category_code, lng, lat, address, title, description, due_at, user_id, actor_name,
        scope, has_contact, contact_name, contact_phone, contact_email, n)
  ), p AS (
    SELECT i.*, g.code AS grid_code, ST_SetSRID(ST_MakePoint(i.lng, i.lat), 4326) AS point
    FROM i CROSS JOIN LATERAL (
      SELECT code FROM grids WHERE ST_Covers(boundary, ST_SetSRID(ST_MakePoint(i.lng, i.lat), 4326)) ORDER BY code LIMIT 1
    ) g
    WHERE starts_with(g.code, i.scope)
  ), c AS (
    INSERT INTO cases (tracking_no, source, category_code, emergency, state, grid_code, holder_code, location, address,
      title, description, due_at, created_by)
    SELECT p.tracking_no, p.source, cc.code, cc.emergency, 'new', p.grid_code, p.grid_code, p.point, p.address,
      p.title, p.description, p.due_at, p.user_id
    FROM p JOIN case_categories cc ON cc.code = p.category_code AND cc.active
    ORDER BY p.n
    RETURNING *
  ), contact AS (
    INSERT INTO case_contacts (case_id, name, phone, email)
    SELECT c.id, p.contact_name, p.contact_phone, p.contact_email FROM c JOIN p ON p.tracking_no = c.tracking_no WHERE p.has_contact
  ), step AS (
    INSERT INTO case_steps (case_id, action, from_state, to_state, user_id, actor_name, evidence, location, due_at)
    SELECT c.id, 'create', NULL, 'new', p.user_id, p.actor_name, NULL, c.location, c.due_at FROM c JOIN p ON p.tracking_no = c.tracking_no
    ORDER BY p.n
    RETURNING id, case_id, at
  )
  SELECT ${CASE_COLUMNS}, p.n, step.id AS step_id, step.at AS step_at, dup.duplicates, ${AUDIT_CLAIM_SQL} AS audit_claim
  FROM c JOIN case_categories cc ON cc.code = c.category_code JOIN step ON step.case_id = c.id JOIN p ON p.tracking_no = c.tracking_no
  LEFT JOIN LATERAL (
    SELECT json_agg(d ORDER BY d.distance, d.id) AS duplicates FROM (
      SELECT * FROM (
        SELECT o.id, o.tracking_no, o.title, o.state, o.created_at, ST_DistanceSphere(o.location, p.point) AS distance
        FROM cases o
        WHERE o.category_code = p.category_code AND o.closed_at IS NULL AND o.merged_into IS NULL
          AND o.location && ST_Expand(p.point, $17::float8 / 80000.0)
          AND o.created_at BETWEEN now() - make_interval(hours => $18::int) AND now() + make_interval(hours => $18::int)
          AND (o.holder_code LIKE p.scope || '%' OR o.grid_code LIKE p.scope || '%')
        ORDER BY o.location <-> p.point LIMIT 20
      ) near WHERE near.distance <= $17::float8
      ORDER BY near.distance, near.id LIMIT 5
    ) d
  ) dup ON p.user_id IS NOT NULL
  ORDER BY p.n`

async function businessFor(tx: Sql, actor: Actor | null, id: number): Promise<BusinessPlace> {
  const place = await businessPlace(tx, actor, id)
  if (!place) throw new AppError('case.businessUnknown', { field: 'businessId' })
  return place
}

/** Links evidence to the case (visible in the case's area) and returns the hashes, in order, once each. */
async function attachEvidence(
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
async function getCaseUnchecked(db: Sql, id: number): Promise<CaseDetail> {
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

function maskedContact(c: { name?: string | null; phone?: string | null; email?: string | null }): CaseContactView {
  return { name: maskName(c.name ?? null), phone: maskPhone(c.phone ?? null), email: c.email ? maskEmail(c.email) : null, masked: true }
}

/**
 * Open cases of the same category within the duplicate radius and time window of this one, nearest
 * first (issue 12 §8). The degree box lets the spatial index choose; the sphere distance decides.
 */
interface DuplicateRow {
  id: number
  tracking_no: string
  title: string
  state: CaseState
  distance: number
  created_at: Date | string
}

const toDuplicateView = (r: DuplicateRow): DuplicateView => ({
  id: r.id, trackingNo: r.tracking_no, title: r.title, state: r.state, distanceM: Math.round(r.distance), createdAt: iso(r.created_at)!,
})

/**
 * The query of likely duplicates: open, unmerged cases of the same category within the radius of
 * the point and the window around `at`, visible to the actor, nearest first. `lng`, `lat` and `at`
 * and `category` are SQL expressions.
 */
function duplicatesQuery(actor: Actor, params: unknown[], settings: CaseSettings, p: { lng: string; lat: string; at: string; category: string; notId?: number }): string {
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
         AND ${visibleCases(actor, params)}
       ORDER BY c.location <-> ${point} LIMIT 20
     ) near WHERE near.distance <= ${radius}
     ORDER BY near.distance, near.id LIMIT 5`
}

async function likelyDuplicates(db: Sql, actor: Actor, c: Pick<CaseView, 'id' | 'categoryCode' | 'location' | 'createdAt'>): Promise<DuplicateView[]> {
  if (!c.location) return []
  const settings = await caseSettings(db)
  const params: unknown[] = [c.categoryCode, c.location.lng, c.location.lat, c.createdAt]
  const { rows } = await db.query<DuplicateRow>(
    duplicatesQuery(actor, params, settings, { category: '$1', lng: '$2::float8', lat: '$3::float8', at: '$4::timestamptz', notId: c.id }),
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
