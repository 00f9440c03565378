/**
 * The map of the user's own grids on the phone (issue 15 §3): their boundaries, and the server's
 * vector tiles over them at zooms 12–16 (at most 300 tiles), kept in IndexedDB (store.ts, v4) so the
 * in-app map (FieldMap.tsx) draws with no signal. Fetched after the businesses, whose answer names
 * the grids: the boundaries at once (a few KB each), the tiles in the background — once a day, or
 * when a boundary changed, each sent with its ETag so that an unchanged tile costs a 304 and no
 * body. The administrator's basemap (Tianditu, an
 * XYZ or PMTiles source outside this server) is not kept: it is someone else's service, its terms
 * and its size are not ours to copy onto phones.
 */
import { api, ApiError, unwrap } from '../lib/api/client'
import { boxOf, gridsSignature, tileKey, tilesCovering, tilesNeedRefresh, type KeptTilesMark } from '../../src/modules/map/tile-cover.ts'
import { TILE_URL } from '../../src/modules/map/tile-layers.ts'
import { store, type GridBoundary, type KeptTile } from './store'

/** Tiles fetched at a time: enough to fill a slow link, few enough not to crowd out the user's own requests. */
const PARALLEL = 4

/** Brings the boundaries of the user's own grids (store.grids, from the businesses' sync) onto the phone. */
export async function refreshBoundaries(): Promise<void> {
  const grids = await store.grids.toArray()
  const found = await Promise.all(grids.map(async (g): Promise<GridBoundary | null> => {
    try {
      const area = await unwrap(api.GET('/api/areas/{code}', { params: { path: { code: g.code } } }))
      return { code: area.code, name: area.name, version: area.version, boundary: (area.boundary ?? null) as GridBoundary['boundary'] }
    } catch (e) {
      // A grid retired or moved out of reach since the businesses' answer: it simply is not kept.
      if (e instanceof ApiError && e.status === 404) return null
      throw e
    }
  }))
  await store.transaction('rw', store.boundaries, async () => {
    await store.boundaries.clear()
    await store.boundaries.bulkPut(found.filter((b): b is GridBoundary => b !== null))
  })
}

export interface TileRefresh {
  /** tiles the phone should hold */
  wanted: number
  /** nothing asked: the kept tiles are complete, recent, and made for the current boundaries */
  trusted: boolean
  /** fetched with a body (new or changed) */
  fetched: number
  /** answered 304: the phone's copy is current */
  unchanged: number
}

/** One tile from the server: its bytes and ETag, or 'unchanged' when the phone's copy (ETag `etag`) is current. */
async function fetchTile(key: string, etag: string | null): Promise<{ bytes: ArrayBuffer; etag: string | null } | 'unchanged'> {
  // Bytes, not JSON: the typed client does not carry them. A conditional request bypasses the
  // browser's HTTP cache, so a 304 reaches us as a 304.
  const res = await fetch(TILE_URL.replace('{z}/{x}/{y}', key), {
    credentials: 'same-origin', cache: 'no-store', headers: etag ? { 'If-None-Match': etag } : {},
  })
  if (res.status === 304) return 'unchanged'
  if (!res.ok) throw new ApiError(res.status, 'request.failed', `${res.status} ${res.statusText}`, {})
  return { bytes: await res.arrayBuffer(), etag: res.headers.get('etag') }
}

/** Where the phone notes its last complete tile refresh (a small note beside IndexedDB). */
const TILES_MARK = 'mg.field.tiles'

function readMark(): KeptTilesMark | null {
  try {
    return JSON.parse(localStorage.getItem(TILES_MARK) ?? 'null') as KeptTilesMark | null
  } catch {
    return null
  }
}

let running: Promise<TileRefresh> | null = null

/**
 * Keeps the tiles covering the kept boundaries, and drops the others (a grid that is no longer the
 * user's). One run at a time: a second call joins the running one. Stops at the first failure (no
 * signal, session ended): what was kept stays, and the next sync goes on from there. `force` asks
 * even when the kept tiles are trusted (KEPT_TILES_FRESH_MS).
 */
export function refreshTiles(now = Date.now(), force = false): Promise<TileRefresh> {
  running ??= (async () => {
    const boundaries = await store.boundaries.toArray()
    const signature = gridsSignature(boundaries)
    const wanted = await wantedTiles()
    const keys = new Set(wanted.map(tileKey))
    const held = new Set(await store.tiles.toCollection().primaryKeys())
    await store.tiles.bulkDelete([...held].filter((k) => !keys.has(k)))
    const mark = readMark()
    const complete = [...keys].every((k) => held.has(k))
    // Kept tiles are trusted for a day unless the boundaries changed (tile-cover.ts says why).
    if (!force && !tilesNeedRefresh(complete, mark, signature, now)) {
      return { wanted: wanted.length, trusted: true, fetched: 0, unchanged: 0 }
    }
    const result: TileRefresh = { wanted: wanted.length, trusted: false, fetched: 0, unchanged: 0 }
    const queue = [...wanted]
    const worker = async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const key = tileKey(t)
        const kept = await store.tiles.get(key)
        const got = await fetchTile(key, kept?.etag ?? null)
        if (got === 'unchanged') {
          result.unchanged++
          continue
        }
        const tile: KeptTile = { key, ...t, bytes: got.bytes, etag: got.etag, fetchedAt: new Date().toISOString() }
        await store.tiles.put(tile)
        result.fetched++
      }
    }
    try {
      await Promise.all(Array.from({ length: PARALLEL }, worker))
    } finally {
      queue.length = 0
    }
    localStorage.setItem(TILES_MARK, JSON.stringify({ at: Date.now(), grids: signature } satisfies KeptTilesMark))
    return result
  })().finally(() => { running = null })
  return running
}

/** The tiles the phone should hold for the kept boundaries. */
async function wantedTiles() {
  const box = boxOf((await store.boundaries.toArray()).map((b) => b.boundary as { coordinates?: unknown } | null))
  return box ? tilesCovering(box) : []
}

/**
 * The deepest zoom whose tiles are all on the phone (null: not even the shallowest yet). The in-app
 * map's source stops there and magnifies it beyond, rather than show holes where a refresh cut
 * short left a zoom half kept.
 */
export async function deepestKeptZoom(): Promise<number | null> {
  const wanted = await wantedTiles()
  const held = new Set(await store.tiles.toCollection().primaryKeys())
  let deepest: number | null = null
  for (const z of [...new Set(wanted.map((t) => t.z))].sort((a, b) => a - b)) {
    if (!wanted.filter((t) => t.z === z).every((t) => held.has(tileKey(t)))) break
    deepest = z
  }
  return deepest
}
