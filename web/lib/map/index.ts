/**
 * The console's map pieces (MapLibre GL JS). Importing this file does not load MapLibre: the map
 * component loads it (its own `maplibre` chunk) when first rendered, so a page that shows a map only
 * in a drawer pays for it only when the drawer opens.
 *
 *   <MiniMap point onPick geojson height />   a small map for a record or a form
 *
 * Pages that are maps anyway may import `createConsoleMap` from './createConsoleMap' directly.
 */
import { createElement, lazy, Suspense } from 'react'
import { Spin } from 'antd'
import type { MiniMapProps } from './MiniMap'

const LazyMiniMap = lazy(() => import('./MiniMap'))

function fallback(height?: number) {
  return createElement('div', { style: { height: height ?? '100%', display: 'grid', placeItems: 'center' } }, createElement(Spin))
}

export function MiniMap(props: MiniMapProps) {
  return createElement(Suspense, { fallback: fallback(props.height ?? 240) }, createElement(LazyMiniMap, props))
}

export { RISK_COLOURS } from './layers'
