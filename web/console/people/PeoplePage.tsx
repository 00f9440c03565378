/**
 * Grid staff (M2.3): the personnel ledger (people, positions, duties by area, grids served) and the
 * staffing check per grid (which rule each grid breaks), with import and export (M2.4).
 */
import { useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { ProTable, type ProColumns } from '@ant-design/pro-components'
import { Alert, Card, Descriptions, Drawer, Input, Space, Spin, Statistic, Switch, Table, Tabs, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../../lib/api/client'
import type { paths } from '../../lib/api/schema'
import { useSession } from '../../lib/session'
import { ImportWizard } from '../../lib/ImportWizard'
import { ExportButton } from '../../lib/ExportButton'
import { useUrlState } from '../../lib/url-state'
import { KeysetPager, useKeyset, useLocalPages } from '../../lib/Pager'
import { formatDateTime } from '../../../src/shared/dates.ts'

type Person = paths['/api/people']['get']['responses']['200']['content']['application/json']['items'][number]
type PeopleQuery = NonNullable<paths['/api/people']['get']['parameters']['query']>
type Staffing = paths['/api/staffing']['get']['responses']['200']['content']['application/json']
type GridStaffing = Staffing['grids'][number]

const GRID_ROLES = new Set(['grid_head', 'grid_manager', 'informant', 'overseer'])
const PERSON_ROLES = ['grid_head', 'grid_manager', 'informant', 'overseer', 'station_chief', 'district_chief', 'command_operator', 'credit_officer', 'department_liaison', 'administrator'] as const

const peopleKeys = {
  all: ['people'] as const,
  person: (id: number) => ['people', 'one', id] as const,
  staffing: (violationsOnly: boolean) => ['people', 'staffing', violationsOnly] as const,
}

export default function PeoplePage() {
  const { t } = useTranslation('people')
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') === 'staffing' ? 'staffing' : 'list'
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setParams((p) => { const n = new URLSearchParams(p); n.set('tab', k); if (k === 'list') n.delete('grid'); return n })}
      items={[
        { key: 'list', label: t('ledger'), children: <PeopleTable /> },
        { key: 'staffing', label: t('staffing'), children: <StaffingTab /> },
      ]}
    />
  )
}

function RoleTags({ roles }: { roles: Person['roles'] }) {
  const { t } = useTranslation('people')
  if (!roles.length) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => <Tag key={r.role + r.areaCode} color={GRID_ROLES.has(r.role) ? 'blue' : 'purple'}>{t(`roles.${r.role}`, { defaultValue: r.role })} · {r.areaCode}</Tag>)}
    </Space>
  )
}

const FILTER_KEYS = ['q', 'role', 'gridCode', 'under', 'onDuty'] as const

/** The URL's filters as the API's query; what the URL cannot mean is left out. */
function peopleQuery(url: Record<string, string>): Omit<PeopleQuery, 'after' | 'limit'> {
  return {
    q: url.q || undefined,
    role: (PERSON_ROLES as readonly string[]).includes(url.role) ? url.role as PeopleQuery['role'] : undefined,
    gridCode: url.gridCode || undefined,
    under: url.under || undefined,
    onDuty: url.onDuty === 'true' ? true : url.onDuty === 'false' ? false : undefined,
  }
}

