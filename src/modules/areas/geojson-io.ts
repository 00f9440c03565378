/**
 * Boundaries in and out as GeoJSON (M2.4, M1.2: codes are the map layer key for the city and
 * district platforms). Export streams a FeatureCollection page by page; import is all-or-nothing
 * and lists every refused feature.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError, defineErrors, formatMessage, type Lang } from '../../server/errors.ts'
import { authorize, type Actor } from '../access/policy.ts'
import { recordAudit, recordAuditAlone } from '../audit/service.ts'
import { replaceBusinessesWithin, type ReplacementResult } from '../businesses/placement.ts'
import { boundaryFromJson, findBoundaryProblems, parseBoundary, type InputCrs, type MultiPolygonJson } from './geometry.ts'
import {
  checkNewArea, isManageableBy, isVisibleTo, isWellFormedCode, MAX_CODE_LEVELS, resolveParent, type AreaProfile, type ParentFacts, OVERLAY_GRID } from './rules.ts'
import { isGridLevel, loadProfiles, visibleAreaSql, writeVersion, type Approval } from './service.ts'
import './errors.ts'
import '../../server/tabular.ts'

const PAGE = 1000

export const GeoJsonErrors = defineErrors({
  'area.crsUnsupported': {
    status: 400,
    zh: '文件声明的坐标系“{crs}”不受支持：只接受 WGS-84 经纬度（EPSG:4326 / CRS84）。GCJ-02、BD-09 坐标请去掉 crs 并用导入参数 crs 指明；投影坐标（如 EPSG:3857 的米）请先在 GIS 软件中转换为经纬度',
    en: 'The coordinate system "{crs}" declared by the file is not supported: only WGS-84 longitude/latitude (EPSG:4326 / CRS84) is. For GCJ-02 or BD-09 drop the crs member and say so with the import\'s crs option; projected coordinates (such as EPSG:3857 metres) must first be converted to longitude/latitude in a GIS tool',
  },
})

/** The names GeoJSON files use for WGS-84 longitude/latitude (RFC 7946's default, GeoJSON 2008's `crs`). */
const WGS84_NAME = /^(urn:ogc:def:crs:ogc:(1\.3)?:crs84|urn:ogc:def:crs:epsg:[0-9.]*:4326|epsg:4326|crs84|ogc:crs84|wgs84|wgs 84|http:\/\/www\.opengis\.net\/def\/crs\/(ogc\/1\.3\/crs84|epsg\/0\/4326))$/

/**
 * A GeoJSON 2008 `crs` member naming anything but WGS-84 would have its numbers read as degrees
 * (metres of EPSG:3857 as longitudes: issue 11 §4), so it is refused; absent or null means
 * RFC 7946's WGS-84. Answers the text of the refused crs, or null when it is WGS-84.
 */
export function unsupportedCrs(crs: unknown): string | null {
  if (crs === undefined || crs === null) return null
  const props = typeof crs === 'object' ? ((crs as { properties?: unknown }).properties ?? {}) as Record<string, unknown> : {}
  const name = typeof crs === 'string' ? crs
    : typeof props.name === 'string' ? props.name
      : props.code !== undefined ? `EPSG:${String(props.code)}`
        : typeof props.href === 'string' ? props.href : JSON.stringify(crs)
  return WGS84_NAME.test(name.trim().toLowerCase()) ? null : name.slice(0, 100)
}

/**
 * The live areas under `under` (default: the actor's scope) that the actor can see, as a GeoJSON
 * FeatureCollection text in chunks. The export itself is an audit event.
 */
export async function exportAreas(db: Db, actor: Actor, under?: string): Promise<AsyncIterable<string>> {
  authorize(actor, 'area.read')
  const prefix = under ?? actor.scope
  if (under !== undefined) {
    if (!isWellFormedCode(under)) throw new AppError('area.codeMalformed', { code: under, maxLevels: MAX_CODE_LEVELS })
    if (!isVisibleTo(actor.scope, under)) throw new AppError('area.notFound', { code: under })
  }
  await recordAuditAlone(db, actor, {
    action: 'area.exported', objectType: 'area', objectId: prefix, areaCode: prefix || null, details: { format: 'geojson', under: prefix },
  })
  async function* chunks() {
    yield '{"type":"FeatureCollection","features":['
    let after = ''
    let first = true
    for (;;) {
      const params: unknown[] = [prefix + '%', after, PAGE]
      const visible = visibleAreaSql(actor, 'code', params)
      const { rows } = await db.query<{ code: string; name: string; parent_code: string | null; level: number; area_km2: number | null; geom: string | null }>(
        `SELECT code, name, parent_code, level, area_km2, ST_AsGeoJSON(boundary) AS geom FROM areas
         WHERE retired_at IS NULL AND code LIKE $1 AND code > $2 AND ${visible} ORDER BY code LIMIT $3`,
        params,
      )
      for (const r of rows) {
        const feature = `{"type":"Feature","properties":${JSON.stringify({
          code: r.code, name: r.name, parentCode: r.parent_code, level: r.level, areaKm2: r.area_km2,
        })},"geometry":${r.geom ?? 'null'}}`
        yield (first ? '' : ',') + feature
        first = false
      }
      if (rows.length < PAGE) break
      after = rows[rows.length - 1].code
    }
    yield ']}'
  }
  return chunks()
}

