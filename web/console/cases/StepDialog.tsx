/**
 * One step of the loop, its form drawn from the declaration (`requires` of the transition): a note
 * named for what it is (reason, findings, result…), evidence, a grid, a department or the case to
 * merge into. Sent with the version the user saw; when someone else moved the case meanwhile, the
 * conflict dialog shows the case as it now stands and lets the user take the step on it or drop it.
 */
import { useMemo, useState } from 'react'
import { Alert, Form, Input, InputNumber, Modal, Select, type ButtonProps } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api/client'
import { ConflictDialog, conflictOf, type ConflictRow } from '../../lib/ConflictDialog'
import { areaKeys, fetchAllAreas } from '../areas/queries'
import { EvidenceUpload } from './EvidenceUpload'
import { caseTime, fetchCatalogue, keys, takeStep, type CaseDetail, type CaseRow, type Loop, type StepBody, type Transition } from './queries'

interface Values { note?: string; gridCode?: string; departmentCode?: string; targetCaseId?: number }

export interface StepDialogProps {
  detail: CaseDetail
  transition: Transition
  loop: Loop
  onDone: (detail: CaseDetail) => void
  /** the case changed meanwhile and the user dropped the step: show the case as it stands */
  onStale: () => void
  onCancel: () => void
}

export function StepDialog({ detail, transition, loop, onDone, onStale, onCancel }: StepDialogProps) {
  const { t, i18n } = useTranslation('cases')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const [form] = Form.useForm<Values>()
  // The case as it was when the user chose the step: the live feed may refresh the drawer meanwhile,
  // but the step is sent against what the user decided on, so a change in between is a conflict.
  const [seen] = useState(detail)
  const [evidence, setEvidence] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [conflict, setConflict] = useState<{ current: CaseRow; body: StepBody } | null>(null)
  const [conflictError, setConflictError] = useState<string | null>(null)
  const req = transition.requires as { note?: string; evidence?: boolean; gridCode?: boolean; department?: boolean; targetCase?: boolean }
  const stepName = transition.label[lang]
  const catalogue = useQuery({ queryKey: keys.catalogue, queryFn: fetchCatalogue, enabled: !!req.department })
  const areas = useQuery({ queryKey: areaKeys.tree(), queryFn: fetchAllAreas, enabled: !!req.gridCode })
  const grids = useMemo(() => (areas.data ?? []).filter((a) => a.childCount === 0)
    .map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` })), [areas.data])
  const stateLabel = (s: string) => loop.states.find((x) => x.state === s)?.label[lang] ?? s
  const noteLabel = req.note ? t(`step.note.${req.note}`) : ''

  async function send(body: StepBody, version: number) {
    setSending(true)
    try {
      onDone(await takeStep(detail.id, body, version))
    } catch (e) {
      const current = conflictOf<CaseRow>(e)
      if (current) {
        setConflict({ current, body })
        setConflictError(conflict ? (e as Error).message : null)
      } else if (conflict) {
        setConflictError((e as Error).message)
      } else if (e instanceof ApiError && e.fieldErrors().some((f) => f.field in form.getFieldsValue(true))) {
        form.setFields(e.fieldErrors().map((f) => ({ name: f.field as keyof Values, errors: [f.message] })))
      } else setError((e as Error).message)
    } finally {
      setSending(false)
    }
  }

  async function submit() {
    const v = await form.validateFields()
    setError(null)
    const body: StepBody = {
      action: transition.action,
      ...(v.note ? { note: v.note.trim() } : {}),
      ...(v.gridCode ? { gridCode: v.gridCode } : {}),
      ...(v.departmentCode ? { departmentCode: v.departmentCode } : {}),
      ...(v.targetCaseId ? { targetCaseId: v.targetCaseId } : {}),
      ...(evidence.length ? { evidence } : {}),
    }
    await send(body, seen.version)
  }

  const lastStep = (c: CaseRow) => caseTime(c.updatedAt, lang)
  const conflictRows: ConflictRow[] = conflict ? [
    { field: 'state', label: t('step.conflictState'), theirs: stateLabel(conflict.current.state), mine: t('step.conflictMine', { step: stepName }) },
    { field: 'updatedAt', label: t('step.conflictStep'), theirs: lastStep(conflict.current), mine: lastStep(seen) },
  ] : []

  return (
    <>
      <Modal open title={t('step.title', { step: stepName })} okText={t('step.submit')} onOk={() => void submit()} onCancel={onCancel}
        confirmLoading={sending} destroyOnHidden okButtonProps={{ 'data-testid': 'step-submit' } as ButtonProps}>
        <div data-testid="step-dialog">
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="step-error" />}
          <Form form={form} name="step" layout="vertical">
            {req.gridCode && (
              <Form.Item name="gridCode" label={t('step.grid')} rules={[{ required: true, message: t('step.gridPlaceholder') }]}>
                <Select showSearch optionFilterProp="label" options={grids} loading={areas.isLoading} placeholder={t('step.gridPlaceholder')} />
              </Form.Item>
            )}
            {req.department && (
              <Form.Item name="departmentCode" label={t('step.department')} rules={[{ required: true, message: t('step.departmentPlaceholder') }]}>
                <Select showSearch optionFilterProp="label" placeholder={t('step.departmentPlaceholder')} loading={catalogue.isLoading}
                  options={(catalogue.data?.departments ?? []).filter((d) => d.active).map((d) => ({ value: d.code, label: d.name[lang] }))} />
              </Form.Item>
            )}
            {req.targetCase && (
              <Form.Item name="targetCaseId" label={t('step.targetCase')} rules={[{ required: true, message: t('step.targetCasePlaceholder') }]}>
                {seen.duplicates.length
                  ? <Select placeholder={t('step.targetCasePlaceholder')} options={seen.duplicates.map((d) => ({ value: d.id, label: `${d.trackingNo} · ${d.title}` }))} />
                  : <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder={t('step.targetCasePlaceholder')} />}
              </Form.Item>
            )}
            {req.note && (
              <Form.Item name="note" label={noteLabel} rules={[{ required: true, whitespace: true, message: t('step.notePlaceholder', { label: noteLabel }) }, { max: 5000 }]}>
                <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('step.notePlaceholder', { label: noteLabel })} />
              </Form.Item>
            )}
            {(req.evidence || transition.action === 'record' || transition.action === 'progress') && (
              <Form.Item label={t('step.evidence')} extra={req.evidence ? t('step.evidenceRequired') : undefined}>
                <EvidenceUpload onChange={setEvidence} />
              </Form.Item>
            )}
          </Form>
        </div>
      </Modal>
      <ConflictDialog open={conflict !== null} rows={conflictRows} applying={sending} error={conflictError}
        onApply={() => conflict && void send(conflict.body, conflict.current.version)}
        onDiscard={() => { setConflict(null); onStale() }} />
    </>
  )
}
