/**
 * The businesses of the user's own grids on the phone: a searchable list, and one business as its
 * QR plate opens it (`/field/b/<USCC>`), from what the phone keeps (web/field/store.ts), so that
 * both work in a market hall with no signal. A business the phone does not keep (another grid) is
 * looked up on the server when there is a signal. The business is shown on the in-app map
 * (FieldMap.tsx, works with no signal), or navigation hands the place to the phone's map app
 * (AMap's web address, which opens the app when it is installed), in GCJ-02 as Chinese maps expect.
 */
import { useEffect, useMemo, useState } from 'react'
import { Button, Card, Descriptions, Empty, Input, List, Space, Tag, Typography } from 'antd'
import { AimOutlined, ArrowLeftOutlined, EditOutlined, EnvironmentOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import gcoord from 'gcoord'
import { api, unwrap } from '../lib/api/client'
import { store, type Business, type Task } from './store'
import { CorrectionForm } from './Corrections'

const STATE_COLOR: Record<string, string> = { operating: 'green', suspended: 'orange', closed: 'default', deregistered: 'red' }
const RISK_COLOR: Record<string, string> = { high: 'red', higher: 'orange', general: 'blue', low: 'green' }
const SHOWN = 200

/** AMap's marker page for the business: opens the AMap app where installed, its web map elsewhere. */
function navigationUrl(b: Pick<Business, 'name' | 'location'>): string | null {
  if (!b.location) return null
  const [lng, lat] = gcoord.transform([b.location.lng, b.location.lat], gcoord.WGS84, gcoord.GCJ02)
  const q = new URLSearchParams({ position: `${lng.toFixed(6)},${lat.toFixed(6)}`, name: b.name, coordinate: 'gaode', callnative: '1' })
  return `https://uri.amap.com/marker?${q}`
}

/** A business's address as the door shows it. */
const addressOf = (b: Business) => b.actualAddress || b.registeredAddress

export function BusinessList({ onOpen }: { onOpen: (b: Business) => void }) {
  const { t } = useTranslation('field')
  const [all, setAll] = useState<Business[]>([])
  const [q, setQ] = useState('')
  useEffect(() => { void store.businesses.toArray().then((list) => setAll(list.sort((a, b) => addressOf(a).localeCompare(addressOf(b), 'zh-CN')))) }, [])
  const term = q.trim().toUpperCase()
  const found = useMemo(() => (term
    ? all.filter((b) => b.name.toUpperCase().includes(term) || b.uscc.startsWith(term) || addressOf(b).toUpperCase().includes(term))
    : all), [all, term])
  return (
    <Card size="small" title={t('businesses.title', { count: all.length })} data-testid="field-businesses">
      <Input.Search allowClear placeholder={t('businesses.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 8 }} />
      {found.length === 0
        ? <Empty description={all.length ? t('businesses.noneFound') : t('businesses.none')} />
        : (
          <List<Business> rowKey="id" dataSource={found.slice(0, SHOWN)} split
            footer={found.length > SHOWN ? t('businesses.more', { count: found.length - SHOWN }) : undefined}
            renderItem={(b) => (
              <List.Item onClick={() => onOpen(b)} style={{ cursor: 'pointer' }} data-testid="field-business">
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong style={{ display: 'block' }}>{b.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>{addressOf(b)}</Typography.Text>
                </div>
              </List.Item>
            )} />
        )}
    </Card>
  )
}

type Lookup = { state: 'loading' } | { state: 'found'; business: Business; kept: boolean } | { state: 'missing'; offline: boolean }

/** One business by its USCC: from the phone, else from the server when there is a signal. */
function useBusiness(uscc: string, online: boolean): Lookup {
  const [lookup, setLookup] = useState<Lookup>({ state: 'loading' })
  useEffect(() => {
    let live = true
    void (async () => {
      const kept = await store.businesses.where('uscc').equals(uscc).first()
      if (kept) return live && setLookup({ state: 'found', business: kept, kept: true })
      if (!online) return live && setLookup({ state: 'missing', offline: true })
      try {
        const page = await unwrap(api.GET('/api/businesses', { params: { query: { q: uscc, limit: 1 } } }))
        const hit = page.items.find((b) => b.uscc === uscc)
        if (live) setLookup(hit ? { state: 'found', business: hit as Business, kept: false } : { state: 'missing', offline: false })
      } catch {
        if (live) setLookup({ state: 'missing', offline: !navigator.onLine })
      }
    })()
    return () => { live = false }
  }, [uscc, online])
  return lookup
}

export function BusinessPage({ uscc, online, tasks, canCorrect, pendingCorrections, onBack, onOpenTask, onCorrected, onShowOnMap }: {
  uscc: string
  online: boolean
  tasks: Task[]
  /** the user may correct a business (business.write): a grid head, not a grid worker */
  canCorrect: boolean
  /** ids of businesses with a correction waiting to be sent */
  pendingCorrections: Set<number>
  onBack: () => void
  onOpenTask: (task: Task) => void
  onCorrected: () => void
  /** opens the in-app map centred on the business */
  onShowOnMap: (b: Business) => void
}) {
  const { t, i18n } = useTranslation('field')
  const { t: tb } = useTranslation('businesses')
  const { t: tc } = useTranslation('common')
  const lookup = useBusiness(uscc, online)
  const [correcting, setCorrecting] = useState(false)
  const back = <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={t('businesses.back')} />
  if (lookup.state === 'loading') return null
  if (lookup.state === 'missing') {
    return (
      <Card size="small" title={<Space>{back}{uscc}</Space>} data-testid="field-business-view">
        <Empty description={lookup.offline ? t('businesses.notKeptOffline') : t('businesses.notFound')} />
      </Card>
    )
  }
  const b = lookup.business
  const own = tasks.filter((task) => task.business?.id === b.id)
  const nav = navigationUrl(b)
  return (
    <Card size="small" data-testid="field-business-view" title={<Space>{back}<span style={{ whiteSpace: 'normal' }}>{b.name}</span></Space>}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={STATE_COLOR[b.operatingState]}>{tb(`state.${b.operatingState}`)}</Tag>
        <Tag color={RISK_COLOR[b.riskClass]}>{tc(`risk.${b.riskClass}`)}</Tag>
        {!lookup.kept && <Tag>{t('businesses.notKept')}</Tag>}
        {pendingCorrections.has(b.id) && <Tag color="orange" data-testid="field-correction-pending">{t('correct.pending')}</Tag>}
      </Space>
      {correcting && (
        <CorrectionForm business={b} onDone={(saved) => {
          setCorrecting(false)
          if (saved) onCorrected()
        }} />
      )}
      <Descriptions size="small" column={1} layout="vertical" colon={false}>
        <Descriptions.Item label={tb('col.uscc')}><span data-testid="field-business-uscc">{b.uscc}</span></Descriptions.Item>
        <Descriptions.Item label={tb('field.registeredAddress')}>{b.registeredAddress}</Descriptions.Item>
        {b.actualAddress && b.actualAddress !== b.registeredAddress && <Descriptions.Item label={tb('field.actualAddress')}>{b.actualAddress}</Descriptions.Item>}
        {b.industry && <Descriptions.Item label={tb('col.industry')}>{b.industry}</Descriptions.Item>}
        {b.licences.length > 0 && (
          <Descriptions.Item label={tb('field.licences')}>
            {b.licences.map((l, i) => <div key={i}>{l.type} {l.number}{l.validTo ? ` · ${tb('field.validTo')} ${l.validTo}` : ''}</div>)}
          </Descriptions.Item>
        )}
        {b.legalRepresentative && <Descriptions.Item label={tb('field.legalRepresentative')}>{b.legalRepresentative}</Descriptions.Item>}
        {b.contactPhone && <Descriptions.Item label={tb('field.contactPhone')}>{b.contactPhone}</Descriptions.Item>}
        <Descriptions.Item label={tb('col.grid')}>{b.gridCode ?? '—'}</Descriptions.Item>
      </Descriptions>
      {canCorrect && lookup.kept && !correcting && (
        <Button block icon={<EditOutlined />} onClick={() => setCorrecting(true)} style={{ marginBottom: 8 }} data-testid="field-correct">{t('correct.open')}</Button>
      )}
      {b.location && (
        <Button block icon={<AimOutlined />} onClick={() => onShowOnMap(b)} style={{ marginBottom: 8 }} data-testid="field-show-on-map">{t('businesses.showOnMap')}</Button>
      )}
      {nav
        ? <Button block icon={<EnvironmentOutlined />} href={nav} target="_blank" rel="noopener noreferrer" style={{ marginBottom: 12 }}>{t('businesses.navigate')}</Button>
        : <Typography.Paragraph type="secondary">{t('businesses.noLocation')}</Typography.Paragraph>}
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>{t('businesses.tasks')}</Typography.Text>
      {own.length === 0
        ? <Typography.Text type="secondary">{t('businesses.noTasks')}</Typography.Text>
        : (
          <List<Task> rowKey="id" dataSource={own} size="small"
            renderItem={(task) => (
              <List.Item onClick={() => onOpenTask(task)} style={{ cursor: 'pointer' }} data-testid="field-business-task">
                {task.itemName[i18n.language === 'en' ? 'en' : 'zh']}
              </List.Item>
            )} />
        )}
    </Card>
  )
}
