/**
 * Unplaced businesses (M2.2): those no grid holds, with the reason (no location, or a location
 * outside every grid). A person resolves one by picking its real location on the map: the server
 * places it in the grid there, or refuses (e.g. a point outside the user's scope) and says why.
 */
import { useState } from 'react'
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Select, Space, Table, Tag, Typography } from 'antd'
import { AimOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useSession } from '../../lib/session'
import { MiniMap } from '../../lib/map'
import { api, ApiError, unwrap } from '../../lib/api/client'
import { KeysetPager, useKeyset } from '../../lib/Pager'
import { useUrlState } from '../../lib/url-state'
import { MapSearch } from '../map/MapSearch'
import type { LocateItem } from '../map/queries'
import type { Bbox } from '../../lib/map/createConsoleMap'
import { changeBusiness, fetchCount, fetchUnplaced, keys, type Business, type UnplacedReason } from './queries'

type Outcome = { kind: 'placed'; b: Business } | { kind: 'outside'; b: Business } | { kind: 'refused'; message: string }

export default function UnplacedPage() {
  const { t } = useTranslation('businesses')
  const { can, me } = useSession()
  const queries = useQueryClient()
  const [url, setUrl] = useUrlState(['reason'])
  const reason = (url.reason === 'noLocation' || url.reason === 'outsideGrids' ? url.reason : undefined) as UnplacedReason | undefined
  const setReason = (r: UnplacedReason | undefined) => setUrl({ reason: r })
  // Issue 13: the placing map opens on the user's own area with its grids drawn, not on the bad point.
  const scope = me?.scope ?? ''
  const grids = useQuery({ queryKey: ['areas', 'boundaries', scope], queryFn: () => fetchBoundaries(scope), staleTime: 60_000 })
  const [focus, setFocus] = useState<Bbox | null>(null)
  const keyset = useKeyset(reason ?? '', 0, 20)
  const [selected, setSelected] = useState<Business | null>(null)
  const [picked, setPicked] = useState<{ lng: number; lat: number } | null>(null)
  const [saving, setSaving] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const list = useQuery({
    queryKey: keys.unplaced(reason, keyset.after, keyset.size),
    queryFn: () => fetchUnplaced(reason, keyset.after, keyset.size),
    placeholderData: keepPreviousData,
  })
  const count = useQuery({ queryKey: keys.count({ placed: false, reason }), queryFn: () => fetchCount({ placed: false, reason }) })

  function choose(b: Business) {
    setFocus(null)
    setSelected(b)
    setPicked(null)
    setOutcome(null)
  }

  async function resolve() {
    if (!selected || !picked) return
    setSaving(true)
    try {
      const b = await changeBusiness(selected.id, { location: picked })
      setOutcome(b.gridCode ? { kind: 'placed', b } : { kind: 'outside', b })
      setSelected(b.gridCode ? null : b)
      setPicked(null)
      void queries.invalidateQueries({ queryKey: keys.all })
    } catch (e) {
      setOutcome({ kind: 'refused', message: e instanceof ApiError || e instanceof Error ? e.message : String(e) })
    } finally {
      setSaving(false)
    }
  }

  const reasonTag = (r: Business['unplacedReason']) => (
    <Tag color={r === 'outsideGrids' ? 'orange' : 'default'}>{r ? t(`reason.${r}`) : t('placed.no')}</Tag>
  )
  const point = picked ?? selected?.location ?? null

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('unplaced.title')} description={t('unplaced.hint')} />
      {outcome?.kind === 'placed' && (
        <Alert type="success" showIcon closable onClose={() => setOutcome(null)} data-testid="resolve-outcome"
          message={t('unplaced.resolvedIn', { name: outcome.b.name, grid: outcome.b.gridCode })} />
      )}
      {outcome?.kind === 'outside' && (
        <Alert type="warning" showIcon data-testid="resolve-outcome" message={t('unplaced.stillOutside', { name: outcome.b.name })} />
      )}
      {outcome?.kind === 'refused' && <Alert type="error" showIcon data-testid="resolve-outcome" message={outcome.message} />}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('unplaced.title')}
            extra={
              <Space>
                <Typography.Text type="secondary">{t('unplaced.reasonFilter')}</Typography.Text>
                <Select<UnplacedReason | ''>
                  size="small"
                  style={{ width: 150 }}
                  value={reason ?? ''}
                  onChange={(v) => setReason(v || undefined)}
                  options={[{ value: '', label: t('unplaced.all') }, { value: 'noLocation', label: t('reason.noLocation') }, { value: 'outsideGrids', label: t('reason.outsideGrids') }]}
                />
              </Space>
            }
          >
            {list.error && <Alert type="error" showIcon message={list.error.message} />}
            <Table<Business>
              rowKey="id"
              size="small"
              loading={list.isFetching}
              dataSource={list.data?.items ?? []}
              pagination={false}
              locale={{ emptyText: <Empty description={t('unplaced.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              rowSelection={{ type: 'radio', selectedRowKeys: selected ? [selected.id] : [], onChange: (_k, rows) => rows[0] && choose(rows[0]) }}
              onRow={(b) => ({ onClick: () => choose(b), style: { cursor: 'pointer' } })}
              data-testid="unplaced-table"
              columns={[
                { title: t('col.name'), dataIndex: 'name', ellipsis: true },
                { title: t('field.unplacedReason'), dataIndex: 'unplacedReason', width: 130, render: (r) => reasonTag(r) },
                { title: t('field.areaCode'), dataIndex: 'areaCode', width: 100 },
              ]}
              footer={() => <KeysetPager keyset={keyset} next={list.data?.nextAfter} total={count.data?.total} exact={count.data?.exact} loading={list.isFetching} />}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={selected ? selected.name : t('unplaced.choose')} data-testid="resolve-card">
            {!selected && <Result icon={<AimOutlined />} subTitle={t('unplaced.choose')} />}
            {selected && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('col.uscc')}>{selected.uscc}</Descriptions.Item>
                  <Descriptions.Item label={t('field.registeredAddress')}>{selected.registeredAddress}</Descriptions.Item>
                  {selected.actualAddress && <Descriptions.Item label={t('field.actualAddress')}>{selected.actualAddress}</Descriptions.Item>}
                  <Descriptions.Item label={t('field.unplacedReason')}>{reasonTag(selected.unplacedReason)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.location')}>
                    {selected.location ? `${selected.location.lng.toFixed(6)}, ${selected.location.lat.toFixed(6)}` : t('noLocation')}
                  </Descriptions.Item>
                </Descriptions>
                <div data-testid="place-search"><MapSearch onChoose={(item) => setFocus(bboxOf(item))} /></div>
                <MiniMap key={selected.id} point={point} geojson={grids.data} focus={focus} onPick={can('business.write') ? setPicked : undefined} height={340} />
                <Space wrap>
                  <Typography.Text data-testid="picked">
                    {picked ? t('unplaced.picked', { lng: picked.lng.toFixed(6), lat: picked.lat.toFixed(6) }) : t('unplaced.pickFirst')}
                  </Typography.Text>
                  {can('business.write') && (
                    <Button type="primary" disabled={!picked} loading={saving} onClick={() => void resolve()} data-testid="resolve-confirm">
                      {t('unplaced.confirm')}
                    </Button>
                  )}
                </Space>
              </Space>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  )
}

/** The boundaries of the user's area and every area below it (the grids to place into). */
async function fetchBoundaries(scope: string): Promise<GeoJSON.FeatureCollection> {
  const all = await unwrap(api.GET('/api/areas/export.geojson', { params: { query: scope ? { under: scope } : {} } })) as GeoJSON.FeatureCollection
  // The grids only (the deepest level): the district and station fills would stack over them.
  const deepest = Math.max(0, ...all.features.map((f) => Number(f.properties?.level ?? 0)))
  return { type: 'FeatureCollection', features: all.features.filter((f) => Number(f.properties?.level ?? 0) === deepest) }
}

/** Where a search hit is: an area's box, or a small box around a business's point. */
function bboxOf(item: LocateItem): Bbox | null {
  if (item.kind === 'area' && item.bbox) return item.bbox as Bbox
  if (item.point) return [item.point.lng - 0.002, item.point.lat - 0.0015, item.point.lng + 0.002, item.point.lat + 0.0015]
  return null
}
