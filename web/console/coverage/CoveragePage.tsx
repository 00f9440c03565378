/**
 * Coverage and staffing dashboard (M1.3, M2.2, M2.3): per station and grid, the share of the area
 * its children cover, the businesses placed in a grid, and the grids staffed by the rules. A bad
 * figure is a link to the records behind it.
 */
import { useMemo } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { EChartsOption } from 'echarts'
import { api, unwrap } from '../../lib/api/client'
import type { paths } from '../../lib/api/schema'
import { EChart } from '../../lib/EChart'

type CoverageRow = paths['/api/coverage']['get']['responses']['200']['content']['application/json'][number]
type PlacementRow = paths['/api/coverage/placement']['get']['responses']['200']['content']['application/json'][number]
type Staffing = paths['/api/staffing']['get']['responses']['200']['content']['application/json']

const coverageKeys = {
  coverage: ['coverage', 'areas'] as const,
  placement: ['coverage', 'placement'] as const,
  staffing: ['people', 'staffing', false] as const,
}

const GOOD = '#52c41a'
const BAD = '#f5222d'
const FULL = 99.995

export interface DashboardRow {
  code: string
  name: string
  level: number
  parentCode: string | null
  coveragePercent: number | null
  overlaps: number
  gaps: number
  outside: number
  businesses: number
  placed: number
  grids: number
  gridsOk: number
  /** rules broken in this grid (grid rows), for the tooltip */
  violations: string[]
  children?: DashboardRow[]
}

/** One row per area (from the placement figures), with coverage and staffing joined and rolled up. */
function buildRows(placement: PlacementRow[], coverage: CoverageRow[], staffing: Staffing | undefined, lang: string): DashboardRow[] {
  const cov = new Map(coverage.map((c) => [c.code, c]))
  const staff = new Map((staffing?.grids ?? []).map((g) => [g.code, g]))
  const byCode = new Map<string, DashboardRow>()
  const roots: DashboardRow[] = []
  for (const p of placement) {
    const c = cov.get(p.code)
    const g = staff.get(p.code)
    const row: DashboardRow = {
      code: p.code, name: p.name, level: p.level, parentCode: p.parentCode,
      coveragePercent: c?.coveragePercent ?? null, overlaps: c?.overlapCount ?? 0, gaps: c?.gapCount ?? 0, outside: c?.outsideCount ?? 0,
      businesses: p.businesses, placed: p.placed,
      grids: g ? 1 : 0, gridsOk: g && g.violations.length === 0 ? 1 : 0,
      violations: g ? g.violations.map((v) => (lang === 'en' ? v.en : v.zh)) : [],
    }
    byCode.set(p.code, row)
    const parent = p.parentCode ? byCode.get(p.parentCode) : undefined
    if (parent) (parent.children ??= []).push(row)
    else roots.push(row)
  }
  const rollUp = (r: DashboardRow): void => {
    if (!r.children) return
    r.children.forEach(rollUp)
    r.grids = r.children.reduce((n, c) => n + c.grids, 0)
    r.gridsOk = r.children.reduce((n, c) => n + c.gridsOk, 0)
  }
  roots.forEach(rollUp)
  return roots
}