export interface ImportFeature {
  type: 'Feature'
  properties?: Record<string, unknown> | null
  geometry: unknown
}

interface Refusal {
  /** 0-based index of the feature in the collection */
  index: number
  code: string | null
  field: string
  rule: string
  message: string
  details?: Record<string, unknown>
}

export interface ImportResult {
  created: string[]
  updated: string[]
  unchanged: number
  placement: ReplacementResult
}

interface Planned {
  index: number
  code: string
  parentCode: string | null
  name: string
  geometry: MultiPolygonJson
  existing: boolean
  profileId?: string
}

/**
 * M2.4 creates the areas of the collection that do not exist and redraws (and renames) those that
 * do, with the grid office's approval. All or nothing: every feature is checked (code, parent,
 * level, scope, geometry, overlaps with live siblings and with the file's own features, inside the
 * parent) before anything is written; one refusal refuses the whole file with the list of all.
 */
export async function importAreas(
  db: Db, actor: Actor, features: ImportFeature[], opts: Approval & { crs?: InputCrs; fileCrs?: unknown }, lang: Lang,
): Promise<ImportResult> {
  authorize(actor, 'area.manage')
  const fileCrs = unsupportedCrs(opts.fileCrs)
  if (fileCrs !== null) throw new AppError('area.crsUnsupported', { crs: fileCrs })
  if (!opts.approvedBy?.trim()) throw new AppError('area.approvalRequired', { field: 'approvedBy' })
  const refusals = new FeatureRefusals(lang)
  const planned = planFeatures(actor, features, opts.crs ?? 'WGS84', refusals)

  return db.transaction(async (tx) => {
    // M1.3 the overlap checks must see a stable set of siblings: the top-level lock and, below, the
    // row locks of the parents (FOR UPDATE in lockStored) are the ones single-area writes take.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [727100])
    const profiles = await loadProfiles(tx)
    const stored = await lockStored(tx, actor, planned)
    const checked = await checkPlanned(tx, actor, planned, stored, profiles, refusals)
    refusals.throwIfAny()

    const isGrid = (p: Planned) => {
      const profile = profiles.get(p.existing ? stored.get(p.code)!.profile_id : p.profileId!)
      return !!profile && isGridLevel(profile, p.code.length / 2)
    }
    // Old ground of redrawn grids, for re-placing their businesses (M1.4).
    const oldGround = await tx.query<{ g: string | null }>(
      `SELECT ST_AsGeoJSON(ST_Union(boundary, ${OVERLAY_GRID})) AS g FROM areas WHERE code = ANY($1::text[]) AND boundary IS NOT NULL`,
      [checked.filter((p) => p.existing && isGrid(p)).map((p) => p.code)],
    )
    const { result, changed } = await writeAreas(tx, actor, checked, opts)
    result.placement = await replaceOnChangedGrids(tx, changed.filter(isGrid).map((p) => p.code), oldGround.rows[0].g)
    await recordAudit(tx, actor, {
      action: 'area.imported', objectType: 'area', objectId: actor.scope, areaCode: actor.scope || null,
      details: {
        format: 'geojson', features: features.length, created: result.created, updated: result.updated, unchanged: result.unchanged,
        approvedBy: opts.approvedBy, approvalRef: opts.approvalRef ?? null, placement: result.placement,
      },
    })
    return result
  })
}

/** The refused features of an import, each with its reasons in the request's language. */
class FeatureRefusals {
  private readonly list: Refusal[] = []
  constructor(private readonly lang: Lang) {}

  add(index: number, code: string | null, field: string, rule: string, details: Record<string, unknown> = {}): void {
    this.list.push({ index, code, field, rule, message: formatMessage(rule, this.lang, details), details })
  }

  /** Refuses the whole file, every refusal listed in the order of the features. */
  throwIfAny(): void {
    if (!this.list.length) return
    this.list.sort((a, b) => a.index - b.index)
    throw new AppError('import.rowsRefused', { refused: this.list.length, refusals: this.list })
  }
}

