/**
 * The smaller area dialogs: create a child area (code suggested by the server), rename, and import
 * boundaries from a GeoJSON FeatureCollection (all or nothing).
 */
import { useEffect, useState } from 'react'
import { Alert, App, Button, Form, Input, Modal, Typography, Upload } from 'antd'
import { UploadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { Geometry } from 'geojson'
import { api, ApiError, unwrap } from '../../lib/api/client'
import { MiniMap } from '../../lib/map'
import { boundaryFromFile, collection, feature, previewGeometry, problemGeometries } from './geo'
import { showNotices } from './notices'
import { fetchNextCode, type AreaDetail } from './queries'

/**
 * Refusals of the code rules (M1.2). Their details name the code they refused, not a field, yet
 * each is about the code field: its message belongs beside it.
 */
const CODE_FIELD_ERRORS = new Set(['area.codeMalformed', 'area.codeNotExtendingParent', 'area.codeDuplicate', 'area.levelTooDeep'])

function fieldErrorsOf(e: ApiError): Array<{ field: string; message: string }> {
  return CODE_FIELD_ERRORS.has(e.code) ? [{ field: 'code', message: e.message }] : e.fieldErrors()
}

function applyFieldErrors(form: ReturnType<typeof Form.useForm>[0], e: unknown, known: string[]): boolean {
  if (!(e instanceof ApiError)) return false
  const fields = fieldErrorsOf(e).filter((f) => known.includes(f.field))
  if (fields.length) form.setFields(fields.map((f) => ({ name: f.field, errors: [f.message] })))
  return fields.length > 0
}

function ApprovalFields() {
  const { t } = useTranslation('areas')
  return (
    <>
      <Form.Item name="approvedBy" label={t('approvedBy')} rules={[{ required: true, message: t('approvedByRequired') }]}>
        <Input placeholder={t('approvedByPlaceholder')} />
      </Form.Item>
      <Form.Item name="approvalRef" label={t('approvalRef')}><Input /></Form.Item>
      <Form.Item name="reason" label={t('reason')}><Input /></Form.Item>
    </>
  )
}

export function CreateChildModal({ parent, open, onClose, onSaved }: { parent: AreaDetail; open: boolean; onClose(): void; onSaved(code: string): void }) {
  const { t } = useTranslation('areas')
  const { message, notification } = App.useApp()
  const [form] = Form.useForm()
  const [boundary, setBoundary] = useState<unknown>(null)
  const [error, setError] = useState<{ message: string; problems: Geometry[] } | null>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (!open) return
    setBoundary(null)
    setError(null)
    form.resetFields()
    fetchNextCode(parent.code).then((r) => form.setFieldValue('code', r.code ?? ''), () => undefined)
  }, [open, parent.code, form])

  async function save() {
    const v = await form.validateFields()
    setSaving(true)
    setError(null)
    try {
      const res = await unwrap(api.POST('/api/areas', {
        body: {
          code: v.code || undefined, parentCode: parent.code, name: v.name, boundary: (boundary ?? {}) as never,
          approvedBy: v.approvedBy, approvalRef: v.approvalRef || undefined, reason: v.reason || undefined,
        },
      }))
      message.success(t('created', { code: res.area.code }))
      showNotices(notification, t('edgesAligned'), res.notices)
      onSaved(res.area.code)
    } catch (e) {
      // A refusal about a field is shown beside it; any other (a boundary's, with the parts to draw red) above the map.
      if (!applyFieldErrors(form, e, ['code', 'name', 'approvedBy'])) {
        setError({ message: e instanceof Error ? e.message : String(e), problems: e instanceof ApiError ? problemGeometries(e.details) : [] })
      }
    } finally {
      setSaving(false)
    }
  }

  const proposed = previewGeometry(boundary)
  const features = []
  if (parent.boundary) features.push(feature(parent.boundary as Geometry, { kind: 'parent' }))
  if (proposed) features.push(feature(proposed, { kind: 'proposed' }))
  for (const g of error?.problems ?? []) features.push(feature(g, { problem: true }))

  return (
    <Modal open={open} title={t('createChildOf', { code: parent.code, name: parent.name })} onCancel={onClose} onOk={() => void save()}
      confirmLoading={saving} width={720} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="code" label={t('code')} extra={t('codeHint', { parent: parent.code })}><Input /></Form.Item>
        <Form.Item name="name" label={t('name')} rules={[{ required: true, message: t('nameRequired') }]}><Input /></Form.Item>
        <Form.Item label={t('boundary')} required>
          <Upload accept=".geojson,.json" showUploadList={false} beforeUpload={async (f) => {
            try { setBoundary(boundaryFromFile(await f.text())); setError(null) } catch { setError({ message: t('notJson', { name: f.name }), problems: [] }) }
            return false
          }}>
            <Button icon={<UploadOutlined />}>{t('chooseGeojson')}</Button>
          </Upload>
        </Form.Item>
        {error && <Alert type="error" showIcon message={t('refused')} description={error.message} style={{ marginBottom: 12 }} />}
        <MiniMap height={220} geojson={collection(features)} />
        <div style={{ height: 12 }} />
        <ApprovalFields />
      </Form>
    </Modal>
  )
}

