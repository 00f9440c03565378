import { Alert, Card, Checkbox, Empty, Segmented, Space, Spin, Tree, Typography } from 'antd'
import type { DataNode } from 'antd/es/tree'
import { useTranslation } from 'react-i18next'
import type { BusinessColouring, LayerGroup } from '../../lib/map/layers'
import type { ApiError } from '../../lib/api/client'
import { MapSearch } from './MapSearch'
import type { problemCounts } from './problems'
import type { LocateItem } from './queries'

export const LAYER_GROUPS: LayerGroup[] = ['stations', 'grids', 'labels', 'businesses', 'problems']

interface Props {
  onSearch: (item: LocateItem) => void
  layers: Record<LayerGroup, boolean>
  onLayers: (change: (layers: Record<LayerGroup, boolean>) => Record<LayerGroup, boolean>) => void
  colouring: BusinessColouring
  onColouring: (c: BusinessColouring) => void
  /** whether the user reads businesses: their layer and colouring are offered only then */
  businesses: boolean
  problems: { counts: ReturnType<typeof problemCounts> | null; fetching: boolean; error: unknown }
  tree: { nodes: DataNode[]; loading: boolean; error: unknown; expandedKeys: string[]; onExpand: (keys: string[]) => void; selected: string | null; onSelect: (code: string) => void }
}

/** The map's side panels: the search, the layer switcher with the colouring, and the area tree. */
export function MapPanels({ onSearch, layers, onLayers, colouring, onColouring, businesses, problems, tree }: Props) {
  const { t } = useTranslation('map')
  const { counts } = problems
  const layerLabel = (g: LayerGroup) => {
    if (g !== 'problems' || !layers.problems) return t(`layers.${g}`)
    return <>{t('layers.problems')} {problems.fetching ? <Spin size="small" /> : null}</>
  }
  return (
    <>
      <MapSearch onChoose={onSearch} />
      <Card size="small" title={t('layers.title')} styles={{ body: { padding: '8px 12px' } }}>
        <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="layer-switcher">
          {LAYER_GROUPS.filter((g) => g !== 'businesses' || businesses).map((g) => (
            <Checkbox key={g} checked={layers[g]} onChange={(e) => onLayers((l) => ({ ...l, [g]: e.target.checked }))} data-layer={g}>
              {layerLabel(g)}
            </Checkbox>
          ))}
          {layers.problems && counts && (
            <Typography.Text type={counts.overlaps + counts.gaps + counts.outside ? 'danger' : 'success'} className="map-panel-note" data-testid="problem-summary">
              {counts.overlaps + counts.gaps + counts.outside ? t('problems.summary', counts) : t('problems.none')}
            </Typography.Text>
          )}
          {layers.problems && !!problems.error && <Typography.Text type="danger" className="map-panel-note">{(problems.error as ApiError).message}</Typography.Text>}
          {businesses && (
            <div>
              <Typography.Text type="secondary" className="map-panel-note map-panel-label">{t('layers.colourBy')}</Typography.Text>
              <Segmented size="small" block value={colouring} onChange={(v) => onColouring(v as BusinessColouring)}
                options={[{ value: 'risk', label: t('layers.risk') }, { value: 'placement', label: t('layers.placement') }]} />
            </div>
          )}
        </Space>
      </Card>
      <Card size="small" title={t('tree.title')} className="map-tree-card" styles={{ body: { flex: 1, overflow: 'auto', padding: '4px 4px' } }}>
        {tree.loading ? <Spin /> : tree.error
          ? <Alert type="error" showIcon message={t('loadFailed', { message: (tree.error as ApiError).message })} />
          : tree.nodes.length === 0 ? <Empty description={t('tree.empty')} />
            : (
              <Tree
                data-testid="area-tree"
                treeData={tree.nodes}
                blockNode
                expandedKeys={tree.expandedKeys}
                onExpand={(keys) => tree.onExpand(keys.map(String))}
                selectedKeys={tree.selected ? [tree.selected] : []}
                onSelect={(_keys, info) => tree.onSelect(String(info.node.key))}
              />
            )}
      </Card>
    </>
  )
}
