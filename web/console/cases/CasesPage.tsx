/**
 * 事件办理 (first increment): the user's queue and all cases, with state labels from /api/cases/loop.
 * The step forms, the filing form and the drawer follow in the next increments.
 */
import { useState } from 'react'
import { Card, Table, Tabs, Tag } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'

import { fetchCases, fetchLoop, keys, type CaseRow } from './queries'

const TEXT = {
  zh: { title: '事件办理', mine: '我的待办', all: '全部事件', no: '编号', name: '标题', state: '状态', grid: '网格', deadline: '期限', emergency: '紧急' },
  en: { title: 'Cases', mine: 'My queue', all: 'All cases', no: 'Tracking no.', name: 'Title', state: 'State', grid: 'Grid', deadline: 'Deadline', emergency: 'Emergency' },
}

export default function CasesPage() {
  const { i18n } = useTranslation()
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh'
  const tx = TEXT[lang]
  const [queue, setQueue] = useState<'mine' | 'all'>('mine')
  const loop = useQuery({ queryKey: keys.loop, queryFn: fetchLoop })
  const list = useQuery({ queryKey: keys.page(queue), queryFn: () => fetchCases(queue) })
  const stateLabel = (code: string) => loop.data?.states?.find((s) => s.state === code)?.label?.[lang] ?? code
  return (
    <Card title={tx.title}>
      <Tabs activeKey={queue} onChange={(k) => setQueue(k as 'mine' | 'all')} items={[{ key: 'mine', label: tx.mine }, { key: 'all', label: tx.all }]} />
      <Table<CaseRow> rowKey="id" size="small" scroll={{ x: true }} loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={false}
        columns={[
          { title: tx.no, dataIndex: 'trackingNo' },
          { title: tx.name, dataIndex: 'title', render: (v: string, r) => <>{r.emergency && <Tag color="red">{tx.emergency}</Tag>}{v}</> },
          { title: tx.state, dataIndex: 'state', render: (v: string) => <Tag>{stateLabel(v)}</Tag> },
          { title: tx.grid, dataIndex: 'gridCode', render: (v: string | null, r) => v ?? r.holderCode },
          { title: tx.deadline, dataIndex: 'dueAt', render: (v: string | null, r) => <span style={{ color: r.overdueAt ? 'red' : undefined }}>{v ? new Date(v).toLocaleString() : ''}{r.overdueLevel > 0 ? ` (${r.overdueLevel})` : ''}</span> },
        ]} />
    </Card>
  )
}
