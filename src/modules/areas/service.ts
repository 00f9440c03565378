/**
 * The area tree (M1.1–M1.4, M2.1): read within scope, create, rename, redraw and redivide areas.
 * Every write authorises, checks the rules, writes the area, its version row (with who approved
 * it) and the audit event in one transaction, and re-places the businesses its grids cover.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError, formatMessage, type Lang } from '../../server/errors.ts'
import { authorize, scopeFilter, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { fieldChanges, refuseStale } from '../audit/changes.ts'
import { replaceBusinessesWithin, type ReplacementResult } from '../businesses/placement.ts'
import {
  boundaryFromJson, findBoundaryProblems, parseBoundary, type BoundaryProblem, type GeometryProblem, type InputCrs,
  type MultiPolygonJson,
} from './geometry.ts'
import {
  checkNewArea, checkRedivideShape, isManageableBy, isVisibleTo, isWellFormedCode, levelName, MAX_CODE_LEVELS,
  nextChildCode, parentOf, resolveParent, SLIVER_TOLERANCE_M2, type AreaProfile, type CodeProblem, type LevelName,
  type ParentFacts, type RedivideProblem, OVERLAY_GRID } from './rules.ts'
import { alignToNeighbours, type EdgeAdjustment } from './edges.ts'
import { areaSettings } from './settings.ts'
import type { AreaDetail, AreaSummary, AreaVersionView } from './schemas.ts'
import './errors.ts'

/** M1.4 who approved a change of the division: the district grid office (网格办), by name and document. */
export interface Approval {
  approvedBy?: string
  approvalRef?: string
  reason?: string
}

const NO_PLACEMENT: ReplacementResult = { moved: 0, unplaced: 0 }

/**
 * Q3 the SQL condition for areas the actor may read: inside their scope, or an ancestor of it
 * (the path down to their own area, so a grid head sees 05 → 0501 → 050101 but not 050102).
 */
export function visibleAreaSql(actor: Pick<Actor, 'scope'>, column: string, params: unknown[]): string {
  const inScope = scopeFilter(actor, column, params)
  params.push(actor.scope)
  return `(${inScope} OR $${params.length} LIKE ${column} || '%')`
}

/** Throws the error of a rule problem; its fields are the message's details. */
function refuse(problem: CodeProblem | RedivideProblem | GeometryProblem | BoundaryProblem, extra: Record<string, unknown> = {}): never {
  const { error, ...details } = problem
  throw new AppError(error, { ...extra, ...details })
}

export async function loadProfiles(tx: Sql): Promise<Map<string, AreaProfile>> {
  const { rows } = await tx.query<{ id: string; name_zh: string; name_en: string; levels: LevelName[] }>(
    'SELECT id, name_zh, name_en, levels FROM area_profiles ORDER BY id',
  )
  return new Map(rows.map((r) => [r.id, { id: r.id, nameZh: r.name_zh, nameEn: r.name_en, levels: r.levels }]))
}

/** M1.1 the level profiles, for forms and labels. */
export async function listProfiles(db: Sql, actor: Actor): Promise<AreaProfile[]> {
  authorize(actor, 'area.read')
  return [...(await loadProfiles(db)).values()]
}

const SUMMARY_COLUMNS = `a.code, a.name, a.level, a.parent_code, a.profile_id, a.area_km2, a.version, a.retired_at,
  a.successor_codes, a.created_at, a.updated_at`

/** An area as SUMMARY_COLUMNS read it, with its count of the live children the actor can see. */
interface AreaSummaryRow {
  code: string
  name: string
  level: number
  parent_code: string | null
  profile_id: string
  area_km2: number | null
  version: number
  retired_at: Date | string | null
  successor_codes: string[] | null
  created_at: Date | string
  updated_at: Date | string
  child_count: number
}

function toSummary(r: AreaSummaryRow, profiles: Map<string, AreaProfile>): AreaSummary {
  const profile = profiles.get(r.profile_id)
  return {
    code: r.code, name: r.name, level: r.level, levelName: profile ? levelName(profile, r.level) : null,
    parentCode: r.parent_code, profileId: r.profile_id, areaKm2: r.area_km2, version: r.version,
    retired: r.retired_at !== null, retiredAt: r.retired_at ? new Date(r.retired_at).toISOString() : null,
    successorCodes: r.successor_codes ?? [], childCount: r.child_count ?? 0,
  }
}

