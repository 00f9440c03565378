/**
 * The grid card (and the same card for a station or district): code, name, area, people by role
 * with staffing-rule violations flagged, business count and coverage.
 */
import { useQuery } from '@tanstack/react-query'
import { Alert, Descriptions, Space, Spin, Tag, Typography } from 'antd'
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import type { ApiError } from '../../lib/api/client'
import { useSession } from '../../lib/session'
import { fetchArea, fetchCoverage, fetchGridPeople, fetchStaffing, mapPageKeys, type AreaSummary, type Coverage, type Person } from './queries'

const ROLE_ORDER = ['grid_head', 'grid_manager', 'informant', 'overseer', 'station_chief', 'district_chief', 'command_operator', 'credit_officer', 'department_liaison', 'administrator']

function fmt(n: number, digits = 0) {
  return n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

export function isGrid(a: Pick<AreaSummary, 'levelName' | 'childCount'> | undefined): boolean {
  return !!a && (a.levelName?.key === 'grid')
}

function PeopleByRole({ code, people }: { code: string; people: Person[] }) {
  const { t } = useTranslation('map')
  const byRole = new Map<string, Person[]>()
  for (const p of people) {
    for (const r of p.roles) {
      if (r.areaCode !== code) continue
      byRole.set(r.role, [...(byRole.get(r.role) ?? []), p])
    }
  }
  const roles = [...byRole.keys()].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b))
  if (!roles.length) return <Typography.Text type="secondary">{t('card.noPeople')}</Typography.Text>
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="card-people">
      {roles.map((role) => (
        <div key={role}>
          <Typography.Text strong>{t(`roles.${role}`, { defaultValue: role })}</Typography.Text>
          <Typography.Text type="secondary"> ({byRole.get(role)!.length})</Typography.Text>
          <div>
            {byRole.get(role)!.map((p) => (
              <Tag key={p.id} color={p.onDuty ? undefined : 'default'} style={{ marginTop: 2 }}>
                {p.name}{p.onDuty ? '' : ` · ${t('card.offDuty')}`}
              </Tag>
            ))}
          </div>
        </div>
      ))}
    </Space>
  )
}

/** A grid's coverage as its parent's check sees it: overlaps with siblings, parts outside the parent. */
function GridCoverage({ code, parent }: { code: string; parent: Coverage | null | undefined }) {
  const { t } = useTranslation('map')
  if (!parent) return <Typography.Text type="secondary">{t('card.coverageUnknown')}</Typography.Text>
  const overlaps = parent.overlaps.filter((o) => o.codes.includes(code))
  const outside = parent.outside.filter((o) => o.code === code)
  if (!overlaps.length && !outside.length) {
    return <Typography.Text type="success" data-testid="card-coverage"><CheckCircleOutlined /> {t('card.coverageOk')}</Typography.Text>
  }
  return (
    <Space direction="vertical" size={2} data-testid="card-coverage">
      {overlaps.map((o, i) => (
        <Typography.Text key={`o${i}`} type="danger"><WarningOutlined /> {t('card.overlapWith', { codes: o.codes.filter((c) => c !== code).join(', '), area: fmt(o.areaM2) })}</Typography.Text>
      ))}
      {outside.map((o, i) => (
        <Typography.Text key={`x${i}`} type="danger"><WarningOutlined /> {t('card.outsideParent', { area: fmt(o.areaM2) })}</Typography.Text>
      ))}
    </Space>
  )
}

