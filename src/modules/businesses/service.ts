/**
 * The regulated-business ledger (M2.2): create, read, change and search businesses, always inside
 * the actor's area scope (Q3), each write audited in its own transaction.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import type { ErrorCode } from '../../server/errors.ts'
import { authorize, authorizeBusinesses, businessScopeFilter, can, hasPermission, isInScope, keepsMarketOnly, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { fieldChanges, refuseStale, refuseUnreadable } from '../audit/changes.ts'
import { CommonSearches, nameSearchSql, readNamePage } from './name-search.ts'
import { areaAt, gridAt } from './placement.ts'
import { checkBusiness, maskName, maskPhone, type BusinessInput, type BusinessRecord, type Crs, type Licence, type Problem } from './rules.ts'
import { kindOfUscc, usccWarnings, type BusinessKind } from './uscc.ts'
import { encodeCursor, pageStart, sortSql, type BusinessSort } from './sorting.ts'
import { createRegistrationTasks } from '../patrols/tasks.ts'
import type { BusinessView } from './schemas.ts'
import './errors.ts'

/** A business as the API answers it: the schema's type (schemas.ts), declared once. */
export type { BusinessView }

export interface BusinessRow {
  id: number
  uscc: string
  name: string
  kind: BusinessKind
  registered_address: string
  actual_address: string | null
  lng: number | null
  lat: number | null
  industry: string | null
  licences: Licence[]
  key_domains: string[]
  operating_state: string
  risk_class: string
  legal_representative: string | null
  contact_phone: string | null
  grid_code: string | null
  area_code: string
  unplaced_reason: 'noLocation' | 'outsideGrids' | null
  created_at: Date
  updated_at: Date
  version: number
}

export const BUSINESS_COLUMNS = `id, uscc, name, kind, registered_address, actual_address, ST_X(location) AS lng, ST_Y(location) AS lat,
  industry, licences, key_domains, operating_state, risk_class, legal_representative, contact_phone, grid_code, area_code,
  unplaced_reason, created_at, updated_at, version`

/** PGlite and pg both parse text[]; a driver that does not hands back '{a,b}'. */
function textArray(v: unknown): string[] {
  if (Array.isArray(v)) return v
  if (typeof v === 'string') return v.replace(/^\{|\}$/g, '').split(',').filter(Boolean)
  return []
}

export function toView(r: BusinessRow, masked: boolean): BusinessView {
  return {
    id: r.id, uscc: r.uscc, name: r.name, kind: r.kind, registeredAddress: r.registered_address, actualAddress: r.actual_address,
    location: r.lng === null || r.lng === undefined ? null : { lng: r.lng, lat: r.lat! },
    industry: r.industry, licences: r.licences ?? [], keyDomains: textArray(r.key_domains), operatingState: r.operating_state,
    riskClass: r.risk_class,
    legalRepresentative: masked ? maskName(r.legal_representative) : r.legal_representative,
    contactPhone: masked ? maskPhone(r.contact_phone) : r.contact_phone,
    personalMasked: masked,
    gridCode: r.grid_code, areaCode: r.area_code, unplacedReason: r.unplaced_reason,
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
    usccWarnings: usccWarnings(r.uscc),
  }
}

/** Throws the first broken rule, with every problem in `details.problems`. */
function validOrThrow(input: BusinessInput, crs: Crs): BusinessRecord {
  const { problems, record } = checkBusiness(input, crs)
  if (!record) {
    const first: Problem = problems[0]
    // rules.ts runs in the console too and names its codes as strings; each is a business.* code of errors.ts.
    throw new AppError(first.code as ErrorCode, { ...first.details, field: first.field, rule: first.rule, problems: problems.map((p) => ({ field: p.field, rule: p.rule, code: p.code })) })
  }
  return record
}

interface Placement {
  gridCode: string | null
  areaCode: string
  unplacedReason: 'noLocation' | 'outsideGrids' | null
}

/**
 * M2.2 a business sits in the live grid covering its location. Outside every grid it is left for a
 * person to resolve, by the deepest area covering it, or by `fallbackArea` (the creator's scope, or
 * the area already responsible) when no area covers it or it has no location.
 */