/** What each feature asks for, checked on its own (code, parent, name, scope, geometry), before the database is read. */
function planFeatures(actor: Actor, features: ImportFeature[], crs: InputCrs, refusals: FeatureRefusals): Planned[] {
  const planned: Planned[] = []
  const seen = new Set<string>()
  features.forEach((f, index) => {
    const props = (f.properties ?? {}) as Record<string, unknown>
    const code = typeof props.code === 'string' ? props.code : typeof props.code === 'number' ? String(props.code) : null
    if (code === null) return refusals.add(index, null, 'properties.code', 'area.codeMalformed', { code: '', maxLevels: MAX_CODE_LEVELS })
    const givenParent = props.parentCode === undefined || props.parentCode === null || props.parentCode === '' ? undefined : String(props.parentCode)
    const resolved = resolveParent(code, givenParent)
    if ('error' in resolved) {
      const { error, ...details } = resolved
      return refusals.add(index, code, error === 'area.codeMalformed' ? 'properties.code' : 'properties.parentCode', error, details)
    }
    if (seen.has(code)) return refusals.add(index, code, 'properties.code', 'area.codeRepeated', { code })
    seen.add(code)
    const name = typeof props.name === 'string' ? props.name.trim() : ''
    if (name.length < 1 || name.length > 100) return refusals.add(index, code, 'properties.name', 'area.nameInvalid', {})
    const parentCode = resolved.parentCode
    if (parentCode !== null && !isVisibleTo(actor.scope, parentCode)) {
      return refusals.add(index, code, 'properties.parentCode', 'area.parentMissing', { parentCode })
    }
    if (!isManageableBy(actor.scope, code)) return refusals.add(index, code, 'properties.code', 'auth.forbidden', { code })
    const geometryCrs = unsupportedCrs((f.geometry as { crs?: unknown } | null)?.crs)
    if (geometryCrs !== null) return refusals.add(index, code, 'geometry.crs', 'area.crsUnsupported', { crs: geometryCrs })
    const parsed = parseBoundary(f.geometry, crs)
    if ('error' in parsed) {
      const { error, ...details } = parsed
      return refusals.add(index, code, 'geometry', error, details)
    }
    const profileId = typeof props.profileId === 'string' ? props.profileId : undefined
    planned.push({ index, code, parentCode, name, geometry: parsed.geometry, existing: false, profileId })
  })
  return planned
}

interface StoredArea { code: string; name: string; level: number; profile_id: string; retired_at: Date | null; parent_code: string | null }

/** The stored areas the features name, as themselves or as parents, that the actor sees; locked for the import. */
async function lockStored(tx: Sql, actor: Actor, planned: Planned[]): Promise<Map<string, StoredArea>> {
  const allCodes = [...new Set([...planned.map((p) => p.code), ...planned.map((p) => p.parentCode).filter((c): c is string => c !== null)])]
  const params: unknown[] = [allCodes]
  const visible = visibleAreaSql(actor, 'code', params)
  const { rows } = await tx.query<StoredArea>(
    `SELECT code, name, level, profile_id, retired_at, parent_code FROM areas WHERE code = ANY($1::text[]) AND ${visible} ORDER BY code FOR UPDATE`,
    params,
  )
  return new Map(rows.map((r) => [r.code, r]))
}

/**
 * The planned features that pass against the stored areas and each other: an existing area is
 * redrawn unless retired; a new one needs its parent (stored or in the file), its profile, a code
 * nobody holds, and a boundary that overlaps no sibling and stays inside its parent.
 */