export interface AreaListQuery {
  parentCode?: string
  level?: number
  includeRetired?: boolean
  after?: string
  limit: number
}

/** M2.1 the areas the actor can see, in tree order (by code: a parent comes before its children). */
export async function listAreas(db: Sql, actor: Actor, q: AreaListQuery): Promise<{ items: AreaSummary[]; nextAfter: string | null }> {
  authorize(actor, 'area.read')
  const params: unknown[] = []
  const where = [visibleAreaSql(actor, 'a.code', params)]
  const childVisible = visibleAreaSql(actor, 'c.code', params)
  const add = (cond: string, value: unknown) => {
    params.push(value)
    where.push(cond.replace('?', `$${params.length}`))
  }
  if (q.parentCode !== undefined) add('a.parent_code = ?', q.parentCode)
  if (q.level !== undefined) add('a.level = ?', q.level)
  if (!q.includeRetired) where.push('a.retired_at IS NULL')
  if (q.after !== undefined) add('a.code > ?', q.after)
  params.push(q.limit + 1)
  const { rows } = await db.query<AreaSummaryRow>(
    `SELECT ${SUMMARY_COLUMNS},
       (SELECT count(*) FROM areas c WHERE c.parent_code = a.code AND c.retired_at IS NULL AND ${childVisible})::int AS child_count
     FROM areas a WHERE ${where.join(' AND ')} ORDER BY a.code LIMIT $${params.length}`,
    params,
  )
  const profiles = await loadProfiles(db)
  const more = rows.length > q.limit
  const items = rows.slice(0, q.limit).map((r) => toSummary(r, profiles))
  return { items, nextAfter: more ? items[items.length - 1].code : null }
}

/** One area as the actor may see it, or null (absent and out of scope look the same). */
async function findVisible(tx: Sql, actor: Actor, code: string): Promise<AreaDetail | null> {
  const params: unknown[] = [code]
  const visible = visibleAreaSql(actor, 'a.code', params)
  const childVisible = visibleAreaSql(actor, 'c.code', params)
  const businessInScope = scopeFilter(actor, 'b.area_code', params)
  params.push(code + '%')
  const { rows } = await tx.query<AreaSummaryRow & { boundary_json: string | null; business_count: number }>(
    `SELECT ${SUMMARY_COLUMNS}, ST_AsGeoJSON(a.boundary) AS boundary_json,
       (SELECT count(*) FROM areas c WHERE c.parent_code = a.code AND c.retired_at IS NULL AND ${childVisible})::int AS child_count,
       (SELECT count(*) FROM businesses b WHERE b.area_code LIKE $${params.length} AND ${businessInScope})::int AS business_count
     FROM areas a WHERE a.code = $1 AND ${visible}`,
    params,
  )
  const r = rows[0]
  if (!r) return null
  const profiles = await loadProfiles(tx)
  const p = profiles.get(r.profile_id)!
  return {
    ...toSummary(r, profiles),
    profile: { id: p.id, nameZh: p.nameZh, nameEn: p.nameEn, levels: p.levels },
    boundary: r.boundary_json ? JSON.parse(r.boundary_json) : null,
    businessCount: r.business_count,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }
}

/** What the rules need of a parent, if the actor can see it (without the counts of `findVisible`). */
async function findParentFacts(tx: Sql, actor: Actor, code: string): Promise<ParentFacts | null> {
  const params: unknown[] = [code]
  const visible = visibleAreaSql(actor, 'code', params)
  const { rows } = await tx.query<{ code: string; retired_at: Date | null; profile_id: string }>(
    `SELECT code, retired_at, profile_id FROM areas WHERE code = $1 AND ${visible}`, params,
  )
  return rows[0] ? { code: rows[0].code, retired: rows[0].retired_at !== null, profileId: rows[0].profile_id } : null
}

function requireCode(code: string) {
  if (!isWellFormedCode(code)) throw new AppError('area.codeMalformed', { code, maxLevels: MAX_CODE_LEVELS })
}

/** M2.1 one area with its level name, profile, area, boundary, version, successors and counts. */
export async function getArea(db: Sql, actor: Actor, code: string): Promise<AreaDetail> {
  authorize(actor, 'area.read')
  requireCode(code)
  const found = await findVisible(db, actor, code)
  if (!found) throw new AppError('area.notFound', { code })
  return found
}

