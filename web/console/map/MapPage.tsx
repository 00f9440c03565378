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
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Checkbox, Drawer, Empty, Segmented, Space, Spin, Tree, Typography, App } from 'antd'
import { CloseOutlined, DownOutlined, MenuOutlined, UpOutlined } from '@ant-design/icons'
import type { DataNode } from 'antd/es/tree'
import type { GeoJSONSource, MapGeoJSONFeature, Map as MlMap } from 'maplibre-gl'
import { useTranslation } from 'react-i18next'
import ConsoleMap from '../../lib/map/ConsoleMap'
import { flyToBbox, whenLoaded, type Bbox } from '../../lib/map/createConsoleMap'
import {
  LAYER, PLACEMENT_COLOURS, POINTS_MIN_ZOOM, PROBLEM_COLOUR, PROBLEM_SOURCE, RISK_COLOURS, TILE_SOURCE,
  selectArea, setBusinessColouring, setLayerGroupVisible, type BusinessColouring, type LayerGroup,
} from '../../lib/map/layers'
import { useSession } from '../../lib/session'
import { useNarrow, usePhone } from '../../lib/screen'
import type { ApiError } from '../../lib/api/client'
import { AreaCard, isGrid } from './AreaCard'
import { BusinessCard } from './BusinessCard'
import { MapSearch } from './MapSearch'
import { problemCounts, problemFeatures } from './problems'
import { fetchAreas, fetchCoverage, fetchLocate, mapPageKeys, type AreaSummary, type LocateItem } from './queries'

type Selection = { kind: 'area'; code: string } | { kind: 'business'; id: number } | null

const GROUPS: LayerGroup[] = ['stations', 'grids', 'labels', 'businesses', 'problems']
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

