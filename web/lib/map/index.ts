/**
 * The console's map pieces (MapLibre GL JS). Importing this file does not load MapLibre: the map
 * components load it (its own `maplibre` chunk) when first rendered, so a page that shows a map only
 * in a drawer pays for it only when the drawer opens.
 *
 *   <MiniMap point onPick geojson height />   a small map for a record or a form
 *   <ConsoleMap onMap={(map) => …} />          a full map of the user's scope with the server's tiles
 *
 * Pages that are maps anyway may import `createConsoleMap` from './createConsoleMap' directly.
 */
import { createElement, lazy, Suspense } from 'react'
import { Spin } from 'antd'
import type { MiniMapProps } from './MiniMap'
import type { ConsoleMapProps } from './ConsoleMap'

const LazyMiniMap = lazy(() => import('./MiniMap'))
const LazyConsoleMap = lazy(() => import('./ConsoleMap'))

function fallback(height?: number) {
  return createElement('div', { style: { height: height ?? '100%', display: 'grid', placeItems: 'center' } }, createElement(Spin))
}

export function MiniMap(props: MiniMapProps) {
  return createElement(Suspense, { fallback: fallback(props.height ?? 240) }, createElement(LazyMiniMap, props))
}

export function ConsoleMap(props: ConsoleMapProps) {
  return createElement(Suspense, { fallback: fallback() }, createElement(LazyConsoleMap, props))
}

export type { MiniMapProps, ConsoleMapProps }
export type { Bbox, ConsoleMapOptions } from './createConsoleMap'
export type { Basemap } from './basemap'
export { useBasemap, useScopeBounds, mapKeys } from './hooks'
export {
  LAYER, LAYER_GROUPS, RISK_COLOURS, PLACEMENT_COLOURS, PROBLEM_COLOUR, GRIDS_MIN_ZOOM, POINTS_MIN_ZOOM,
  type LayerGroup, type BusinessColouring,
} from './layers'
