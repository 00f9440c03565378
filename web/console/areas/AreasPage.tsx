/**
 * Areas and grids (M1, M2.1): the tree district → stations → grids; the selected area's facts,
 * boundary on the map (with the coverage problems among its children in red), history and the
 * coverage of its children. With area.manage: create a child, rename, redraw the boundary, import.
 */
import { useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Spin, Table, Tag, Tree, Typography } from 'antd'
import { DownloadOutlined, EditOutlined, PlusOutlined, FormOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { Geometry } from 'geojson'
import { useSession } from '../../lib/session'
import { usePhone } from '../../lib/screen'
import { isManageableBy } from '../../../src/modules/areas/rules.ts'
import { MiniMap } from '../../lib/map'
import { BoundaryModal } from './BoundaryModal'
import { CreateChildModal, ImportAreasButton, RenameModal } from './AreaForms'
import { collection, feature } from './geo'
import {
  areaKeys, fetchAllAreas, fetchArea, fetchCoverage, fetchVersions, type AreaCoverage, type AreaSummary,
} from './queries'
import { formatDateTime } from '../../../src/shared/dates.ts'
import { useLocalPages } from '../../lib/Pager'

interface TreeNode {
  key: string
  title: string
  children?: TreeNode[]
}

function buildTree(items: AreaSummary[], filter: string): { roots: TreeNode[]; keys: string[] } {
  const byCode = new Map<string, TreeNode>()
  const roots: TreeNode[] = []
  const f = filter.trim().toLowerCase()
  // With a filter: the matching areas and the path down to them.
  const keep = new Set<string>()
  if (f) {
    for (const a of items) {
      if (a.code.includes(f) || a.name.toLowerCase().includes(f)) {
        for (let len = 2; len <= a.code.length; len += 2) keep.add(a.code.slice(0, len))
      }
    }
  }
  for (const a of items) {
    if (f && !keep.has(a.code)) continue
    const node: TreeNode = { key: a.code, title: `${a.code} ${a.name}` }
    byCode.set(a.code, node)
    const parent = a.parentCode ? byCode.get(a.parentCode) : undefined
    if (parent) (parent.children ??= []).push(node)
    else roots.push(node)
  }
  return { roots, keys: [...byCode.keys()] }
}

export default function AreasPage() {
  const { t } = useTranslation('areas')
  const { can, me } = useSession()
  const queries = useQueryClient()
  // on a phone the tree comes above the area, both the screen's width
  const phone = usePhone()
  const [params, setParams] = useSearchParams()
  const scope = me?.scope ?? ''
  const [filter, setFilter] = useState('')
  const tree = useQuery({ queryKey: areaKeys.tree(), queryFn: fetchAllAreas })
  const items = useMemo(() => tree.data ?? [], [tree.data])
  // Issue 13: open on the user's own scope root (the tree also lists its ancestors, which one sees but
  // whose figures are not one's own); the whole installation opens on its first area.
  const scopeRoot = scope && items.some((a) => a.code === scope) ? scope : items.find((a) => a.code.startsWith(scope))?.code
  const selected = params.get('code') ?? scopeRoot ?? null
  const { roots } = useMemo(() => buildTree(items, filter), [items, filter])
  // Districts and stations open, grids listed under them.
  const [expanded, setExpanded] = useState<string[] | null>(null)
  const defaultExpanded = useMemo(() => items.filter((a) => a.childCount > 0).map((a) => a.code), [items])

  const select = (code: string) => setParams((p) => { const next = new URLSearchParams(p); next.set('code', code); return next })
  const refresh = () => void queries.invalidateQueries({ queryKey: areaKeys.all })

  return (
    <Row gutter={[16, 16]} wrap={phone} style={{ minHeight: 'calc(100vh - 120px)' }}>
      <Col flex={phone ? '1 1 100%' : '300px'} style={{ minWidth: 0 }}>
        <Card size="small" title={t('tree')} data-testid="area-tree"
          extra={can('area.manage') ? <ImportAreasButton onImported={refresh} /> : undefined}
          styles={{ body: { padding: 8 } }}>
          <Input.Search allowClear placeholder={t('filter')} onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 8 }} aria-label={t('filter')} />
          {tree.isLoading ? <Spin /> : tree.error ? <Alert type="error" message={(tree.error as Error).message} /> : (
            <Tree
              treeData={roots}
              // A virtual list only for big trees: below that every node is in the page (and findable).
              height={items.length > 500 ? 560 : undefined}
              style={items.length > 500 ? undefined : { maxHeight: 560, overflow: 'auto' }}
              blockNode
              selectedKeys={selected ? [selected] : []}
              expandedKeys={filter ? buildTree(items, filter).keys : (expanded ?? defaultExpanded)}
              onExpand={(keys) => setExpanded(keys as string[])}
              onSelect={(keys) => keys[0] && select(String(keys[0]))}
            />
          )}
          <Space style={{ marginTop: 8 }}>
            <Button size="small" icon={<DownloadOutlined />} href={`/api/areas/export.geojson${selected ? `?under=${selected}` : ''}`} download>
              {t('exportGeojson')}
            </Button>
          </Space>
        </Card>
      </Col>
      <Col flex={phone ? '1 1 100%' : 'auto'} style={{ minWidth: 0 }}>
        {selected ? <AreaPanel code={selected} onSelect={select} onChanged={refresh} /> : <Empty description={t('noAreas')} />}
      </Col>
    </Row>
  )
}