/** The height left for the page below its top edge, following the window. */
function useFillHeight(ref: React.RefObject<HTMLElement | null>, bottomGap = 16): number {
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

function Legend({ colouring, problems }: { colouring: BusinessColouring; problems: boolean }) {
  const { t } = useTranslation('map')
  const { t: tc } = useTranslation('common')
  const dot = (colour: string) => <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: colour, marginRight: 6, border: '1px solid #fff' }} />
  const entries = colouring === 'risk'
    ? (Object.keys(RISK_COLOURS) as Array<keyof typeof RISK_COLOURS>).map((k) => [RISK_COLOURS[k], tc(`risk.${k}`)] as const)
    : [[PLACEMENT_COLOURS.placed, t('legend.placed')], [PLACEMENT_COLOURS.unplaced, t('legend.unplaced')]] as const
  return (
    <div style={{ position: 'absolute', left: 10, bottom: 36, background: 'rgba(255,255,255,0.92)', padding: '6px 10px', borderRadius: 6, fontSize: 12, maxWidth: 240, boxShadow: '0 1px 4px rgba(0,0,0,0.15)' }} data-testid="map-legend">
      <div style={{ fontWeight: 600, marginBottom: 2 }}>{t('legend.title')}</div>
      <div><span style={{ display: 'inline-block', width: 16, borderTop: '2.5px solid #1d39c4', marginRight: 6, verticalAlign: 'middle' }} />{t('legend.stations')}
        <span style={{ display: 'inline-block', width: 16, borderTop: '1px solid #2f54eb', margin: '0 6px 0 12px', verticalAlign: 'middle' }} />{t('legend.grids')}</div>
      {entries.map(([colour, label]) => <div key={label}>{dot(colour)}{label}</div>)}
      <div style={{ color: '#595959' }}>{t('legend.cluster')}</div>
      {problems && <div><span style={{ display: 'inline-block', width: 12, height: 10, background: PROBLEM_COLOUR, opacity: 0.6, marginRight: 6 }} />{t('legend.problem')}</div>}
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
  const [folded, setFolded] = useState(false)

  const [map, setMap] = useState<MlMap | null>(null)
  const [selection, setSelection] = useState<Selection>(null)
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

  // Map clicks: a business point → its record; a cluster → zoom in; a grid → its card; a station → its card.
  const onMap = useCallback((m: MlMap) => {
    setMap(m)
    const clickable = [LAYER.businesses, LAYER.clusters, LAYER.gridsFill, LAYER.stationsFill]
    const present = () => clickable.filter((id) => m.getLayer(id) && m.getLayoutProperty(id, 'visibility') !== 'none')
    m.on('click', (e) => {
      const features: MapGeoJSONFeature[] = m.queryRenderedFeatures(e.point, { layers: present() })
      const pick = (layer: string) => features.find((f) => f.layer.id === layer)
      const business = pick(LAYER.businesses)
      if (business) return openRef.current.openBusiness(Number(business.properties.id))
      const cluster = pick(LAYER.clusters)
      if (cluster && cluster.geometry.type === 'Point') {
        const [lng, lat] = cluster.geometry.coordinates as [number, number]
        return m.easeTo({ center: [lng, lat], zoom: Math.min(m.getZoom() + 2, POINTS_MIN_ZOOM + 1) })
      }
      const grid = pick(LAYER.gridsFill) ?? pick(LAYER.stationsFill)
      if (grid) openRef.current.openArea(String(grid.properties.code), false)
    })
    m.on('mousemove', (e) => {
      const hit = m.queryRenderedFeatures(e.point, { layers: present() }).length > 0
      m.getCanvas().style.cursor = hit ? 'pointer' : ''
    })
  }, [])

  // Layer switcher and colouring follow the state (also once the style has loaded).
  useEffect(() => {
    if (!map) return
    whenLoaded(map, () => {
      for (const g of GROUPS) setLayerGroupVisible(map, g, layers[g])
      setBusinessColouring(map, colouring)
    })
  }, [map, layers, colouring])

  // The selected area or business is highlighted on the map.
  const highlighted = useRef<{ layer: string; id: number } | null>(null)
  useEffect(() => {
    if (!map) return
    whenLoaded(map, () => {
      if (highlighted.current) {
        map.setFeatureState({ source: TILE_SOURCE, sourceLayer: highlighted.current.layer, id: highlighted.current.id }, { selected: false })
        highlighted.current = null
      }
      if (selection?.kind === 'area') {
        const a = byCodeRef.current.get(selection.code)
        const layer = isGrid(a) ? 'grids' : a && a.level === 2 ? 'stations' : null
        if (layer) highlighted.current = selectArea(map, layer, selection.code, null)
      } else if (selection?.kind === 'business') {
        map.setFeatureState({ source: TILE_SOURCE, sourceLayer: 'businesses', id: selection.id }, { selected: true })
        highlighted.current = { layer: 'businesses', id: selection.id }
      }
    })
  }, [map, selection])

  // Coverage problems: the scope's parents checked against their children, drawn in red.
  const parents = useMemo(() => areas.filter((a) => a.childCount > 0).map((a) => a.code), [areas])
  const problemsQuery = useQuery({
    queryKey: mapPageKeys.problems(parents.join(',')),
    queryFn: () => Promise.all(parents.map((code) => fetchCoverage(code))),
    enabled: layers.problems && areasQuery.isSuccess,
    staleTime: 60_000,
  })
  useEffect(() => {
    if (!map || !problemsQuery.data) return
    whenLoaded(map, () => (map.getSource(PROBLEM_SOURCE) as GeoJSONSource | undefined)?.setData(problemFeatures(problemsQuery.data)))
  }, [map, problemsQuery.data])
  const counts = problemsQuery.data ? problemCounts(problemsQuery.data) : null

  const onSearch = useCallback((item: LocateItem) => {
    setPanelsOpen(false)
    if (item.kind === 'area') openArea(item.code, true)
    else {
      if (!item.point) message.info(t('search.noLocation'))
      openBusiness(item.id, item.point)
    }
  }, [openArea, openBusiness, message, t])

  const selectedArea = selection?.kind === 'area' ? byCode.get(selection.code) : undefined
  const drawerTitle = selection?.kind === 'business'
    ? t('business.title')
    : selection?.kind === 'area'
      ? `${isGrid(selectedArea) ? t('card.gridTitle') : t('card.areaTitle')} · ${selection.code} ${selectedArea?.name ?? ''}`
      : ''

  const layerLabel = (g: LayerGroup) => {
    if (g !== 'problems' || !layers.problems) return t(`layers.${g}`)
    return <>{t('layers.problems')} {problemsQuery.isFetching ? <Spin size="small" /> : null}</>
  }

  const panels = (
    <>
      <MapSearch onChoose={onSearch} />
      <Card size="small" title={t('layers.title')} styles={{ body: { padding: '8px 12px' } }}>
        <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="layer-switcher">
          {GROUPS.filter((g) => g !== 'businesses' || can('business.read')).map((g) => (
            <Checkbox key={g} checked={layers[g]} onChange={(e) => setLayers((l) => ({ ...l, [g]: e.target.checked }))} data-layer={g}>
              {layerLabel(g)}
            </Checkbox>
          ))}
          {layers.problems && counts && (
            <Typography.Text type={counts.overlaps + counts.gaps + counts.outside ? 'danger' : 'success'} style={{ fontSize: 12 }} data-testid="problem-summary">
              {counts.overlaps + counts.gaps + counts.outside ? t('problems.summary', counts) : t('problems.none')}
            </Typography.Text>
          )}
          {layers.problems && problemsQuery.error && <Typography.Text type="danger" style={{ fontSize: 12 }}>{(problemsQuery.error as ApiError).message}</Typography.Text>}
          {can('business.read') && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{t('layers.colourBy')}</Typography.Text>
              <Segmented size="small" block value={colouring} onChange={(v) => setColouring(v as BusinessColouring)}
                options={[{ value: 'risk', label: t('layers.risk') }, { value: 'placement', label: t('layers.placement') }]} />
            </div>
          )}
        </Space>
      </Card>
      <Card size="small" title={t('tree.title')} style={{ flex: 1, minHeight: 120, display: 'flex', flexDirection: 'column' }}
        styles={{ body: { flex: 1, overflow: 'auto', padding: '4px 4px' } }}>
        {areasQuery.isLoading ? <Spin /> : areasQuery.error
          ? <Alert type="error" showIcon message={t('loadFailed', { message: (areasQuery.error as ApiError).message })} />
          : tree.length === 0 ? <Empty description={t('tree.empty')} />
            : (
              <Tree
                data-testid="area-tree"
                treeData={tree}
                blockNode
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selection?.kind === 'area' ? [selection.code] : []}
                onSelect={(keys, info) => {
                  setPanelsOpen(false)
                  openArea(String(info.node.key), true)
                }}
              />
            )}
      </Card>
    </>
  )

  const cardContent = (
    <>
      {selection?.kind === 'area' && <AreaCard key={selection.code} code={selection.code} areas={byCode} />}
      {selection?.kind === 'business' && <BusinessCard key={selection.id} id={selection.id} areas={byCode} onGrid={(code) => openArea(code, true)} />}
    </>
  )

  return (
    <div ref={pageRef} style={{ display: 'flex', gap: 12, height }} data-testid="map-page">
      {narrow
        ? (
          <Drawer open={panelsOpen} onClose={() => setPanelsOpen(false)} placement="left" width={Math.min(SIDE_WIDTH + 40, window.innerWidth - 40)}
            title={t('layers.title')} styles={{ body: { padding: 12, display: 'flex', flexDirection: 'column', gap: 8 } }} data-testid="map-panels">
            {panels}
          </Drawer>
        )
        : (
          <div style={{ width: SIDE_WIDTH, flex: `0 0 ${SIDE_WIDTH}px`, display: 'flex', flexDirection: 'column', gap: 8, minHeight: 0 }}>
            {panels}
          </div>
        )}
      <div style={{ flex: 1, minWidth: 0, position: 'relative', borderRadius: 8, overflow: 'hidden', border: '1px solid #d9d9d9' }}>
        <ConsoleMap main onMap={onMap} aria-label={t('map')} businesses={can('business.read')}>
          <Legend colouring={colouring} problems={layers.problems} />
        </ConsoleMap>
        {narrow && (
          <Button icon={<MenuOutlined />} onClick={() => setPanelsOpen(true)} data-testid="map-panels-open"
            style={{ position: 'absolute', top: 10, left: 10, boxShadow: '0 1px 4px rgba(0,0,0,0.15)' }}>
            {t('layers.title')}
          </Button>
        )}
        {selection && (
          <div data-testid="map-drawer" className="map-card" role="dialog" aria-label={drawerTitle}
            style={phone
              ? { left: 0, right: 0, bottom: 0, maxHeight: `${SHEET_SHARE * 100}%`, borderRadius: '8px 8px 0 0' }
              : { top: 10, right: ZOOM_GUTTER, width: CARD_WIDTH, maxHeight: 'calc(100% - 20px)', borderRadius: 8 }}>
            <div className="map-card-head">
              <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>{drawerTitle}</Typography.Text>
              <Button type="text" size="small" icon={folded ? <DownOutlined /> : <UpOutlined />} onClick={() => setFolded((f) => !f)}
                aria-label={folded ? t('card.unfold') : t('card.fold')} aria-expanded={!folded} data-testid="map-card-fold" />
              <Button type="text" size="small" icon={<CloseOutlined />} onClick={() => setSelection(null)} aria-label={t('card.close')} />
            </div>
            <div className="map-card-body" hidden={folded}>
              {cardContent}
            </div>
          </div>
        )}
      </div>
    </div>
  )
}
