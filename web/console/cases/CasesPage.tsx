/**
 * 事件办理: the user's queue (open cases they can take a step on now, most urgent first) and all
 * cases in their area, with filters and keyset paging ("load more"); a click opens the case with
 * its timeline and step buttons; users who may file cases get the filing form. The live feed keeps
 * the list and the open case current. On a phone the rows are cards (title first, then number,
 * state, grid and deadline), since five columns do not fit 390 px without squeezing the title.
 */
import { useMemo, useState } from 'react'
import { App, Button, Card, Checkbox, Input, List, Select, Space, Table, Tabs, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useSession } from '../../lib/session'
import { usePhone } from '../../lib/screen'
import { CaseDrawer, CaseStateTag } from './CaseDrawer'
import { useCaseFeed } from './feed'
import { FileCaseForm } from './FileCaseForm'
import { caseTime, fetchCases, fetchLoop, keys, PAGE_SIZE, type CaseFilters, type CaseRow } from './queries'
import { useUrlState } from '../../lib/url-state'
import { KeysetPager, useKeyset } from '../../lib/Pager'

const URL_KEYS = ['queue', 'q', 'state', 'emergency', 'overdue'] as const

export default function CasesPage() {
  const { t, i18n } = useTranslation('cases')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const { can } = useSession()
  const { message } = App.useApp()
  const phone = usePhone()
  // Filters in the URL (issue 13 §5): a filtered list survives a reload and can be sent on.
  const [url, setUrl] = useUrlState(URL_KEYS)
  const filters = useMemo<CaseFilters>(() => ({
    queue: url.queue === 'all' ? 'all' : 'mine',
    ...(url.q ? { q: url.q } : {}),
    ...(url.state ? { state: url.state as CaseFilters['state'] } : {}),
    ...(url.emergency === 'true' ? { emergency: true } : {}),
    ...(url.overdue === 'true' ? { overdue: true } : {}),
  }), [url])
  const [open, setOpen] = useState<number | null>(null)
  const [filing, setFiling] = useState(false)
  const loop = useQuery({ queryKey: keys.loop, queryFn: fetchLoop })
  useCaseFeed()
  const keyset = useKeyset<number | undefined>(JSON.stringify(filters), undefined, PAGE_SIZE)
  const list = useQuery({
    queryKey: [...keys.page(filters), keyset.after, keyset.size],
    queryFn: () => fetchCases(filters, keyset.after, keyset.size),
    placeholderData: keepPreviousData,
  })
  const rows = list.data?.items ?? []
  const when = (s: string) => caseTime(s, lang)
  const set = (patch: Partial<CaseFilters>) => {
    const next: Record<string, unknown> = { ...filters, ...patch }
    if (next.queue === 'mine') delete next.queue
    setUrl(next)
  }

  return (
    <Card title={t('title')} extra={can('case.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="case-file">{t('file')}</Button>}>
      <Tabs activeKey={filters.queue ?? 'mine'} onChange={(k) => set({ queue: k as 'mine' | 'all' })}
        items={[{ key: 'mine', label: t('tabs.mine') }, { key: 'all', label: t('tabs.all') }]} />
      <Space wrap style={{ marginBottom: 12 }} data-testid="case-filters">
        <Input.Search allowClear placeholder={t('filter.q')} style={{ width: 220 }} maxLength={100}
          defaultValue={filters.q} key={filters.q ?? ''}
          onSearch={(q) => set({ q: q.trim() || undefined })} />
        <Select allowClear placeholder={t('filter.anyState')} style={{ width: 180 }} value={filters.state}
          onChange={(state) => set({ state })}
          options={(loop.data?.states ?? []).map((s) => ({ value: s.state, label: s.label[lang] }))} />
        <Checkbox checked={!!filters.emergency} onChange={(e) => set({ emergency: e.target.checked || undefined })}>{t('filter.emergency')}</Checkbox>
        <Checkbox checked={!!filters.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })} data-testid="filter-overdue">{t('filter.overdue')}</Checkbox>
      </Space>
      {phone
        ? (
          <List<CaseRow> rowKey="id" dataSource={rows} loading={list.isFetching} data-testid="case-table" split={false}
            renderItem={(r) => (
              <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => setOpen(r.id)} data-testid="case-card">
                <Typography.Text strong style={{ display: 'block' }}>{r.emergency && <Tag color="red">{t('emergency')}</Tag>}{r.title}</Typography.Text>
                <Space wrap size={[8, 4]} style={{ marginTop: 4 }}>
                  <a>{r.trackingNo}</a>
                  <CaseStateTag state={r.state} loop={loop.data} overdueLevel={r.overdueLevel} />
                  <span>{t('col.grid')} {r.gridCode ?? r.holderCode}</span>
                  {r.dueAt && <span style={{ color: r.overdueAt ? 'red' : undefined }}>{t('col.deadline')} {when(r.dueAt)}</span>}
                </Space>
              </Card>
            )} />
        )
        : (
          <Table<CaseRow> rowKey="id" size="small" scroll={{ x: true }} loading={list.isFetching} dataSource={rows} data-testid="case-table" pagination={false}
            onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('col.no'), dataIndex: 'trackingNo', render: (v: string) => <a>{v}</a> },
              { title: t('col.title'), dataIndex: 'title', render: (v: string, r) => <>{r.emergency && <Tag color="red">{t('emergency')}</Tag>}{v}</> },
              { title: t('col.state'), dataIndex: 'state', render: (v: string, r) => <CaseStateTag state={v} loop={loop.data} overdueLevel={r.overdueLevel} /> },
              { title: t('col.grid'), dataIndex: 'gridCode', render: (v: string | null, r) => v ?? r.holderCode },
              { title: t('col.deadline'), dataIndex: 'dueAt', render: (v: string | null, r) => <span style={{ color: r.overdueAt ? 'red' : undefined }}>{v ? when(v) : ''}</span> },
            ]} />
        )}
      <KeysetPager keyset={keyset} next={list.data?.nextAfter} loading={list.isFetching} />
      <CaseDrawer id={open} onClose={() => setOpen(null)} />
      {filing && (
        <FileCaseForm onCancel={() => setFiling(false)} onDone={(c) => {
          setFiling(false)
          void message.success(t('form.filed', { no: c.trackingNo }))
          void list.refetch()
          setOpen(c.id)
        }} />
      )}
    </Card>
  )
}