function AreaPanel({ code, onSelect, onChanged }: { code: string; onSelect(code: string): void; onChanged(): void }) {
  const { t, i18n } = useTranslation('areas')
  const { can, me } = useSession()
  const area = useQuery({ queryKey: areaKeys.detail(code), queryFn: () => fetchArea(code) })
  const versions = useQuery({ queryKey: areaKeys.versions(code), queryFn: () => fetchVersions(code) })
  const history = useLocalPages(versions.data ?? [], 5)
  const hasChildren = (area.data?.childCount ?? 0) > 0
  const coverage = useQuery({ queryKey: areaKeys.coverage(code), queryFn: () => fetchCoverage(code), enabled: hasChildren, retry: false })
  const [dialog, setDialog] = useState<'boundary' | 'child' | 'rename' | null>(null)

  const geojson = useMemo(() => {
    if (!area.data?.boundary) return undefined
    const features = [feature(area.data.boundary as Geometry, { code })]
    for (const g of problemsOf(coverage.data)) features.push(feature(g, { problem: true }))
    return collection(features)
  }, [area.data, coverage.data, code])

  if (area.isLoading) return <Spin />
  if (area.error || !area.data) return <Alert type="error" showIcon message={(area.error as Error)?.message ?? t('notFound')} />
  const a = area.data
  const level = a.levelName ? (i18n.language === 'en' ? a.levelName.en : a.levelName.zh) : String(a.level)
  // Only the actions the server would take (Q3): rename and redraw strictly below one's scope, a new
  // child wherever that child would be below it; nothing on one's own root's ancestors.
  const live = can('area.manage') && !a.retired
  const scope = me?.scope ?? ''
  const mayChange = live && isManageableBy(scope, a.code)
  const mayAddChild = live && a.code.startsWith(scope)
  const manage = mayChange || mayAddChild

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={<span data-testid="area-title">{a.code} {a.name}</span>}
        extra={manage && (
          <Space wrap>
            {mayAddChild && <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('child')} data-testid="area-create-child">{t('createChild')}</Button>}
            {mayChange && <Button size="small" icon={<FormOutlined />} onClick={() => setDialog('rename')} data-testid="area-rename">{t('rename')}</Button>}
            {mayChange && <Button size="small" type="primary" icon={<EditOutlined />} onClick={() => setDialog('boundary')} data-testid="area-edit-boundary">{t('editBoundary')}</Button>}
          </Space>
        )}
      >
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            <Descriptions column={1} size="small" data-testid="area-facts">
              <Descriptions.Item label={t('level')}>{level}</Descriptions.Item>
              <Descriptions.Item label={t('code')}>{a.code}</Descriptions.Item>
              <Descriptions.Item label={t('name')}>{a.name}</Descriptions.Item>
              <Descriptions.Item label={t('parent')}>
                {a.parentCode ? <Typography.Link onClick={() => onSelect(a.parentCode!)}>{a.parentCode}</Typography.Link> : t('none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('areaKm2')}>{a.areaKm2 === null ? '—' : `${a.areaKm2.toFixed(3)} km²`}</Descriptions.Item>
              <Descriptions.Item label={t('children')}>{a.childCount}</Descriptions.Item>
              <Descriptions.Item label={t('businesses')}>{a.businessCount}</Descriptions.Item>
              <Descriptions.Item label={t('version')}>{a.version}{a.retired && <Tag color="default" style={{ marginLeft: 8 }}>{t('retired')}</Tag>}</Descriptions.Item>
            </Descriptions>
            {hasChildren && <CoverageFacts coverage={coverage.data} loading={coverage.isLoading} error={coverage.error as Error | null} />}
          </Col>
          <Col xs={24} xl={14}>
            {geojson ? <MiniMap key={code} height={340} geojson={geojson} /> : <Empty description={t('noBoundary')} />}
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('history')}>
        <Table
          size="small"
          rowKey="version"
          loading={versions.isLoading}
          dataSource={history.rows}
          pagination={false}
          footer={history.bar ? () => history.bar : undefined}
          columns={[
            { title: t('version'), dataIndex: 'version', width: 70 },
            { title: t('change'), dataIndex: 'change', width: 110, render: (c: string) => t(`changes.${c}`, { defaultValue: c }) },
            { title: t('name'), dataIndex: 'name' },
            { title: t('approvedBy'), dataIndex: 'approvedBy', render: (v, r) => [v, r.approvalRef].filter(Boolean).join(' · ') || '—' },
            { title: t('reason'), dataIndex: 'reason', render: (v) => v ?? '—' },
            { title: t('changedBy'), dataIndex: ['changedBy', 'username'], render: (v) => v ?? '—' },
            { title: t('changedAt'), dataIndex: 'changedAt', render: (v: string) => formatDateTime(v, i18n.language) },
          ]}
        />
      </Card>
      {manage && (
        <>
          {mayChange && <BoundaryModal area={a} open={dialog === 'boundary'} onClose={() => setDialog(null)} onSaved={() => { setDialog(null); onChanged() }} />}
          {mayAddChild && <CreateChildModal parent={a} open={dialog === 'child'} onClose={() => setDialog(null)} onSaved={(c) => { setDialog(null); onChanged(); onSelect(c) }} />}
          {mayChange && <RenameModal area={a} open={dialog === 'rename'} onClose={() => setDialog(null)} onSaved={() => { setDialog(null); onChanged() }} />}
        </>
      )}
    </Space>
  )
}

