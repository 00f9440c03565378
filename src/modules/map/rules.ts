/**
 * Pure rules of the electronic map (M5.1): which tile addresses exist, and which basemap settings
 * are valid.
 */
import { MAX_ZOOM, MIN_ZOOM } from './tile-layers.ts'

export interface TileAddress {
  z: number
  x: number
  y: number
}

const INTEGER = /^(0|[1-9][0-9]{0,9})$/

/** The tile z/x/y from path segments, or null when it does not exist (not integers, out of range). */
export function parseTileAddress(z: string, x: string, y: string): TileAddress | null {
  // A client may ask for `{y}.mvt` or `{y}.pbf`.
  const yy = y.replace(/\.(mvt|pbf)$/, '')
  if (!INTEGER.test(z) || !INTEGER.test(x) || !INTEGER.test(yy)) return null
  const t = { z: Number(z), x: Number(x), y: Number(yy) }
  if (t.z < MIN_ZOOM || t.z > MAX_ZOOM) return null
  const n = 2 ** t.z
  if (t.x >= n || t.y >= n) return null
  return t
}

export type Basemap =
  | { kind: 'none' }
  | { kind: 'tianditu'; token: string }
  | { kind: 'xyz'; url: string; attribution?: string }
  | { kind: 'pmtiles'; url: string }

export const DEFAULT_BASEMAP: Basemap = { kind: 'none' }

export interface BasemapProblem {
  error: 'map.basemapInvalid'
  field: string
  reasonZh: string
  reasonEn: string
}

const problem = (field: string, reasonZh: string, reasonEn: string): BasemapProblem => ({ error: 'map.basemapInvalid', field, reasonZh, reasonEn })

/** An http(s) URL, or a path on this server ("/tiles/…"), which the browser resolves itself. */
function isTileUrl(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true
  try {
    const u = new URL(url.replace(/\{[a-z-]+\}/g, '0'))
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * The origins the browser must be allowed to fetch the basemap from beyond the console's own and
 * any https one: an intranet tile server over plain http (issue 13 §4). None for Tianditu (https)
 * or a path on this server.
 */
export function basemapHttpOrigins(b: Basemap): string[] {
  if (b.kind !== 'xyz' && b.kind !== 'pmtiles') return []
  try {
    const u = new URL(b.url.replace(/\{[a-z-]+\}/g, '0'))
    return u.protocol === 'http:' ? [u.origin] : []
  } catch {
    return []
  }
}

/**
 * The basemap as stored (trimmed, only the fields of its kind), or the first problem with it.
 * Tianditu needs a non-empty token; an XYZ URL must hold {z}, {x} and {y} (or {-y}, TMS); a PMTiles
 * URL must name a .pmtiles file.
 */
export function checkBasemap(input: { kind: string; token?: string; url?: string; attribution?: string }): { basemap: Basemap } | BasemapProblem {
  const extra = (allowed: string[]) => Object.keys(input).find((k) => k !== 'kind' && !allowed.includes(k) && (input as any)[k] !== undefined)
  switch (input.kind) {
    case 'none': {
      const bad = extra([])
      if (bad) return problem(bad, '不使用底图时不应填写此项', 'not used without a basemap')
      return { basemap: { kind: 'none' } }
    }
    case 'tianditu': {
      const bad = extra(['token'])
      if (bad) return problem(bad, '天地图底图只需填写 token', 'a Tianditu basemap takes only a token')
      const token = (input.token ?? '').trim()
      if (!token) return problem('token', '天地图 token 不能为空', 'the Tianditu token must not be empty')
      if (!/^[A-Za-z0-9]{1,128}$/.test(token)) return problem('token', '天地图 token 只能包含字母和数字', 'the Tianditu token holds letters and digits only')
      return { basemap: { kind: 'tianditu', token } }
    }
    case 'xyz': {
      const bad = extra(['url', 'attribution'])
      if (bad) return problem(bad, 'XYZ 底图只需填写 url 和 attribution', 'an XYZ basemap takes only url and attribution')
      const url = (input.url ?? '').trim()
      if (!url) return problem('url', 'XYZ 瓦片地址不能为空', 'the XYZ tile URL must not be empty')
      if (!url.includes('{z}') || !url.includes('{x}') || !(url.includes('{y}') || url.includes('{-y}'))) {
        return problem('url', 'XYZ 瓦片地址须包含 {z}、{x}、{y} 占位符', 'the XYZ tile URL must contain {z}, {x} and {y}')
      }
      if (!isTileUrl(url)) return problem('url', '瓦片地址须为 http(s) 网址或本服务器上的路径', 'the tile URL must be an http(s) URL or a path on this server')
      const attribution = input.attribution?.trim()
      return { basemap: attribution ? { kind: 'xyz', url, attribution } : { kind: 'xyz', url } }
    }
    case 'pmtiles': {
      const bad = extra(['url'])
      if (bad) return problem(bad, 'PMTiles 底图只需填写 url', 'a PMTiles basemap takes only a url')
      const url = (input.url ?? '').trim()
      if (!url) return problem('url', 'PMTiles 文件地址不能为空', 'the PMTiles URL must not be empty')
      if (!isTileUrl(url) || !/\.pmtiles$/i.test(url.split(/[?#]/)[0])) {
        return problem('url', 'PMTiles 地址须为以 .pmtiles 结尾的 http(s) 网址或本服务器上的路径', 'the PMTiles URL must be an http(s) URL or a path on this server ending in .pmtiles')
      }
      return { basemap: { kind: 'pmtiles', url } }
    }
    default:
      return problem('kind', '底图类型须为 none、tianditu、xyz 或 pmtiles', 'the basemap kind must be none, tianditu, xyz or pmtiles')
  }
}

/** The basemap as the audit log keeps it: a Tianditu token is a credential, only its ends are kept. */
export function basemapForAudit(b: Basemap): Basemap {
  if (b.kind !== 'tianditu') return b
  const t = b.token
  return { kind: 'tianditu', token: t.length > 6 ? `${t.slice(0, 3)}…${t.slice(-3)}` : '***' }
}