async function place(tx: Sql, lng: number | null, lat: number | null, fallbackArea: string): Promise<Placement> {
  if (lng === null || lat === null) return { gridCode: null, areaCode: fallbackArea, unplacedReason: 'noLocation' }
  const grid = await gridAt(tx, lng, lat)
  if (grid) return { gridCode: grid, areaCode: grid, unplacedReason: null }
  return { gridCode: null, areaCode: (await areaAt(tx, lng, lat)) ?? fallbackArea, unplacedReason: 'outsideGrids' }
}

async function refuseDuplicate(tx: Sql, uscc: string, exceptId?: number): Promise<void> {
  const { rows } = await tx.query('SELECT 1 FROM businesses WHERE uscc = $1 AND id <> $2', [uscc, exceptId ?? 0])
  if (rows.length) throw new AppError('business.duplicateUscc', { uscc, field: 'uscc' })
}

/** Refuses an actor without the permission, then a target area outside the actor's scope. */
function authorizeWrite(actor: Actor, areaCode: string) {
  authorizeBusinesses(actor, 'business.write')
  if (!isInScope(actor, areaCode)) throw new AppError('business.outsideScope')
}

/**
 * M4.4 What a market's management corrects of a business it keeps: what the market knows first
 * hand (where the stall is, whether it trades, what it sells). Registration data, the credit class
 * and personal data stay the bureau's.
 */
const MARKET_KEPT_FIELDS = ['actualAddress', 'location', 'operatingState', 'industry'] as const

function refuseUnkeptFields(actor: Actor, patch: object) {
  if (!keepsMarketOnly(actor)) return
  const field = Object.keys(patch).find((f) => !(MARKET_KEPT_FIELDS as readonly string[]).includes(f))
  if (field) throw new AppError('business.notKeptByMarket', { field })
}

/** A unique violation that slipped past the check (a concurrent insert) reads as the same 409. */
function asDuplicate(err: any, uscc: string): never {
  if (err?.code === '23505' && String(err.constraint ?? '').includes('uscc')) throw new AppError('business.duplicateUscc', { uscc, field: 'uscc' })
  throw err
}

/** M2.2 registers a business, placed in its grid from its location. */
export async function createBusiness(db: Db, actor: Actor, input: BusinessInput, crs: Crs = 'WGS84'): Promise<BusinessView> {
  authorize(actor, 'business.write')
  const b = validOrThrow(input, crs)
  return db.transaction(async (tx) => {
    const p = await place(tx, b.lng, b.lat, actor.scope)
    authorizeWrite(actor, p.areaCode)
    await refuseDuplicate(tx, b.uscc)
    const { rows } = await tx.query<BusinessRow>(
      `INSERT INTO businesses (uscc, name, kind, registered_address, actual_address, location, industry, licences, key_domains,
         operating_state, risk_class, legal_representative, contact_phone, grid_code, area_code, unplaced_reason)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($6, $7), 4326) END,
         $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       RETURNING ${BUSINESS_COLUMNS}`,
      [b.uscc, b.name, b.kind, b.registeredAddress, b.actualAddress, b.lng, b.lat, b.industry, JSON.stringify(b.licences),
        b.keyDomains, b.operatingState, b.riskClass, b.legalRepresentative, b.contactPhone, p.gridCode, p.areaCode, p.unplacedReason],
    ).catch((err) => asDuplicate(err, b.uscc))
    const row = rows[0]
    // M4.2 a registration calls for an address check within N working days, made with it or not at all.
    await createRegistrationTasks(tx, row.id, new Date())
    await recordAudit(tx, actor, {
      action: 'business.created', objectType: 'business', objectId: row.id, areaCode: row.area_code,
      details: { uscc: row.uscc, gridCode: row.grid_code, unplacedReason: row.unplaced_reason },
    })
    return toView(row, !can(actor, 'person.readPersonal'))
  })
}

async function findInScope(tx: Sql, actor: Actor, id: number, lock = false): Promise<BusinessRow> {
  const params: unknown[] = [id]
  const { rows } = await tx.query<BusinessRow>(
    `SELECT ${BUSINESS_COLUMNS} FROM businesses WHERE id = $1 AND ${businessScopeFilter(actor, 'id', 'area_code', params)}${lock ? ' FOR UPDATE' : ''}`,
    params,
  )
  // Out of scope reads as not found (Q3): the reply says nothing about the business.
  if (!rows[0]) throw new AppError('business.notFound', { id })
  return rows[0]
}

/**
 * One business. Its legal representative and phone are personal data: shown only to holders of
 * 'person.readPersonal', and each such view is audited ('personal.viewed').
 */
