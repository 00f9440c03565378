/**
 * Boundaries in and out as GeoJSON (M2.4, M1.2: codes are the map layer key for the city and
 * district platforms). Export streams a FeatureCollection page by page; import is all-or-nothing
 * and lists every refused feature.
 */
import type { Db } from '../../db/connection.ts'
import { AppError, defineErrors, formatMessage, type Lang } from '../../server/errors.ts'
import { authorize, type Actor } from '../access/policy.ts'
import { recordAudit, recordAuditAlone } from '../audit/service.ts'
import { replaceBusinessesWithin, type ReplacementResult } from '../businesses/placement.ts'
import { boundaryFromJson, findBoundaryProblems, parseBoundary, type InputCrs, type MultiPolygonJson } from './geometry.ts'
import {
  checkNewArea, isManageableBy, isVisibleTo, isWellFormedCode, MAX_CODE_LEVELS, resolveParent, type ParentFacts, OVERLAY_GRID } from './rules.ts'
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

export interface Refusal {
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
  const refusals: Refusal[] = []
  const refuseRow = (index: number, code: string | null, field: string, rule: string, details: Record<string, unknown> = {}) => {
    refusals.push({ index, code, field, rule, message: formatMessage(rule, lang, details), details })
  }
  const planned: Planned[] = []
  const seen = new Set<string>()
  features.forEach((f, index) => {
    const props = (f.properties ?? {}) as Record<string, unknown>
    const code = typeof props.code === 'string' ? props.code : typeof props.code === 'number' ? String(props.code) : null
    if (code === null) return refuseRow(index, null, 'properties.code', 'area.codeMalformed', { code: '', maxLevels: MAX_CODE_LEVELS })
    const givenParent = props.parentCode === undefined || props.parentCode === null || props.parentCode === '' ? undefined : String(props.parentCode)
    const resolved = resolveParent(code, givenParent)
    if ('error' in resolved) {
      const { error, ...details } = resolved
      return refuseRow(index, code, error === 'area.codeMalformed' ? 'properties.code' : 'properties.parentCode', error, details)
    }
    if (seen.has(code)) return refuseRow(index, code, 'properties.code', 'area.codeRepeated', { code })
    seen.add(code)
    const name = typeof props.name === 'string' ? props.name.trim() : ''
    if (name.length < 1 || name.length > 100) return refuseRow(index, code, 'properties.name', 'area.nameInvalid', {})
    const parentCode = resolved.parentCode
    if (parentCode !== null && !isVisibleTo(actor.scope, parentCode)) {
      return refuseRow(index, code, 'properties.parentCode', 'area.parentMissing', { parentCode })
    }
    if (!isManageableBy(actor.scope, code)) return refuseRow(index, code, 'properties.code', 'auth.forbidden', { code })
    const geometryCrs = unsupportedCrs((f.geometry as { crs?: unknown } | null)?.crs)
    if (geometryCrs !== null) return refuseRow(index, code, 'geometry.crs', 'area.crsUnsupported', { crs: geometryCrs })
    const parsed = parseBoundary(f.geometry, opts.crs ?? 'WGS84')
    if ('error' in parsed) {
      const { error, ...details } = parsed
      return refuseRow(index, code, 'geometry', error, details)
    }
    const profileId = typeof props.profileId === 'string' ? props.profileId : undefined
    planned.push({ index, code, parentCode, name, geometry: parsed.geometry, existing: false, profileId })
  })

