/**
 * The basemap under the console's maps, as set in the map settings (`/api/map/settings`): none (a
 * plain background that needs no network: the default), Tianditu with a token (vec_w + cva_w),
 * any XYZ raster URL, or a PMTiles file (raster, or vector drawn with a plain style).
 */
import type { Map as MlMap, LayerSpecification, StyleSpecification } from 'maplibre-gl'
import type { paths } from '../api/schema'
import type * as Maplibre from 'maplibre-gl'
import type { Protocol } from 'pmtiles'

export type Basemap = paths['/api/map/settings']['get']['responses']['200']['content']['application/json']['basemap']

export const NO_BASEMAP: Basemap = { kind: 'none' }
const BACKGROUND_COLOUR = '#eef1f5'
const BASEMAP_SOURCE = 'mg-basemap'

const TIANDITU_HOSTS = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn`)

function tiandituTiles(layer: 'vec' | 'cva', token: string): string[] {
  return TIANDITU_HOSTS.map((h) =>
    `${h}/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
    `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(token)}`)
}

/** A URL as the map's worker can fetch it: paths on this server become absolute. */
function absoluteUrl(url: string): string {
  return url.startsWith('/') && !url.startsWith('//') ? window.location.origin + url : url
}

/**
 * The style a console map starts from: the background, plus the basemap's raster layers. A PMTiles
 * basemap is added once its header is read (see `addPmtilesBasemap`), since only the file says
 * whether it holds raster or vector tiles.
 */
export function basemapStyle(basemap: Basemap = NO_BASEMAP): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    // No glyphs URL: MapLibre draws every label with the browser's own fonts, so labels work offline.
    sources: {},
    layers: [{ id: 'mg-background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } }],
  }
  if (basemap.kind === 'tianditu' && basemap.token) {
    style.sources[BASEMAP_SOURCE] = { type: 'raster', tiles: tiandituTiles('vec', basemap.token), tileSize: 256, maxzoom: 18, attribution: '© 天地图 Tianditu' }
    style.sources[BASEMAP_SOURCE + '-labels'] = { type: 'raster', tiles: tiandituTiles('cva', basemap.token), tileSize: 256, maxzoom: 18 }
    style.layers.push({ id: 'mg-basemap', type: 'raster', source: BASEMAP_SOURCE })
    style.layers.push({ id: 'mg-basemap-labels', type: 'raster', source: BASEMAP_SOURCE + '-labels' })
  } else if (basemap.kind === 'xyz' && basemap.url) {
    const url = absoluteUrl(basemap.url)
    const tms = url.includes('{-y}')
    style.sources[BASEMAP_SOURCE] = {
      type: 'raster', tiles: [url.replace('{-y}', '{y}')], tileSize: 256, scheme: tms ? 'tms' : 'xyz',
      ...(basemap.attribution ? { attribution: basemap.attribution } : {}),
    }
    style.layers.push({ id: 'mg-basemap', type: 'raster', source: BASEMAP_SOURCE })
  }
  return style
}

let pmtilesProtocol: Promise<Protocol> | null = null

/** Registers the pmtiles:// protocol once (the pmtiles library loads only for such a basemap). */
async function pmtilesReady(maplibre: typeof Maplibre) {
  pmtilesProtocol ??= import('pmtiles').then(({ Protocol }) => {
    const protocol = new Protocol()
    maplibre.addProtocol('pmtiles', protocol.tile)
    return protocol
  })
  return pmtilesProtocol
}

/** Simple layers for a vector PMTiles basemap (Protomaps / OpenMapTiles layer names; absent ones draw nothing). */
function vectorBasemapLayers(source: string): LayerSpecification[] {
  const fill = (id: string, sourceLayer: string, colour: string): LayerSpecification =>
    ({ id, type: 'fill', source, 'source-layer': sourceLayer, paint: { 'fill-color': colour } })
  const line = (id: string, sourceLayer: string, colour: string, width: number): LayerSpecification =>
    ({ id, type: 'line', source, 'source-layer': sourceLayer, paint: { 'line-color': colour, 'line-width': width } })
  return [
    fill('mg-basemap-earth', 'earth', '#f2efe9'),
    fill('mg-basemap-landuse', 'landuse', '#e3ecd9'),
    fill('mg-basemap-landcover', 'landcover', '#e3ecd9'),
    fill('mg-basemap-water', 'water', '#b8d4ee'),
    fill('mg-basemap-buildings', 'buildings', '#e0dcd5'),
    fill('mg-basemap-building', 'building', '#e0dcd5'),
    line('mg-basemap-roads', 'roads', '#ffffff', 1.5),
    line('mg-basemap-transportation', 'transportation', '#ffffff', 1.5),
    line('mg-basemap-boundaries', 'boundaries', '#b9a8c8', 1),
  ]
}

/**
 * Adds a PMTiles basemap under the map's first layer after the background. Raster files become a
 * raster layer; vector files get a plain style.
 */
export async function addPmtilesBasemap(map: MlMap, maplibre: typeof Maplibre, url: string) {
  const protocol = await pmtilesReady(maplibre)
  const { PMTiles, TileType } = await import('pmtiles')
  const full = absoluteUrl(url)
  const file = protocol.get(full) ?? new PMTiles(full)
  protocol.add(file)
  const header = await file.getHeader()
  if (!map.style) return
  const before = map.getStyle().layers.find((l) => l.id !== 'mg-background')?.id
  if (header.tileType === TileType.Mvt) {
    map.addSource(BASEMAP_SOURCE, { type: 'vector', url: `pmtiles://${full}` })
    for (const layer of vectorBasemapLayers(BASEMAP_SOURCE)) map.addLayer(layer, before)
  } else {
    map.addSource(BASEMAP_SOURCE, { type: 'raster', url: `pmtiles://${full}`, tileSize: 256 })
    map.addLayer({ id: 'mg-basemap', type: 'raster', source: BASEMAP_SOURCE }, before)
  }
}