export async function getBusiness(db: Db, actor: Actor, id: number): Promise<BusinessView> {
  authorizeBusinesses(actor, 'business.read')
  const row = await findInScope(db, actor, id)
  const unmasked = can(actor, 'person.readPersonal')
  const fields = [row.legal_representative !== null && 'legalRepresentative', row.contact_phone !== null && 'contactPhone'].filter(Boolean)
  if (unmasked && fields.length) {
    await db.transaction((tx) => recordAudit(tx, actor, {
      action: 'personal.viewed', objectType: 'business', objectId: row.id, areaCode: row.area_code, details: { fields },
    }))
  }
  return toView(row, !unmasked)
}

export type BusinessPatch = Partial<BusinessInput>

/** The ids of the grid's businesses among the codes `usccs`, by code (a market's list, markets/service.ts). */
export async function idsInGridByUscc(tx: Sql, gridCode: string, usccs: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await tx.query<{ id: number; uscc: string }>(
    'SELECT id, uscc FROM businesses WHERE grid_code = $1 AND uscc = ANY($2::text[])', [gridCode, usccs])
  return new Map(rows.map((r) => [r.uscc, r.id]))
}

/**
 * The ids of the grid's businesses placed inside `geometry`, a GeoJSON (Multi)Polygon in WGS-84 the
 * caller has checked (a market's outline). The geometry is read as areas/geometry.ts boundaryFromJson
 * does; that helper is not imported, since areas imports businesses (docs/decisions.md, "Module walls").
 */
export async function idsInGridWithin(tx: Sql, gridCode: string, geometry: string): Promise<number[]> {
  const { rows } = await tx.query<{ id: number }>(
    `SELECT id FROM businesses WHERE grid_code = $1 AND location IS NOT NULL
       AND ST_Covers(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)), location)`, [gridCode, geometry])
  return rows.map((r) => r.id)
}

/** Where a business is: its grid, area and WGS-84 point. */
export interface BusinessPlace {
  gridCode: string | null
  areaCode: string
  lng: number | null
  lat: number | null
}

/**
 * Where the business `id` is, for a case filed about it (cases/filing.ts); null when there is none
 * in the actor's scope. `actor` null is the public portal, which may name any business.
 */
export async function businessPlace(tx: Sql, actor: Actor | null, id: number): Promise<BusinessPlace | null> {
  const params: unknown[] = [id]
  const inScope = actor ? ` AND ${businessScopeFilter(actor, 'id', 'area_code', params)}` : ''
  const { rows } = await tx.query<{ grid_code: string | null; area_code: string; lng: number | null; lat: number | null }>(
    `SELECT grid_code, area_code, ST_X(location) AS lng, ST_Y(location) AS lat FROM businesses WHERE id = $1${inScope}`, params,
  )
  const r = rows[0]
  return r ? { gridCode: r.grid_code, areaCode: r.area_code, lng: r.lng, lat: r.lat } : null
}

export function rowToInput(r: BusinessRow): BusinessInput {
  return {
    uscc: r.uscc, name: r.name, kind: r.kind, registeredAddress: r.registered_address, actualAddress: r.actual_address,
    location: r.lng === null ? null : { lng: r.lng, lat: r.lat! }, industry: r.industry, licences: r.licences ?? [],
    keyDomains: textArray(r.key_domains), operatingState: r.operating_state, riskClass: r.risk_class,
    legalRepresentative: r.legal_representative, contactPhone: r.contact_phone,
  }
}

/** The personal fields of a business: masked in views and in the log, writable only by who reads them. */
export const PERSONAL_FIELDS = {
  legalRepresentative: { kind: 'name', zh: '法定代表人', en: 'the legal representative' },
  contactPhone: { kind: 'phone', zh: '联系电话', en: 'the contact phone' },
} as const

/** What an update event records of a business (audit/changes.ts): every field, personal ones masked. */
function changesOf(before: BusinessRow, after: BusinessRow) {
  const shape = (r: BusinessRow) => ({
    ...rowToInput(r), gridCode: r.grid_code, areaCode: r.area_code, unplacedReason: r.unplaced_reason,
  })
  return fieldChanges<Record<string, unknown>>(shape(before), shape(after), { legalRepresentative: 'name', contactPhone: 'phone' })
}

