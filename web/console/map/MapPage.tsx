/**
 * The electronic map (M5.1), where a district chief lands: the whole scope with station and grid
 * boundaries labelled by code and name, businesses coloured by risk class or placement (counted
 * clusters when zoomed out), a layer switcher, coverage problems in red, a side tree of
 * district → stations → grids, a search that flies to a business or a grid, and the grid card or
 * the business record on click.
 *
 * Layout (issue 13 §3): the card is a compact panel that leaves the zoom buttons free (they sit in
 * the map's top-right corner; the panel keeps clear of their column) and folds to its title bar.
 * Below antd's `lg` (992 px) the map takes the whole page: the search, layers and tree open as a
 * drawer from a button on the map, and on a phone the card is a bottom sheet.
 */
import { useCallback, useMemo, useRef, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Drawer, Typography, App } from 'antd'
import { CloseOutlined, DownOutlined, MenuOutlined, UpOutlined } from '@ant-design/icons'
import type { DataNode } from 'antd/es/tree'
import type { MapGeoJSONFeature, Map as MlMap } from 'maplibre-gl'
import { useTranslation } from 'react-i18next'
import ConsoleMap from '../../lib/map/ConsoleMap'
import { flyToBbox, type Bbox } from '../../lib/map/createConsoleMap'
import { LAYER, POINTS_MIN_ZOOM, type BusinessColouring, type LayerGroup } from '../../lib/map/layers'
import { useSession } from '../../lib/session'
import { useNarrow, usePhone } from '../../lib/screen'
import type { ApiError } from '../../lib/api/client'
import { AreaCard, isGrid } from './AreaCard'
import { BusinessCard } from './BusinessCard'
import { MapLegend } from './MapLegend'
import { MapPanels } from './MapPanels'
import { useCoverageProblems, useFillHeight, useLayerState, useSelectionHighlight, type Selection } from './map-hooks'
import { fetchAreas, fetchLocate, mapPageKeys, type AreaSummary, type LocateItem } from './queries'

const DEFAULT_LAYERS: Record<LayerGroup, boolean> = { stations: true, grids: true, labels: true, businesses: true, problems: false }
const SIDE_WIDTH = 300
/** The card panel's width beside the map (under 40% of the map on a 1366 px screen). */
const CARD_WIDTH = 300
/** The zoom buttons' column at the map's right edge, which the card panel keeps free. */
const ZOOM_GUTTER = 50
/** The share of the map's height a phone's bottom sheet may take. */
const SHEET_SHARE = 0.38
/** Room kept for the card when the map flies to something. */
function flyPadding(phone: boolean, mapHeight: number) {
  return phone
    ? { top: 40, bottom: Math.round(mapHeight * SHEET_SHARE) + 20, left: 20, right: 20 }
    : { top: 40, bottom: 40, left: 40, right: CARD_WIDTH + ZOOM_GUTTER + 20 }
}

