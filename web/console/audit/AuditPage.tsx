import { useCallback, useEffect, useState } from 'react'
import type { Dayjs } from 'dayjs'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, unwrap, type Schemas } from '../../lib/api/client'
import { useUrlState } from '../../lib/url-state'
import { KeysetPager, useKeyset, useLocalPages } from '../../lib/Pager'
import { formatDateTime, fromShanghaiWallClock, toShanghaiWallClock } from '../../../src/shared/dates.ts'

type AuditEvent = Schemas['/api/audit-events']['get']['responses']['200']['content']['application/json'][number]
type VerifyResult = Schemas['/api/audit-events/verify']['get']['responses']['200']['content']['application/json']
type CheckpointView = Schemas['/api/audit-events/checkpoints']['get']['responses']['200']['content']['application/json'][number]
interface Filters { action?: string; username?: string; objectType?: string; objectId?: string; result?: 'ok' | 'denied' | 'failed'; from?: string; to?: string }

const PAGE = 50
const FILTER_KEYS = ['username', 'action', 'objectType', 'objectId', 'result', 'from', 'to'] as const

/** Download a JSON value as a file (the receipt). */
function download(name: string, value: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  URL.revokeObjectURL(url)
}

/** The audit administrator's page: the log (filter, page), verification, checkpoints, receipt, export. */
export default function AuditPage() {
  const { t, i18n } = useTranslation('audit')
  // Filters in the URL (issue 13 §5): a filtered log survives a reload and can be sent on.
  const [url, setUrl] = useUrlState(FILTER_KEYS)
  const filters = url as Filters
  const filterKey = JSON.stringify(filters)
  const keyset = useKeyset<number | undefined>(filterKey, undefined, PAGE)
  const [verify, setVerify] = useState<VerifyResult | null>(null)
  const [verifying, setVerifying] = useState(false)
  const [checkpoints, setCheckpoints] = useState<CheckpointView[]>([])
  const checkpointPages = useLocalPages(checkpoints, 10)

  const list = useQuery({
    queryKey: ['audit', 'events', filterKey, keyset.after, keyset.size],
    queryFn: () => unwrap(api.GET('/api/audit-events', { params: { query: { ...filters, limit: keyset.size, ...(keyset.after ? { afterId: keyset.after } : {}) } } })),
    placeholderData: keepPreviousData,
  })
  const events = list.data ?? []
  // A full page may have a next one; the key of the next page is the last id shown.
  const next = events.length === keyset.size ? events[events.length - 1]?.id : null
  const loadCheckpoints = useCallback(async () => setCheckpoints(await unwrap(api.GET('/api/audit-events/checkpoints'))), [])
  useEffect(() => { void loadCheckpoints() }, [loadCheckpoints])

  function search(values: { action?: string; username?: string; objectType?: string; objectId?: string; result?: Filters['result']; range?: [Dayjs, Dayjs] | null }) {
    const { range, ...rest } = values
    // The range is picked on Shanghai's clock, whatever the browser's zone.
    setUrl({ ...rest, from: range ? fromShanghaiWallClock(range[0]) : undefined, to: range ? fromShanghaiWallClock(range[1]) : undefined })
  }

  async function runVerify() {
    setVerifying(true)
    try { setVerify(await unwrap(api.GET('/api/audit-events/verify'))) } finally { setVerifying(false) }
  }

  const exportQuery = new URLSearchParams({ ...(filters as Record<string, string>), lang: i18n.language === 'en' ? 'en' : 'zh-CN' })

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('verify')} extra={
        <Space>
          <Button type="primary" loading={verifying} onClick={runVerify} data-testid="audit-verify">{t('verify')}</Button>
          <Button onClick={async () => { const r = await unwrap(api.GET('/api/audit-events/receipt')); download(`audit-receipt-${r.eventId}.json`, r) }} data-testid="audit-receipt">{t('receipt')}</Button>
        </Space>
      }>
        {verifying && <Typography.Text>{t('verifying')}</Typography.Text>}
        {verify && (
          <div data-testid="audit-verify-result">
            {verify.ok
              ? <Alert type="success" showIcon message={t('intact', { checked: verify.checked, keyed: verify.keyed, legacy: verify.unkeyedLegacy })} />
              : <Alert type="error" showIcon message={t('broken')} description={
                <ul>
                  {verify.breaks.map((b) => <li key={`${b.fromId}-${b.reason}`}>{t('breakRange', { from: b.fromId, to: b.toId, reason: t(`reasons.${b.reason}`) })}</li>)}
                  {verify.checkpoints?.problems.map((p, i) => <li key={`cp${i}`}>{'eventId' in p ? `${t('eventId')} ${p.eventId}: ` : ''}{t(`reasons.${p.reason}`)}</li>)}
                  {verify.checkpoints?.missingTails.map((m) => <li key={`tail${m.chain}`}>{t('missingTail', { chain: m.chain, at: m.checkpointWrittenAt, upTo: m.missingUpToId, last: m.lastPresentId ?? '-' })}</li>)}
                </ul>
              } />}
          </div>
        )}
      </Card>

      <Card title={t('events')} extra={<Button href={`/api/audit-events/export?${exportQuery}`} download>{t('export')}</Button>}>
        <Form layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 8 }} data-testid="audit-filters"
          initialValues={{ ...url, range: url.from && url.to ? [toShanghaiWallClock(url.from), toShanghaiWallClock(url.to)] : undefined }}>
          <Form.Item name="username" label={t('user')}><Input allowClear style={{ width: 140 }} /></Form.Item>
          <Form.Item name="action" label={t('action')}><Input allowClear style={{ width: 180 }} /></Form.Item>
          <Form.Item name="objectType" label={t('object')}><Input allowClear style={{ width: 120 }} /></Form.Item>
          <Form.Item name="objectId"><Input allowClear style={{ width: 100 }} placeholder="ID" /></Form.Item>
          <Form.Item name="result" label={t('result')}>
            <Select allowClear style={{ width: 100 }} options={(['ok', 'denied', 'failed'] as const).map((r) => ({ value: r, label: t(`results.${r}`) }))} />
          </Form.Item>
          <Form.Item name="range"><DatePicker.RangePicker showTime /></Form.Item>
          <Button type="primary" htmlType="submit" data-testid="audit-search">{t('search')}</Button>
        </Form>
        <Table<AuditEvent>
          rowKey="id" size="small" dataSource={events} loading={list.isFetching} pagination={false} data-testid="audit-events"
          expandable={{ expandedRowRender: (e) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify({ details: e.details, ip: e.ip, areaCode: e.areaCode, hash: e.hash, keyId: e.keyId }, null, 2)}</pre> }}
          columns={[
            { title: 'ID', dataIndex: 'id', width: 80 },
            { title: t('time'), dataIndex: 'at', render: (at: string) => formatDateTime(at, i18n.language) },
            { title: t('user'), dataIndex: 'username' },
            { title: t('action'), dataIndex: 'action' },
            { title: t('object'), render: (_: unknown, e) => [e.objectType, e.objectId].filter(Boolean).join(' ') },
            { title: t('result'), dataIndex: 'result', render: (r: string) => <Tag color={r === 'ok' ? 'green' : 'red'}>{t(`results.${r}`)}</Tag> },
          ]}
        />
        <KeysetPager keyset={keyset} next={next} loading={list.isFetching} />
      </Card>

      <Card title={t('checkpoints')} extra={<Button onClick={async () => { await unwrap(api.POST('/api/audit-events/checkpoints')); await loadCheckpoints() }}>{t('createCheckpoint')}</Button>}>
        <Table<CheckpointView>
          rowKey={(c) => `${c.eventId}-${c.writtenAt}`} size="small" dataSource={checkpointPages.rows} pagination={false} footer={checkpointPages.bar ? () => checkpointPages.bar : undefined} locale={{ emptyText: t('noCheckpoints') }}
          columns={[
            { title: t('eventId'), dataIndex: 'eventId' },
            { title: t('writtenAt'), dataIndex: 'writtenAt', render: (at: string) => formatDateTime(at, i18n.language) },
            { title: 'hash', dataIndex: 'hash', render: (h: string) => <Typography.Text code>{h.slice(0, 16)}…</Typography.Text> },
            { title: t('signature'), dataIndex: 'signatureValid', render: (v: boolean) => <Tag color={v ? 'green' : 'red'}>{v ? t('valid') : t('invalid')}</Tag> },
          ]}
        />
      </Card>
    </Space>
  )
}