/**
 * Changes a business. A new location re-places it (this is also how a person resolves an unplaced
 * business); the result must stay inside the actor's scope. With `expectedVersion` (If-Match) a
 * business changed meanwhile is refused with 'record.versionConflict' and nothing is written.
 * Who sees personal data masked cannot write it: a masked value read back must never overwrite it.
 */
export async function updateBusiness(
  db: Db, actor: Actor, id: number, patch: BusinessPatch, crs: Crs = 'WGS84', expectedVersion?: number,
): Promise<BusinessView> {
  authorizeBusinesses(actor, 'business.write')
  refuseUnkeptFields(actor, patch)
  const masked = !can(actor, 'person.readPersonal')
  return db.transaction(async (tx) => {
    const current = await findInScope(tx, actor, id, true)
    authorizeWrite(actor, current.area_code)
    if (masked) {
      for (const [field, label] of Object.entries(PERSONAL_FIELDS)) if (field in patch) refuseUnreadable(field, label)
    }
    refuseStale(expectedVersion, current.version, () => toView(current, masked))
    const before = rowToInput(current)
    const moves = 'location' in patch
    // The stored location is WGS-84 already; only a new one is converted from `crs`.
    const merged: BusinessInput = { ...before, ...patch }
    // A new code without a kind takes the kind the code gives, when it gives one.
    if ('uscc' in patch && !('kind' in patch)) merged.kind = kindOfUscc(String(patch.uscc).trim()) ?? before.kind
    const b = validOrThrow(merged, moves ? crs : 'WGS84')
    const row = await writeBusinessChange(tx, actor, current, b, { fields: Object.keys(patch), moves })
    return toView(row, masked)
  })
}

/**
 * Writes a checked change of a locked business (updateBusiness, an import in update mode): places
 * it again when it `moves`, keeps it in the actor's scope and its code unique, raises its version and
 * records the event with every changed field's old and new value.
 */
export async function writeBusinessChange(
  tx: Sql, actor: Actor, current: BusinessRow, b: BusinessRecord, how: { fields: string[]; moves: boolean; via?: Record<string, unknown> },
): Promise<BusinessRow> {
  const p: Placement = how.moves
    ? await place(tx, b.lng, b.lat, current.area_code)
    : { gridCode: current.grid_code, areaCode: current.area_code, unplacedReason: current.unplaced_reason }
  if (!isInScope(actor, p.areaCode)) throw new AppError('business.outsideScope')
  if (b.uscc !== current.uscc) await refuseDuplicate(tx, b.uscc, current.id)
  const { rows } = await tx.query<BusinessRow>(
    `UPDATE businesses SET uscc = $2, name = $3, kind = $4, registered_address = $5, actual_address = $6,
       location = CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($7, $8), 4326) END,
       industry = $9, licences = $10, key_domains = $11, operating_state = $12, risk_class = $13,
       legal_representative = $14, contact_phone = $15, grid_code = $16, area_code = $17, unplaced_reason = $18, updated_at = now()
     WHERE id = $1 AND version = $19 RETURNING ${BUSINESS_COLUMNS}`,
    [current.id, b.uscc, b.name, b.kind, b.registeredAddress, b.actualAddress, b.lng, b.lat, b.industry, JSON.stringify(b.licences),
      b.keyDomains, b.operatingState, b.riskClass, b.legalRepresentative, b.contactPhone, p.gridCode, p.areaCode, p.unplacedReason,
      current.version],
  ).catch((err) => asDuplicate(err, b.uscc))
  // The row is locked since it was read, so the version cannot have moved; the condition keeps
  // the write honest should the lock ever go.
  const row = rows[0]
  if (!row) throw new AppError('record.versionConflict', { expected: current.version, version: null, current: null })
  await recordAudit(tx, actor, {
    action: 'business.updated', objectType: 'business', objectId: current.id, areaCode: row.area_code,
    details: {
      fields: how.fields,
      changes: changesOf(current, row),
      version: row.version,
      ...how.via,
      ...(how.moves ? { from: { gridCode: current.grid_code, areaCode: current.area_code }, to: { gridCode: row.grid_code, areaCode: row.area_code, unplacedReason: row.unplaced_reason } } : {}),
    },
  })
  return row
}

/**
 * The businesses holding these codes, locked for update, whatever the actor's scope: the caller
 * tells codes in scope (to change) from codes registered elsewhere (to refuse without a word on them).
 */