function buildTree(areas: AreaSummary[]): DataNode[] {
  const byCode = new Map<string, DataNode & { children: DataNode[] }>()
  const roots: DataNode[] = []
  for (const a of areas) {
    const node = { key: a.code, title: `${a.code} ${a.name}`, children: [] as DataNode[], isLeaf: a.childCount === 0 }
    byCode.set(a.code, node)
    const parent = a.parentCode ? byCode.get(a.parentCode) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

function ancestors(code: string): string[] {
  const out: string[] = []
  for (let n = 2; n < code.length; n += 2) out.push(code.slice(0, n))
  return out
}

/**
 * Map clicks: a business point → its record; a cluster → zoom in; a grid → its card; a station →
 * its card. The pointer shows what can be clicked.
 */
function listenToClicks(m: MlMap, open: { current: { openArea: (code: string, fly: boolean) => void; openBusiness: (id: number) => void } }) {
  const clickable = [LAYER.businesses, LAYER.clusters, LAYER.gridsFill, LAYER.stationsFill]
  const present = () => clickable.filter((id) => m.getLayer(id) && m.getLayoutProperty(id, 'visibility') !== 'none')
  m.on('click', (e) => {
    const features: MapGeoJSONFeature[] = m.queryRenderedFeatures(e.point, { layers: present() })
    const pick = (layer: string) => features.find((f) => f.layer.id === layer)
    const business = pick(LAYER.businesses)
    if (business) return open.current.openBusiness(Number(business.properties.id))
    const cluster = pick(LAYER.clusters)
    if (cluster && cluster.geometry.type === 'Point') {
      const [lng, lat] = cluster.geometry.coordinates as [number, number]
      return m.easeTo({ center: [lng, lat], zoom: Math.min(m.getZoom() + 2, POINTS_MIN_ZOOM + 1) })
    }
    const grid = pick(LAYER.gridsFill) ?? pick(LAYER.stationsFill)
    if (grid) open.current.openArea(String(grid.properties.code), false)
  })
  m.on('mousemove', (e) => {
    const hit = m.queryRenderedFeatures(e.point, { layers: present() }).length > 0
    m.getCanvas().style.cursor = hit ? 'pointer' : ''
  })
}

/** The card of the selected area or business over the map: a panel beside the zoom buttons, a bottom sheet on a phone; it folds to its title. */
function MapCard({ title, phone, folded, onFold, onClose, children }: {
  title: string; phone: boolean; folded: boolean; onFold: (folded: boolean) => void; onClose: () => void; children: React.ReactNode
}) {
  const { t } = useTranslation('map')
  return (
    <div data-testid="map-drawer" className="map-card" role="dialog" aria-label={title}
      style={phone
        ? { left: 0, right: 0, bottom: 0, maxHeight: `${SHEET_SHARE * 100}%`, borderRadius: '8px 8px 0 0' }
        : { top: 10, right: ZOOM_GUTTER, width: CARD_WIDTH, maxHeight: 'calc(100% - 20px)', borderRadius: 8 }}>
      <div className="map-card-head">
        <Typography.Text strong ellipsis className="map-card-title">{title}</Typography.Text>
        <Button type="text" size="small" icon={folded ? <DownOutlined /> : <UpOutlined />} onClick={() => onFold(!folded)}
          aria-label={folded ? t('card.unfold') : t('card.fold')} aria-expanded={!folded} data-testid="map-card-fold" />
        <Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t('card.close')} />
      </div>
      <div className="map-card-body" hidden={folded}>
        {children}
      </div>
    </div>
  )
}

export default function MapPage() {
  const { t } = useTranslation('map')
  const { message } = App.useApp()
  const { can, me } = useSession()
  const queryClient = useQueryClient()
  const pageRef = useRef<HTMLDivElement>(null)
  const height = useFillHeight(pageRef)
  const phone = usePhone()
  const narrow = useNarrow()
  const [panelsOpen, setPanelsOpen] = useState(false)

  const [map, setMap] = useState<MlMap | null>(null)
  const [selection, setSelection] = useState<Selection>(null)
  const [folded, setFolded] = useState(false)
  const [layers, setLayers] = useState(DEFAULT_LAYERS)
  const [colouring, setColouring] = useState<BusinessColouring>('risk')
  const [expanded, setExpanded] = useState<string[] | null>(null)

  const areasQuery = useQuery({ queryKey: mapPageKeys.areas, queryFn: fetchAreas })
  // The list names the ancestors of a scope too (for context); the map's tree is the scope itself.
  const scope = me?.scope ?? ''
  const areas = useMemo(() => (areasQuery.data ?? []).filter((a) => a.code.startsWith(scope)), [areasQuery.data, scope])
  const byCode = useMemo(() => new Map(areas.map((a) => [a.code, a])), [areas])
  const tree = useMemo(() => buildTree(areas), [areas])
  const byCodeRef = useRef(byCode)
  byCodeRef.current = byCode

  // Roots open at first (the district shows its stations); a selection opens its ancestors.
  const expandedKeys = expanded ?? tree.map((n) => String(n.key))

  const flyToArea = useCallback(async (code: string) => {
    const m = map
    if (!m) return
    try {
      const { items } = await queryClient.fetchQuery({ queryKey: mapPageKeys.locate(code), queryFn: () => fetchLocate(code), staleTime: 60_000 })
      const hit = items.find((i) => i.kind === 'area' && i.code === code)
      if (hit && hit.kind === 'area' && hit.bbox) flyToBbox(m, hit.bbox as Bbox, { maxZoom: 16, padding: flyPadding(phone, m.getContainer().clientHeight) })
    } catch (e) {
      message.error(t('loadFailed', { message: (e as ApiError).message }))
    }
  }, [map, queryClient, message, t, phone])

  const openArea = useCallback((code: string, fly: boolean) => {
    setSelection({ kind: 'area', code })
    setFolded(false)
    const own = (byCodeRef.current.get(code)?.childCount ?? 0) > 0 ? [code] : []
    setExpanded((prev) => [...new Set([...(prev ?? tree.map((n) => String(n.key))), ...ancestors(code), ...own])])
    if (fly) void flyToArea(code)
  }, [flyToArea, tree])

  const openBusiness = useCallback((id: number, point?: { lng: number; lat: number } | null) => {
    setSelection({ kind: 'business', id })
    setFolded(false)
    // Off-centre, away from the card: left of it beside the map, above it on a phone.
    const offset: [number, number] = phone ? [0, -Math.round((map?.getContainer().clientHeight ?? 0) * SHEET_SHARE / 2)] : [-(CARD_WIDTH + ZOOM_GUTTER) / 2, 0]
    if (point && map) map.flyTo({ center: [point.lng, point.lat], offset, zoom: Math.max(map.getZoom(), POINTS_MIN_ZOOM + 2), duration: 800 })
  }, [map, phone])

  const openRef = useRef({ openArea, openBusiness })
  openRef.current = { openArea, openBusiness }
  const onMap = useCallback((m: MlMap) => {
    setMap(m)
    listenToClicks(m, openRef)
  }, [])

  useLayerState(map, layers, colouring)
  useSelectionHighlight(map, selection, byCodeRef)
  const problems = useCoverageProblems(map, areas, layers.problems && areasQuery.isSuccess)

  const onSearch = useCallback((item: LocateItem) => {
    setPanelsOpen(false)
    if (item.kind === 'area') openArea(item.code, true)
    else {
      if (!item.point) message.info(t('search.noLocation'))
      openBusiness(item.id, item.point)
    }
  }, [openArea, openBusiness, message, t])

  const selectedArea = selection?.kind === 'area' ? byCode.get(selection.code) : undefined
  const cardTitle = selection?.kind === 'business'
    ? t('business.title')
    : selection?.kind === 'area'
      ? `${isGrid(selectedArea) ? t('card.gridTitle') : t('card.areaTitle')} · ${selection.code} ${selectedArea?.name ?? ''}`
      : ''

  const panels = (
    <MapPanels
      onSearch={onSearch} layers={layers} onLayers={setLayers} colouring={colouring} onColouring={setColouring}
      businesses={can('business.read')} problems={problems}
      tree={{
        nodes: tree, loading: areasQuery.isLoading, error: areasQuery.error, expandedKeys, onExpand: setExpanded,
        selected: selection?.kind === 'area' ? selection.code : null,
        onSelect: (code) => {
          setPanelsOpen(false)
          openArea(code, true)
        },
      }}
    />
  )

  return (
    <div ref={pageRef} className="map-page" style={{ height }} data-testid="map-page">
      {narrow
        ? (
          <Drawer open={panelsOpen} onClose={() => setPanelsOpen(false)} placement="left" width={Math.min(SIDE_WIDTH + 40, window.innerWidth - 40)}
            title={t('layers.title')} styles={{ body: { padding: 12, display: 'flex', flexDirection: 'column', gap: 8 } }} data-testid="map-panels">
            {panels}
          </Drawer>
        )
        : <div className="map-side" style={{ width: SIDE_WIDTH, flex: `0 0 ${SIDE_WIDTH}px` }}>{panels}</div>}
      <div className="map-frame">
        <ConsoleMap main onMap={onMap} aria-label={t('map')} businesses={can('business.read')}>
          <MapLegend colouring={colouring} problems={layers.problems} businesses={can('business.read')} />
        </ConsoleMap>
        {narrow && (
          <Button icon={<MenuOutlined />} onClick={() => setPanelsOpen(true)} data-testid="map-panels-open" className="map-panels-open">
            {t('layers.title')}
          </Button>
        )}
        {selection && (
          <MapCard title={cardTitle} phone={phone} folded={folded} onFold={setFolded} onClose={() => setSelection(null)}>
            {selection.kind === 'area' && <AreaCard key={selection.code} code={selection.code} areas={byCode} />}
            {selection.kind === 'business' && <BusinessCard key={selection.id} id={selection.id} areas={byCode} onGrid={(code) => openArea(code, true)} />}
          </MapCard>
        )}
      </div>
    </div>
  )
}