/** The next free child code under `parentCode` (omitted: a top-level code), for the create form. */
export async function suggestCode(db: Sql, actor: Actor, parentCode?: string): Promise<{ parentCode: string | null; code: string | null }> {
  authorize(actor, 'area.read')
  if (parentCode !== undefined) {
    requireCode(parentCode)
    if (!(await findParentFacts(db, actor, parentCode))) throw new AppError('area.notFound', { code: parentCode })
  }
  return { parentCode: parentCode ?? null, code: nextChildCode(parentCode ?? '', await usedChildCodes(db, parentCode ?? null)) }
}

async function usedChildCodes(tx: Sql, parentCode: string | null): Promise<string[]> {
  const { rows } = parentCode === null
    ? await tx.query<{ code: string }>('SELECT code FROM areas WHERE parent_code IS NULL')
    : await tx.query<{ code: string }>('SELECT code FROM areas WHERE parent_code = $1', [parentCode])
  return rows.map((r) => r.code)
}

function requireApproval(approval: Approval) {
  if (!approval.approvedBy || !approval.approvedBy.trim()) throw new AppError('area.approvalRequired', { field: 'approvedBy' })
}

/**
 * Q3 writes: the area must be visible (else it reads as absent: 404) and strictly below the
 * actor's scope (else 403: one sees one's own area and its ancestors but does not redraw them).
 */
function requireManageable(actor: Actor, code: string, visible: boolean) {
  if (!visible) throw new AppError('area.notFound', { code })
  if (!isManageableBy(actor.scope, code)) throw new AppError('auth.forbidden', { action: 'area.manage', code })
}

/**
 * M1.3 two drawings under one parent must not both pass the overlap check: writers of siblings
 * take the parent's row lock (top-level areas an advisory lock) for the rest of the transaction.
 */
async function lockSiblings(tx: Sql, parentCode: string | null) {
  if (parentCode === null) await tx.query('SELECT pg_advisory_xact_lock($1)', [727100])
  else await tx.query('SELECT 1 FROM areas WHERE code = $1 FOR UPDATE', [parentCode])
}

/** M1.4 one history row per change: the area as it is after the change, and who approved it. */
export async function writeVersion(tx: Sql, actor: Actor, code: string, change: string, approval: Approval) {
  await tx.query(
    `INSERT INTO area_versions (area_code, version, change, name, parent_code, boundary, approved_by, approval_ref, reason, changed_by)
     SELECT code, version, $2, name, parent_code, boundary, $3, $4, $5, $6 FROM areas WHERE code = $1`,
    [code, change, approval.approvedBy?.trim() || null, approval.approvalRef ?? null, approval.reason ?? null, actor.userId],
  )
}

/** Throws the first boundary problem of a single-area change. */
async function requireGoodBoundaries(tx: Sql, proposals: Parameters<typeof findBoundaryProblems>[1], replaced: string[]) {
  const problems = await findBoundaryProblems(tx, proposals, replaced)
  if (problems.length) refuse(problems[0].problem, { code: problems[0].code })
}

function parseOrRefuse(boundary: unknown, crs: InputCrs, extra: Record<string, unknown> = {}): MultiPolygonJson {
  const parsed = parseBoundary(boundary, crs)
  if ('error' in parsed) refuse(parsed, extra)
  return parsed.geometry
}

/** True when `level` is the deepest level of the profile: only grids hold businesses (M2.2). */
export function isGridLevel(profile: AreaProfile, level: number): boolean {
  return level === profile.levels.length
}

export interface NewArea extends Approval {
  /** omitted: the next free code under the parent */
  code?: string
  /** omitted: the parent the code implies (a two-digit code is top-level) */
  parentCode?: string
  name: string
  boundary: unknown
  crs?: InputCrs
  /** top-level areas only; children use their parent's profile */
  profileId?: string
}

export interface AreaChangeResult {
  area: AreaDetail
  /** M1.4 businesses re-placed because a grid boundary changed */
  placement: ReplacementResult
  /** what the save adjusted without refusing (issue 13 §6: edges aligned with a neighbour's) */
  notices: AreaNotice[]
}

