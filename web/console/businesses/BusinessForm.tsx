/**
 * Registering or changing a business. The form checks nothing itself: the server's rules decide,
 * and each refusal is shown beside the field it names (`ApiError.fieldErrors()`), in the user's
 * language. A change sends only the fields the user touched, so that masked personal data is never
 * written back as "张*" (the server refuses that too). A change names the version the form was
 * opened on (If-Match): when someone else saved the business meanwhile, the conflict dialog shows
 * their values beside the user's and lets the user reapply their change or discard it.
 */
import { useState } from 'react'
import { Alert, Button, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api/client'
import { ConflictDialog, conflictOf, type ConflictRow } from '../../lib/ConflictDialog'
import { MiniMap } from '../../lib/map'
import { checkBusiness } from '../../../src/modules/businesses/rules.ts'
import '../../../src/modules/businesses/errors.ts'
import { formatMessage } from '../../../src/server/errors.ts'
import { changeBusiness, createBusiness, KEY_DOMAINS, KINDS, OPERATING_STATES, RISK_CLASSES, type Business, type BusinessChange, type NewBusiness } from './queries'

type Point = { lng?: number | null; lat?: number | null } | null
interface LicenceValue { type?: string; number?: string; validFrom?: string | null; validTo?: string | null }

interface Values {
  uscc: string
  name: string
  kind?: string | null
  registeredAddress: string
  actualAddress?: string | null
  industry?: string | null
  operatingState?: string
  riskClass?: string
  keyDomains?: string[]
  legalRepresentative?: string | null
  contactPhone?: string | null
  location?: Point
  licences?: LicenceValue[]
}

/** The map and the two coordinates of a location, as one form value. */
function LocationField({ value, onChange }: { value?: Point; onChange?: (v: Point) => void }) {
  const { t } = useTranslation('businesses')
  const point = value && typeof value.lng === 'number' && typeof value.lat === 'number' ? { lng: value.lng, lat: value.lat } : null
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <MiniMap point={point} onPick={(p) => onChange?.(p)} height={200} />
      <Space wrap>
        <InputNumber aria-label={t('field.lng')} placeholder={t('field.lng')} style={{ width: 150 }} step={0.0001} value={value?.lng ?? null} onChange={(lng) => onChange?.({ lng, lat: value?.lat ?? null })} data-testid="location-lng" />
        <InputNumber aria-label={t('field.lat')} placeholder={t('field.lat')} style={{ width: 150 }} step={0.0001} value={value?.lat ?? null} onChange={(lat) => onChange?.({ lng: value?.lng ?? null, lat })} data-testid="location-lat" />
        <Button icon={<DeleteOutlined />} onClick={() => onChange?.(null)}>{t('clearLocation')}</Button>
      </Space>
      <Typography.Text type="secondary">{t('pickHint')}</Typography.Text>
    </Space>
  )
}

/** The form's fields by name: a server refusal naming one of them is shown beside it. */
const FIELDS = new Set(['uscc', 'name', 'kind', 'registeredAddress', 'actualAddress', 'industry', 'operatingState', 'riskClass',
  'keyDomains', 'legalRepresentative', 'contactPhone', 'location', 'licences'])

function toValues(b: Business | undefined): Values {
  if (!b) return { uscc: '', name: '', registeredAddress: '', location: null, licences: [], keyDomains: [], operatingState: 'operating', riskClass: 'general' }
  return {
    uscc: b.uscc, name: b.name, kind: b.kind, registeredAddress: b.registeredAddress, actualAddress: b.actualAddress,
    industry: b.industry, operatingState: b.operatingState, riskClass: b.riskClass, keyDomains: b.keyDomains,
    legalRepresentative: b.legalRepresentative, contactPhone: b.contactPhone, location: b.location,
    licences: b.licences.map((l) => ({ type: l.type, number: l.number, validFrom: l.validFrom ?? null, validTo: l.validTo ?? null })),
  }
}