async function checkPlanned(
  tx: Sql, actor: Actor, planned: Planned[], stored: Map<string, StoredArea>, profiles: Map<string, AreaProfile>, refusals: FeatureRefusals,
): Promise<Planned[]> {
  const inFile = new Map(planned.map((p) => [p.code, p]))
  // Whether a code exists at all (out of scope included), so that a new code is never a duplicate.
  const anywhere = new Set((await tx.query<{ code: string }>('SELECT code FROM areas WHERE code = ANY($1::text[])', [planned.map((p) => p.code)])).rows.map((r) => r.code))
  const profileOf = (code: string | null, fallback?: string): string =>
    code === null ? (fallback ?? 'baqiao') : stored.get(code)?.profile_id ?? profileOf(inFile.get(code)?.parentCode ?? null, inFile.get(code)?.profileId)

  const checked: Planned[] = []
  for (const p of [...planned].sort((a, b) => a.code.length - b.code.length || a.index - b.index)) {
    const row = stored.get(p.code)
    if (row) {
      if (row.retired_at) { refusals.add(p.index, p.code, 'properties.code', 'area.retired', { code: p.code }); continue }
      checked.push({ ...p, existing: true })
      continue
    }
    const dbParent = p.parentCode === null ? null : stored.get(p.parentCode)
    const fileParent = p.parentCode === null ? undefined : inFile.get(p.parentCode)
    const parent: ParentFacts | null = dbParent
      ? { code: dbParent.code, retired: dbParent.retired_at !== null, profileId: dbParent.profile_id }
      : fileParent ? { code: fileParent.code, retired: false, profileId: profileOf(fileParent.code) } : null
    const profileId = profileOf(p.parentCode, p.profileId)
    const profile = profiles.get(profileId)
    if (!profile) { refusals.add(p.index, p.code, 'properties.profileId', 'area.profileUnknown', { profileId }); continue }
    if (p.parentCode === null && actor.scope !== '') { refusals.add(p.index, p.code, 'properties.code', 'auth.forbidden', { code: p.code }); continue }
    const problem = checkNewArea({ code: p.code, parentCode: p.parentCode, parent, exists: anywhere.has(p.code), profile, requestedProfileId: parent ? p.profileId : undefined })
    if (problem) {
      const { error, ...details } = problem
      refusals.add(p.index, p.code, error === 'area.parentMissing' || error === 'area.parentRetired' ? 'properties.parentCode' : 'properties.code', error, details)
      continue
    }
    checked.push({ ...p, profileId })
  }
  const problems = await findBoundaryProblems(
    tx, checked.map((p) => ({ index: p.index, code: p.code, parentCode: p.parentCode, geometry: p.geometry })),
    checked.filter((p) => p.existing).map((p) => p.code),
  )
  for (const { index, code, problem } of problems) {
    const { error, ...details } = problem
    refusals.add(index, code, 'geometry', error, details)
  }
  return checked
}

/**
 * Writes the checked features, parents first: creates the new areas, redraws and renames the
 * stored ones where they differ, each change a version. Answers what changed, and the areas
 * created or redrawn (whose businesses may move).
 */
async function writeAreas(tx: Sql, actor: Actor, checked: Planned[], approval: Approval): Promise<{ result: ImportResult; changed: Planned[] }> {
  const result: ImportResult = { created: [], updated: [], unchanged: 0, placement: { moved: 0, unplaced: 0 } }
  const changed: Planned[] = []
  for (const p of checked.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code))) {
    const geom = JSON.stringify(p.geometry)
    if (!p.existing) {
      await tx.query(
        `INSERT INTO areas (code, parent_code, level, name, profile_id, boundary, area_km2)
         SELECT $1, $2, $3, $4, $5, g, ST_Area(g::geography) / 1e6 FROM (SELECT ${boundaryFromJson('$6')} AS g) x`,
        [p.code, p.parentCode, p.code.length / 2, p.name, p.profileId, geom],
      )
      await writeVersion(tx, actor, p.code, 'created', approval)
      result.created.push(p.code)
      changed.push(p)
      continue
    }
    const redrawn = await tx.query(
      `UPDATE areas SET boundary = g, area_km2 = ST_Area(g::geography) / 1e6, version = version + 1, updated_at = now()
       FROM (SELECT ${boundaryFromJson('$2')} AS g) x
       WHERE code = $1 AND (boundary IS NULL OR NOT ST_Equals(boundary, g))`,
      [p.code, geom],
    )
    if (redrawn.rowCount) {
      await writeVersion(tx, actor, p.code, 'boundaryChanged', approval)
      changed.push(p)
    }
    const renamed = await tx.query(
      'UPDATE areas SET name = $2, version = version + 1, updated_at = now() WHERE code = $1 AND name <> $2', [p.code, p.name],
    )
    if (renamed.rowCount) await writeVersion(tx, actor, p.code, 'renamed', approval)
    if (redrawn.rowCount || renamed.rowCount) result.updated.push(p.code)
    else result.unchanged++
  }
  return { result, changed }
}

/** Re-places the businesses on the old and new ground of the grids created or redrawn (M1.4). */
async function replaceOnChangedGrids(tx: Sql, grids: string[], oldGround: string | null): Promise<ReplacementResult> {
  if (!grids.length) return { moved: 0, unplaced: 0 }
  const region = await tx.query<{ g: string | null }>(
    `SELECT ST_AsGeoJSON(ST_Union(g, ${OVERLAY_GRID})) AS g FROM (
       SELECT boundary AS g FROM areas WHERE code = ANY($1::text[])
       UNION ALL SELECT ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) WHERE $2::text IS NOT NULL) x`,
    [grids, oldGround],
  )
  return region.rows[0].g ? replaceBusinessesWithin(tx, region.rows[0].g) : { moved: 0, unplaced: 0 }
}
