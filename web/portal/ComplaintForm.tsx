/**
 * Filing a complaint without an account (M9.1): kind, description, the place on the map, photos and
 * optional contact details. One Idempotency-Key per filled form: a double click or a retry over a
 * poor connection files one complaint.
 */
import { useMemo, useState } from 'react'
import { Alert, Button, Form, Input, Select, Space, Typography, Upload, type UploadFile } from 'antd'
import { AimOutlined, PlusOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, ApiError, unwrap } from '../lib/api/client'
import type { Basemap } from '../lib/map/basemap'
import PortalMap from './PortalMap'
import type { PublicCase } from './TrackView'

interface Values {
  categoryCode: string
  description: string
  address?: string
  name?: string
  phone?: string
}

export default function ComplaintForm({ onFiled }: { onFiled: (c: PublicCase) => void }) {
  const { t, i18n } = useTranslation('portal')
  const [form] = Form.useForm<Values>()
  const [point, setPoint] = useState<{ lng: number; lat: number } | null>(null)
  const [photos, setPhotos] = useState<UploadFile[]>([])
  const [locating, setLocating] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [])
  const categories = useQuery({ queryKey: ['public', 'categories'], queryFn: () => unwrap(api.GET('/api/public/categories')) })
  const map = useQuery({ queryKey: ['public', 'map'], queryFn: () => unwrap(api.GET('/api/public/map')), staleTime: Infinity })
  const zh = i18n.language !== 'en'

  function locate() {
    setLocating(true)
    navigator.geolocation?.getCurrentPosition(
      (pos) => {
        setLocating(false)
        setPoint({ lng: Number(pos.coords.longitude.toFixed(6)), lat: Number(pos.coords.latitude.toFixed(6)) })
      },
      () => {
        setLocating(false)
        setError(t('form.locationFailed'))
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    )
  }

  async function submit(values: Values) {
    setError(null)
    if (!point) {
      setError(t('form.noPlace'))
      return
    }
    setSubmitting(true)
    try {
      const evidence = photos.map((p) => (p.response as { sha256?: string } | undefined)?.sha256).filter((s): s is string => !!s)
      const filed = await unwrap(api.POST('/api/public/complaints', {
        body: {
          categoryCode: values.categoryCode, description: values.description, location: point,
          address: values.address?.trim() || undefined, evidence: evidence.length ? evidence : undefined,
          contact: values.name || values.phone ? { name: values.name?.trim() || undefined, phone: values.phone?.trim() || undefined } : undefined,
        },
        headers: { 'Idempotency-Key': idempotencyKey },
      }))
      onFiled(filed as PublicCase)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" data-testid="complaint-form">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="complaint-error" />}
      <Form.Item name="categoryCode" label={t('form.category')} rules={[{ required: true, message: t('form.categoryPlaceholder') }]}>
        <Select
          placeholder={t('form.categoryPlaceholder')} loading={categories.isLoading} data-testid="complaint-category"
          showSearch optionFilterProp="label"
          options={(categories.data ?? []).map((c) => ({ value: c.code, label: zh ? c.name.zh : c.name.en }))}
        />
      </Form.Item>
      <Form.Item name="description" label={t('form.description')} rules={[{ required: true, min: 5, message: t('form.descriptionPlaceholder') }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('form.descriptionPlaceholder')} data-testid="complaint-description" />
      </Form.Item>
      <Form.Item label={t('form.place')} required extra={point ? t('form.picked', { x: point.lng, y: point.lat }) : t('form.placeHelp')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {map.data && <PortalMap basemap={map.data.basemap as Basemap} outline={map.data.outline as GeoJSON.FeatureCollection} point={point} onPick={setPoint} />}
          <Button icon={<AimOutlined />} onClick={locate} loading={locating}>{locating ? t('form.locating') : t('form.useMyLocation')}</Button>
        </Space>
      </Form.Item>
      <Form.Item name="address" label={t('form.address')}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item label={t('form.photos')}>
        <Upload
          action="/api/public/photos" name="file" accept="image/*" listType="picture-card" maxCount={9}
          fileList={photos} onChange={({ fileList }) => setPhotos(fileList)}
          headers={{ 'Accept-Language': zh ? 'zh-CN' : 'en' }}
        >
          {photos.length < 9 && <div><PlusOutlined /><div style={{ marginTop: 4 }}>{t('form.addPhoto')}</div></div>}
        </Upload>
      </Form.Item>
      <Form.Item name="name" label={t('form.name')}>
        <Input maxLength={50} autoComplete="name" />
      </Form.Item>
      <Form.Item name="phone" label={t('form.phone')} rules={[{ pattern: /^[0-9+() -]*$/, message: t('form.phone') }]}>
        <Input maxLength={30} inputMode="tel" autoComplete="tel" />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('form.privacy')}</Typography.Paragraph>
      <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="complaint-submit">
        {submitting ? t('form.submitting') : t('form.submit')}
      </Button>
    </Form>
  )
}
