/**
 * System settings (settings.manage: the system administrator). Today one card: the basemap under
 * every console map (M5.1), saved through `PUT /api/map/settings`. The form checks nothing itself:
 * the server's rules (src/modules/map/rules.ts `checkBasemap`) decide, and a refusal is shown beside
 * the field it names. The Tianditu token is a credential: it stays in a password input and is shown
 * elsewhere only shortened, the way the audit log keeps it.
 */
import { lazy, Suspense, useState } from 'react'
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Spin, Typography } from 'antd'
import { EyeOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api/client'
import { basemapForAudit } from '../../../src/modules/map/rules.ts'
import { BASEMAP_KINDS, fetchMapSettings, saveBasemap, settingsKeys, type Basemap, type BasemapInput, type BasemapKind, type MapSettings } from './queries'
import { formatDateTime } from '../../../src/shared/dates.ts'

const BasemapPreview = lazy(() => import('./BasemapPreview'))

/** The form keeps each kind's fields apart, so that switching kinds loses nothing typed. */
interface Values {
  kind: BasemapKind
  tianditu?: { token?: string }
  xyz?: { url?: string; attribution?: string }
  pmtiles?: { url?: string }
}

type FieldName = 'kind' | ['tianditu', 'token'] | ['xyz', 'url'] | ['xyz', 'attribution'] | ['pmtiles', 'url']

/** The fields each kind sends (the server refuses a field of another kind), by the name the server gives them. */
const FIELDS: Record<BasemapKind, Record<string, FieldName>> = {
  none: {},
  tianditu: { token: ['tianditu', 'token'] },
  xyz: { url: ['xyz', 'url'], attribution: ['xyz', 'attribution'] },
  pmtiles: { url: ['pmtiles', 'url'] },
}
const ALL_FIELDS: FieldName[] = ['kind', ...Object.values(FIELDS).flatMap((f) => Object.values(f))]

function toValues(b: Basemap): Values {
  const { kind, ...fields } = b
  return { kind, [kind]: fields } as Values
}

function toInput(v: Values): BasemapInput {
  return v.kind === 'none' ? { kind: 'none' } : { kind: v.kind, ...v[v.kind] }
}

/** The form field that a field named by the server stands for, when the sent kind has it. */
const formField = (kind: string, field: string): FieldName | undefined =>
  field === 'kind' ? 'kind' : FIELDS[kind as BasemapKind]?.[field]

export default function SettingsPage() {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 880 }}>
      <BasemapCard />
    </Space>
  )
}

function BasemapCard() {
  const { t } = useTranslation('settings')
  const settings = useQuery({ queryKey: settingsKeys.map, queryFn: fetchMapSettings })
  return (
    <Card title={t('basemap.title')} data-testid="basemap-card">
      <Typography.Paragraph type="secondary">{t('basemap.intro')}</Typography.Paragraph>
      {settings.isLoading ? <Spin /> : settings.error || !settings.data ? (
        <Alert type="error" showIcon message={(settings.error as Error)?.message} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <CurrentBasemap settings={settings.data} />
          <BasemapForm current={settings.data.basemap} />
        </Space>
      )}
    </Card>
  )
}

function CurrentBasemap({ settings }: { settings: MapSettings }) {
  const { t, i18n } = useTranslation('settings')
  const b = basemapForAudit(settings.basemap)
  return (
    <Descriptions title={t('basemap.current')} column={1} size="small" bordered data-testid="basemap-current">
      <Descriptions.Item label={t('basemap.kind')}>{t(`basemap.kinds.${b.kind}`)}</Descriptions.Item>
      {b.kind === 'tianditu' && <Descriptions.Item label={t('basemap.token')}>{t('basemap.tokenShown', { token: b.token })}</Descriptions.Item>}
      {b.kind === 'xyz' && <Descriptions.Item label={t('basemap.url')}><Typography.Text code>{b.url}</Typography.Text></Descriptions.Item>}
      {b.kind === 'xyz' && b.attribution && <Descriptions.Item label={t('basemap.attribution')}>{b.attribution}</Descriptions.Item>}
      {b.kind === 'pmtiles' && <Descriptions.Item label={t('basemap.pmtilesUrl')}><Typography.Text code>{b.url}</Typography.Text></Descriptions.Item>}
      <Descriptions.Item label={t('basemap.updatedAt')}>
        {settings.updatedAt ? formatDateTime(settings.updatedAt, i18n.language) : t('basemap.never')}
      </Descriptions.Item>
    </Descriptions>
  )
}

