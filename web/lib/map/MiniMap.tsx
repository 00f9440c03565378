/**
 * `<MiniMap>`: a small map for records and forms. Shows a point (with a marker), lets the user pick
 * one by clicking (`onPick`), or draws a GeoJSON collection fitted into view, with features whose
 * property `problem` is true in red (a boundary that overlaps a sibling, a part outside its parent).
 * Area boundaries from the server's tiles are drawn under it for orientation.
 */
import { useEffect, useRef } from 'react'
import * as maplibregl from 'maplibre-gl'
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl'
import type { FeatureCollection } from 'geojson'
import ConsoleMap from './ConsoleMap'
import { flyToBbox, geojsonBbox, whenLoaded } from './createConsoleMap'
import { PROBLEM_COLOUR } from './layers'

export interface MiniMapProps {
  point?: { lng: number; lat: number } | null
  onPick?: (p: { lng: number; lat: number }) => void
  geojson?: GeoJSON.FeatureCollection
  height?: number
  /** a box to show (a search hit); the map flies there whenever it changes */
  focus?: [number, number, number, number] | null
}

const SOURCE = 'mg-mini'
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] }
const isProblem: maplibregl.ExpressionSpecification = ['==', ['get', 'problem'], true]
/** A person on duty (the command centre's staff positions, M5.1), in green. */
const isStaff: maplibregl.ExpressionSpecification = ['==', ['get', 'staff'], true]

function addGeojsonLayers(map: MlMap) {
  if (map.getSource(SOURCE)) return
  map.addSource(SOURCE, { type: 'geojson', data: EMPTY })
  map.addLayer({ id: 'mg-mini-fill', type: 'fill', source: SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': ['case', isProblem, PROBLEM_COLOUR, '#1668dc'], 'fill-opacity': ['case', isProblem, 0.45, 0.15] } })
  map.addLayer({ id: 'mg-mini-line', type: 'line', source: SOURCE, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': ['case', isProblem, PROBLEM_COLOUR, '#1668dc'], 'line-width': ['case', isProblem, 3, 2] } })
  map.addLayer({ id: 'mg-mini-point', type: 'circle', source: SOURCE, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': ['case', isProblem, PROBLEM_COLOUR, isStaff, '#52c41a', '#1668dc'], 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } })
}

export default function MiniMap({ point, onPick, geojson, height = 240, focus }: MiniMapProps) {
  const mapRef = useRef<MlMap | null>(null)
  const markerRef = useRef<maplibregl.Marker | null>(null)
  const onPickRef = useRef(onPick)
  onPickRef.current = onPick
  const fitted = useRef<string | null>(null)

  const startBounds = geojson ? geojsonBbox(geojson) : null
  const bounds = startBounds ?? (point ? [point.lng - 0.004, point.lat - 0.003, point.lng + 0.004, point.lat + 0.003] as [number, number, number, number] : undefined)

  const showPoint = (map: MlMap, p: { lng: number; lat: number } | null | undefined) => {
    if (!p) {
      markerRef.current?.remove()
      markerRef.current = null
      return
    }
    if (!markerRef.current) markerRef.current = new maplibregl.Marker({ color: '#fa541c' }).setLngLat([p.lng, p.lat]).addTo(map)
    else markerRef.current.setLngLat([p.lng, p.lat])
  }

  const onMap = (map: MlMap) => {
    mapRef.current = map
    map.on('click', (e) => {
      const pick = onPickRef.current
      if (!pick) return
      const p = { lng: Number(e.lngLat.lng.toFixed(7)), lat: Number(e.lngLat.lat.toFixed(7)) }
      showPoint(map, p)
      pick(p)
    })
    map.once('remove', () => {
      markerRef.current = null
      mapRef.current = null
    })
  }

  // The point follows the prop (a picked point stays until the parent says otherwise).
  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    if (point !== undefined) showPoint(map, point)
    if (point && !geojson && !map.getBounds().contains([point.lng, point.lat])) map.easeTo({ center: [point.lng, point.lat], duration: 300 })
  })

  const focusKey = focus ? focus.join(',') : ''
  useEffect(() => {
    const map = mapRef.current
    if (map && focus) whenLoaded(map, () => flyToBbox(map, focus, { padding: 20, maxZoom: 17 }))
  }, [focusKey]) // eslint-disable-line react-hooks/exhaustive-deps

  // The GeoJSON is drawn and fitted whenever it changes.
  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    whenLoaded(map, () => {
      addGeojsonLayers(map)
      void (map.getSource(SOURCE) as GeoJSONSource).setData((geojson ?? EMPTY) as FeatureCollection)
      const key = geojson ? JSON.stringify(geojsonBbox(geojson)) : null
      const box = geojson ? geojsonBbox(geojson) : null
      if (box && key !== fitted.current) {
        fitted.current = key
        flyToBbox(map, box, { padding: 20 })
      }
    })
  })

  return (
    <div style={{ height, width: '100%', borderRadius: 6, overflow: 'hidden', cursor: onPick ? 'crosshair' : undefined }} data-testid="mini-map">
      <ConsoleMap
        bounds={bounds}
        businesses={false}
        onMap={(m) => {
          onMap(m)
          whenLoaded(m, () => {
            addGeojsonLayers(m)
            if (geojson) void (m.getSource(SOURCE) as GeoJSONSource).setData(geojson as FeatureCollection)
            fitted.current = geojson ? JSON.stringify(geojsonBbox(geojson)) : null
            if (point) showPoint(m, point)
            if (onPick) m.getCanvas().style.cursor = 'crosshair'
          })
        }}
      />
    </div>
  )
}
