/**
 * 网格巡查 (M4.1, M4.2): the patrol tasks of the user's area, and the patrol item catalogue — each
 * item's targets, cycle, duties, checklist, evidence and transfer conditions, with its versions.
 * The district chief adds, revises and switches items (`patrolItem.manage`); everyone else reads.
 * What a task or an item means is the server's (src/modules/patrols): the page shows and edits it.
 */
import { useMemo, useState } from 'react'
import { Alert, App, Button, Card, Checkbox, List, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useSession } from '../../lib/session'
import { usePhone } from '../../lib/screen'
import { useUrlState } from '../../lib/url-state'
import { KeysetPager, useKeyset } from '../../lib/Pager'
import { formatDate } from '../../../src/shared/dates.ts'
import { TASK_STATES } from '../../../src/modules/patrols/rules.ts'
import { areaKeys, fetchAllAreas } from '../areas/queries'
import { ItemDrawer, cycleText, evidenceText } from './ItemDrawer'
import { ItemEditor } from './ItemEditor'
import { fetchItems, fetchTasks, patrolKeys, reviseItem, type PatrolItem, type Task, type TaskFilters } from './queries'

const URL_KEYS = ['tab', 'state', 'item', 'under', 'mine'] as const

export default function PatrolsPage() {
  const { t } = useTranslation('patrols')
  const [url, setUrl] = useUrlState(URL_KEYS)
  const tab = url.tab === 'items' ? 'items' : 'tasks'
  return (
    <Tabs activeKey={tab} onChange={(k) => setUrl({ ...url, tab: k === 'items' ? 'items' : undefined })} data-testid="patrols-page"
      items={[
        { key: 'tasks', label: t('tabs.tasks'), children: <TasksTab url={url} setUrl={setUrl} /> },
        { key: 'items', label: t('tabs.items'), children: <ItemsTab /> },
      ]} />
  )
}

/** A task's period in words: a periodic item's first day, or the event that made the task. */
function periodText(t: (key: string, o?: Record<string, unknown>) => string, period: string): string {
  const [kind, value] = period.includes(':') ? period.split(':', 2) : ['from', period]
  return ['from', 'registered', 'annual'].includes(kind) ? t(`tasks.period.${kind}`, { value }) : period
}

function useLang(): 'zh' | 'en' {
  const { i18n } = useTranslation()
  return i18n.language === 'en' ? 'en' : 'zh'
}

