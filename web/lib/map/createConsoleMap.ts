/**
 * A MapLibre map as the console uses it: the configured basemap, the server's vector tiles, and
 * resizing with its container (drawers and tabs change size without a window resize).
 */
import * as maplibregl from 'maplibre-gl'
import type { LngLatBoundsLike, Map as MlMap, PaddingOptions } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { addPmtilesBasemap, basemapStyle, NO_BASEMAP, type Basemap } from './basemap'
import { addTileLayers, type BusinessColouring } from './layers'
import { boxOf } from '../../../src/modules/map/tile-cover.ts'

declare global {
  interface Window {
    /** The console's main map, for page tests (`queryRenderedFeatures` on what is drawn). */
    __mgMap?: MlMap
  }
}

/** [west, south, east, north] */
export type Bbox = [number, number, number, number]

export interface ConsoleMapOptions {
  basemap?: Basemap
  /** draw the server's vector tiles (areas, labels, businesses); default true */
  tiles?: boolean
  /** draw businesses from the tiles; default true */
  businesses?: boolean
  colouring?: BusinessColouring
  /** start fitted to this box, else at `center`/`zoom` */
  bounds?: Bbox | null
  center?: [number, number]
  zoom?: number
  /** the page's main map: expose it as `window.__mgMap` */
  main?: boolean
  /** attribution control in compact form; default true */
  compactAttribution?: boolean
}

// MapLibre 6 loads its worker from a separate file: tell it where the build put it.
maplibregl.setWorkerUrl(workerUrl)

/** Roughly the middle of China: where a map with nothing else to show starts. */
const FALLBACK_CENTER: [number, number] = [108.95, 34.27]

/** Maps whose first 'load' has fired: their style accepts sources and layers from then on. */
const styleLoaded = new WeakSet<MlMap>()

export function createConsoleMap(container: HTMLElement, opts: ConsoleMapOptions = {}): MlMap {
  const basemap = opts.basemap ?? NO_BASEMAP
  const map = new maplibregl.Map({
    container,
    style: basemapStyle(basemap),
    center: opts.center ?? FALLBACK_CENTER,
    zoom: opts.zoom ?? 9,
    ...(opts.bounds ? { bounds: opts.bounds as LngLatBoundsLike, fitBoundsOptions: { padding: 24 } } : {}),
    attributionControl: { compact: opts.compactAttribution ?? true },
    // Tests read pixels from the canvas (screenshots); the cost is small for a 2D map.
    canvasContextAttributes: { preserveDrawingBuffer: !!opts.main },
    dragRotate: false,
    pitchWithRotate: false,
    maxZoom: 19,
  })
  map.touchZoomRotate.disableRotation()
  map.keyboard.disableRotation()
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left')

  map.once('load', () => {
    styleLoaded.add(map)
    if (opts.tiles !== false) addTileLayers(map, { businesses: opts.businesses, colouring: opts.colouring })
    if (basemap.kind === 'pmtiles' && basemap.url) {
      addPmtilesBasemap(map, maplibregl, basemap.url).catch((e) => console.warn('PMTiles basemap not loaded', e))
    }
  })

  // Follow the container (drawers, split panes), not only the window. A map made in a container
  // that has no size yet (a dialog or drawer still opening) fitted its bounds into MapLibre's
  // 400 × 300 stand-in and would keep that view: fit them again once the container has a size.
  let fitPending = !!opts.bounds && (container.clientWidth === 0 || container.clientHeight === 0)
  const observer = new ResizeObserver(() => {
    map.resize()
    if (fitPending && container.clientWidth > 0 && container.clientHeight > 0) {
      fitPending = false
      map.fitBounds(opts.bounds as LngLatBoundsLike, { padding: 24, duration: 0 })
    }
  })
  observer.observe(container)
  map.once('remove', () => observer.disconnect())

  if (opts.main) {
    window.__mgMap = map
    map.once('remove', () => {
      if (window.__mgMap === map) delete window.__mgMap
    })
  }
  return map
}

/**
 * Runs `fn` once the style is loaded (now, when it already is). Not `map.loaded()` or
 * `isStyleLoaded()`: both are false again whenever tiles are loading, and 'load' fires only once,
 * so a call made while a fly-to fetched tiles would wait forever.
 */
export function whenLoaded(map: MlMap, fn: () => void) {
  if (styleLoaded.has(map)) fn()
  else map.once('load', fn)
}

/** Fits the map to a box, keeping labels readable for a small area. */
export function flyToBbox(map: MlMap, bbox: Bbox, opts: { maxZoom?: number; padding?: number | PaddingOptions } = {}) {
  map.fitBounds(bbox as LngLatBoundsLike, { padding: opts.padding ?? 40, maxZoom: opts.maxZoom ?? 17, duration: 600 })
}

/** Union of boxes (null when there is none). */
export function unionBbox(boxes: Array<Bbox | null | undefined>): Bbox | null {
  let out: Bbox | null = null
  for (const b of boxes) {
    if (!b) continue
    out = out ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])] : [...b]
  }
  return out
}

/** Bounding box of any GeoJSON value (null when it has no coordinates). */
export function geojsonBbox(value: unknown): Bbox | null {
  const geometries: Array<{ coordinates?: unknown }> = []
  const walk = (g: any) => {
    if (!g || typeof g !== 'object') return
    if (g.type === 'FeatureCollection') for (const f of g.features ?? []) walk(f)
    else if (g.type === 'Feature') walk(g.geometry)
    else if (g.type === 'GeometryCollection') for (const x of g.geometries ?? []) walk(x)
    else geometries.push(g)
  }
  walk(value)
  return boxOf(geometries)
}
