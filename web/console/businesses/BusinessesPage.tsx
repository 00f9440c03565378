/**
 * The business ledger (M2.2): search with the server's filters, keyset pages with the total from the
 * count route, a detail drawer with the location on a mini-map, edit and register (business.write),
 * import (business.import) and export with the current filters (business.export).
 *
 * The server sorts (name, risk class, grid, updated) and pages each order by cursor: a column sorter
 * asks the server and starts again at page 1; the table never sorts one page in the browser. Without
 * a sort the list is in registration order.
 */
import { useCallback, useMemo, useState } from 'react'
import { ProTable, type ProColumns } from '@ant-design/pro-components'
import type { SorterResult } from 'antd/es/table/interface'
import { Alert, App, Button, Drawer, Tooltip, Typography } from 'antd'
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useSession } from '../../lib/session'
import { ImportWizard } from '../../lib/ImportWizard'
import { ExportButton } from '../../lib/ExportButton'
import { BusinessDrawer, GridTag, RiskTag } from './BusinessDrawer'
import { BusinessForm } from './BusinessForm'
import { KeysetPager, useKeyset } from '../../lib/Pager'
import { useUrlState } from '../../lib/url-state'
import { formatDateTime } from '../../../src/shared/dates.ts'
import { cleanFilters, fetchCount, fetchPage, keys, platesHref, KINDS, OPERATING_STATES, RISK_CLASSES, type Business, type BusinessSort } from './queries'

/** Header of the import template (the server also takes the English names or the keys). */
const FILTER_KEYS = ['q', 'uscc', 'address', 'gridCode', 'industry', 'riskClass', 'kind', 'operatingState', 'placed'] as const
const URL_KEYS = [...FILTER_KEYS, 'sort']
const placedOf = (v: string | undefined) => (v === 'true' ? true : v === 'false' ? false : undefined)

const TEMPLATE = {
  'zh-CN': '统一社会信用代码,名称,类型,注册地址,实际经营地址,经度,纬度,行业,许可证,重点领域,经营状态,风险等级,法定代表人,联系电话',
  en: 'USCC,Name,Kind,Registered address,Actual address,Longitude,Latitude,Industry,Licences,Key domains,Operating state,Risk class,Legal representative,Contact phone',
}

/** QR plates of the grid the list is filtered to; a hint to choose one grid first otherwise. */
function PlatesButton({ grid }: { grid?: string }) {
  const { t } = useTranslation('businesses')
  const oneGrid = grid && /^\d{6}$/.test(grid) ? grid : null
  const button = (
    <Button icon={<QrcodeOutlined />} disabled={!oneGrid} href={oneGrid ? platesHref(oneGrid) : undefined} download data-testid="business-plates">
      {t('plates.grid')}
    </Button>
  )
  return oneGrid ? button : <Tooltip title={t('plates.chooseGrid')}><span>{button}</span></Tooltip>
}

/** The server's order for the table's sorter (one column at a time; only server-sortable columns have one). */
function sortOf(sorter: SorterResult<Business> | SorterResult<Business>[]): BusinessSort | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter
  if (!s?.order || typeof s.field !== 'string') return undefined
  return (s.order === 'descend' ? `-${s.field}` : s.field) as BusinessSort
}