function TasksTab({ url, setUrl }: { url: Record<string, string>; setUrl: (next: Record<string, unknown>) => void }) {
  const { t } = useTranslation('patrols')
  const lang = useLang()
  const filters = useMemo<Omit<TaskFilters, 'after' | 'limit'>>(() => ({
    ...(TASK_STATES.includes(url.state as Task['state']) ? { state: url.state as Task['state'] } : {}),
    ...(url.item ? { itemCode: url.item } : {}),
    ...(url.under ? { under: url.under } : {}),
    ...(url.mine === 'true' ? { mine: true } : {}),
  }), [url])
  const set = (patch: Record<string, unknown>) => setUrl({ ...url, ...patch })
  const keyset = useKeyset<number | undefined>(JSON.stringify(filters), undefined, 50)
  const query = { ...filters, ...(keyset.after !== undefined ? { after: keyset.after } : {}), limit: keyset.size }
  const list = useQuery({ queryKey: patrolKeys.tasks(query), queryFn: () => fetchTasks(query), placeholderData: keepPreviousData })
  const items = useQuery({ queryKey: patrolKeys.items, queryFn: fetchItems })
  const areas = useQuery({ queryKey: areaKeys.tree(), queryFn: fetchAllAreas })
  const rows = list.data?.items ?? []
  const phone = usePhone()
  const areaOptions = useMemo(() => (areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` })), [areas.data])

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('tasks.intro')}</Typography.Paragraph>
      <Space wrap data-testid="task-filters">
        <Select allowClear placeholder={t('tasks.anyState')} style={{ width: 140 }} value={filters.state} onChange={(state) => set({ state })}
          options={TASK_STATES.map((s) => ({ value: s, label: t(`tasks.state.${s}`) }))} data-testid="task-state" />
        <Select allowClear placeholder={t('tasks.anyItem')} style={{ width: 220 }} value={filters.itemCode} onChange={(item) => set({ item })}
          options={(items.data?.items ?? []).map((i) => ({ value: i.code, label: i.definition.name[lang] }))} data-testid="task-item" />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('tasks.anyArea')} style={{ width: 240 }} value={filters.under}
          onChange={(under) => set({ under })} options={areaOptions} loading={areas.isLoading} data-testid="task-area" />
        <Checkbox checked={!!filters.mine} onChange={(e) => set({ mine: e.target.checked || undefined })}>{t('tasks.mine')}</Checkbox>
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      {phone
        ? (
          <List<Task> rowKey="id" dataSource={rows} loading={list.isFetching} split={false} locale={{ emptyText: t('tasks.empty') }} data-testid="task-table"
            renderItem={(r) => (
              <Card size="small" style={{ marginBottom: 8 }} data-testid="task-card">
                <Typography.Text strong style={{ display: 'block' }}>{r.business?.name ?? t('tasks.wholeGrid')}</Typography.Text>
                {r.business && <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{r.business.address}</Typography.Text>}
                <Space wrap size={[8, 4]} style={{ marginTop: 4 }}>
                  <span>{r.itemName[lang]}</span>
                  <StateTag state={r.state} />
                  <span>{t('tasks.col.due')} {formatDate(r.dueOn, lang)}</span>
                  {r.overdue && <Tag color="red">{t('tasks.overdue')}</Tag>}
                  <span>{r.assignee?.name ?? t('tasks.queue')}</span>
                </Space>
              </Card>
            )} />
        )
        : (
          <Table<Task> rowKey="id" size="small" loading={list.isFetching} dataSource={rows} pagination={false}
            scroll={{ x: 'max-content' }} locale={{ emptyText: t('tasks.empty') }} data-testid="task-table" columns={[
              { title: t('tasks.col.item'), render: (_, r) => <>{r.itemName[lang]} <Typography.Text type="secondary">v{r.itemVersion}</Typography.Text></> },
              {
                title: t('tasks.col.business'), render: (_, r) => r.business
                  ? <><div>{r.business.name}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.business.address}</Typography.Text></>
                  : <Typography.Text type="secondary">{t('tasks.wholeGrid')}</Typography.Text>,
              },
              { title: t('tasks.col.grid'), dataIndex: 'gridCode' },
              { title: t('tasks.col.period'), render: (_, r) => periodText(t, r.period) },
              {
                title: t('tasks.col.due'), render: (_, r) => (
                  <Space size={4}>{formatDate(r.dueOn, lang)}{r.overdue && <Tag color="red">{t('tasks.overdue')}</Tag>}</Space>
                ),
              },
              { title: t('tasks.col.assignee'), render: (_, r) => r.assignee?.name ?? <Typography.Text type="secondary">{t('tasks.queue')}</Typography.Text> },
              { title: t('tasks.col.state'), render: (_, r) => <StateTag state={r.state} /> },
            ]} />
        )}
      <KeysetPager keyset={keyset} next={list.data?.nextCursor} loading={list.isFetching} />
    </Space>
  )
}

function StateTag({ state }: { state: Task['state'] }) {
  const { t } = useTranslation('patrols')
  return <Tag color={state === 'open' ? 'blue' : state === 'done' ? 'green' : undefined}>{t(`tasks.state.${state}`)}</Tag>
}

function ItemsTab() {
  const { t } = useTranslation('patrols')
  const { t: tc } = useTranslation('common')
  const lang = useLang()
  const { can } = useSession()
  const manage = can('patrolItem.manage')
  const [open, setOpen] = useState<string | null>(null)
  const [editing, setEditing] = useState<PatrolItem | 'new' | null>(null)
  const list = useQuery({ queryKey: patrolKeys.items, queryFn: fetchItems })

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('items.intro')}</Typography.Paragraph>
      {manage && <div><Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="item-create">{t('items.create')}</Button></div>}
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      <Table<PatrolItem> rowKey="code" size="small" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={false}
        scroll={{ x: 'max-content' }} data-testid="item-table" columns={[
          { title: t('items.col.name'), fixed: 'left', render: (_, i) => <a onClick={() => setOpen(i.code)}>{i.definition.name[lang]}</a> },
          { title: t('items.col.code'), dataIndex: 'code' },
          { title: t('items.col.version'), render: (_, i) => <span data-testid="item-version">v{i.version}</span> },
          { title: t('items.col.active'), render: (_, i) => i.active ? <Tag color="green">{t('items.active')}</Tag> : <Tag>{t('items.inactive')}</Tag> },
          { title: t('items.col.cycle'), render: (_, i) => cycleText(t, i.definition.cycle) },
          { title: t('items.col.duties'), render: (_, i) => i.definition.duties.map((d) => tc(`roles.${d}`)).join(t('sep.list')) },
          { title: t('items.col.checklist'), render: (_, i) => t('items.questions', { n: i.definition.checklist.length }), align: 'right' },
          { title: t('items.col.evidence'), render: (_, i) => evidenceText(t, i.definition.evidence) },
          { title: t('items.col.transfers'), render: (_, i) => i.definition.transfers.length ? t('items.transfersN', { n: i.definition.transfers.length }) : t('items.none'), align: 'right' },
          {
            title: t('items.col.actions'), render: (_, i) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setOpen(i.code)} data-testid="item-view">{t('items.view')}</Button>
                {manage && <Button size="small" type="link" onClick={() => setEditing(i)} data-testid="item-revise">{t('items.revise')}</Button>}
                {manage && <SwitchButton item={i} />}
              </Space>
            ),
          },
        ]} />
      <ItemDrawer code={open} onClose={() => setOpen(null)} />
      {editing && <ItemEditor item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  )
}

/** Switches an item off or on: no new version, the checklist of tasks already made unchanged. */
function SwitchButton({ item }: { item: PatrolItem }) {
  const { t } = useTranslation('patrols')
  const lang = useLang()
  const { message } = App.useApp()
  const queries = useQueryClient()
  const what = item.active ? t('items.deactivate') : t('items.activate')
  const flip = useMutation({
    mutationFn: () => reviseItem(item.code, item.version, { active: !item.active }),
    onSuccess: () => {
      void message.success(t('items.switched', { what }))
      void queries.invalidateQueries({ queryKey: patrolKeys.items })
    },
    onError: (e: Error) => void message.error(e.message),
  })
  const name = item.definition.name[lang]
  return (
    <Popconfirm title={t(item.active ? 'items.deactivateConfirm' : 'items.activateConfirm', { name })} onConfirm={() => flip.mutate()}>
      <Button size="small" type="link" danger={item.active} loading={flip.isPending} data-testid="item-switch">{what}</Button>
    </Popconfirm>
  )
}
