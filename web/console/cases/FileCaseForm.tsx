/**
 * Filing a case from the console (a finding on patrol, a call to the hotline, an order from above):
 * source, category, what and where (a point on the map, from which the server finds the grid, or
 * a grid chosen outright), the complainant if there is one, and evidence. One Idempotency-Key per
 * opened form: a double click or a retry files one case.
 */
import { useMemo, useState } from 'react'
import { Alert, Form, Input, Modal, Radio, Select, type ButtonProps } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api/client'
import { MiniMap } from '../../lib/map'
import { areaKeys, fetchAllAreas } from '../areas/queries'
import { EvidenceUpload } from './EvidenceUpload'
import { fetchCatalogue, fetchLoop, fileCase, keys, type CaseDetail, type NewCase } from './queries'

interface Values {
  source: NewCase['source']
  categoryCode: string
  title: string
  description: string
  placeBy: 'point' | 'grid'
  gridCode?: string
  address?: string
  contactName?: string
  contactPhone?: string
}

export function FileCaseForm({ onDone, onCancel }: { onDone: (c: CaseDetail) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation('cases')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const [form] = Form.useForm<Values>()
  const placeBy = Form.useWatch('placeBy', form) ?? 'point'
  const [point, setPoint] = useState<{ lng: number; lat: number } | null>(null)
  const [evidence, setEvidence] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [])
  const loop = useQuery({ queryKey: keys.loop, queryFn: fetchLoop })
  const catalogue = useQuery({ queryKey: keys.catalogue, queryFn: fetchCatalogue })
  const areas = useQuery({ queryKey: areaKeys.tree(), queryFn: fetchAllAreas, enabled: placeBy === 'grid' })
  const grids = useMemo(() => (areas.data ?? []).filter((a) => a.childCount === 0)
    .map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` })), [areas.data])

  async function submit() {
    const v = await form.validateFields()
    if (v.placeBy === 'point' && !point) {
      setError(t('form.noPlace'))
      return
    }
    setError(null)
    setSending(true)
    try {
      const body: NewCase = {
        source: v.source, categoryCode: v.categoryCode, title: v.title.trim(), description: v.description.trim(),
        ...(v.placeBy === 'point' && point ? { location: point } : {}),
        ...(v.placeBy === 'grid' && v.gridCode ? { gridCode: v.gridCode } : {}),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}),
        ...(v.contactName?.trim() || v.contactPhone?.trim()
          ? { contact: { ...(v.contactName?.trim() ? { name: v.contactName.trim() } : {}), ...(v.contactPhone?.trim() ? { phone: v.contactPhone.trim() } : {}) } }
          : {}),
        ...(evidence.length ? { evidence } : {}),
      }
      onDone(await fileCase(body, idempotencyKey))
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors().filter((f) => f.field in form.getFieldsValue(true)) : []
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })))
      else setError((e as Error).message)
    } finally {
      setSending(false)
    }
  }

  return (
    <Modal open title={t('form.title')} okText={t('form.submit')} onOk={() => void submit()} onCancel={onCancel} confirmLoading={sending}
      width={720} destroyOnHidden okButtonProps={{ 'data-testid': 'file-submit' } as ButtonProps}>
      <div data-testid="file-case">
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="file-error" />}
        <Form form={form} name="fileCase" layout="vertical" initialValues={{ source: 'patrol', placeBy: 'point' }}>
          <Form.Item name="source" label={t('form.source')} rules={[{ required: true }]}>
            <Select options={(loop.data?.sources ?? []).map((s) => ({ value: s.source, label: s.label[lang] }))} />
          </Form.Item>
          <Form.Item name="categoryCode" label={t('form.category')} rules={[{ required: true, message: t('form.categoryPlaceholder') }]}>
            <Select showSearch optionFilterProp="label" placeholder={t('form.categoryPlaceholder')} loading={catalogue.isLoading}
              options={(catalogue.data?.categories ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: c.name[lang] }))} />
          </Form.Item>
          <Form.Item name="title" label={t('form.titleField')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('form.description')} rules={[{ required: true, whitespace: true }, { max: 5000 }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="placeBy" label={t('form.placeBy')}>
            <Radio.Group optionType="button" options={[{ value: 'point', label: t('form.byPoint') }, { value: 'grid', label: t('form.byGrid') }]} />
          </Form.Item>
          {placeBy === 'point' ? (
            <Form.Item extra={point ? <span data-testid="file-point">{t('form.picked', { lng: point.lng.toFixed(5), lat: point.lat.toFixed(5) })}</span> : t('form.pick')}>
              <div data-testid="file-map"><MiniMap point={point} onPick={setPoint} height={240} /></div>
            </Form.Item>
          ) : (
            <Form.Item name="gridCode" label={t('form.byGrid')} rules={[{ required: true, message: t('step.gridPlaceholder') }]}>
              <Select showSearch optionFilterProp="label" options={grids} loading={areas.isLoading} placeholder={t('step.gridPlaceholder')} />
            </Form.Item>
          )}
          <Form.Item name="address" label={t('form.address')} rules={[{ max: 300 }]}><Input maxLength={300} /></Form.Item>
          <Form.Item name="contactName" label={t('form.contactName')} rules={[{ max: 50 }]}><Input maxLength={50} /></Form.Item>
          <Form.Item name="contactPhone" label={t('form.contactPhone')} rules={[{ max: 30 }, { pattern: /^[0-9+() -]*$/ }]}><Input maxLength={30} /></Form.Item>
          <Form.Item label={t('step.evidence')}><EvidenceUpload onChange={setEvidence} /></Form.Item>
        </Form>
      </div>
    </Modal>
  )
}