export async function lockByUscc(tx: Sql, codes: string[]): Promise<Map<string, BusinessRow>> {
  if (!codes.length) return new Map()
  const { rows } = await tx.query<BusinessRow>(`SELECT ${BUSINESS_COLUMNS} FROM businesses WHERE uscc = ANY($1::text[]) ORDER BY id FOR UPDATE`, [codes])
  return new Map(rows.map((r) => [r.uscc, r]))
}

export interface BusinessFilters {
  q?: string
  uscc?: string
  address?: string
  gridCode?: string
  under?: string
  industry?: string
  riskClass?: string
  kind?: string
  operatingState?: string
  placed?: boolean
  unplacedReason?: 'noLocation' | 'outsideGrids'
}

const USCC_PREFIX = /^[0-9A-HJ-NPQRTUWXY]{4,18}$/

/** A search text that reads as the start of a USCC (upper-case code characters, two digits or more). */
export function looksLikeUsccPrefix(q: string): boolean {
  const t = q.trim().toUpperCase()
  return USCC_PREFIX.test(t) && (t.match(/[0-9]/g)?.length ?? 0) >= 2
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c)

/**
 * How a contains-search compares: Latin letters regardless of case ("kfc" finds "KFC"), with ILIKE,
 * which the trigram index serves too. A term without Latin letters keeps LIKE: Chinese has no case,
 * and LIKE's recheck of each candidate row is the cheaper of the two.
 */
function containsOperator(term: string): 'LIKE' | 'ILIKE' {
  return /[A-Za-z]/.test(term) ? 'ILIKE' : 'LIKE'
}

/**
 * The WHERE clause of a business search, scope first (Q3). USCC prefixes use the unique b-tree as a
 * range (its collation need not be C); a name contains-search uses the trigram index of 0200.
 */
export function searchWhere(actor: Pick<Actor, 'scope'> & Partial<Pick<Actor, 'roles' | 'marketIds'>>, f: BusinessFilters, params: unknown[]): string {
  const where = [businessScopeFilter(actor, 'id', 'area_code', params)]
  const add = (cond: string, ...values: unknown[]) => {
    let c = cond
    for (const v of values) {
      params.push(v)
      c = c.replace('?', `$${params.length}`)
    }
    where.push(c)
  }
  // The range lets the b-tree serve the prefix; the escaped LIKE keeps a typed % or _ literal.
  const usccPrefix = (p: string) => add('uscc >= ? AND uscc < ? AND uscc LIKE ?', p, p + 'Z', likeEscape(p) + '%')
  if (f.q && f.q.trim()) {
    const q = f.q.trim()
    if (looksLikeUsccPrefix(q)) usccPrefix(q.toUpperCase())
    else add(`name ${containsOperator(q)} ?`, '%' + likeEscape(q) + '%')
  }
  // Issue 13: the USCC filter is a prefix too (a full code is its own prefix), so part of a code finds it.
  if (f.uscc && f.uscc.trim()) usccPrefix(f.uscc.trim().toUpperCase())
  if (f.address && f.address.trim()) {
    const a = '%' + likeEscape(f.address.trim()) + '%'
    const op = containsOperator(a)
    add(`(registered_address ${op} ? OR actual_address ${op} ?)`, a, a)
  }
  // A placed business's area_code is its grid (0201): the area index serves the grid filter.
  if (f.gridCode) add('area_code = ? AND grid_code = ?', f.gridCode, f.gridCode)
  if (f.under) add('area_code LIKE ?', f.under + '%')
  if (f.industry) add('industry = ?', f.industry)
  if (f.riskClass) add('risk_class = ?', f.riskClass)
  if (f.kind) add('kind = ?', f.kind)
  if (f.operatingState) add('operating_state = ?', f.operatingState)
  if (f.placed === true) where.push('grid_code IS NOT NULL')
  if (f.placed === false) where.push('grid_code IS NULL')
  if (f.unplacedReason) add('unplaced_reason = ?', f.unplacedReason)
  return where.join(' AND ')
}

/** This server's memory of which name searches are common (name-search.ts). */
const commonNameSearches = new CommonSearches()

interface Page<T> {
  items: T[]
  nextAfter: number | null
}

/** A list page: `nextAfter` pages the registration order only, `nextCursor` any order. */
export interface ListPage<T> extends Page<T> {
  nextCursor: string | null
}

export type ListQuery = BusinessFilters & { after?: number; cursor?: string; sort?: BusinessSort; limit: number }

