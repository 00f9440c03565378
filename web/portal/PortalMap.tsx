/**
 * The portal's map: the installation's basemap and the outlines of its districts and stations
 * (from /api/public/map, no account needed); a click marks the place of the complaint.
 */
import { useEffect, useRef } from 'react'
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import { basemapStyle, type Basemap } from '../lib/map/basemap'
import { geojsonBbox } from '../lib/map/createConsoleMap'

export interface PortalMapProps {
  basemap: Basemap
  outline: GeoJSON.FeatureCollection
  point: { lng: number; lat: number } | null
  onPick: (p: { lng: number; lat: number }) => void
}

export default function PortalMap({ basemap, outline, point, onPick }: PortalMapProps) {
  const ref = useRef<HTMLDivElement>(null)
  const mapRef = useRef<maplibregl.Map | null>(null)
  const markerRef = useRef<maplibregl.Marker | null>(null)
  const onPickRef = useRef(onPick)
  onPickRef.current = onPick

  useEffect(() => {
    if (!ref.current) return
    const bounds = geojsonBbox(outline)
    const map = new maplibregl.Map({
      container: ref.current, style: basemapStyle(basemap), attributionControl: { compact: true },
      ...(bounds ? { bounds: bounds as [number, number, number, number], fitBoundsOptions: { padding: 10 } } : { center: [108.95, 34.27], zoom: 10 }),
    })
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
    map.on('load', () => {
      map.addSource('outline', { type: 'geojson', data: outline })
      map.addLayer({ id: 'outline-line', type: 'line', source: 'outline', paint: { 'line-color': '#1668dc', 'line-width': ['case', ['==', ['get', 'level'], 1], 2.5, 1] } })
      map.addLayer({
        id: 'outline-label', type: 'symbol', source: 'outline', filter: ['==', ['get', 'level'], 2],
        layout: { 'text-field': ['get', 'name'], 'text-size': 12 }, paint: { 'text-color': '#1d39c4', 'text-halo-color': '#fff', 'text-halo-width': 1 },
      })
    })
    map.on('click', (e) => onPickRef.current({ lng: Number(e.lngLat.lng.toFixed(6)), lat: Number(e.lngLat.lat.toFixed(6)) }))
    mapRef.current = map
    return () => {
      map.remove()
      mapRef.current = null
      markerRef.current = null
    }
  }, [basemap, outline])

  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    if (!point) {
      markerRef.current?.remove()
      markerRef.current = null
      return
    }
    if (!markerRef.current) markerRef.current = new maplibregl.Marker({ color: '#fa541c' }).setLngLat([point.lng, point.lat]).addTo(map)
    else markerRef.current.setLngLat([point.lng, point.lat])
  }, [point])

  return <div ref={ref} data-testid="portal-map" style={{ height: 300, width: '100%', borderRadius: 8, overflow: 'hidden', cursor: 'crosshair' }} />
}
