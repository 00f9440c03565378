/**
 * Corrections of a business made on the phone (a grid head at the door finds it moved, closed, or
 * with another phone number), kept like findings until sent (web/field/sync.ts `sendEdits`), and
 * the conflict shown when someone changed the business on the server meanwhile: per field the value
 * saved meanwhile beside the user's, to apply on the current version or to drop (the console's
 * ConflictDialog). Only the fields the user changed are sent: the phone holds contact details
 * masked, and a masked value must never be written back.
 */
import { useState } from 'react'
import { App, Button, Card, Form, Input, Popconfirm, Radio, Typography } from 'antd'
import { DeleteOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ConflictDialog, type ConflictRow } from '../lib/ConflictDialog'
import { CORRECTABLE, store, type Business, type Correction, type EditEntry } from './store'
import { resolveEdit } from './sync'

const STATES = ['operating', 'suspended', 'closed'] as const

export function CorrectionForm({ business, onDone }: { business: Business; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation('field')
  const { t: tb } = useTranslation('businesses')
  const { message } = App.useApp()
  const [form] = Form.useForm<Correction>()
  const save = async () => {
    const values = await form.validateFields()
    const changes: Correction = {}
    for (const key of CORRECTABLE) {
      const v = typeof values[key] === 'string' ? values[key].trim() : values[key]
      if (v !== undefined && v !== (business[key] ?? '')) Object.assign(changes, { [key]: v === '' ? null : v })
    }
    if (Object.keys(changes).length === 0) return onDone(false)
    await store.edits.add({
      businessId: business.id, businessName: business.name, baseVersion: business.version, changes, recordedAt: new Date().toISOString(), state: 'waiting',
    })
    void message.success(t('correct.saved'))
    onDone(true)
  }
  return (
    <Form form={form} layout="vertical" data-testid="field-correction"
      initialValues={{ actualAddress: business.actualAddress ?? '', contactPhone: business.contactPhone ?? '', operatingState: business.operatingState }}>
      <Form.Item name="actualAddress" label={tb('field.actualAddress')} rules={[{ max: 200 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      {/* Who sees the phone masked may not write it (the server refuses): not offered. */}
      {!business.personalMasked && (
        <Form.Item name="contactPhone" label={tb('field.contactPhone')}>
          <Input inputMode="tel" />
        </Form.Item>
      )}
      <Form.Item name="operatingState" label={tb('col.operatingState')}>
        <Radio.Group optionType="button" options={STATES.map((s) => ({ value: s, label: tb(`state.${s}`) }))} />
      </Form.Item>
      <Button type="primary" block onClick={() => void save()} data-testid="field-correction-save">{t('correct.save')}</Button>
      <Button block type="text" onClick={() => onDone(false)} style={{ marginTop: 4 }}>{t('correct.cancel')}</Button>
    </Form>
  )
}

/** Conflicts and refusals of corrections, at the top of the app until the user has dealt with them. */
export function EditProblems({ edits, onChanged }: { edits: EditEntry[]; onChanged: () => void }) {
  const { t } = useTranslation('field')
  const { t: tb } = useTranslation('businesses')
  const [open, setOpen] = useState<EditEntry | null>(null)
  const conflicts = edits.filter((e) => e.state === 'conflict')
  const refused = edits.filter((e) => e.state === 'refused')
  if (!conflicts.length && !refused.length) return null
  const label = (field: string) => (field === 'operatingState' ? tb('col.operatingState') : tb(`field.${field}`))
  const rows: ConflictRow[] = open
    ? Object.entries(open.changes).map(([field, mine]) => ({ field, label: label(field), mine, theirs: open.current?.[field as keyof Business] }))
    : []
  const decide = async (choice: 'apply' | 'discard') => {
    if (open) await resolveEdit(open, choice)
    setOpen(null)
    onChanged()
  }
  return (
    <Card size="small" title={t('correct.problems')} style={{ marginBottom: 12, borderColor: '#ffa39e' }} data-testid="field-edit-problems">
      {conflicts.map((e) => (
        <div key={e.seq} style={{ marginBottom: 8 }}>
          <Typography.Text type="danger" style={{ display: 'block' }}>{t('correct.conflict', { name: e.businessName })}</Typography.Text>
          <Button size="small" onClick={() => setOpen(e)} data-testid="field-edit-conflict">{t('correct.compare')}</Button>
        </div>
      ))}
      {refused.map((e) => (
        <div key={e.seq} style={{ marginBottom: 8 }}>
          <Typography.Text type="danger" style={{ display: 'block' }}>{e.businessName}：{e.refusal}</Typography.Text>
          <Popconfirm title={t('correct.discardConfirm')} onConfirm={() => void store.edits.delete(e.seq!).then(onChanged)}>
            <Button size="small" danger icon={<DeleteOutlined />}>{t('correct.discard')}</Button>
          </Popconfirm>
        </div>
      ))}
      <ConflictDialog open={open !== null} rows={rows} onApply={() => void decide('apply')} onDiscard={() => void decide('discard')} />
    </Card>
  )
}