function PeopleTable() {
  const { t } = useTranslation('people')
  const { can } = useSession()
  const queries = useQueryClient()
  // Filters in the URL (issue 13 §5): a filtered ledger survives a reload and can be sent on.
  const [url, setUrl] = useUrlState(FILTER_KEYS)
  const filters = useMemo(() => peopleQuery(url), [url])
  const filterKey = JSON.stringify(filters)
  const keyset = useKeyset<number | undefined>(filterKey, undefined, 20)
  const list = useQuery({
    queryKey: [...peopleKeys.all, 'page', filterKey, keyset.after, keyset.size],
    queryFn: () => unwrap(api.GET('/api/people', { params: { query: { ...filters, after: keyset.after, limit: keyset.size } } })),
    placeholderData: keepPreviousData,
  })
  const [open, setOpen] = useState<number | null>(null)

  const columns: ProColumns<Person>[] = [
    { title: t('name'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('nameContains') } },
    { title: t('name'), dataIndex: 'name', search: false, width: 110, render: (_, p) => <Typography.Link onClick={() => setOpen(p.id)}>{p.name}</Typography.Link> },
    {
      title: t('position'), dataIndex: 'position', search: false, width: 120,
      render: (_, p) => t(`positions.${p.position}`, { defaultValue: p.position }),
    },
    { title: t('phone'), dataIndex: 'phone', search: false, width: 130, render: (_, p) => p.phone ?? '—' },
    { title: t('homeUnit'), dataIndex: 'areaCode', search: false, width: 100 },
    {
      title: t('role'), dataIndex: 'role', valueType: 'select', hideInTable: true,
      valueEnum: Object.fromEntries(PERSON_ROLES.map((r) => [r, { text: t(`roles.${r}`) }])),
    },
    { title: t('gridCode'), dataIndex: 'gridCode', hideInTable: true, fieldProps: { placeholder: '050203' } },
    { title: t('under'), dataIndex: 'under', hideInTable: true, fieldProps: { placeholder: '0502' } },
    { title: t('duties'), dataIndex: 'roles', search: false, render: (_, p) => <RoleTags roles={p.roles} /> },
    {
      title: t('gridsServed'), key: 'grids', search: false, width: 150,
      render: (_, p) => {
        const grids = [...new Set(p.roles.filter((r) => GRID_ROLES.has(r.role)).map((r) => r.areaCode))]
        return grids.length ? grids.join(', ') : '—'
      },
    },
    {
      title: t('onDuty'), dataIndex: 'onDuty', valueType: 'select', width: 90,
      valueEnum: { true: { text: t('yes'), status: 'Success' }, false: { text: t('no'), status: 'Default' } },
      render: (_, p) => p.onDuty ? <Tag color="green">{t('yes')}</Tag> : <Tag>{t('no')}</Tag>,
    },
  ]

  return (
    <>
      {list.error && <Alert type="error" showIcon message={(list.error as Error).message} style={{ marginBottom: 12 }} />}
      <ProTable<Person>
        rowKey="id"
        columns={columns}
        size="small"
        cardBordered
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        form={{ syncToUrl: false, initialValues: url }}
        onSubmit={(v: Record<string, unknown>) => setUrl(Object.fromEntries(FILTER_KEYS.map((k) => [k, v[k] === undefined || v[k] === null ? undefined : String(v[k])])))}
        onReset={() => setUrl({})}
        options={{ density: false, setting: false, reload: () => void list.refetch() }}
        pagination={false}
        data-testid="people-table"
        footer={() => <KeysetPager keyset={keyset} next={list.data?.nextAfter} loading={list.isFetching} />}
        toolBarRender={() => [
          can('person.import') && (
            <ImportWizard
              key="import"
              url="/api/people/import"
              refusedRowsUrl="/api/people/import/refused-rows"
              templateColumns="人员编号,姓名,职务,联系电话,单位,所属单位编码,在岗,网格职责"
              templateName="people-template.csv"
              columnsHelp={t('importColumns')}
              onImported={() => void queries.invalidateQueries({ queryKey: peopleKeys.all })}
            />
          ),
          can('person.export') && (
            <ExportButton key="export" url="/api/people/export" query={{ under: filters.under }} formats={['xlsx', 'csv']} />
          ),
        ]}
      />
      <PersonDrawer id={open} onClose={() => setOpen(null)} />
    </>
  )
}

function PersonDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const { t, i18n } = useTranslation('people')
  const person = useQuery({ queryKey: peopleKeys.person(id ?? 0), queryFn: () => unwrap(api.GET('/api/people/{id}', { params: { path: { id: id! } } })), enabled: id !== null })
  const p = person.data
  return (
    <Drawer open={id !== null} onClose={onClose} width={520} title={p ? p.name : t('person')} destroyOnHidden>
      {person.isLoading ? <Spin /> : person.error ? <Alert type="error" message={(person.error as Error).message} /> : p && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="person-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('name')}>{p.name}</Descriptions.Item>
            <Descriptions.Item label={t('position')}>{t(`positions.${p.position}`, { defaultValue: p.position })}</Descriptions.Item>
            <Descriptions.Item label={t('phone')}>{p.phone ?? '—'}{p.phoneMasked && <Tag style={{ marginLeft: 8 }}>{t('masked')}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('organisation')}>{p.organisation ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('homeUnit')}>{p.areaCode}</Descriptions.Item>
            <Descriptions.Item label={t('onDuty')}>{p.onDuty ? t('yes') : t('no')}</Descriptions.Item>
            <Descriptions.Item label={t('updatedAt')}>{formatDateTime(p.updatedAt, i18n.language)}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey={(r) => r.role + r.areaCode}
            pagination={false}
            dataSource={p.roles}
            columns={[
              { title: t('role'), dataIndex: 'role', render: (r: string) => t(`roles.${r}`, { defaultValue: r }) },
              { title: t('area'), dataIndex: 'areaCode', render: (c: string) => <Link to={`/areas?code=${c}`}>{c}</Link> },
            ]}
          />
        </Space>
      )}
    </Drawer>
  )
}