  return db.transaction(async (tx) => {
    // M1.3 the overlap checks must see a stable set of siblings: the top-level lock and, below, the
    // row locks of the parents (FOR UPDATE below) are the ones single-area writes take.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [727100])
    const profiles = await loadProfiles(tx)
    const inFile = new Map(planned.map((p) => [p.code, p]))
    const allCodes = [...new Set([...planned.map((p) => p.code), ...planned.map((p) => p.parentCode).filter((c): c is string => c !== null)])]
    const params: unknown[] = [allCodes]
    const visible = visibleAreaSql(actor, 'code', params)
    const known = await tx.query<{ code: string; name: string; level: number; profile_id: string; retired_at: Date | null; parent_code: string | null }>(
      `SELECT code, name, level, profile_id, retired_at, parent_code FROM areas WHERE code = ANY($1::text[]) AND ${visible} ORDER BY code FOR UPDATE`,
      params,
    )
    const db_ = new Map(known.rows.map((r) => [r.code, r]))
    // Whether a code exists at all (out of scope included), so that a new code is never a duplicate.
    const anywhere = new Set((await tx.query<{ code: string }>('SELECT code FROM areas WHERE code = ANY($1::text[])', [planned.map((p) => p.code)])).rows.map((r) => r.code))
    const profileOf = (code: string | null, fallback?: string): string =>
      code === null ? (fallback ?? 'baqiao') : db_.get(code)?.profile_id ?? profileOf(inFile.get(code)?.parentCode ?? null, inFile.get(code)?.profileId)

    const checked: Planned[] = []
    for (const p of [...planned].sort((a, b) => a.code.length - b.code.length || a.index - b.index)) {
      const row = db_.get(p.code)
      if (row) {
        if (row.retired_at) { refuseRow(p.index, p.code, 'properties.code', 'area.retired', { code: p.code }); continue }
        checked.push({ ...p, existing: true })
        continue
      }
      const dbParent = p.parentCode === null ? null : db_.get(p.parentCode)
      const fileParent = p.parentCode === null ? undefined : inFile.get(p.parentCode)
      const parent: ParentFacts | null = dbParent
        ? { code: dbParent.code, retired: dbParent.retired_at !== null, profileId: dbParent.profile_id }
        : fileParent ? { code: fileParent.code, retired: false, profileId: profileOf(fileParent.code) } : null
      const profileId = profileOf(p.parentCode, p.profileId)
      const profile = profiles.get(profileId)
      if (!profile) { refuseRow(p.index, p.code, 'properties.profileId', 'area.profileUnknown', { profileId }); continue }
      if (p.parentCode === null && actor.scope !== '') { refuseRow(p.index, p.code, 'properties.code', 'auth.forbidden', { code: p.code }); continue }
      const problem = checkNewArea({ code: p.code, parentCode: p.parentCode, parent, exists: anywhere.has(p.code), profile, requestedProfileId: parent ? p.profileId : undefined })
      if (problem) {
        const { error, ...details } = problem
        refuseRow(p.index, p.code, error === 'area.parentMissing' || error === 'area.parentRetired' ? 'properties.parentCode' : 'properties.code', error, details)
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
      refuseRow(index, code, 'geometry', error, details)
    }
    if (refusals.length) {
      refusals.sort((a, b) => a.index - b.index)
      throw new AppError('import.rowsRefused', { refused: refusals.length, refusals })
    }

    // Old ground of redrawn grids, for re-placing their businesses (M1.4).
    const gridCodes = (list: Planned[]) => list.filter((p) => {
      const profile = profiles.get(p.existing ? db_.get(p.code)!.profile_id : p.profileId!)
      return profile && isGridLevel(profile, p.code.length / 2)
    }).map((p) => p.code)
    const oldRegion = await tx.query<{ g: string | null }>(
      `SELECT ST_AsGeoJSON(ST_Union(boundary, ${OVERLAY_GRID})) AS g FROM areas WHERE code = ANY($1::text[]) AND boundary IS NOT NULL`,
      [gridCodes(checked.filter((p) => p.existing))],
    )
    const result: ImportResult = { created: [], updated: [], unchanged: 0, placement: { moved: 0, unplaced: 0 } }
    const changedGrids: Planned[] = []
    for (const p of checked.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code))) {
      const geom = JSON.stringify(p.geometry)
      if (!p.existing) {
        await tx.query(
          `INSERT INTO areas (code, parent_code, level, name, profile_id, boundary, area_km2)
           SELECT $1, $2, $3, $4, $5, g, ST_Area(g::geography) / 1e6 FROM (SELECT ${boundaryFromJson('$6')} AS g) x`,
          [p.code, p.parentCode, p.code.length / 2, p.name, p.profileId, geom],
        )
        await writeVersion(tx, actor, p.code, 'created', opts)
        result.created.push(p.code)
        changedGrids.push(p)
        continue
      }
      const redrawn = await tx.query(
        `UPDATE areas SET boundary = g, area_km2 = ST_Area(g::geography) / 1e6, version = version + 1, updated_at = now()
         FROM (SELECT ${boundaryFromJson('$2')} AS g) x
         WHERE code = $1 AND (boundary IS NULL OR NOT ST_Equals(boundary, g))`,
        [p.code, geom],
      )
      if (redrawn.rowCount) {
        await writeVersion(tx, actor, p.code, 'boundaryChanged', opts)
        changedGrids.push(p)
      }
      const renamed = await tx.query(
        'UPDATE areas SET name = $2, version = version + 1, updated_at = now() WHERE code = $1 AND name <> $2', [p.code, p.name],
      )
      if (renamed.rowCount) await writeVersion(tx, actor, p.code, 'renamed', opts)
      if (redrawn.rowCount || renamed.rowCount) result.updated.push(p.code)
      else result.unchanged++
    }
    const grids = gridCodes(changedGrids)
    if (grids.length) {
      const region = await tx.query<{ g: string | null }>(
        `SELECT ST_AsGeoJSON(ST_Union(g, ${OVERLAY_GRID})) AS g FROM (
           SELECT boundary AS g FROM areas WHERE code = ANY($1::text[])
           UNION ALL SELECT ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) WHERE $2::text IS NOT NULL) x`,
        [grids, oldRegion.rows[0].g],
      )
      if (region.rows[0].g) result.placement = await replaceBusinessesWithin(tx, region.rows[0].g)
    }
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
