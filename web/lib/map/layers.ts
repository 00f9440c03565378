/**
 * The server's vector tiles on a console map: districts, stations and grids with their labels, and
 * businesses (single points from zoom 15, counted clusters below). The layer and property names are
 * the server's contract in src/modules/map/tile-layers.ts, imported here so both sides change together.
 */
import type { ExpressionSpecification, LayerSpecification, Map as MlMap } from 'maplibre-gl'
import { GRIDS_MIN_ZOOM, MAX_ZOOM, POINTS_MIN_ZOOM, TILE_URL } from '../../../src/modules/map/tile-layers.ts'

export { POINTS_MIN_ZOOM }

export const TILE_SOURCE = 'mg-tiles'
export const PROBLEM_SOURCE = 'mg-problems'

/** Map layer ids (what `queryRenderedFeatures({ layers })` takes). */
export const LAYER = {
  districtsLine: 'mg-districts-line',
  stationsFill: 'mg-stations-fill',
  stationsLine: 'mg-stations-line',
  gridsFill: 'mg-grids-fill',
  gridsLine: 'mg-grids-line',
  gridsSelected: 'mg-grids-selected',
  districtLabels: 'mg-district-labels',
  stationLabels: 'mg-station-labels',
  gridLabels: 'mg-grid-labels',
  clusters: 'mg-business-clusters',
  clusterCounts: 'mg-business-cluster-counts',
  businesses: 'mg-businesses',
  problemsFill: 'mg-problems-fill',
  problemsLine: 'mg-problems-line',
} as const

/** What the layer switcher turns on and off. */
export type LayerGroup = 'stations' | 'grids' | 'labels' | 'businesses' | 'problems'
const LAYER_GROUPS: Record<LayerGroup, string[]> = {
  stations: [LAYER.stationsFill, LAYER.stationsLine],
  grids: [LAYER.gridsFill, LAYER.gridsLine, LAYER.gridsSelected],
  labels: [LAYER.districtLabels, LAYER.stationLabels, LAYER.gridLabels],
  businesses: [LAYER.clusters, LAYER.clusterCounts, LAYER.businesses],
  problems: [LAYER.problemsFill, LAYER.problemsLine],
}

export type BusinessColouring = 'risk' | 'placement'

export const RISK_COLOURS = { high: '#cf1322', higher: '#fa8c16', general: '#d4b106', low: '#389e0d' } as const
export const PLACEMENT_COLOURS = { placed: '#1668dc', unplaced: '#eb2f96' } as const
export const PROBLEM_COLOUR = '#f5222d'
const STATION_COLOUR = '#1d39c4'
const GRID_COLOUR = '#2f54eb'

/** Labels are drawn locally with the browser's fonts (no glyph server: works offline). */
export const LABEL_FONT = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif']
const BOLD_FONT = ['Noto Sans CJK SC Bold', 'Source Han Sans SC Bold', 'Microsoft YaHei Bold', 'PingFang SC Bold', 'sans-serif']

function tileUrl(): string {
  // Concatenated, not `new URL`, which would percent-encode the {z}/{x}/{y} placeholders.
  return window.location.origin + TILE_URL
}

function pointColour(mode: BusinessColouring): ExpressionSpecification {
  return mode === 'risk'
    ? ['match', ['get', 'riskClass'], 'high', RISK_COLOURS.high, 'higher', RISK_COLOURS.higher, 'general', RISK_COLOURS.general, RISK_COLOURS.low]
    : ['case', ['==', ['get', 'placed'], false], PLACEMENT_COLOURS.unplaced, PLACEMENT_COLOURS.placed]
}

/** A cluster's colour: by the share of high and elevated risk, or by whether any business in it is unplaced. */
function clusterColour(mode: BusinessColouring): ExpressionSpecification {
  if (mode === 'placement') {
    return ['case', ['>', ['get', 'unplaced'], 0], PLACEMENT_COLOURS.unplaced, PLACEMENT_COLOURS.placed]
  }
  const share: ExpressionSpecification = ['/', ['+', ['get', 'high'], ['get', 'higher']], ['max', ['get', 'count'], 1]]
  return ['case',
    ['>', ['get', 'high'], 0], RISK_COLOURS.high,
    ['>=', share, 0.25], RISK_COLOURS.higher,
    ['>', ['get', 'general'], 0], RISK_COLOURS.general,
    RISK_COLOURS.low]
}

export interface TileLayerOptions {
  /** draw the businesses layer (the server leaves it out without `business.read` anyway) */
  businesses?: boolean
  colouring?: BusinessColouring
  /** where the tiles come from (default the server's); the field app reads its phone's copy first */
  url?: string
  /** the deepest zoom the source asks for, magnified beyond (default 16) */
  maxzoom?: number
}