function StaffingTab() {
  const { t, i18n } = useTranslation('people')
  const [params, setParams] = useSearchParams()
  const grid = params.get('grid') ?? ''
  const [violationsOnly, setViolationsOnly] = useState(false)
  const staffing = useQuery({
    queryKey: peopleKeys.staffing(violationsOnly),
    queryFn: () => unwrap(api.GET('/api/staffing', { params: { query: { violationsOnly } } })),
  })
  const rows = useMemo(() => (staffing.data?.grids ?? []).filter((g) => !grid || g.code.startsWith(grid)), [staffing.data, grid])
  const pages = useLocalPages(rows)
  const setGrid = (value: string) => setParams((p) => { const n = new URLSearchParams(p); if (value) n.set('grid', value); else n.delete('grid'); return n })

  if (staffing.isLoading) return <Spin />
  if (staffing.error || !staffing.data) return <Alert type="error" showIcon message={(staffing.error as Error)?.message} />
  const s = staffing.data.summary
  const violationText = (v: GridStaffing['violations'][number]) => t(`violations.${v.code}`, { defaultValue: i18n.language === 'en' ? v.en : v.zh })

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space size={48} wrap>
          <Statistic title={t('grids')} value={s.grids} />
          <Statistic title={t('gridsOk')} value={s.gridsOk} valueStyle={{ color: '#389e0d' }} />
          <Statistic title={t('gridsWithViolations')} value={s.gridsWithViolations} valueStyle={{ color: s.gridsWithViolations ? '#cf1322' : undefined }} />
          {Object.entries(s.violations).filter(([, n]) => n > 0).map(([code, n]) => (
            <Statistic key={code} title={t(`violations.${code}`)} value={n} valueStyle={{ color: '#cf1322' }} />
          ))}
        </Space>
      </Card>
      {staffing.data.retiredDuties.length > 0 && (
        <Alert type="warning" showIcon message={t('retiredDuties', { count: staffing.data.retiredDuties.length })}
          description={staffing.data.retiredDuties.map((d) => `${d.person.name} · ${t(`roles.${d.role}`, { defaultValue: d.role })} @ ${d.areaCode} → ${d.successorCodes.join(', ') || '—'}`).join('；')} />
      )}
      <Space wrap>
        <Input.Search allowClear defaultValue={grid} key={grid} placeholder={t('gridFilter')} onSearch={setGrid} style={{ width: 220 }} aria-label={t('gridFilter')} />
        <Space><Switch checked={violationsOnly} onChange={setViolationsOnly} aria-label={t('violationsOnly')} />{t('violationsOnly')}</Space>
      </Space>
      <Table<GridStaffing>
        size="small"
        rowKey="code"
        data-testid="staffing-table"
        dataSource={pages.rows}
        pagination={false}
        footer={pages.bar ? () => pages.bar : undefined}
        rowClassName={(g) => (g.violations.length ? 'mg-row-bad' : '')}
        columns={[
          { title: t('grid'), dataIndex: 'code', width: 190, render: (c: string, g) => <Link to={`/areas?code=${c}`}>{c} {g.name}</Link> },
          { title: t('roles.grid_head'), key: 'heads', render: (_, g) => g.gridHeads.map((p) => p.name).join('、') || '—' },
          { title: t('roles.overseer'), key: 'overseers', render: (_, g) => g.overseers.map((p) => p.name).join('、') || '—' },
          { title: t('roles.grid_manager'), dataIndex: ['counts', 'gridManager'], width: 80 },
          { title: t('roles.informant'), dataIndex: ['counts', 'informant'], width: 80 },
          { title: t('offDuty'), dataIndex: ['counts', 'offDuty'], width: 80 },
          {
            title: t('rulesBroken'), key: 'violations',
            render: (_, g) => g.violations.length === 0 ? <Tag color="green">{t('ok')}</Tag> : (
              <Space direction="vertical" size={2}>
                {g.violations.map((v) => (
                  <Tag key={v.code} color="red">{violationText(v)}{v.people.length ? `（${v.people.map((p) => p.name).join('、')}）` : ''}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  )
}
