/**
 * The electronic map (M5.1): vector tiles cut for the actor's scope and cached per data version,
 * "locate" (where to fly for a business or an area), and the basemap setting.
 */
import { createHash } from 'node:crypto'
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, hasPermission, scopeFilter, type Actor } from '../access/policy.ts'
import { fieldChanges } from '../audit/changes.ts'
import { recordAudit } from '../audit/service.ts'
import { searchBusinesses } from '../businesses/service.ts'
import { TileCache } from './cache.ts'
import { basemapForAudit, basemapHttpOrigins, checkBasemap, DEFAULT_BASEMAP, parseTileAddress, type Basemap } from './rules.ts'
import { SnapshotSlot } from './snapshot-slot.ts'
import { loadAreas, loadCells, type AreaSnapshot, type CellSnapshot } from './snapshots.ts'
import { MAX_ZOOM, MIN_ZOOM } from './tile-layers.ts'
import { buildTile } from './tiles.ts'
import { compactChanges, needsCompaction, readVersions, type DataVersions } from './versions.ts'
import './errors.ts'

/** Bytes of tiles kept in memory per database (least recently used go first). */
const TILE_CACHE_BYTES = 64 * 1024 * 1024

/**
 * A rebuild of the business cells that took at least this long is not waited for again: until the
 * next one is ready, zoomed-out tiles are cut from the previous cells (snapshot-slot.ts).
 */
const STALE_CELLS_AFTER_MS = 1000

/** Per database: the snapshots tiles are cut from, and the tile cache. */
interface MapState {
  cache: TileCache
  areas: SnapshotSlot<AreaSnapshot>
  cells: SnapshotSlot<CellSnapshot>
}

const states = new WeakMap<Db, MapState>()

function newState(staleCellsAfterMs: number): MapState {
  // Areas are always current: a boundary just saved must show at once, and they load quickly.
  return { cache: new TileCache(TILE_CACHE_BYTES), areas: new SnapshotSlot(), cells: new SnapshotSlot(staleCellsAfterMs) }
}

function stateOf(db: Db): MapState {
  let s = states.get(db)
  if (!s) states.set(db, (s = newState(STALE_CELLS_AFTER_MS)))
  return s
}

/**
 * Starts the map of `db` afresh with its own threshold for serving older cells (a test makes every
 * recount count as slow, which the demo's millisecond recounts never are).
 */
export function resetMap(db: Db, opts: { staleCellsAfterMs: number }) {
  states.set(db, newState(opts.staleCellsAfterMs))
}

async function versionsOf(db: Db): Promise<DataVersions> {
  let v = await readVersions(db)
  if (needsCompaction(v)) {
    await db.transaction(async (tx) => {
      await compactChanges(tx as any, 'areas')
      await compactChanges(tx as any, 'businesses')
    })
    v = await readVersions(db)
  }
  return v
}

export interface TileResult {
  /** null when the client's ETag is still good (304) */
  body: Uint8Array | null
  etag: string
}

const tileEtag = (key: string, version: string) => `"${createHash('sha1').update(key + '#' + version).digest('base64url').slice(0, 22)}"`

/**
 * One vector tile for the actor (layer contract: tile-layers.ts). The cache key is the scope,
 * whether businesses are shown, and z/x/y; an entry is good while the data versions of areas (and of
 * businesses, when shown) are those it was built at.
 */
