/**
 * What the map page keeps in step with the map: its layers and colouring, the highlighted
 * selection, and the coverage problems drawn in red.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react'
import { useQuery } from '@tanstack/react-query'
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl'
import { whenLoaded } from '../../lib/map/createConsoleMap'
import {
  PROBLEM_SOURCE, TILE_SOURCE, selectArea, setBusinessColouring, setLayerGroupVisible, type BusinessColouring, type LayerGroup,
} from '../../lib/map/layers'
import { isGrid } from './AreaCard'
import { problemCounts, problemFeatures } from './problems'
import { fetchCoverage, mapPageKeys, type AreaSummary } from './queries'
import { LAYER_GROUPS } from './MapPanels'

export type Selection = { kind: 'area'; code: string } | { kind: 'business'; id: number } | null

/** The height left for the page below its top edge, following the window. */
export function useFillHeight(ref: RefObject<HTMLElement | null>, bottomGap = 16): number {
  const [height, setHeight] = useState(600)
  useEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0
      setHeight(Math.max(420, window.innerHeight - top - bottomGap))
    }
    measure()
    window.addEventListener('resize', measure)
    const timer = setTimeout(measure, 100)
    return () => {
      window.removeEventListener('resize', measure)
      clearTimeout(timer)
    }
  }, [ref, bottomGap])
  return height
}

/** Layer switcher and colouring follow the state (also once the style has loaded). */
export function useLayerState(map: MlMap | null, layers: Record<LayerGroup, boolean>, colouring: BusinessColouring): void {
  useEffect(() => {
    if (!map) return
    whenLoaded(map, () => {
      for (const g of LAYER_GROUPS) setLayerGroupVisible(map, g, layers[g])
      setBusinessColouring(map, colouring)
    })
  }, [map, layers, colouring])
}

/** The selected area or business is highlighted on the map. */
export function useSelectionHighlight(map: MlMap | null, selection: Selection, byCode: RefObject<Map<string, AreaSummary>>): void {
  const highlighted = useRef<{ layer: string; id: number } | null>(null)
  useEffect(() => {
    if (!map) return
    whenLoaded(map, () => {
      if (highlighted.current) {
        map.setFeatureState({ source: TILE_SOURCE, sourceLayer: highlighted.current.layer, id: highlighted.current.id }, { selected: false })
        highlighted.current = null
      }
      if (selection?.kind === 'area') {
        const a = byCode.current?.get(selection.code)
        const layer = isGrid(a) ? 'grids' : a && a.level === 2 ? 'stations' : null
        if (layer) highlighted.current = selectArea(map, layer, selection.code, null)
      } else if (selection?.kind === 'business') {
        map.setFeatureState({ source: TILE_SOURCE, sourceLayer: 'businesses', id: selection.id }, { selected: true })
        highlighted.current = { layer: 'businesses', id: selection.id }
      }
    })
  }, [map, selection, byCode])
}

/** Coverage problems: the scope's parents checked against their children, drawn in red while `enabled`. */
export function useCoverageProblems(map: MlMap | null, areas: AreaSummary[], enabled: boolean) {
  const parents = useMemo(() => areas.filter((a) => a.childCount > 0).map((a) => a.code), [areas])
  const query = useQuery({
    queryKey: mapPageKeys.problems(parents.join(',')),
    queryFn: () => Promise.all(parents.map((code) => fetchCoverage(code))),
    enabled,
    staleTime: 60_000,
  })
  useEffect(() => {
    if (!map || !query.data) return
    whenLoaded(map, () => (map.getSource(PROBLEM_SOURCE) as GeoJSONSource | undefined)?.setData(problemFeatures(query.data)))
  }, [map, query.data])
  return { counts: query.data ? problemCounts(query.data) : null, fetching: query.isFetching, error: query.error }
}
