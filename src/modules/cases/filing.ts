/**
 * Filing a case (M3.1): into the grid under its point, the grid chosen or the business's, or routed
 * to the command centre for placement; with its first step, complainant, evidence and audit event
 * in one transaction, which filings that arrive together share (docs/decisions.md).
 */
import type { Db, Sql } from '../../db/connection.ts'
import { sharedTransaction, writtenTogether, type WriteKind } from '../../db/shared-transactions.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, type Actor } from '../access/policy.ts'
import { AUDIT_CLAIM_SQL, recordAudit, recordAudits, type AuditEntry, type ChainClaim } from '../audit/service.ts'
import { gridAt, areaAt } from '../businesses/placement.ts'
import { businessPlace, type BusinessPlace } from '../businesses/service.ts'
import { isLiveGrid, nearestTopArea } from '../areas/lookups.ts'
import { toWgs84, type Crs } from '../businesses/rules.ts'
import { workingDeadline } from '../calendar/service.ts'
import { allowedActions } from './loop.ts'
import { newTrackingNo, type CaseSource } from './rules.ts'
import { caseSettings, type CaseSettings } from './settings.ts'
import { announceCase } from './feed.ts'
import type { CaseDetail } from './schemas.ts'
import {
  actorFacts, attachEvidence, CASE_COLUMNS, duplicatesQuery, getCase, getCaseUnchecked, iso, maskedContact, toCaseView, toDuplicateView, visibleCases,
  type CaseRow, type DuplicateRow,
} from './service.ts'
import './errors.ts'

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
    const events: AuditEntry[] = []
    let claim: ChainClaim | undefined
    for (const [k, f] of filings.entries()) {
      const row = rows.get(k)
      if (!row) continue
      claim ??= row.audit_claim
      const done = finishFiling(tx, f, row)
      events.push(done.event)
      results[k] = done.result
    }
    if (claim) await recordAudits(tx, events, claim)
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
  const { result, event } = finishFiling(tx, filing, row)
  await recordAudit(tx, event.who, event.input, row.audit_claim)
  return result
}

function filingOf({ actor, input, submitter }: FilingRequest, settings: CaseSettings, due: Date): Filing {
  const evidence = input.evidence?.length ? [...new Set(input.evidence)] : null
  const contact = input.contact && (input.contact.name || input.contact.phone || input.contact.email) ? input.contact : null
  return { actor, input, due, evidence, contact, settings, submitter }
}

/**
 * What every filing ends with, in its transaction: the notice to live consoles, the case as the
 * filer sees it, and the audit event its caller records.
 */
function finishFiling(tx: Sql, f: Filing, row: FiledRow): { result: FilingResult; event: AuditEntry } {
  const { actor, input, evidence, contact } = f
  const holderCode = row.holder_code
  const gridCode = row.grid_code
  announceCase(tx, row, 'create')
  const event: AuditEntry = {
    who: actor,
    input: {
      action: 'case.created', objectType: 'case', objectId: row.id, areaCode: gridCode ?? holderCode,
      details: {
        source: input.source, categoryCode: input.categoryCode, emergency: row.emergency, gridCode,
        holderCode, businessId: input.businessId ?? null, hasContact: contact !== null, evidence,
        ...(actor ? {} : { submitter: f.submitter }),
      },
    },
  }
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
  return { result: { id: row.id, created: true, filed }, event }
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
    ? `(SELECT json_agg(d ORDER BY d.distance, d.id) FROM (${duplicatesQuery((ps) => visibleCases(actor, ps), params, f.settings, { lng, lat, at: 'now()', category: `${$(input.categoryCode)}::text` })}) d)`
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
  const params: unknown[] = [
    column(() => newTrackingNo(now)), column((f) => f.input.source), column((f) => f.input.categoryCode),
    points.map((p) => p[0]), points.map((p) => p[1]), column((f) => f.input.address ?? null),
    column((f) => f.input.title), column((f) => f.input.description), column((f) => f.due),
    column((f) => f.actor?.userId ?? null), column((f) => f.actor?.displayName ?? null), column((f) => f.actor?.scope ?? ''),
    column((f) => f.contact !== null), column((f) => f.contact?.name ?? null), column((f) => f.contact?.phone ?? null),
    column((f) => f.contact?.email ?? null),
  ]
  // Only staff who see cases by area file here (filedTogether), so a filing's likely duplicates are
  // those its filer sees by scope: visibleCases without the liaison's department.
  const duplicates = duplicatesQuery(() => `(c.holder_code LIKE p.scope || '%' OR c.grid_code LIKE p.scope || '%')`, params, filings[0].settings, {
    lng: 'p.lng', lat: 'p.lat', at: 'now()', category: 'p.category_code',
  })
  // fileCase's statement over arrays of filings (one element each). Its text is the same for every
  // call, so it is prepared once per connection, and its one generic plan serves every batch
  // (planning it for each batch's arrays cost a third of the batch's time in the database).
  const { rows } = await tx.prepared<FiledRow & { n: string }>(`
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
    LEFT JOIN LATERAL (SELECT json_agg(d ORDER BY d.distance, d.id) AS duplicates FROM (${duplicates}) d) dup ON p.user_id IS NOT NULL
    ORDER BY p.n`, params, { generic: true })
  return new Map(rows.map((r) => [Number(r.n) - 1, r]))
}

async function businessFor(tx: Sql, actor: Actor | null, id: number): Promise<BusinessPlace> {
  const place = await businessPlace(tx, actor, id)
  if (!place) throw new AppError('case.businessUnknown', { field: 'businessId' })
  return place
}

