/**
 * 指挥中心 wall screen (first increment): counts by state, emergencies, due soon, overdue, and a live
 * feed from /api/cases/feed that refreshes the summary within a second (debounced invalidation).
 * The ECharts bar and the MapLibre map follow in the next increment.
 */
import { useEffect, useRef, useState } from 'react'
import { Button, Col, List, Row, Statistic, Tag } from 'antd'
import { FullscreenOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { fetchLoop, fetchSummary, keys, type Summary } from '../cases/queries'

type Urgent = Summary['emergencies'][number]
interface FeedEvent { id: number; action: string; state: string; emergency: boolean; at: string }

const TEXT = {
  zh: { title: '指挥中心', open: '在办事件', overdue: '超期', emergencies: '紧急事件', dueSoon: '即将到期', overdueList: '超期事件', feed: '实时动态', fullscreen: '全屏' },
  en: { title: 'Command centre', open: 'Open cases', overdue: 'Overdue', emergencies: 'Emergencies', dueSoon: 'Due soon', overdueList: 'Overdue cases', feed: 'Live feed', fullscreen: 'Full screen' },
}

export default function CommandPage() {
  const { i18n } = useTranslation()
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh'
  const tx = TEXT[lang]
  const queries = useQueryClient()
  const root = useRef<HTMLDivElement>(null)
  const [feed, setFeed] = useState<FeedEvent[]>([])
  const loop = useQuery({ queryKey: keys.loop, queryFn: fetchLoop })
  const summary = useQuery({ queryKey: keys.summary, queryFn: fetchSummary })
  const stateLabel = (code: string) => loop.data?.states.find((s) => s.state === code)?.label[lang] ?? code
  const actionLabel = (code: string) => loop.data?.transitions.find((s) => s.action === code)?.label[lang] ?? code

  useEffect(() => {
    const source = new EventSource('/api/cases/feed')
    let timer: ReturnType<typeof setTimeout> | undefined
    source.addEventListener('case', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as Omit<FeedEvent, 'at'>
      setFeed((old) => [{ ...data, at: new Date().toLocaleTimeString() }, ...old].slice(0, 50))
      clearTimeout(timer)
      timer = setTimeout(() => { void queries.invalidateQueries({ queryKey: keys.all }) }, 300)
    })
    return () => { clearTimeout(timer); source.close() }
  }, [queries])

  const s = summary.data
  const urgentList = (title: string, items: Urgent[] | undefined, colour: string) => (
    <List size="small" header={<b style={{ color: colour }}>{title}</b>} dataSource={items ?? []}
      renderItem={(c) => <List.Item style={{ color: '#eee' }}>{c.trackingNo} {c.title} <Tag>{stateLabel(c.state)}</Tag></List.Item>} />
  )
  return (
    <div ref={root} data-testid="command-centre" style={{ background: '#0b1526', color: '#eee', minHeight: '100%', padding: 16, fontSize: 18 }}>
      <Row justify="space-between" align="middle">
        <h1 style={{ color: '#fff', margin: 0 }}>{tx.title}</h1>
        <Button icon={<FullscreenOutlined />} onClick={() => void root.current?.requestFullscreen?.()}>{tx.fullscreen}</Button>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={12} md={4}><Statistic title={<span style={{ color: '#aaa' }}>{tx.open}</span>} value={s?.open ?? 0} valueStyle={{ color: '#fff' }} /></Col>
        <Col xs={12} md={4}><Statistic title={<span style={{ color: '#aaa' }}>{tx.overdue}</span>} value={s?.overdue ?? 0} valueStyle={{ color: '#ff4d4f' }} /></Col>
        {Object.entries(s?.byState ?? {}).map(([state, n]) => (
          <Col xs={12} md={4} key={state}><Statistic title={<span style={{ color: '#aaa' }}>{stateLabel(state)}</span>} value={n} valueStyle={{ color: '#fff' }} /></Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} md={8}>{urgentList(tx.emergencies, s?.emergencies, '#ff4d4f')}</Col>
        <Col xs={24} md={8}>{urgentList(tx.dueSoon, s?.dueSoon, '#faad14')}{urgentList(tx.overdueList, s?.overdueCases, '#ff7875')}</Col>
        <Col xs={24} md={8}>
          <List size="small" header={<b>{tx.feed}</b>} dataSource={feed} data-testid="case-feed"
            renderItem={(f) => <List.Item style={{ color: f.emergency ? '#ff4d4f' : '#eee' }}>{f.at} #{f.id} {actionLabel(f.action)} → {stateLabel(f.state)}</List.Item>} />
        </Col>
      </Row>
    </div>
  )
}