function ChildCoverage({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation('map')
  const bad = coverage.overlaps.length + coverage.gaps.length + coverage.outside.length
  return (
    <Space direction="vertical" size={2} data-testid="card-coverage">
      <span>{t('card.children', { count: coverage.childCount })}</span>
      {coverage.coveragePercent !== null && (
        <Typography.Text type={coverage.coveragePercent < 99.99 ? 'danger' : undefined}>{t('card.coveragePercent', { value: fmt(coverage.coveragePercent, 2) })}</Typography.Text>
      )}
      {bad === 0
        ? <Typography.Text type="success"><CheckCircleOutlined /> {t('problems.none')}</Typography.Text>
        : <Typography.Text type="danger"><WarningOutlined /> {t('problems.summary', { overlaps: coverage.overlaps.length, gaps: coverage.gaps.length, outside: coverage.outside.length })}</Typography.Text>}
    </Space>
  )
}

export function AreaCard({ code, areas }: { code: string; areas: Map<string, AreaSummary> }) {
  const { t, i18n } = useTranslation('map')
  const { can } = useSession()
  const summary = areas.get(code)
  const grid = isGrid(summary)
  const parentCode = summary?.parentCode ?? null
  const parentVisible = !!parentCode && areas.has(parentCode)

  const area = useQuery({ queryKey: mapPageKeys.area(code), queryFn: () => fetchArea(code) })
  const people = useQuery({ queryKey: mapPageKeys.people(code), queryFn: () => fetchGridPeople(code), enabled: can('person.read') })
  const staffing = useQuery({ queryKey: mapPageKeys.staffing(code), queryFn: () => fetchStaffing(code), enabled: grid && can('person.read') })
  // A grid's coverage is read off its parent's check; a station's or district's is its own.
  const coverageOf = grid ? (parentVisible ? parentCode! : null) : code
  const coverage = useQuery({ queryKey: mapPageKeys.coverage(coverageOf ?? ''), queryFn: () => fetchCoverage(coverageOf!), enabled: !!coverageOf })

  if (area.isLoading) return <Spin style={{ display: 'block', margin: '20vh auto' }} />
  if (area.error) return <Alert type="error" showIcon message={t('loadFailed', { message: (area.error as ApiError).message })} />
  const a = area.data!
  const levelName = a.levelName ? (i18n.language === 'en' ? a.levelName.en : a.levelName.zh) : String(a.level)
  const parentName = parentCode ? `${parentCode} ${areas.get(parentCode)?.name ?? ''}`.trim() : '—'
  const gridStaffing = staffing.data?.grids.find((g) => g.code === code)
  const violations = gridStaffing?.violations ?? []

  return (
    <div data-testid="area-card" data-code={code}>
      <Descriptions column={1} size="small" bordered labelStyle={{ width: 120 }}>
        <Descriptions.Item label={t('card.code')}><span data-testid="card-code">{a.code}</span></Descriptions.Item>
        <Descriptions.Item label={t('card.name')}>{a.name}</Descriptions.Item>
        <Descriptions.Item label={t('card.level')}>{levelName}</Descriptions.Item>
        <Descriptions.Item label={t('card.parent')}>{parentName}</Descriptions.Item>
        <Descriptions.Item label={t('card.area')}>{a.areaKm2 === null ? '—' : t('card.km2', { value: fmt(a.areaKm2, 2) })}</Descriptions.Item>
        <Descriptions.Item label={t('card.businesses')}>
          <Space>
            <span data-testid="card-business-count">{fmt(a.businessCount)}</span>
            {can('business.read') && <Link to={`/businesses?${grid ? 'gridCode' : 'under'}=${code}`}>{t('card.showBusinesses')}</Link>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('card.coverage')}>
          {coverage.isLoading && coverageOf ? <Spin size="small" /> : grid ? <GridCoverage code={code} parent={coverage.data} /> : coverage.data ? <ChildCoverage coverage={coverage.data} /> : '—'}
        </Descriptions.Item>
      </Descriptions>
      {can('person.read') && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('card.people')}</Typography.Title>
          {people.isLoading ? <Spin size="small" /> : <PeopleByRole code={code} people={people.data ?? []} />}
          {grid && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t('card.staffing')}</Typography.Title>
              {staffing.isLoading ? <Spin size="small" /> : violations.length === 0
                ? <Typography.Text type="success" data-testid="card-staffing"><CheckCircleOutlined /> {t('card.staffingOk')}</Typography.Text>
                : (
                  <Space direction="vertical" style={{ width: '100%' }} data-testid="card-staffing">
                    {violations.map((v) => (
                      <Alert key={v.code} type="error" showIcon
                        message={i18n.language === 'en' ? v.en : v.zh}
                        description={v.people.length ? v.people.map((p) => p.name).join('、') : undefined} />
                    ))}
                  </Space>
                )}
            </>
          )}
        </>
      )}
    </div>
  )
}