export function RenameModal({ area, open, onClose, onSaved }: { area: AreaDetail; open: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation('areas')
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (open) { form.setFieldsValue({ name: area.name }); setError(null) }
  }, [open, area.name, form])

  async function save() {
    const v = await form.validateFields()
    try {
      await unwrap(api.PATCH('/api/areas/{code}', {
        params: { path: { code: area.code } },
        body: { name: v.name, approvedBy: v.approvedBy || undefined, approvalRef: v.approvalRef || undefined, reason: v.reason || undefined },
      }))
      message.success(t('renamed'))
      onSaved()
    } catch (e) {
      if (!applyFieldErrors(form, e, ['name', 'approvedBy'])) setError(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <Modal open={open} title={t('renameTitle', { code: area.code })} onCancel={onClose} onOk={() => void save()} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('name')} rules={[{ required: true, message: t('nameRequired') }]}><Input /></Form.Item>
        <Form.Item name="approvedBy" label={t('approvedBy')}><Input placeholder={t('approvedByPlaceholder')} /></Form.Item>
        <Form.Item name="approvalRef" label={t('approvalRef')}><Input /></Form.Item>
        <Form.Item name="reason" label={t('reason')}><Input /></Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  )
}

type ImportResult = { created: string[]; updated: string[]; unchanged: number }

/** Import a GeoJSON FeatureCollection of areas (properties code, name, parentCode): all or nothing. */
export function ImportAreasButton({ onImported }: { onImported(): void }) {
  const { t } = useTranslation('areas')
  const [form] = Form.useForm()
  const [open, setOpen] = useState(false)
  const [file, setFile] = useState<{ name: string; body: { type: 'FeatureCollection'; features: never[] } } | null>(null)
  const [error, setError] = useState<{ message: string; problems: Geometry[] } | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const [saving, setSaving] = useState(false)

  async function read(f: File) {
    setError(null)
    setResult(null)
    try {
      const body = JSON.parse(await f.text())
      if (body?.type !== 'FeatureCollection' || !Array.isArray(body.features)) throw new Error('not a collection')
      setFile({ name: f.name, body })
    } catch {
      setFile(null)
      setError({ message: t('notCollection', { name: f.name }), problems: [] })
    }
    return false
  }

  async function submit() {
    if (!file) return
    const v = await form.validateFields()
    setSaving(true)
    setError(null)
    try {
      const r = await unwrap(api.POST('/api/areas/import', {
        params: { query: { approvedBy: v.approvedBy, approvalRef: v.approvalRef || undefined, reason: v.reason || undefined } },
        body: file.body,
      }))
      setResult(r)
      onImported()
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : String(e), problems: e instanceof ApiError ? problemGeometries(e.details) : [] })
    } finally {
      setSaving(false)
    }
  }

  const preview = file ? collection([
    ...file.body.features.flatMap((f: { geometry?: unknown }) => { const g = previewGeometry(f); return g ? [feature(g)] : [] }),
    ...(error?.problems ?? []).map((g) => feature(g, { problem: true })),
  ]) : undefined

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => { setOpen(true); setFile(null); setError(null); setResult(null) }}>{t('importGeojson')}</Button>
      <Modal open={open} title={t('importTitle')} onCancel={() => setOpen(false)} width={720} destroyOnHidden
        footer={result ? <Button onClick={() => setOpen(false)}>{t('common:close')}</Button> : undefined}
        onOk={() => void submit()} okText={t('importConfirm')} okButtonProps={{ disabled: !file }} confirmLoading={saving}>
        <Typography.Paragraph type="secondary">{t('importHelp')}</Typography.Paragraph>
        <Upload accept=".geojson,.json" showUploadList={false} beforeUpload={(f) => read(f)}>
          <Button icon={<UploadOutlined />}>{t('chooseGeojson')}</Button>
        </Upload>
        {file && <Typography.Paragraph style={{ marginTop: 8 }}>{t('importFile', { name: file.name, count: file.body.features.length })}</Typography.Paragraph>}
        {error && <Alert type="error" showIcon message={t('importRefused')} description={error.message} style={{ margin: '12px 0' }} />}
        {result && <Alert type="success" showIcon message={t('importDone', { created: result.created.length, updated: result.updated.length, unchanged: result.unchanged })} style={{ margin: '12px 0' }} />}
        {preview && <MiniMap height={260} geojson={preview} />}
        {!result && (
          <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
            <ApprovalFields />
          </Form>
        )}
      </Modal>
    </>
  )
}