/** Adds the server's vector tiles and the layers that draw them. */
export function addTileLayers(map: MlMap, opts: TileLayerOptions = {}) {
  const colouring = opts.colouring ?? 'risk'
  map.addSource(TILE_SOURCE, { type: 'vector', tiles: [opts.url ?? tileUrl()], minzoom: 0, maxzoom: Math.min(MAX_ZOOM, opts.maxzoom ?? 16) })
  map.addSource(PROBLEM_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
  const src = { source: TILE_SOURCE }
  const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false]
  const layers: LayerSpecification[] = [
    { id: LAYER.stationsFill, type: 'fill', ...src, 'source-layer': 'stations', paint: { 'fill-color': STATION_COLOUR, 'fill-opacity': ['case', selected, 0.12, 0.03] } },
    { id: LAYER.gridsFill, type: 'fill', ...src, 'source-layer': 'grids', minzoom: GRIDS_MIN_ZOOM, paint: { 'fill-color': GRID_COLOUR, 'fill-opacity': ['case', selected, 0.22, 0.04] } },
    { id: LAYER.gridsLine, type: 'line', ...src, 'source-layer': 'grids', minzoom: GRIDS_MIN_ZOOM, paint: { 'line-color': GRID_COLOUR, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 15, 1.5], 'line-opacity': 0.8 } },
    { id: LAYER.gridsSelected, type: 'line', ...src, 'source-layer': 'grids', minzoom: GRIDS_MIN_ZOOM, paint: { 'line-color': '#fa541c', 'line-width': ['case', selected, 3, 0] } },
    { id: LAYER.stationsLine, type: 'line', ...src, 'source-layer': 'stations', paint: { 'line-color': STATION_COLOUR, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.2, 14, 2.5] } },
    { id: LAYER.districtsLine, type: 'line', ...src, 'source-layer': 'districts', paint: { 'line-color': '#10239e', 'line-width': 3, 'line-dasharray': [3, 1] } },
    { id: LAYER.problemsFill, type: 'fill', source: PROBLEM_SOURCE, layout: { visibility: 'none' }, paint: { 'fill-color': PROBLEM_COLOUR, 'fill-opacity': 0.45 } },
    { id: LAYER.problemsLine, type: 'line', source: PROBLEM_SOURCE, layout: { visibility: 'none' }, paint: { 'line-color': PROBLEM_COLOUR, 'line-width': 2 } },
  ]
  if (opts.businesses !== false) {
    layers.push(
      {
        id: LAYER.clusters, type: 'circle', ...src, 'source-layer': 'businesses', filter: ['==', ['get', 'cluster'], true],
        paint: {
          'circle-color': clusterColour(colouring),
          'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 5, 10, 14, 40, 28],
          'circle-opacity': 0.7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
        },
      },
      {
        id: LAYER.businesses, type: 'circle', ...src, 'source-layer': 'businesses', filter: ['!=', ['get', 'cluster'], true],
        paint: {
          'circle-color': pointColour(colouring),
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 15, ['case', ['boolean', ['feature-state', 'selected'], false], 9, 4.5], 18, ['case', ['boolean', ['feature-state', 'selected'], false], 11, 7]],
          'circle-stroke-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#000000', '#ffffff'],
          'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 2.5, 1],
        },
      },
    )
  }
  const nameAndCode: ExpressionSpecification = ['format', ['get', 'name'], {}, '\n', {}, ['get', 'code'], { 'font-scale': 0.85 }]
  // Grids: the code alone while they are small, name and code once there is room.
  const gridText: ExpressionSpecification = ['step', ['zoom'], ['format', ['get', 'code'], {}], 13, nameAndCode]
  const label = (id: string, kind: string, size: ExpressionSpecification | number, colour: string, font: string[], minzoom = 0): LayerSpecification => ({
    id, type: 'symbol', ...src, 'source-layer': 'area_labels', minzoom, filter: ['==', ['get', 'kind'], kind],
    layout: {
      'text-field': kind === 'grid' ? gridText : nameAndCode,
      'text-font': font, 'text-size': size, 'text-max-width': 12, 'text-padding': 2,
    },
    paint: { 'text-color': colour, 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
  })
  if (opts.businesses !== false) {
    layers.push({
      id: LAYER.clusterCounts, type: 'symbol', ...src, 'source-layer': 'businesses', filter: ['==', ['get', 'cluster'], true],
      // Always drawn, and never pushing an area label away.
      layout: { 'text-field': ['to-string', ['get', 'count']], 'text-font': BOLD_FONT, 'text-size': 11, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0,0,0,0.35)', 'text-halo-width': 1 },
    })
  }
  layers.push(
    label(LAYER.gridLabels, 'grid', ['interpolate', ['linear'], ['zoom'], 10, 10, 15, 13], '#2f54eb', LABEL_FONT, GRIDS_MIN_ZOOM),
    label(LAYER.stationLabels, 'station', ['interpolate', ['linear'], ['zoom'], 9, 12, 14, 16], '#10239e', BOLD_FONT),
    label(LAYER.districtLabels, 'district', 16, '#061178', BOLD_FONT),
  )
  for (const layer of layers) map.addLayer(layer)
}

export function setBusinessColouring(map: MlMap, mode: BusinessColouring) {
  if (map.getLayer(LAYER.businesses)) map.setPaintProperty(LAYER.businesses, 'circle-color', pointColour(mode))
  if (map.getLayer(LAYER.clusters)) map.setPaintProperty(LAYER.clusters, 'circle-color', clusterColour(mode))
}

export function setLayerGroupVisible(map: MlMap, group: LayerGroup, visible: boolean) {
  for (const id of LAYER_GROUPS[group]) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none')
  }
}

/** The vector-tile feature id of an area: its code read as a number (tile-layers.ts). */
function areaFeatureId(code: string): number {
  return Number(code)
}

/** Marks one area (grid or station) as selected, clearing the previous one. */
export function selectArea(map: MlMap, layer: 'grids' | 'stations', code: string | null, previous: { layer: string; id: number } | null) {
  if (previous) map.setFeatureState({ source: TILE_SOURCE, sourceLayer: previous.layer, id: previous.id }, { selected: false })
  if (!code) return null
  const id = areaFeatureId(code)
  map.setFeatureState({ source: TILE_SOURCE, sourceLayer: layer, id }, { selected: true })
  return { layer, id }
}