function BasemapForm({ current }: { current: Basemap }) {
  const { t } = useTranslation('settings')
  const queries = useQueryClient()
  const [form] = Form.useForm<Values>()
  const kind = Form.useWatch('kind', form) ?? current.kind
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [preview, setPreview] = useState<Basemap | null>(null)

  // A refusal stays beside its field until the form changes or is sent again.
  const clearErrors = () => form.setFields(ALL_FIELDS.map((name) => ({ name, errors: [] })))

  const save = useMutation({
    mutationFn: saveBasemap,
    onSuccess: (answer) => {
      // The server's answer is the setting itself: put it in the cache that useBasemap reads (its
      // staleTime would otherwise keep the old basemap for minutes), and every map drawn from now
      // on uses it; a mounted ConsoleMap redraws when its basemap changes.
      queries.setQueryData(settingsKeys.map, answer)
      form.setFieldsValue(toValues(answer.basemap))
      setSaved(true)
    },
    onError: (e, sent) => {
      const fields = e instanceof ApiError ? e.fieldErrors() : []
      const known = fields.flatMap((f) => {
        const name = formField(sent.kind, f.field)
        return name ? [{ name, errors: [f.message] }] : []
      })
      if (known.length) form.setFields(known)
      // A refusal that names no field of the form is shown above it.
      else setError(e.message)
    },
  })

  function submit(values: Values) {
    setError(null)
    setSaved(false)
    clearErrors()
    save.mutate(toInput(values))
  }

  return (
    <Form form={form} layout="vertical" name="basemap" initialValues={toValues(current)} onFinish={submit} data-testid="basemap-form"
      // A preview shows the values it was asked for: once they change it would mislead, so it closes.
      onValuesChange={() => { setSaved(false); setError(null); setPreview(null); clearErrors() }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="basemap-error" />}
      {saved && <Alert type="success" showIcon message={t('basemap.saved')} style={{ marginBottom: 12 }} data-testid="basemap-saved" />}
      <Form.Item name="kind" label={t('basemap.kind')}>
        <Radio.Group options={BASEMAP_KINDS.map((k) => ({ value: k, label: t(`basemap.kinds.${k}`) }))} />
      </Form.Item>
      {kind === 'tianditu' && (
        <Form.Item name={FIELDS.tianditu.token} label={t('basemap.token')} extra={t('basemap.tokenHelp')}>
          {/* new-password: the browser must not offer to store it as this user's login password */}
          <Input.Password autoComplete="new-password" spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      )}
      {kind === 'xyz' && (
        <>
          <Form.Item name={FIELDS.xyz.url} label={t('basemap.url')} extra={t('basemap.xyzHelp')}>
            <Input placeholder="https://tiles.example.gov.cn/{z}/{x}/{y}.png" spellCheck={false} />
          </Form.Item>
          <Form.Item name={FIELDS.xyz.attribution} label={t('basemap.attribution')} extra={t('basemap.attributionHelp')}>
            <Input />
          </Form.Item>
        </>
      )}
      {kind === 'pmtiles' && (
        <Form.Item name={FIELDS.pmtiles.url} label={t('basemap.pmtilesUrl')} extra={t('basemap.pmtilesHelp')}>
          <Input placeholder="/basemaps/xian.pmtiles" spellCheck={false} />
        </Form.Item>
      )}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="basemap-save">{t('common:save')}</Button>
        <Button icon={<EyeOutlined />} onClick={() => setPreview(toInput(form.getFieldsValue(true)) as Basemap)}>{t('basemap.preview')}</Button>
      </Space>
      {preview && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Typography.Text type="secondary">{t('basemap.previewHint')}</Typography.Text>
          <Suspense fallback={<Spin />}><BasemapPreview basemap={preview} /></Suspense>
        </Space>
      )}
    </Form>
  )
}
