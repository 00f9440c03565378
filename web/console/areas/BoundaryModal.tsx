/**
 * Redraw an area's boundary (M1.3, M1.4): from a GeoJSON file or by clicking the corners on the
 * map. The server checks it (a polygon, valid, not overlapping a sibling, inside the parent); a
 * refusal is shown as its message and the offending part drawn red on the map. Nothing is saved
 * unless the server accepts.
 */
import { useMemo, useState } from 'react'
import { Alert, App, Button, Form, Input, Modal, Segmented, Space, Typography, Upload } from 'antd'
import { UploadOutlined, UndoOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { Geometry } from 'geojson'
import { api, ApiError, unwrap } from '../../lib/api/client'
import { MiniMap } from '../../lib/map'
import { boundaryFromFile, collection, feature, polygonFromPoints, previewGeometry, problemGeometries } from './geo'
import { showNotices } from './notices'
import type { AreaDetail } from './queries'

interface Props {
  area: AreaDetail
  open: boolean
  onClose(): void
  onSaved(): void
}

export function BoundaryModal({ area, open, onClose, onSaved }: Props) {
  const { t } = useTranslation('areas')
  const [form] = Form.useForm()
  const { message, notification } = App.useApp()
  const [mode, setMode] = useState<'file' | 'draw'>('file')
  const [fileName, setFileName] = useState<string | null>(null)
  const [fromFile, setFromFile] = useState<unknown>(null)
  const [points, setPoints] = useState<Array<{ lng: number; lat: number }>>([])
  const [error, setError] = useState<{ message: string; problems: Geometry[] } | null>(null)
  const [saving, setSaving] = useState(false)

  const drawn = polygonFromPoints(points)
  const body = mode === 'file' ? fromFile : drawn
  const proposed = previewGeometry(body)

  const geojson = useMemo(() => {
    const features = []
    if (area.boundary) features.push(feature(area.boundary as Geometry, { kind: 'current' }))
    if (proposed) features.push(feature(proposed, { kind: 'proposed' }))
    if (mode === 'draw') for (const p of points) features.push(feature({ type: 'Point', coordinates: [p.lng, p.lat] }, { kind: 'vertex' }))
    for (const g of error?.problems ?? []) features.push(feature(g, { problem: true }))
    return collection(features)
  }, [area.boundary, proposed, points, mode, error])

  async function readFile(file: File) {
    setError(null)
    setFileName(file.name)
    try {
      setFromFile(boundaryFromFile(await file.text()))
    } catch {
      setFromFile(null)
      setError({ message: t('notJson', { name: file.name }), problems: [] })
    }
    return false
  }

  async function save() {
    const values = await form.validateFields()
    if (!body) {
      setError({ message: mode === 'file' ? t('chooseFile') : t('drawMore'), problems: [] })
      return
    }
    setSaving(true)
    setError(null)
    try {
      const result = await unwrap(api.PUT('/api/areas/{code}/boundary', {
        params: { path: { code: area.code } },
        body: { boundary: body, approvedBy: values.approvedBy, approvalRef: values.approvalRef || undefined, reason: values.reason || undefined },
      }))
      message.success(`${t('boundarySaved', { code: area.code })} ${t('placementMoved', result.placement)}`)
      showNotices(notification, t('edgesAligned'), result.notices)
      reset()
      onSaved()
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = e.fieldErrors().filter((f) => ['approvedBy', 'approvalRef', 'reason'].includes(f.field))
        if (fields.length) form.setFields(fields.map((f) => ({ name: f.field, errors: [f.message] })))
        setError({ message: e.message, problems: problemGeometries(e.details) })
      } else {
        setError({ message: String(e), problems: [] })
      }
    } finally {
      setSaving(false)
    }
  }

  function reset() {
    setFromFile(null)
    setFileName(null)
    setPoints([])
    setError(null)
  }

  return (
    <Modal
      open={open}
      title={t('editBoundaryOf', { code: area.code, name: area.name })}
      width={820}
      onCancel={() => { reset(); onClose() }}
      onOk={() => void save()}
      okText={t('saveBoundary')}
      confirmLoading={saving}
      destroyOnHidden
      data-testid="boundary-modal"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented
          value={mode}
          onChange={(v) => { setMode(v as 'file' | 'draw'); setError(null) }}
          options={[{ value: 'file', label: t('fromFile') }, { value: 'draw', label: t('drawOnMap') }]}
        />
        {mode === 'file' ? (
          <Space>
            <Upload accept=".geojson,.json,application/geo+json,application/json" showUploadList={false} beforeUpload={(f) => readFile(f)}>
              <Button icon={<UploadOutlined />} data-testid="boundary-file">{t('chooseGeojson')}</Button>
            </Upload>
            <Typography.Text type="secondary">{fileName ?? t('fileHint')}</Typography.Text>
          </Space>
        ) : (
          <Space>
            <Typography.Text type="secondary">{t('drawHint', { count: points.length })}</Typography.Text>
            <Button size="small" icon={<UndoOutlined />} disabled={!points.length} onClick={() => setPoints(points.slice(0, -1))}>{t('undoPoint')}</Button>
            <Button size="small" disabled={!points.length} onClick={() => setPoints([])}>{t('clearPoints')}</Button>
          </Space>
        )}
        {error && (
          <Alert type="error" showIcon message={t('refused')} description={error.message} data-testid="boundary-error" />
        )}
        <MiniMap
          height={320}
          geojson={geojson}
          onPick={mode === 'draw' ? (p) => { setError(null); setPoints((prev) => [...prev, p]) } : undefined}
        />
        <Typography.Text type="secondary">{t('legend')}</Typography.Text>
        <Form form={form} layout="inline" initialValues={{ approvedBy: '' }}>
          <Form.Item name="approvedBy" label={t('approvedBy')} rules={[{ required: true, message: t('approvedByRequired') }]}>
            <Input placeholder={t('approvedByPlaceholder')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="approvalRef" label={t('approvalRef')}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="reason" label={t('reason')}>
            <Input style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  )
}