/** Form values as the API's body (empty texts stay '' so that the server names a missing value). */
function toBody(v: Values): NewBusiness {
  const loc = v.location
  const location = !loc || ((loc.lng === null || loc.lng === undefined) && (loc.lat === null || loc.lat === undefined))
    ? null
    // A half-given point goes as it is: the server says which coordinate is missing.
    : { lng: loc.lng ?? (NaN as number), lat: loc.lat ?? (NaN as number) }
  return {
    uscc: (v.uscc ?? '').trim(),
    name: v.name ?? '',
    kind: (v.kind || null) as NewBusiness['kind'],
    registeredAddress: v.registeredAddress ?? '',
    actualAddress: v.actualAddress || null,
    industry: v.industry || null,
    operatingState: v.operatingState as NewBusiness['operatingState'],
    riskClass: v.riskClass as NewBusiness['riskClass'],
    keyDomains: (v.keyDomains ?? []) as NewBusiness['keyDomains'],
    legalRepresentative: v.legalRepresentative || null,
    contactPhone: v.contactPhone || null,
    location,
    licences: (v.licences ?? []).map((l) => ({
      type: l.type ?? '', number: l.number ?? '',
      validFrom: l.validFrom?.trim() || null, validTo: l.validTo?.trim() || null,
    })),
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The label key of each form field, for the conflict dialog. */
const LABELS: Record<string, string> = {
  name: 'col.name', uscc: 'col.uscc', kind: 'col.kind', industry: 'col.industry', registeredAddress: 'field.registeredAddress',
  actualAddress: 'field.actualAddress', operatingState: 'col.operatingState', riskClass: 'col.riskClass', keyDomains: 'field.keyDomains',
  legalRepresentative: 'field.legalRepresentative', contactPhone: 'field.contactPhone', location: 'field.location', licences: 'field.licences',
}

export interface BusinessFormProps {
  /** the business to change; without it the form registers a new one */
  business?: Business
  onDone: (b: Business) => void
  onCancel: () => void
}

export function BusinessForm({ business, onDone, onCancel }: BusinessFormProps) {
  const { t, i18n } = useTranslation('businesses')
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // The version the user edits: the business the form opened on, or the current one after "discard mine".
  const [base, setBase] = useState<Business | undefined>(business)
  const [conflict, setConflict] = useState<{ current: Business; change: Record<string, unknown> } | null>(null)
  const [conflictError, setConflictError] = useState<string | null>(null)
  const masked = base?.personalMasked ?? false
  const initial = toValues(base)

  // A refusal stays beside its field until the field changes or the form is sent again.
  const clearErrors = (names: string[]) => form.setFields(names.map((name) => ({ name: name as keyof Values, errors: [] })))

  async function submit(values: Values) {
    setError(null)
    clearErrors([...FIELDS])
    const body = toBody({ ...initial, ...values })
    // The server's own rules first (one source of the rules and limits), every problem at once.
    const problems = checkBusiness(body).problems
      .filter((p) => FIELDS.has(p.field) && !(masked && (p.field === 'legalRepresentative' || p.field === 'contactPhone')))
    if (problems.length) {
      const lang = i18n.language === 'en' ? 'en' : 'zh-CN'
      const byField = new Map<string, string[]>()
      for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), formatMessage(p.code, lang, p.details)])
      form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })))
      setTimeout(() => form.scrollToField(problems[0].field, { block: 'center' }), 0)
      return
    }
    try {
      setSaving(true)
      let saved: Business
      if (base) {
        const before = toBody(initial) as Record<string, unknown>
        const change: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(body)) if (!same(v, before[k])) change[k] = v
        if (masked) {
          delete change.legalRepresentative
          delete change.contactPhone
        }
        if (!Object.keys(change).length) {
          setError(t('nothingChanged'))
          return
        }
        try {
          saved = await changeBusiness(base.id, change as BusinessChange, base.version)
        } catch (e) {
          const current = conflictOf<Business>(e)
          if (!current) throw e
          setConflictError(null)
          setConflict({ current, change })
          return
        }
      } else {
        saved = await createBusiness(body)
      }
      onDone(saved)
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors() : []
      const known = fields.filter((f) => FIELDS.has(f.field))
      if (known.length) form.setFields(known.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })))
      // A refusal that names no field of the form is shown above it.
      if (!known.length) setError(e instanceof Error ? e.message : String(e))
      if (known.length) setTimeout(() => form.scrollToField(known[0].field, { block: 'center' }), 0)
    } finally {
      setSaving(false)
    }
  }

  /** Re-sends the user's change on the version saved meanwhile. */
  async function applyMine() {
    if (!conflict || !base) return
    setSaving(true)
    try {
      onDone(await changeBusiness(base.id, conflict.change as BusinessChange, conflict.current.version))
      setConflict(null)
    } catch (e) {
      const current = conflictOf<Business>(e)
      // Changed once more meanwhile: compare again with the newest version.
      if (current) setConflict({ current, change: conflict.change })
      else setConflictError(e instanceof Error ? e.message : String(e))
    } finally {
      setSaving(false)
    }
  }

  /** Drops the user's change: the form shows the version saved meanwhile. */
  function discardMine() {
    if (!conflict) return
    setBase(conflict.current)
    form.resetFields()
    form.setFieldsValue(toValues(conflict.current))
    setConflict(null)
  }

  const conflictRows: ConflictRow[] = conflict
    ? Object.entries(conflict.change).map(([field, mine]) => ({
      field, label: t(LABELS[field] ?? field), mine,
      theirs: (toBody(toValues(conflict.current)) as Record<string, unknown>)[field],
    }))
    : []

  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }))
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} onValuesChange={(changed) => clearErrors(Object.keys(changed))} data-testid="business-form" name="business">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
      <ConflictDialog open={conflict !== null} rows={conflictRows} applying={saving} error={conflictError} onApply={() => void applyMine()} onDiscard={discardMine} />
      <Row gutter={12}>
        <Col span={12}><Form.Item name="name" label={t('col.name')} required><Input /></Form.Item></Col>
        <Col span={12}><Form.Item name="uscc" label={t('col.uscc')} required><Input maxLength={18} style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
        <Col span={12}><Form.Item name="kind" label={t('col.kind')} extra={t('field.kindAuto')}><Select allowClear options={options(KINDS, 'kind')} /></Form.Item></Col>
        <Col span={12}><Form.Item name="industry" label={t('col.industry')}><Input /></Form.Item></Col>
        <Col span={24}><Form.Item name="registeredAddress" label={t('field.registeredAddress')} required><Input /></Form.Item></Col>
        <Col span={24}><Form.Item name="actualAddress" label={t('field.actualAddress')}><Input /></Form.Item></Col>
        <Col span={12}><Form.Item name="operatingState" label={t('col.operatingState')}><Select options={options(OPERATING_STATES, 'state')} /></Form.Item></Col>
        <Col span={12}><Form.Item name="riskClass" label={t('col.riskClass')}><Select options={RISK_CLASSES.map((r) => ({ value: r, label: t(`common:risk.${r}`) }))} /></Form.Item></Col>
        <Col span={24}><Form.Item name="keyDomains" label={t('field.keyDomains')}><Select mode="multiple" allowClear options={options(KEY_DOMAINS, 'domain')} /></Form.Item></Col>
        <Col span={12}>
          <Form.Item name="legalRepresentative" label={t('field.legalRepresentative')} extra={masked ? t('maskedLocked') : undefined}>
            <Input disabled={masked} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactPhone" label={t('field.contactPhone')} extra={masked ? t('maskedLocked') : undefined}>
            <Input disabled={masked} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="location" label={t('field.location')}>
        <LocationField />
      </Form.Item>
      <Form.Item label={t('field.licences')} style={{ marginBottom: 0 }}>
        <Form.List name="licences">
          {(items, { add, remove }, { errors }) => (
            <>
              {items.map(({ key, name }) => (
                <Space key={key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[name, 'type']}><Input placeholder={t('field.licenceType')} aria-label={t('field.licenceType')} style={{ width: 150 }} /></Form.Item>
                  <Form.Item name={[name, 'number']}><Input placeholder={t('field.licenceNumber')} aria-label={t('field.licenceNumber')} style={{ width: 170 }} /></Form.Item>
                  <Form.Item name={[name, 'validFrom']}><Input placeholder={`${t('field.validFrom')} YYYY-MM-DD`} aria-label={t('field.validFrom')} style={{ width: 170 }} /></Form.Item>
                  <Form.Item name={[name, 'validTo']}><Input placeholder={`${t('field.validTo')} YYYY-MM-DD`} aria-label={t('field.validTo')} style={{ width: 170 }} /></Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('common:cancel')} onClick={() => remove(name)} />
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>{t('field.addLicence')}</Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </>
          )}
        </Form.List>
      </Form.Item>
      {/* The buttons stay in view at the foot of a long form. */}
      <div className="form-footer" data-testid="form-footer">
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="business-save">{t('common:save')}</Button>
          <Button onClick={onCancel}>{t('common:cancel')}</Button>
        </Space>
      </div>
    </Form>
  )
}