function problemsOf(c: AreaCoverage | undefined): Geometry[] {
  if (!c) return []
  return [...c.overlaps, ...c.gaps, ...c.outside].map((p) => p.geometry as Geometry)
}

function CoverageFacts({ coverage, loading, error }: { coverage?: AreaCoverage; loading: boolean; error: Error | null }) {
  const { t } = useTranslation('areas')
  if (loading) return <Spin size="small" />
  if (error || !coverage) return error ? <Alert type="warning" message={error.message} /> : null
  const ok = coverage.overlaps.length + coverage.gaps.length + coverage.outside.length === 0
  return (
    <Descriptions column={1} size="small" title={t('coverageOfChildren')} data-testid="area-coverage">
      <Descriptions.Item label={t('coverage')}>
        <Tag color={coverage.coveragePercent !== null && coverage.coveragePercent >= 99.99 ? 'green' : 'red'}>
          {coverage.coveragePercent === null ? '—' : `${coverage.coveragePercent.toFixed(2)} %`}
        </Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('problems')}>
        {ok ? <Tag color="green">{t('noProblems')}</Tag> : (
          <Space wrap>
            {coverage.overlaps.length > 0 && <Tag color="red">{t('overlaps', { count: coverage.overlaps.length })}</Tag>}
            {coverage.gaps.length > 0 && <Tag color="red">{t('gaps', { count: coverage.gaps.length })}</Tag>}
            {coverage.outside.length > 0 && <Tag color="red">{t('outside', { count: coverage.outside.length })}</Tag>}
          </Space>
        )}
      </Descriptions.Item>
    </Descriptions>
  )
}
