/**
 * The in-app map of the field app (issue 15 §3, "navigation to a business: on the in-app map"): the
 * boundaries of the user's own grids and their businesses as points, drawn from what the phone keeps
 * (store.ts), over the server's vector tiles read from the phone's copy first (offline-tiles.ts), so
 * it works in a market hall with no signal. Tapping a point opens the business; where several
 * stalls share one spot, a list under the map says which is which. The phone's own position (GPS,
 * no network needed) is one tap away. Loaded only when the map is first opened (MapLibre is heavy).
 */
import { useEffect, useRef, useState } from 'react'
import { Card, Empty, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import * as maplibregl from 'maplibre-gl'
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl'
import { createConsoleMap, whenLoaded, type Bbox } from '../lib/map/createConsoleMap'
import { addTileLayers, LABEL_FONT, RISK_COLOURS } from '../lib/map/layers'
import { useBasemap } from '../lib/map/hooks'
import { boxOf } from '../../src/modules/map/tile-cover.ts'
import { store, type Business, type GridBoundary } from './store'
import { deepestKeptZoom } from './map-sync'
import { FIELD_TILE_URL, registerFieldTiles } from './offline-tiles'

/** A place the map opens on: a business's point (the business page's "show on the map"). */
export interface MapFocus {
  lng: number
  lat: number
}

/** The field map's own layers (what `queryRenderedFeatures({ layers })` takes in tests). */
const FIELD_LAYER = {
  gridsFill: 'field-grids-fill',
  gridsLine: 'field-grids-line',
  businesses: 'field-businesses',
  businessNames: 'field-business-names',
} as const
const GRID_SOURCE = 'field-grids'
const BUSINESS_SOURCE = 'field-businesses'
const MY_GRID_COLOUR = '#fa541c'
/** Half the side of the square a tap looks in, in pixels: a fingertip, not a mouse pointer. */
const TAP_PX = 14
/** How close a business page's "show on the map" comes: a street and its doors. */
const FOCUS_ZOOM = 17

interface MapData {
  boundaries: GridBoundary[]
  businesses: Business[]
  tiles: number
  deepest: number | null
}

async function loadData(): Promise<MapData> {
  const [boundaries, businesses, tiles, deepest] = await Promise.all([
    store.boundaries.toArray(), store.businesses.toArray(), store.tiles.count(), deepestKeptZoom(),
  ])
  return { boundaries, businesses, tiles, deepest }
}

function gridFeatures(boundaries: GridBoundary[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: boundaries.filter((b) => b.boundary).map((b) => ({ type: 'Feature', geometry: b.boundary!, properties: { code: b.code, name: b.name } })),
  }
}

function businessFeatures(businesses: Business[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: businesses.filter((b) => b.location).map((b) => ({
      type: 'Feature', id: b.id,
      geometry: { type: 'Point', coordinates: [b.location!.lng, b.location!.lat] },
      properties: { uscc: b.uscc, name: b.name, riskClass: b.riskClass },
    })),
  }
}

function addFieldLayers(map: MlMap, data: MapData) {
  map.addSource(GRID_SOURCE, { type: 'geojson', data: gridFeatures(data.boundaries) })
  map.addSource(BUSINESS_SOURCE, { type: 'geojson', data: businessFeatures(data.businesses) })
  map.addLayer({ id: FIELD_LAYER.gridsFill, type: 'fill', source: GRID_SOURCE, paint: { 'fill-color': MY_GRID_COLOUR, 'fill-opacity': 0.06 } })
  map.addLayer({ id: FIELD_LAYER.gridsLine, type: 'line', source: GRID_SOURCE, paint: { 'line-color': MY_GRID_COLOUR, 'line-width': 3 } })
  map.addLayer({
    id: FIELD_LAYER.businesses, type: 'circle', source: BUSINESS_SOURCE,
    paint: {
      'circle-color': ['match', ['get', 'riskClass'], 'high', RISK_COLOURS.high, 'higher', RISK_COLOURS.higher, 'general', RISK_COLOURS.general, RISK_COLOURS.low],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3, 16, 6, 19, 9],
      'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
    },
  })
  map.addLayer({
    id: FIELD_LAYER.businessNames, type: 'symbol', source: BUSINESS_SOURCE, minzoom: 17,
    layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-max-width': 8 },
    paint: { 'text-color': '#262626', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
  })
}

/** Where the map was when it was last left: coming back from a business finds it there again. */
let lastView: { center: [number, number]; zoom: number } | null = null

export default function FieldMap({ online, focus, refreshed, onOpen }: {
  online: boolean
  focus: MapFocus | null
  /** bumped after each sync: the phone's copy is read again */
  refreshed: number
  onOpen: (uscc: string) => void
}) {
  const { t } = useTranslation('field')
  const ref = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MlMap | null>(null)
  const onOpenRef = useRef(onOpen)
  onOpenRef.current = onOpen
  const [data, setData] = useState<MapData | null>(null)
  const [choice, setChoice] = useState<Array<{ uscc: string; name: string }>>([])
  // With no signal the basemap setting cannot be read, and its tiles could not be either: none.
  const { basemap, loading: basemapLoading } = useBasemap()
  const ready = data !== null && (!online || !basemapLoading)

  useEffect(() => {
    let live = true
    void loadData().then((d) => { if (live) setData(d) })
    return () => { live = false }
  }, [refreshed])

  const empty = data !== null && data.boundaries.length === 0 && data.businesses.length === 0

  // The map is made once, when the phone's copy is read; later syncs only replace its data.
  useEffect(() => {
    if (!ready || !data || empty || !ref.current || mapRef.current) return
    registerFieldTiles(maplibregl)
    const box: Bbox | null = boxOf(data.boundaries.map((b) => b.boundary as { coordinates?: unknown } | null))
      ?? boxOf(data.businesses.map((b) => (b.location ? { coordinates: [b.location.lng, b.location.lat] } : null)))
    const start = focus ? { center: [focus.lng, focus.lat] as [number, number], zoom: FOCUS_ZOOM } : lastView
    const map = createConsoleMap(ref.current, {
      basemap: online ? basemap : undefined, tiles: false, main: true,
      ...(start ? { center: start.center, zoom: start.zoom } : { bounds: box }),
    })
    mapRef.current = map
    map.addControl(new maplibregl.GeolocateControl({ positionOptions: { enableHighAccuracy: true }, trackUserLocation: true }), 'top-right')
    if (focus) new maplibregl.Marker({ color: MY_GRID_COLOUR }).setLngLat([focus.lng, focus.lat]).addTo(map)
    whenLoaded(map, () => {
      addTileLayers(map, { businesses: false, url: FIELD_TILE_URL, maxzoom: data.deepest ?? undefined })
      addFieldLayers(map, data)
    })
    map.on('moveend', () => {
      const c = map.getCenter()
      lastView = { center: [c.lng, c.lat], zoom: map.getZoom() }
    })
    map.on('click', (e) => {
      const { x, y } = e.point
      const hits = map.queryRenderedFeatures([[x - TAP_PX, y - TAP_PX], [x + TAP_PX, y + TAP_PX]], { layers: [FIELD_LAYER.businesses] })
      const found = [...new Map(hits.map((f) => [f.properties.uscc as string, { uscc: f.properties.uscc as string, name: f.properties.name as string }])).values()]
      if (found.length === 1) onOpenRef.current(found[0]!.uscc)
      else setChoice(found)
    })
    // The map is made once; focus and basemap at that moment are where it starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, empty])

  useEffect(() => () => {
    mapRef.current?.remove()
    mapRef.current = null
  }, [])

  // A later sync: the same map, the phone's new copy.
  useEffect(() => {
    const map = mapRef.current
    if (!map || !data) return
    whenLoaded(map, () => {
      void (map.getSource(GRID_SOURCE) as GeoJSONSource | undefined)?.setData(gridFeatures(data.boundaries))
      void (map.getSource(BUSINESS_SOURCE) as GeoJSONSource | undefined)?.setData(businessFeatures(data.businesses))
    })
  }, [data])

  if (data === null) return null
  if (empty) return <Card size="small"><Empty description={t('map.none')} /></Card>
  const placed = data.businesses.filter((b) => b.location).length
  return (
    <>
      <div style={{ position: 'relative', height: 'max(320px, calc(100vh - 270px))', borderRadius: 8, overflow: 'hidden', background: '#eef1f5' }}>
        <div ref={ref} role="region" aria-label={t('map.label')} style={{ position: 'absolute', inset: 0 }} data-testid="field-map" />
      </div>
      <Space wrap size={[8, 2]} style={{ marginTop: 6 }} data-testid="field-map-status">
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('map.status', { grids: data.boundaries.length, businesses: placed, tiles: data.tiles })}
        </Typography.Text>
        {placed < data.businesses.length && <Tag>{t('map.unlocated', { count: data.businesses.length - placed })}</Tag>}
      </Space>
      {choice.length > 1 && (
        <Card size="small" title={t('map.choose', { count: choice.length })} style={{ marginTop: 8 }} data-testid="field-map-choice">
          <List rowKey="uscc" dataSource={choice} size="small"
            renderItem={(b) => <List.Item onClick={() => onOpen(b.uscc)} style={{ cursor: 'pointer' }}>{b.name}</List.Item>} />
        </Card>
      )}
    </>
  )
}
