/**
 * One business: every field as the server sends it (personal data masked unless the user may read
 * it; an unmasked view is audited by the server), its location on a mini-map and its grid; an
 * editor for users with business.write.
 */
import { useState } from 'react'
import { platesHref } from './queries'
import { Alert, Button, Descriptions, Drawer, Empty, Skeleton, Space, Tag, Typography } from 'antd'
import { EditOutlined, QrcodeOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { App } from 'antd'
import { useSession } from '../../lib/session'
import { MiniMap } from '../../lib/map'
import { BusinessForm } from './BusinessForm'
import { fetchOne, keys, RISK_COLOURS, type Business } from './queries'
import { formatDateTime } from '../../../src/shared/dates.ts'

export function GridTag({ b }: { b: Pick<Business, 'gridCode' | 'unplacedReason'> }) {
  const { t } = useTranslation('businesses')
  if (b.gridCode) return <Tag color="blue">{b.gridCode}</Tag>
  return <Tag color="warning">{b.unplacedReason ? t(`reason.${b.unplacedReason}`) : t('placed.no')}</Tag>
}

export function RiskTag({ risk }: { risk: string }) {
  const { t } = useTranslation('businesses')
  return <Tag color={RISK_COLOURS[risk]}>{t(`common:risk.${risk}`)}</Tag>
}

export function BusinessDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('businesses')
  const { can } = useSession()
  const { message } = App.useApp()
  const queries = useQueryClient()
  const [editing, setEditing] = useState(false)
  const q = useQuery({ queryKey: keys.one(id ?? 0), queryFn: () => fetchOne(id!), enabled: id !== null })
  const b = q.data
  const when = (s: string) => formatDateTime(s, i18n.language)
  const none = <Typography.Text type="secondary">{t('common:none')}</Typography.Text>

  function close() {
    setEditing(false)
    onClose()
  }

  function saved(nb: Business) {
    queries.setQueryData(keys.one(nb.id), nb)
    void queries.invalidateQueries({ queryKey: keys.all, predicate: (query) => query.queryKey[1] !== 'one' })
    setEditing(false)
    void message.success(`${t('saved')} · ${nb.gridCode ? t('placedIn', { grid: nb.gridCode }) : t('unplacedAs', { reason: t(`reason.${nb.unplacedReason ?? 'noLocation'}`) })}`)
  }

  return (
    <Drawer
      open={id !== null}
      onClose={close}
      width={720}
      title={b ? (editing ? t('editBusiness') : b.name) : t('common:detail')}
      destroyOnHidden
      extra={b && !editing && (
        <Space wrap>
          {b.gridCode && <Button icon={<QrcodeOutlined />} href={platesHref(b.gridCode, b.uscc)} download data-testid="business-plate">{t('plates.one')}</Button>}
          {can('business.write') && <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="business-edit">{t('common:edit')}</Button>}
        </Space>
      )}
      data-testid="business-drawer"
    >
      {q.isLoading && <Skeleton active />}
      {q.error && <Alert type="error" showIcon message={t('loadFailed', { message: q.error.message })} />}
      {b && editing && <BusinessForm business={b} onDone={saved} onCancel={() => setEditing(false)} />}
      {b && !editing && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {b.personalMasked && <Alert type="info" showIcon message={t('masked')} />}
          {b.usccWarnings.includes('orgCodeCheck') && <Alert type="warning" showIcon message={t('usccOrgCodeDoubt')} data-testid="uscc-warning" />}
          <Descriptions bordered size="small" column={2} data-testid="business-detail">
            <Descriptions.Item label={t('col.name')} span={2}>{b.name}</Descriptions.Item>
            <Descriptions.Item label={t('col.uscc')} span={2}><Typography.Text copyable style={{ fontFamily: 'monospace' }}>{b.uscc}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('col.kind')}>{t(`kind.${b.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('col.industry')}>{b.industry ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('col.grid')}><GridTag b={b} /></Descriptions.Item>
            <Descriptions.Item label={t('field.areaCode')}>{b.areaCode}</Descriptions.Item>
            <Descriptions.Item label={t('col.riskClass')}><RiskTag risk={b.riskClass} /></Descriptions.Item>
            <Descriptions.Item label={t('col.operatingState')}>{t(`state.${b.operatingState}`)}</Descriptions.Item>
            <Descriptions.Item label={t('field.registeredAddress')} span={2}>{b.registeredAddress}</Descriptions.Item>
            <Descriptions.Item label={t('field.actualAddress')} span={2}>{b.actualAddress ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('field.legalRepresentative')}>{b.legalRepresentative ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('field.contactPhone')}>{b.contactPhone ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('field.keyDomains')} span={2}>
              {b.keyDomains.length ? b.keyDomains.map((d) => <Tag key={d}>{t(`domain.${d}`)}</Tag>) : none}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.licences')} span={2}>
              {b.licences.length
                ? <Space direction="vertical" size={0}>{b.licences.map((l, i) => (
                    <span key={i}>{l.type} · {l.number}{l.validFrom || l.validTo ? ` (${l.validFrom ?? '…'} – ${l.validTo ?? '…'})` : ''}</span>
                  ))}</Space>
                : none}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.location')} span={2}>
              {b.location ? `${b.location.lng.toFixed(6)}, ${b.location.lat.toFixed(6)}` : none}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.createdAt')}>{when(b.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('field.updatedAt')}>{when(b.updatedAt)}</Descriptions.Item>
          </Descriptions>
          {b.location ? <MiniMap point={b.location} height={240} /> : <Empty description={t('noLocation')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        </Space>
      )}
    </Drawer>
  )
}