const pct = (part: number, whole: number) => (whole ? (part / whole) * 100 : 100)
const fmtPct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`)

export default function CoveragePage() {
  const { t, i18n } = useTranslation('coverage')
  const navigate = useNavigate()
  const coverage = useQuery({ queryKey: coverageKeys.coverage, queryFn: () => unwrap(api.GET('/api/coverage')) })
  const placement = useQuery({ queryKey: coverageKeys.placement, queryFn: () => unwrap(api.GET('/api/coverage/placement')) })
  const staffing = useQuery({ queryKey: coverageKeys.staffing, queryFn: () => unwrap(api.GET('/api/staffing', { params: { query: { violationsOnly: false } } })) })

  const roots = useMemo(
    () => (placement.data && coverage.data ? buildRows(placement.data, coverage.data, staffing.data, i18n.language) : []),
    [placement.data, coverage.data, staffing.data, i18n.language],
  )
  // The figures of the whole scope: its top areas added up (one district for a district chief).
  const top = useMemo(() => {
    const businesses = roots.reduce((n, r) => n + r.businesses, 0)
    const placed = roots.reduce((n, r) => n + r.placed, 0)
    const grids = roots.reduce((n, r) => n + r.grids, 0)
    const gridsOk = roots.reduce((n, r) => n + r.gridsOk, 0)
    const withCoverage = roots.filter((r) => r.coveragePercent !== null)
    const coveragePercent = withCoverage.length ? Math.min(...withCoverage.map((r) => r.coveragePercent!)) : null
    return { businesses, placed, grids, gridsOk, coveragePercent }
  }, [roots])
  // The bars: the stations, or the grids when the scope has no stations below it.
  const bars = useMemo(() => {
    const stations = roots.flatMap((r) => (r.children?.some((c) => c.children) ? r.children : [r]))
    return stations.length === 1 && stations[0].children ? stations[0].children : stations
  }, [roots])

  const loading = coverage.isLoading || placement.isLoading || staffing.isLoading
  const error = (coverage.error ?? placement.error ?? staffing.error) as Error | null
  if (loading) return <Spin style={{ display: 'block', margin: '20vh auto' }} />
  if (error) return <Alert type="error" showIcon message={error.message} />

  const placedPct = pct(top.placed, top.businesses)
  const staffedPct = pct(top.gridsOk, top.grids)
  const scopeCode = roots.length === 1 ? roots[0].code : ''

  const barOption: EChartsOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)} %` },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 56 },
    xAxis: { type: 'category', data: bars.map((b) => `${b.code}\n${b.name}`), axisLabel: { interval: 0, fontSize: 11, lineHeight: 16 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: [
      { id: 'coverage', name: t('coverage'), type: 'bar', itemStyle: { color: '#1668dc' }, data: bars.map((b) => ({ value: b.coveragePercent ?? (b.children ? 0 : 100), itemStyle: { color: b.coveragePercent !== null && b.coveragePercent < FULL ? BAD : '#1668dc' } })) },
      { id: 'placed', name: t('placed'), type: 'bar', itemStyle: { color: '#13c2c2' }, data: bars.map((b) => ({ value: pct(b.placed, b.businesses), itemStyle: { color: b.placed < b.businesses ? BAD : '#13c2c2' } })) },
      { id: 'staffed', name: t('staffed'), type: 'bar', itemStyle: { color: GOOD }, data: bars.map((b) => ({ value: pct(b.gridsOk, b.grids), itemStyle: { color: b.gridsOk < b.grids ? BAD : GOOD } })) },
    ],
  }
  const gauge = (value: number | null, name: string): EChartsOption => ({
    series: [{
      type: 'gauge', min: 0, max: 100, radius: '95%', progress: { show: true, width: 12 },
      axisLine: { lineStyle: { width: 12 } }, axisLabel: { show: false }, splitLine: { show: false }, axisTick: { show: false }, pointer: { show: false },
      itemStyle: { color: value !== null && value >= FULL ? GOOD : BAD },
      detail: { valueAnimation: false, formatter: (v: number) => `${v.toFixed(1)}%`, fontSize: 20, offsetCenter: [0, '10%'] },
      title: { offsetCenter: [0, '55%'], fontSize: 12 },
      data: [{ value: value ?? 0, name }],
    }],
  })
  const pie = (ok: number, bad: number, okName: string, badName: string): EChartsOption => ({
    tooltip: { trigger: 'item' },
    series: [{
      type: 'pie', radius: ['45%', '75%'], label: { show: false },
      data: [{ name: okName, value: ok, itemStyle: { color: GOOD } }, { name: badName, value: bad, itemStyle: { color: BAD } }],
    }],
  })

  const goBar = (series: string | undefined, code: string) => {
    if (series === 'coverage') navigate(`/areas?code=${code}`)
    else if (series === 'placed') navigate(`/unplaced?under=${code}`)
    else navigate(`/people?tab=staffing&grid=${code}`)
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('areaCoverage')} data-testid="figure-coverage">
            <Statistic value={fmtPct(top.coveragePercent)} valueStyle={{ color: top.coveragePercent !== null && top.coveragePercent < FULL ? BAD : undefined }} />
            {top.coveragePercent !== null
              ? <EChart height={150} option={gauge(top.coveragePercent, t('coverage'))} testId="chart-coverage" onClick={() => navigate(`/areas?code=${scopeCode}`)} />
              : <Typography.Text type="secondary">{t('noChildren')}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('businessesPlaced')} data-testid="figure-placed">
            <Statistic value={`${top.placed} / ${top.businesses}`} suffix={<Typography.Text type="secondary"> ({placedPct.toFixed(1)} %)</Typography.Text>} />
            <EChart height={150} option={pie(top.placed, top.businesses - top.placed, t('placed'), t('unplaced'))} testId="chart-placed"
              onClick={(e) => e.dataIndex === 1 && navigate(`/unplaced${scopeCode ? `?under=${scopeCode}` : ''}`)} />
            {top.placed < top.businesses && <Link to={`/unplaced${scopeCode ? `?under=${scopeCode}` : ''}`} data-testid="link-unplaced">{t('toUnplaced', { count: top.businesses - top.placed })}</Link>}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('gridsStaffed')} data-testid="figure-staffed">
            <Statistic value={`${top.gridsOk} / ${top.grids}`} suffix={<Typography.Text type="secondary"> ({staffedPct.toFixed(1)} %)</Typography.Text>} />
            <EChart height={150} option={pie(top.gridsOk, top.grids - top.gridsOk, t('staffedOk'), t('staffedBad'))} testId="chart-staffed"
              onClick={() => navigate('/people?tab=staffing')} />
            {top.gridsOk < top.grids && <Link to="/people?tab=staffing" data-testid="link-staffing">{t('toStaffing', { count: top.grids - top.gridsOk })}</Link>}
          </Card>
        </Col>
      </Row>
      {bars.length > 1 && (
        <Card size="small" title={t('perArea')} extra={<Typography.Text type="secondary">{t('clickBar')}</Typography.Text>}>
          <EChart height={300} option={barOption} testId="chart-bars" onClick={(e) => bars[e.dataIndex] && goBar(e.seriesId, bars[e.dataIndex].code)} />
        </Card>
      )}
      <Card size="small" title={t('table')}>
        <DashboardTable roots={roots} />
      </Card>
    </Space>
  )
}