/** A change the server made to a saved boundary, in words for the user and in figures for a program. */
interface AreaNotice {
  code: 'area.alignedToNeighbour' | 'area.alignedToParent'
  message: string
  /** the neighbour's code, or the parent's */
  areaCode: string
  /** overlapM2 + gapM2 */
  areaM2: number
  overlapM2: number
  gapM2: number
}

function noticesOf(adjustments: EdgeAdjustment[], lang: Lang): AreaNotice[] {
  return adjustments.map((a) => {
    const code = a.relation === 'parent' ? 'area.alignedToParent' as const : 'area.alignedToNeighbour' as const
    const areaM2 = Math.round((a.overlapM2 + a.gapM2) * 100) / 100
    const shown = areaM2 < 0.1 ? String(areaM2) : areaM2.toFixed(1)
    const message = formatMessage(code, lang, a.relation === 'parent' ? { parentCode: a.code, areaM2: shown } : { neighbour: a.code, areaM2: shown })
    return { code, message, areaCode: a.code, areaM2, overlapM2: a.overlapM2, gapM2: a.gapM2 }
  })
}

/**
 * Issue 13 §6: a boundary whose overlaps with its live siblings (and parts outside its parent) are
 * all narrower than the tolerance is aligned with their edges (edges.ts); the checks then see the
 * aligned boundary. Runs under the sibling lock, before the checks.
 */
async function alignBoundary(tx: Sql, parentCode: string | null, geometry: MultiPolygonJson, excluded: string[]) {
  const { edgeToleranceM } = await areaSettings(tx)
  return alignToNeighbours(tx, { parentCode, geometry }, excluded, edgeToleranceM)
}

/**
 * M1.1–M1.3 creates an area under a live parent the actor can see, strictly below the actor's
 * scope (top-level areas need scope ''), with an approved, valid boundary that overlaps no live
 * sibling and lies inside the parent.
 */
export async function createArea(db: Db, actor: Actor, input: NewArea, lang: Lang = 'zh-CN'): Promise<AreaChangeResult> {
  authorize(actor, 'area.manage')
  requireApproval(input)
  let parentCode: string | null
  if (input.code !== undefined) {
    const resolved = resolveParent(input.code, input.parentCode)
    if ('error' in resolved) refuse(resolved)
    parentCode = resolved.parentCode
  } else {
    if (input.parentCode !== undefined) requireCode(input.parentCode)
    parentCode = input.parentCode ?? null
  }
  if (parentCode !== null && !isVisibleTo(actor.scope, parentCode)) throw new AppError('area.parentMissing', { parentCode })
  if (parentCode === null && actor.scope !== '') throw new AppError('auth.forbidden', { action: 'area.manage' })
  if (input.code !== undefined && !isManageableBy(actor.scope, input.code)) {
    throw new AppError('auth.forbidden', { action: 'area.manage', code: input.code })
  }
  const drawn = parseOrRefuse(input.boundary, input.crs ?? 'WGS84')

  return db.transaction(async (tx) => {
    await lockSiblings(tx, parentCode)
    const profiles = await loadProfiles(tx)
    const parent = parentCode === null ? null : await findParentFacts(tx, actor, parentCode)
    const profileId = parent?.profileId ?? input.profileId ?? 'baqiao'
    const profile = profiles.get(profileId)
    if (!profile) throw new AppError('area.profileUnknown', { profileId })
    let code = input.code
    if (code === undefined) {
      if (parentCode !== null && !parent) throw new AppError('area.parentMissing', { parentCode })
      code = nextChildCode(parentCode ?? '', await usedChildCodes(tx, parentCode)) ?? undefined
      if (code === undefined) throw new AppError('area.codeExhausted', { parentCode: parentCode ?? '' })
      if (!isManageableBy(actor.scope, code)) throw new AppError('auth.forbidden', { action: 'area.manage', code })
    }
    const exists = (await tx.query('SELECT 1 FROM areas WHERE code = $1', [code])).rowCount > 0
    const problem = checkNewArea({ code, parentCode, parent, exists, profile, requestedProfileId: input.profileId })
    if (problem) refuse(problem)
    const { geometry, adjustments } = await alignBoundary(tx, parentCode, drawn, [code])
    await requireGoodBoundaries(tx, [{ index: 0, code, parentCode, geometry }], [code])

    const level = code.length / 2
    await tx.query(
      `INSERT INTO areas (code, parent_code, level, name, profile_id, boundary, area_km2)
       SELECT $1, $2, $3, $4, $5, g, ST_Area(g::geography) / 1e6 FROM (SELECT ${boundaryFromJson('$6')} AS g) x`,
      [code, parentCode, level, input.name, profileId, JSON.stringify(geometry)],
    )
    await writeVersion(tx, actor, code, 'created', input)
    const placement = isGridLevel(profile, level) ? await replaceBusinessesWithin(tx, JSON.stringify(geometry)) : NO_PLACEMENT
    await recordAudit(tx, actor, {
      action: 'area.created', objectType: 'area', objectId: code, areaCode: code,
      details: {
        name: input.name, parentCode, approvedBy: input.approvedBy, approvalRef: input.approvalRef ?? null, placement,
        ...(adjustments.length ? { aligned: adjustments } : {}),
      },
    })
    return { area: (await findVisible(tx, actor, code))!, placement, notices: noticesOf(adjustments, lang) }
  })
}