export default function BusinessesPage() {
  const { t, i18n } = useTranslation('businesses')
  const { can } = useSession()
  const { message } = App.useApp()
  const queries = useQueryClient()
  // Filters and order in the URL: a filtered list survives a reload and can be shared.
  const [url, setUrl] = useUrlState(URL_KEYS)
  const { sort: urlSort, ...urlFilters } = url
  const filters = useMemo(() => cleanFilters({ ...urlFilters, placed: placedOf(urlFilters.placed) }), [JSON.stringify(urlFilters)]) // eslint-disable-line react-hooks/exhaustive-deps
  const sort = urlSort as BusinessSort | undefined
  const setFilters = (f: Record<string, unknown>) => setUrl({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, f[k]])), sort })
  const setSort = (s: BusinessSort | undefined) => setUrl({ ...url, sort: s })
  const sortOrder = useCallback((field: string) => (sort === field ? 'ascend' as const : sort === `-${field}` ? 'descend' as const : null), [sort])
  const [openId, setOpenId] = useState<number | null>(null)
  const [creating, setCreating] = useState(false)
  const filterKey = JSON.stringify(filters)
  // Pages are read by cursor in every order ('' is the first page); another sort starts at page 1.
  const keyset = useKeyset(`${filterKey} ${sort ?? ''}`, '')

  const page = useQuery({
    queryKey: keys.page(filters, sort, keyset.after, keyset.size),
    queryFn: () => fetchPage(filters, sort, keyset.after, keyset.size),
    placeholderData: keepPreviousData,
  })
  const count = useQuery({ queryKey: keys.count(filters), queryFn: () => fetchCount(filters) })

  const enumOf = (values: readonly string[], label: (v: string) => string) =>
    Object.fromEntries(values.map((v) => [v, { text: label(v) }]))

  const columns = useMemo<ProColumns<Business>[]>(() => [
    { title: t('col.q'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('col.qHint') }, tooltip: t('col.qHint') },
    {
      title: t('col.name'), dataIndex: 'name', search: false, ellipsis: true, width: 240, sorter: true, sortOrder: sortOrder('name'),
      render: (_, b) => <Typography.Link onClick={() => setOpenId(b.id)} data-testid="business-name">{b.name}</Typography.Link>,
    },
    { title: t('col.uscc'), dataIndex: 'uscc', width: 190, fieldProps: { placeholder: t('col.usccHint') }, render: (_, b) => <span style={{ fontFamily: 'monospace' }}>{b.uscc}</span> },
    { title: t('col.grid'), dataIndex: 'gridCode', width: 130, sorter: true, sortOrder: sortOrder('gridCode'), fieldProps: { placeholder: '050203' }, render: (_, b) => <span data-testid="grid-cell"><GridTag b={b} /></span> },
    {
      title: t('col.riskClass'), dataIndex: 'riskClass', width: 120, valueType: 'select', sorter: true, sortOrder: sortOrder('riskClass'),
      valueEnum: enumOf(RISK_CLASSES, (r) => t(`common:risk.${r}`)), render: (_, b) => <RiskTag risk={b.riskClass} />,
    },
    {
      title: t('col.operatingState'), dataIndex: 'operatingState', width: 100, valueType: 'select',
      valueEnum: enumOf(OPERATING_STATES, (s) => t(`state.${s}`)), render: (_, b) => t(`state.${b.operatingState}`),
    },
    { title: t('col.address'), dataIndex: 'address', ellipsis: true, render: (_, b) => b.actualAddress ?? b.registeredAddress },
    {
      title: t('field.updatedAt'), dataIndex: 'updatedAt', search: false, sorter: true, sortOrder: sortOrder('updatedAt'), width: 170,
      render: (_, b) => <span data-testid="business-updated-at">{formatDateTime(b.updatedAt, i18n.language)}</span>,
    },
    { title: t('col.industry'), dataIndex: 'industry', hideInTable: true },
    { title: t('col.kind'), dataIndex: 'kind', hideInTable: true, valueType: 'select', valueEnum: enumOf(KINDS, (k) => t(`kind.${k}`)) },
    {
      title: t('col.placed'), dataIndex: 'placed', hideInTable: true, valueType: 'select',
      valueEnum: { true: { text: t('placed.yes') }, false: { text: t('placed.no') } },
    },
  ], [t, i18n.language, sortOrder])

  function search(values: Record<string, unknown>) {
    setFilters(cleanFilters(values))
  }

  /** What the list is ordered by, and for names what "alphabetical" means here (code points). */
  function orderText(s: BusinessSort | undefined): string {
    if (!s) return t('pager.noSort')
    const desc = s.startsWith('-')
    const key = (desc ? s.slice(1) : s) as 'name' | 'riskClass' | 'gridCode' | 'updatedAt'
    const by = t(`sort.${key}.${desc ? 'desc' : 'asc'}`)
    return key === 'name' ? `${by} · ${t('sort.nameNote')}` : by
  }

  const refresh = () => void queries.invalidateQueries({ queryKey: keys.all })
  const error = page.error ?? count.error

  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} data-testid="list-error" />}
      <ProTable<Business>
        rowKey="id"
        headerTitle={t('title')}
        columns={columns}
        dataSource={page.data?.items ?? []}
        loading={page.isFetching}
        pagination={false}
        search={{ labelWidth: 'auto', defaultCollapsed: true, span: { xs: 24, sm: 12, md: 8, lg: 8, xl: 6, xxl: 6 } }}
        form={{ syncToUrl: false, initialValues: urlFilters }}
        onSubmit={search}
        onReset={() => setFilters({})}
        options={{ reload: refresh, density: true, setting: true, fullScreen: false }}
        scroll={{ x: 1000 }}
        size="middle"
        onRow={(b) => ({ onDoubleClick: () => setOpenId(b.id) })}
        onChange={(_pagination, _filters, sorter) => setSort(sortOf(sorter))}
        toolBarRender={() => [
          <Typography.Text key="order" type="secondary" data-testid="list-order" style={{ whiteSpace: 'nowrap' }}>{orderText(sort)}</Typography.Text>,
          can('business.write') && <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="business-new">{t('newBusiness')}</Button>,
          can('business.import') && (
            <ImportWizard
              key="import"
              url="/api/businesses/import"
              templateColumns={TEMPLATE[i18n.language === 'en' ? 'en' : 'zh-CN']}
              templateName={i18n.language === 'en' ? 'businesses-template.csv' : '市场主体导入模板.csv'}
              columnsHelp={t('importColumns')}
              choices={['existing', 'unplaced']}
              refusedRowsUrl="/api/businesses/import/refused-rows"
              onImported={refresh}
            />
          ),
          can('business.export') && <ExportButton key="export" url="/api/businesses/export" query={filters} />,
          <PlatesButton key="plates" grid={filters.gridCode} />,
        ].filter(Boolean)}
        footer={() => (
          <KeysetPager keyset={keyset} next={page.data?.nextCursor} total={count.data?.total} exact={count.data?.exact} loading={page.isFetching} />
        )}
      />
      <BusinessDrawer id={openId} onClose={() => setOpenId(null)} />
      <Drawer open={creating} onClose={() => setCreating(false)} width={720} title={t('newBusiness')} destroyOnHidden>
        <BusinessForm
          onCancel={() => setCreating(false)}
          onDone={(b) => {
            setCreating(false)
            refresh()
            void message.success(`${t('created', { name: b.name })} · ${b.gridCode ? t('placedIn', { grid: b.gridCode }) : t('unplacedAs', { reason: t(`reason.${b.unplacedReason ?? 'noLocation'}`) })}`)
            setOpenId(b.id)
          }}
        />
      </Drawer>
    </>
  )
}
