/**
 * 指挥中心 wall screen: counts by state, open and overdue cases by area (bar chart), open cases on
 * the map (emergencies and overdue ones in red), emergencies on top, due soon, overdue, and a live
 * feed from /api/cases/feed that refreshes everything within a second (debounced invalidation).
 * A click on a case opens it. On a phone the columns stack.
 */
import { useMemo, useRef, useState } from 'react'
import { Button, Col, List, Row, Statistic, Tag } from 'antd'
import { FullscreenOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { EChartsOption } from 'echarts'
import { EChart } from '../../lib/EChart'
import { MiniMap } from '../../lib/map'
import { CaseDrawer } from '../cases/CaseDrawer'
import { useCaseFeed, type FeedEvent } from '../cases/feed'
import { fetchLoop, fetchPoints, fetchSummary, keys, stepLabel, type Summary } from '../cases/queries'
import { useSession } from '../../lib/session'
import { api, unwrap } from '../../lib/api/client'
import { formatDateTime } from '../../../src/shared/dates.ts'

type Urgent = Summary['emergencies'][number]

const muted = (text: string) => <span style={{ color: '#aaa' }}>{text}</span>

export default function CommandPage() {
  const { t, i18n } = useTranslation('cases')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const root = useRef<HTMLDivElement>(null)
  const [feed, setFeed] = useState<Array<FeedEvent & { at: string }>>([])
  const [open, setOpen] = useState<number | null>(null)
  const loop = useQuery({ queryKey: keys.loop, queryFn: fetchLoop })
  const summary = useQuery({ queryKey: keys.summary, queryFn: fetchSummary })
  const points = useQuery({ queryKey: keys.points, queryFn: fetchPoints })
  const { can } = useSession()
  // Where the on-duty staff are (M5.1): their phones report every minute or so; asked every 20 s.
  const staff = useQuery({
    queryKey: ['positions', 'live'], queryFn: () => unwrap(api.GET('/api/positions/live')), enabled: can('position.read'), refetchInterval: 20_000,
  })
  const stateLabel = (code: string) => loop.data?.states.find((s) => s.state === code)?.label[lang] ?? code

  useCaseFeed((e) => setFeed((old) => [{ ...e, at: formatDateTime(new Date(), i18n.language) }, ...old].slice(0, 50)))

  const s = summary.data
  // The map's red points: the same `problem` property MiniMap draws in red elsewhere.
  // On-duty staff in green (`staff`).
  const mapData = useMemo(() => points.data && ({
    type: 'FeatureCollection' as const,
    features: [
      ...points.data.features.map((f) => ({ ...f, properties: { ...f.properties, problem: f.properties.emergency || f.properties.overdue } })),
      ...(staff.data?.items ?? []).map((p) => ({
        type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] }, properties: { staff: true, name: p.name },
      })),
    ],
  }) as GeoJSON.FeatureCollection, [points.data, staff.data])
  const areas = useMemo(() => s?.byArea ?? [], [s])
  const chart = useMemo<EChartsOption>(() => ({
    backgroundColor: 'transparent',
    textStyle: { color: '#ddd' },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: '#ddd' }, data: [t('command.open'), t('command.overdue')] },
    grid: { top: 36, left: 8, right: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: areas.map((a) => a.name), axisLabel: { color: '#ddd', interval: 0, rotate: areas.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#ddd' } },
    series: [
      { name: t('command.open'), type: 'bar', data: areas.map((a) => a.open), itemStyle: { color: '#1668dc' } },
      { name: t('command.overdue'), type: 'bar', data: areas.map((a) => a.overdue), itemStyle: { color: '#ff4d4f' } },
    ],
  }), [areas, t])
  const urgentList = (title: string, items: Urgent[] | undefined, colour: string, testId: string) => (
    <List size="small" header={<b style={{ color: colour }}>{title}</b>} dataSource={items ?? []} data-testid={testId} locale={{ emptyText: muted(t('command.none')) }}
      renderItem={(c) => (
        <List.Item style={{ color: '#eee', cursor: 'pointer' }} onClick={() => setOpen(c.id)}>
          <span style={{ overflowWrap: 'anywhere' }}>{c.trackingNo} {c.title} <Tag>{stateLabel(c.state)}</Tag></span>
        </List.Item>
      )} />
  )
  return (
    <div ref={root} data-testid="command-centre" style={{ background: '#0b1526', color: '#eee', minHeight: '100%', padding: 16, fontSize: 18 }}>
      <Row justify="space-between" align="middle" wrap>
        <h1 style={{ color: '#fff', margin: 0 }}>{t('command.title')}</h1>
        <Button icon={<FullscreenOutlined />} onClick={() => void root.current?.requestFullscreen?.()}>{t('command.fullscreen')}</Button>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="command-counts">
        <Col xs={12} md={4}><Statistic title={muted(t('command.open'))} value={s?.open ?? 0} valueStyle={{ color: '#fff' }} /></Col>
        <Col xs={12} md={4}><Statistic title={muted(t('command.overdue'))} value={s?.overdue ?? 0} valueStyle={{ color: '#ff4d4f' }} /></Col>
        {Object.entries(s?.byState ?? {}).map(([state, n]) => (
          <Col xs={12} md={4} key={state}><Statistic title={muted(stateLabel(state))} value={n} valueStyle={{ color: '#fff' }} /></Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={8}>{urgentList(t('command.emergencies'), s?.emergencies, '#ff4d4f', 'command-emergencies')}</Col>
        <Col xs={24} lg={8}>
          {urgentList(t('command.dueSoon'), s?.dueSoon, '#faad14', 'command-due-soon')}
          {urgentList(t('command.overdueList'), s?.overdueCases, '#ff7875', 'command-overdue')}
        </Col>
        <Col xs={24} lg={8}>
          <List size="small" header={<b style={{ color: '#eee' }}>{t('command.feed')}</b>} dataSource={feed} data-testid="case-feed" locale={{ emptyText: muted(t('command.none')) }}
            renderItem={(f) => <List.Item style={{ color: f.emergency ? '#ff4d4f' : '#eee' }}>{f.at} #{f.id} {stepLabel(loop.data, f.action, lang)} → {stateLabel(f.state)}</List.Item>} />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12} data-testid="command-chart">
          <b>{t('command.byArea')}</b>
          <EChart height={300} option={chart} />
        </Col>
        <Col xs={24} lg={12} data-testid="command-map">
          <b>{t('command.map')}</b>
          {staff.data && (
            <span style={{ marginLeft: 12, color: '#95de64' }} data-testid="command-staff">
              {t('command.staffOnDuty', { count: staff.data.items.length })}{staff.data.items.length ? (lang === 'en' ? ': ' : '：') + staff.data.items.map((p) => p.name).join(lang === 'en' ? ', ' : '、') : ''}
            </span>
          )}
          {mapData && <MiniMap geojson={mapData} height={300} />}
        </Col>
      </Row>
      <CaseDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  )
}