/**
 * Keyset-paged search, scope-filtered in SQL: in registration order by default (after = last id of
 * the previous page, or a cursor), or in `sort` order (sorting.ts, paged by cursor only). Personal
 * data is always masked in lists: unmasked data is read one business at a time (audited) or exported.
 */
export async function searchBusinesses(db: Db, actor: Actor, f: ListQuery): Promise<ListPage<BusinessView>> {
  authorizeBusinesses(actor, 'business.read')
  const start = pageStart(f)
  if (start.sort !== undefined) return searchSorted(db, actor, f, start.sort, start.from)
  const params: unknown[] = []
  const where = searchWhere(actor, f, params)
  params.push(start.after)
  const afterParam = params.length
  params.push(f.limit)
  const term = f.q?.trim()
  const rows = term && !looksLikeUsccPrefix(term)
    ? await readNamePage<BusinessRow>(db, term, nameSearchSql(BUSINESS_COLUMNS, where, afterParam, params.length), params, commonNameSearches)
    : (await db.query<BusinessRow>(`SELECT ${BUSINESS_COLUMNS} FROM businesses WHERE ${where} AND id > $${afterParam} ORDER BY id LIMIT $${params.length}`, params)).rows
  const nextAfter = rows.length === f.limit ? rows[rows.length - 1].id : null
  return { items: rows.map((r) => toView(r, true)), nextAfter, nextCursor: nextAfter === null ? null : encodeCursor('id', nextAfter) }
}

/**
 * A page in `sort` order after position `from`. A name search is the plain `name LIKE` (or ILIKE) of
 * searchWhere here, its matches sorted: the id-order plans of the name search do not apply. Without
 * an index for the order the database sorts every row the scope and filters select (top-N): quick
 * for a grid or a station, slower for a whole city.
 */
async function searchSorted(db: Db, actor: Actor, f: ListQuery, sort: BusinessSort, from: { id: number; value: string } | null): Promise<ListPage<BusinessView>> {
  const order = sortSql(sort)
  const params: unknown[] = []
  let where = searchWhere(actor, f, params)
  if (from) {
    params.push(from.value, from.id)
    where += ` AND ${order.after(`$${params.length - 1}`, `$${params.length}`)}`
  }
  params.push(f.limit)
  const { rows } = await db.query<BusinessRow & { sort_value: string }>(
    `SELECT ${BUSINESS_COLUMNS}, ${order.value} AS sort_value FROM businesses WHERE ${where} ORDER BY ${order.orderBy} LIMIT $${params.length}`, params,
  )
  const last = rows.length === f.limit ? rows[rows.length - 1] : undefined
  return { items: rows.map((r) => toView(r, true)), nextAfter: null, nextCursor: last ? encodeCursor(sort, last.id, last.sort_value) : null }
}

/** M2.2 the businesses no grid holds, for a person to resolve by giving a (new) location. */
export function listUnplaced(db: Db, actor: Actor, q: { reason?: 'noLocation' | 'outsideGrids'; under?: string; after?: number; limit: number }) {
  return searchBusinesses(db, actor, { placed: false, unplacedReason: q.reason, under: q.under, after: q.after, limit: q.limit })
}

/** Permission check for routes that need only the action (import, export). */
export function requirePermission(actor: Actor, action: 'business.import' | 'business.export') {
  if (!hasPermission(actor, action)) throw new AppError('auth.forbidden', { action })
}

/** A count stops here: the console shows "more than 10000" rather than reading a whole ledger for a figure (a district of 57,000 businesses at a million took 0.1–2 s to count in full on mg_bench, capped 0.09–0.9 s). */
export const COUNT_CAP = 10_000

/**
 * How many businesses a search matches (for the console's pager), scope-filtered like the search,
 * counted up to COUNT_CAP: `exact` is false when there are more.
 */
export async function countBusinesses(db: Db, actor: Actor, f: BusinessFilters): Promise<{ total: number; exact: boolean }> {
  authorizeBusinesses(actor, 'business.read')
  const params: unknown[] = []
  const where = searchWhere(actor, f, params)
  params.push(COUNT_CAP + 1)
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM businesses WHERE ${where} LIMIT $${params.length}) s`, params,
  )
  const n = rows[0].n
  return { total: Math.min(n, COUNT_CAP), exact: n <= COUNT_CAP }
}