export async function getTile(db: Db, actor: Actor, z: string, x: string, y: string, ifNoneMatch?: string): Promise<TileResult> {
  authorize(actor, 'area.read')
  const t = parseTileAddress(z, x, y)
  if (!t) throw new AppError('map.tileOutOfRange', { z, x, y, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM })
  const businesses = hasPermission(actor, 'business.read')
  const v = await versionsOf(db)
  const key = `${actor.scope}|${businesses ? 'b' : '-'}|${t.z}/${t.x}/${t.y}`
  const version = `${v.areas}|${businesses ? v.businesses : '-'}`
  const etag = tileEtag(key, version)
  if (ifNoneMatch && ifNoneMatch.split(',').some((e) => e.trim().replace(/^W\//, '') === etag)) return { body: null, etag }

  const s = stateOf(db)
  const cached = s.cache.get(key, version)
  if (cached) return { body: cached, etag }
  const areas = (await s.areas.get(v.areas, () => loadAreas(db, v.areas))).value
  let cellsVersion = v.businesses
  const body = await buildTile(db, { ...t, scope: actor.scope, businesses }, areas, async () => {
    const cells = await s.cells.get(v.businesses, () => loadCells(db, v.businesses))
    cellsVersion = cells.version
    return cells.value
  })
  // Cut from older cells while newer ones load: neither cached nor tagged as current, so the next
  // request after the rebuild gets the new counts.
  if (cellsVersion !== v.businesses) {
    return { body, etag: tileEtag(key, `${v.areas}|${cellsVersion}`) }
  }
  s.cache.set(key, version, body)
  return { body, etag }
}

/** Cache figures, for tests and the benchmark. */
export function tileCacheStats(db: Db) {
  const c = stateOf(db).cache
  return { entries: c.size, bytes: c.heldBytes, hits: c.hits, misses: c.misses }
}

export type LocateItem =
  | { kind: 'area'; code: string; level: number; label: string; point: { lng: number; lat: number } | null; bbox: [number, number, number, number] | null }
  | { kind: 'business'; id: number; uscc: string; label: string; gridCode: string | null; point: { lng: number; lat: number } | null; bbox: null }

const LOCATE_MAX = 100
const FULL_USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c)

/**
 * Where to fly for a search text: areas in scope by code or name, and (with business.read)
 * businesses in scope by exact USCC or name. Exact matches first; at most 10 of each kind.
 */
export async function locate(db: Db, actor: Actor, q: string): Promise<{ items: LocateItem[] }> {
  authorize(actor, 'area.read')
  const text = q.trim()
  if (text.length < 1 || text.length > LOCATE_MAX) throw new AppError('map.locateQuery', { max: LOCATE_MAX })

  const params: unknown[] = [text, '%' + likeEscape(text) + '%']
  const inScope = scopeFilter(actor, 'code', params)
  const { rows } = await db.query<{ code: string; name: string; level: number; lng: number | null; lat: number | null; x1: number | null; y1: number | null; x2: number | null; y2: number | null; exact: boolean }>(
    `SELECT code, name, level, ST_X(pt) AS lng, ST_Y(pt) AS lat,
       ST_XMin(boundary) AS x1, ST_YMin(boundary) AS y1, ST_XMax(boundary) AS x2, ST_YMax(boundary) AS y2,
       (code = $1 OR name = $1) AS exact
     FROM areas CROSS JOIN LATERAL (SELECT ST_PointOnSurface(boundary) AS pt) p
     WHERE retired_at IS NULL AND ${inScope} AND (code = $1 OR name LIKE $2)
     ORDER BY (code = $1 OR name = $1) DESC, level, code LIMIT 10`,
    params,
  )
  const areas: Array<LocateItem & { exact: boolean }> = rows.map((r) => ({
    kind: 'area', code: r.code, level: r.level, label: `${r.code} ${r.name}`, exact: r.exact,
    point: r.lng === null ? null : { lng: Number(r.lng), lat: Number(r.lat) },
    bbox: r.x1 === null ? null : [Number(r.x1), Number(r.y1), Number(r.x2), Number(r.y2)],
  }))

  let businesses: Array<LocateItem & { exact: boolean }> = []
  if (hasPermission(actor, 'business.read')) {
    const upper = text.toUpperCase()
    const page = FULL_USCC.test(upper)
      ? await searchBusinesses(db, actor, { uscc: upper, limit: 10 })
      : await searchBusinesses(db, actor, { q: text, limit: 10 })
    businesses = page.items.map((b) => ({
      kind: 'business', id: b.id, uscc: b.uscc, label: b.name, gridCode: b.gridCode, point: b.location, bbox: null,
      exact: b.uscc === upper || b.name === text,
    }))
  }
  const strip = ({ exact: _e, ...item }: LocateItem & { exact: boolean }) => item as LocateItem
  const items = [
    ...areas.filter((a) => a.exact), ...businesses.filter((b) => b.exact),
    ...areas.filter((a) => !a.exact), ...businesses.filter((b) => !b.exact),
  ].map(strip)
  return { items }
}

const BASEMAP_KEY = 'map.basemap'

export interface MapSettings {
  basemap: Basemap
  updatedAt: string | null
}

async function readBasemap(sql: Sql): Promise<MapSettings> {
  const { rows } = await sql.query<{ value: Basemap; updated_at: Date }>(`SELECT value, updated_at FROM settings WHERE key = $1`, [BASEMAP_KEY])
  if (!rows[0]) return { basemap: DEFAULT_BASEMAP, updatedAt: null }
  return { basemap: rows[0].value, updatedAt: new Date(rows[0].updated_at).toISOString() }
}

/**
 * The basemap for the public portal's map (a complaint's point is picked on it). A Tianditu token is
 * a browser key: staff browsers already receive it, and its domain whitelist is what protects it.
 */
export function publicBasemap(sql: Sql): Promise<MapSettings> {
  return readBasemap(sql)
}

/** The basemap's plain-http origins, read again at most every 10 s (several servers share the setting). */
let httpOrigins: { at: number; origins: string[]; reading?: Promise<string[]> } = { at: 0, origins: [] }
const ORIGINS_MS = 10_000

/** For the content security policy: the plain-http origins the configured basemap loads from (security-headers.ts). */
export async function basemapSources(sql: Sql): Promise<string[]> {
  if (Date.now() - httpOrigins.at < ORIGINS_MS) return httpOrigins.origins
  httpOrigins.reading ??= readBasemap(sql).then((s) => basemapHttpOrigins(s.basemap)).catch(() => httpOrigins.origins)
  const origins = await httpOrigins.reading
  httpOrigins = { at: Date.now(), origins }
  return origins
}

/** The map's settings: any staff member who may read areas (the browser needs the basemap to draw). */
export async function getMapSettings(db: Db, actor: Actor): Promise<MapSettings> {
  authorize(actor, 'area.read')
  return readBasemap(db)
}

/** Sets the basemap (settings.manage), audited with the token shortened. */
export async function setMapSettings(db: Db, actor: Actor, input: { basemap: { kind: string; token?: string; url?: string; attribution?: string } }): Promise<MapSettings> {
  authorize(actor, 'settings.manage')
  const checked = checkBasemap(input.basemap)
  if ('error' in checked) {
    const { error, ...details } = checked
    throw new AppError(error, details)
  }
  return db.transaction(async (tx) => {
    const before = await readBasemap(tx)
    await tx.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [BASEMAP_KEY, JSON.stringify(checked.basemap)],
    )
    await recordAudit(tx, actor, {
      action: 'settings.mapBasemapChanged', objectType: 'setting', objectId: BASEMAP_KEY,
      details: {
        before: basemapForAudit(before.basemap), after: basemapForAudit(checked.basemap),
        // The same old/new shape as every other update event (audit/changes.ts); the token stays shortened.
        changes: fieldChanges(basemapForAudit(before.basemap) as Record<string, unknown>, basemapForAudit(checked.basemap) as Record<string, unknown>),
      },
    })
    // this server's pages allow the new basemap at once; the others within 10 s
    tx.afterCommit(() => { httpOrigins = { at: 0, origins: [] } })
    return readBasemap(tx)
  })
}
