/**
 * Following a complaint by its tracking number: the stage it is at, the stages passed, the result
 * once it is closed, and a rating of it (once).
 */
import { useState } from 'react'
import { Alert, Button, Card, Descriptions, Form, Input, Rate, Space, Steps, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, ApiError, unwrap } from '../lib/api/client'
import type { paths } from '../lib/api/schema'
import { formatDateTime } from '../../src/shared/dates.ts'

export type PublicCase = paths['/api/public/complaints/{trackingNo}']['get']['responses']['200']['content']['application/json']

const STAGES = ['received', 'verifying', 'handling', 'closed'] as const

export default function TrackView({ initial }: { initial?: string }) {
  const { t, i18n } = useTranslation('portal')
  const zh = i18n.language !== 'en'
  const [no, setNo] = useState(initial ?? '')
  const [found, setFound] = useState<PublicCase | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')

  async function search(value = no) {
    setError(null)
    setLoading(true)
    try {
      setFound(await unwrap(api.GET('/api/public/complaints/{trackingNo}', { params: { path: { trackingNo: value.trim().toUpperCase() } } })))
    } catch (err) {
      setFound(null)
      setError(err instanceof ApiError ? err.message : String(err))
    } finally {
      setLoading(false)
    }
  }

  async function rate() {
    if (!found) return
    try {
      setFound(await unwrap(api.POST('/api/public/complaints/{trackingNo}/rating', {
        params: { path: { trackingNo: found.trackingNo } }, body: { rating, comment: comment.trim() || undefined },
      })))
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    }
  }

  const label = (l: { zh: string; en: string }) => (zh ? l.zh : l.en)
  const current = !found ? 0 : found.stage === 'closed' ? STAGES.length : found.stage === 'dismissed' ? 1 : STAGES.indexOf(found.stage as (typeof STAGES)[number])
  const when = (iso: string) => formatDateTime(iso, zh ? 'zh-CN' : 'en')

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={no} onChange={(e) => setNo(e.target.value)} placeholder={t('track.placeholder')} onPressEnter={() => void search()}
          data-testid="track-input" maxLength={40}
        />
        <Button type="primary" onClick={() => void search()} loading={loading} data-testid="track-search">{t('track.search')}</Button>
      </Space.Compact>
      {error && <Alert type="error" showIcon message={error} data-testid="track-error" />}
      {found && (
        <Card data-testid="track-result" title={<span>{found.trackingNo} · <Typography.Text type={found.stage === 'closed' ? 'success' : undefined}>{label(found.stageLabel)}</Typography.Text></span>}>
          {found.followingTrackingNo && <Alert type="info" showIcon message={t('track.following', { no: found.followingTrackingNo })} style={{ marginBottom: 12 }} />}
          <Steps
            direction="vertical" size="small" current={current} status={found.stage === 'dismissed' ? 'error' : undefined}
            items={found.stage === 'dismissed'
              ? found.history.map((h) => ({ title: label(h.label), description: when(h.at) }))
              : STAGES.map((s) => {
                const passed = found.history.find((h) => h.stage === s)
                return { title: passed ? label(passed.label) : s === 'closed' ? (zh ? '已办结' : 'Closed') : s === 'handling' ? (zh ? '处理中' : 'Being handled') : s === 'verifying' ? (zh ? '核查中' : 'Being verified') : (zh ? '已受理' : 'Received'), description: passed ? when(passed.at) : undefined }
              })}
          />
          <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('track.category')}>{label(found.category)}</Descriptions.Item>
            <Descriptions.Item label={t('track.filedAt')}>{when(found.filedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('track.updatedAt')}>{when(found.updatedAt)}</Descriptions.Item>
            {found.result && <Descriptions.Item label={t('track.result')}><span data-testid="track-outcome">{found.result}</span></Descriptions.Item>}
          </Descriptions>
          {found.canRate && (
            <Form layout="vertical" style={{ marginTop: 12 }}>
              <Form.Item label={t('track.rate')}><Rate value={rating} onChange={setRating} data-testid="track-rate" /></Form.Item>
              <Form.Item label={t('track.rateComment')}><Input.TextArea rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} /></Form.Item>
              <Button type="primary" disabled={rating === 0} onClick={() => void rate()} data-testid="track-rate-submit">{t('track.rateSubmit')}</Button>
            </Form>
          )}
          {found.rating !== null && <Alert type="success" showIcon message={t('track.rated', { rating: found.rating })} style={{ marginTop: 12 }} data-testid="track-rated" />}
        </Card>
      )}
    </Space>
  )
}