/**
 * Loads an area for a change: visible, strictly below scope, live; locked until commit. With
 * `expectedVersion` (If-Match) an area changed meanwhile is refused with 'record.versionConflict',
 * the current area in the details; the lock keeps the version still until our write.
 */
async function loadForChange(tx: Sql, actor: Actor, code: string, expectedVersion?: number) {
  requireCode(code)
  const params: unknown[] = [code]
  const visible = visibleAreaSql(actor, 'code', params)
  const { rows } = await tx.query<{ code: string; name: string; parent_code: string | null; level: number; profile_id: string; retired_at: Date | null; area_km2: number | null; version: number }>(
    `SELECT code, name, parent_code, level, profile_id, retired_at, area_km2, version FROM areas WHERE code = $1 AND ${visible} FOR UPDATE`,
    params,
  )
  const row = rows[0]
  requireManageable(actor, code, Boolean(row))
  if (row.retired_at) throw new AppError('area.retired', { code })
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    const current = await findVisible(tx, actor, code)
    refuseStale(expectedVersion, row.version, () => current)
  }
  return row
}

/** Renames a live area (the code stays: it is the key of cases and map layers). */
export async function renameArea(db: Db, actor: Actor, code: string, input: Approval & { name: string }, expectedVersion?: number): Promise<AreaDetail> {
  authorize(actor, 'area.manage')
  return db.transaction(async (tx) => {
    const row = await loadForChange(tx, actor, code, expectedVersion)
    if (row.name !== input.name) {
      await tx.query('UPDATE areas SET name = $2, version = version + 1, updated_at = now() WHERE code = $1', [code, input.name])
      await writeVersion(tx, actor, code, 'renamed', input)
      await recordAudit(tx, actor, {
        action: 'area.renamed', objectType: 'area', objectId: code, areaCode: code,
        details: {
          from: row.name, to: input.name, approvedBy: input.approvedBy ?? null,
          changes: fieldChanges({ name: row.name }, { name: input.name }), version: row.version + 1,
        },
      })
    }
    return (await findVisible(tx, actor, code))!
  })
}

/**
 * M1.3/M1.4 redraws a live area's boundary with the grid office's approval, then re-places the
 * businesses in the old and the new boundary.
 */
