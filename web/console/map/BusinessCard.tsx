/**
 * A business's record as the map shows it on click: name, USCC, address, risk class and grid.
 */
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Descriptions, Spin, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ApiError } from '../../lib/api/client'
import { RISK_COLOURS } from '../../lib/map'
import { fetchBusiness, mapPageKeys, type AreaSummary } from './queries'

export function BusinessCard({ id, areas, onGrid }: { id: number; areas: Map<string, AreaSummary>; onGrid: (code: string) => void }) {
  const { t } = useTranslation('map')
  const { t: tc } = useTranslation('common')
  const q = useQuery({ queryKey: mapPageKeys.business(id), queryFn: () => fetchBusiness(id) })
  if (q.isLoading) return <Spin style={{ display: 'block', margin: '20vh auto' }} />
  if (q.error) return <Alert type="error" showIcon message={t('loadFailed', { message: (q.error as ApiError).message })} />
  const b = q.data!
  const risk = b.riskClass as keyof typeof RISK_COLOURS
  return (
    <div data-testid="business-card" data-id={b.id}>
      <Descriptions column={1} size="small" bordered labelStyle={{ width: 120 }}>
        <Descriptions.Item label={t('business.name')}><span data-testid="business-name">{b.name}</span></Descriptions.Item>
        <Descriptions.Item label={t('business.uscc')}><span data-testid="business-uscc">{b.uscc}</span></Descriptions.Item>
        <Descriptions.Item label={t('business.kind')}>{t(`business.kinds.${b.kind}`, { defaultValue: b.kind })}</Descriptions.Item>
        <Descriptions.Item label={t('business.address')}>{b.actualAddress ?? b.registeredAddress}</Descriptions.Item>
        {b.actualAddress && b.actualAddress !== b.registeredAddress && (
          <Descriptions.Item label={t('business.registeredAddress')}>{b.registeredAddress}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('business.risk')}>
          <Tag color={RISK_COLOURS[risk] ?? 'default'}>{tc(`risk.${b.riskClass}`, { defaultValue: b.riskClass })}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('business.grid')}>
          {b.gridCode
            ? <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onGrid(b.gridCode!)} data-testid="business-grid">{b.gridCode} {areas.get(b.gridCode)?.name ?? ''}</Button>
            : <Tag color="magenta">{t('business.unplaced')}{b.unplacedReason ? ` · ${t(`business.reasons.${b.unplacedReason}`)}` : ''}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('business.state')}>{t(`business.states.${b.operatingState}`, { defaultValue: b.operatingState })}</Descriptions.Item>
        {b.industry && <Descriptions.Item label={t('business.industry')}>{b.industry}</Descriptions.Item>}
      </Descriptions>
    </div>
  )
}