function DashboardTable({ roots }: { roots: DashboardRow[] }) {
  const { t } = useTranslation('coverage')
  // The top areas open, and below them every station with a bad figure, so the offending grid shows.
  const expanded = useMemo(() => {
    const bad = (r: DashboardRow) => r.gridsOk < r.grids || r.placed < r.businesses || r.overlaps + r.gaps + r.outside > 0
    return [...roots.map((r) => r.code), ...roots.flatMap((r) => (r.children ?? []).filter((s) => s.children && bad(s)).map((s) => s.code))]
  }, [roots])
  return (
    <Table<DashboardRow>
      size="small"
      rowKey="code"
      data-testid="coverage-table"
      dataSource={roots}
      pagination={false}
      expandable={{ defaultExpandedRowKeys: expanded }}
      scroll={{ y: 480 }}
      columns={[
        { title: t('area'), dataIndex: 'code', width: 220, render: (c: string, r) => <Link to={`/areas?code=${c}`}>{c} {r.name}</Link> },
        {
          title: t('coverage'), key: 'coverage', width: 220,
          render: (_, r) => {
            if (!r.children) return <Typography.Text type="secondary">—</Typography.Text>
            const problems = r.overlaps + r.gaps + r.outside
            const bad = (r.coveragePercent !== null && r.coveragePercent < FULL) || problems > 0
            const text = <>{fmtPct(r.coveragePercent)}{problems > 0 && ` · ${t('problems', { overlaps: r.overlaps, gaps: r.gaps, outside: r.outside })}`}</>
            return bad ? <Link to={`/areas?code=${r.code}`} style={{ color: BAD }} data-testid={`bad-coverage-${r.code}`}>{text}</Link> : <span>{text}</span>
          },
        },
        {
          title: t('businessesPlaced'), key: 'placed', width: 180,
          render: (_, r) => {
            const text = `${r.placed} / ${r.businesses}`
            return r.placed < r.businesses
              ? <Link to={`/unplaced?under=${r.code}`} style={{ color: BAD }} data-testid={`bad-placed-${r.code}`}>{text}</Link>
              : <span>{text}</span>
          },
        },
        {
          title: t('gridsStaffed'), key: 'staffed',
          render: (_, r) => {
            if (r.grids === 0) return <Typography.Text type="secondary">—</Typography.Text>
            const text = r.children ? `${r.gridsOk} / ${r.grids}` : (r.gridsOk ? t('ok') : r.violations.join('；'))
            return r.gridsOk < r.grids
              ? <Link to={`/people?tab=staffing&grid=${r.code}`} style={{ color: BAD }} data-testid={`bad-staffed-${r.code}`}>{text}</Link>
              : <Tag color="green">{text}</Tag>
          },
        },
      ]}
    />
  )
}