export async function setBoundary(
  db: Db, actor: Actor, code: string, input: Approval & { boundary: unknown; crs?: InputCrs }, expectedVersion?: number, lang: Lang = 'zh-CN',
): Promise<AreaChangeResult> {
  authorize(actor, 'area.manage')
  requireApproval(input)
  const drawn = parseOrRefuse(input.boundary, input.crs ?? 'WGS84')
  return db.transaction(async (tx) => {
    requireCode(code)
    // Parent before child, the order every area write takes its locks in (no deadlock).
    await lockSiblings(tx, parentOf(code))
    const row = await loadForChange(tx, actor, code, expectedVersion)
    const { geometry, adjustments } = await alignBoundary(tx, row.parent_code, drawn, [code])
    await requireGoodBoundaries(tx, [{ index: 0, code, parentCode: row.parent_code, geometry }], [code])
    const region = await tx.query<{ region: string }>(
      `SELECT ST_AsGeoJSON(CASE WHEN boundary IS NULL THEN g ELSE ST_Union(boundary, g, ${OVERLAY_GRID}) END) AS region
       FROM areas, (SELECT ${boundaryFromJson('$2')} AS g) x WHERE code = $1`,
      [code, JSON.stringify(geometry)],
    )
    const { rows } = await tx.query<{ area_km2: number }>(
      `UPDATE areas SET boundary = g, area_km2 = ST_Area(g::geography) / 1e6, version = version + 1, updated_at = now()
       FROM (SELECT ${boundaryFromJson('$2')} AS g) x WHERE code = $1 RETURNING area_km2`,
      [code, JSON.stringify(geometry)],
    )
    await writeVersion(tx, actor, code, 'boundaryChanged', input)
    const profile = (await loadProfiles(tx)).get(row.profile_id)!
    const placement = isGridLevel(profile, row.level) ? await replaceBusinessesWithin(tx, region.rows[0].region) : NO_PLACEMENT
    await recordAudit(tx, actor, {
      action: 'area.boundaryChanged', objectType: 'area', objectId: code, areaCode: code,
      // The boundaries themselves are in area_versions (one row per version): the event names the versions.
      details: {
        areaKm2Before: row.area_km2, areaKm2After: rows[0].area_km2, approvedBy: input.approvedBy, approvalRef: input.approvalRef ?? null, placement,
        changes: fieldChanges({ version: row.version, areaKm2: row.area_km2 }, { version: row.version + 1, areaKm2: rows[0].area_km2 }),
        ...(adjustments.length ? { aligned: adjustments } : {}),
      },
    })
    return { area: (await findVisible(tx, actor, code))!, placement, notices: noticesOf(adjustments, lang) }
  })
}

export interface Redivision extends Approval {
  /** live sibling areas to retire */
  retire: string[]
  /** the areas that replace them, children of the same parent */
  create: Array<{ code: string; name: string; boundary: unknown }>
  crs?: InputCrs
}

export interface RedivisionResult {
  retired: AreaDetail[]
  created: AreaDetail[]
  placement: ReplacementResult
}

/**
 * M1.4 split, merge or reshape siblings in one transaction: the old areas are retired (never
 * deleted: old cases keep their grid, and `successor_codes` names the new areas that took over
 * their ground), the new ones are created with checked boundaries, and the businesses of the old
 * and new ground are re-placed.
 */
export async function redivide(db: Db, actor: Actor, input: Redivision): Promise<RedivisionResult> {
  authorize(actor, 'area.manage')
  requireApproval(input)
  const shape = checkRedivideShape(input.retire, input.create.map((c) => c.code))
  if ('error' in shape) refuse(shape)
  const parentCode = shape.parentCode
  for (const code of input.retire) requireManageable(actor, code, isVisibleTo(actor.scope, code))
  for (const c of input.create) requireManageable(actor, c.code, isVisibleTo(actor.scope, c.code))
  const geometries = input.create.map((c) => parseOrRefuse(c.boundary, input.crs ?? 'WGS84', { code: c.code }))

  return db.transaction(async (tx) => {
    await lockSiblings(tx, parentCode)
    const profiles = await loadProfiles(tx)
    let profileId: string | null = null
    for (const code of input.retire) {
      const row = await loadForChange(tx, actor, code)
      profileId = row.profile_id
      const live = await tx.query<{ code: string }>(
        'SELECT code FROM areas WHERE parent_code = $1 AND retired_at IS NULL AND NOT (code = ANY($2::text[])) ORDER BY code',
        [code, input.retire],
      )
      if (live.rowCount) throw new AppError('area.hasLiveChildren', { code, children: live.rows.map((r) => r.code).join(', ') })
    }
    const parent = parentCode === null ? null : await findParentFacts(tx, actor, parentCode)
    const profile = profiles.get(profileId!)!
    for (const c of input.create) {
      const exists = (await tx.query('SELECT 1 FROM areas WHERE code = $1', [c.code])).rowCount > 0
      const problem = checkNewArea({ code: c.code, parentCode, parent, exists, profile })
      if (problem) refuse(problem)
    }
    await requireGoodBoundaries(
      tx, input.create.map((c, i) => ({ index: i, code: c.code, parentCode, geometry: geometries[i] })), input.retire,
    )

    for (const [i, c] of input.create.entries()) {
      await tx.query(
        `INSERT INTO areas (code, parent_code, level, name, profile_id, boundary, area_km2)
         SELECT $1, $2, $3, $4, $5, g, ST_Area(g::geography) / 1e6 FROM (SELECT ${boundaryFromJson('$6')} AS g) x`,
        [c.code, parentCode, c.code.length / 2, c.name, profile.id, JSON.stringify(geometries[i])],
      )
      await writeVersion(tx, actor, c.code, 'created', input)
    }
    const newCodes = input.create.map((c) => c.code)
    // A successor is a new area that took over a real piece (not a sliver) of the old one's ground.
    await tx.query(
      `UPDATE areas o SET retired_at = now(), version = version + 1, updated_at = now(),
         successor_codes = coalesce((
           SELECT array_agg(n.code ORDER BY n.code) FROM areas n
           WHERE n.code = ANY($2::text[]) AND o.boundary IS NOT NULL AND ST_Intersects(n.boundary, o.boundary)
             AND ST_Area(ST_CollectionExtract(ST_Intersection(n.boundary, o.boundary, ${OVERLAY_GRID}), 3)::geography) >= $3), '{}')
       WHERE o.code = ANY($1::text[])`,
      [input.retire, newCodes, SLIVER_TOLERANCE_M2],
    )
    for (const code of input.retire) await writeVersion(tx, actor, code, 'retired', input)
    let placement = NO_PLACEMENT
    if (isGridLevel(profile, input.retire[0].length / 2)) {
      const region = await tx.query<{ region: string | null }>(
        `SELECT ST_AsGeoJSON(ST_Union(boundary, ${OVERLAY_GRID})) AS region FROM areas WHERE code = ANY($1::text[]) AND boundary IS NOT NULL`,
        [[...input.retire, ...newCodes]],
      )
      if (region.rows[0].region) placement = await replaceBusinessesWithin(tx, region.rows[0].region)
    }
    const retired: AreaDetail[] = []
    for (const code of input.retire) retired.push((await findVisible(tx, actor, code))!)
    const created: AreaDetail[] = []
    for (const code of newCodes) created.push((await findVisible(tx, actor, code))!)
    await recordAudit(tx, actor, {
      action: 'area.redivided', objectType: 'area', objectId: parentCode ?? '', areaCode: parentCode,
      details: {
        retired: input.retire, created: newCodes,
        successors: Object.fromEntries(retired.map((r) => [r.code, r.successorCodes])),
        approvedBy: input.approvedBy, approvalRef: input.approvalRef ?? null, reason: input.reason ?? null, placement,
      },
    })
    return { retired, created, placement }
  })
}

/** A row of area_versions with who changed it, as listVersions reads it. */
interface AreaVersionRow {
  version: number
  change: string
  name: string
  parent_code: string | null
  /** ST_AsGeoJSON text */
  boundary: string | null
  approved_by: string | null
  approval_ref: string | null
  reason: string | null
  changed_by: number | null
  username: string | null
  changed_at: Date | string
}

/** M1.4 the history of an area, oldest first. */
export async function listVersions(db: Sql, actor: Actor, code: string): Promise<AreaVersionView[]> {
  authorize(actor, 'area.read')
  requireCode(code)
  const params: unknown[] = [code]
  const visible = visibleAreaSql(actor, 'a.code', params)
  const found = await db.query(`SELECT 1 FROM areas a WHERE a.code = $1 AND ${visible}`, params)
  if (!found.rowCount) throw new AppError('area.notFound', { code })
  const { rows } = await db.query<AreaVersionRow>(
    `SELECT v.version, v.change, v.name, v.parent_code, ST_AsGeoJSON(v.boundary) AS boundary, v.approved_by, v.approval_ref,
       v.reason, v.changed_by, u.username, v.changed_at
     FROM area_versions v LEFT JOIN users u ON u.id = v.changed_by WHERE v.area_code = $1 ORDER BY v.version, v.id`,
    [code],
  )
  return rows.map((r) => ({
    version: r.version, change: r.change, name: r.name, parentCode: r.parent_code,
    boundary: r.boundary ? JSON.parse(r.boundary) : null, approvedBy: r.approved_by, approvalRef: r.approval_ref,
    reason: r.reason, changedBy: r.changed_by === null ? null : { id: r.changed_by, username: r.username ?? null },
    changedAt: new Date(r.changed_at).toISOString(),
  }))
}


