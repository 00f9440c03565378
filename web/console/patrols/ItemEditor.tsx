/**
 * Adds a patrol item or revises one (the district chief): the whole definition in one form. A
 * revision is sent with the version the chief started from, so that a revision saved meanwhile by
 * someone else is refused (409) instead of overwritten. Questions and options get their machine
 * names here (q1, q2 …; o1, o2 …), never typed by the user; an existing key is kept, since transfer
 * conditions and the answers of findings already recorded name it.
 */
import { useMemo, useState } from 'react'
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography, type ButtonProps } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api/client'
import { OPERATING_STATES, VALUE_LABELS } from '../../../src/modules/businesses/rules.ts'
import { ANSWER_KINDS, CYCLE_EVENTS, PATROL_DUTIES } from '../../../src/modules/patrols/rules.ts'
import { fetchCatalogue, keys as caseKeys } from '../cases/queries'
import { createItem, patrolKeys, reviseItem, type Definition, type PatrolItem, type Question } from './queries'

interface TransferValues { question?: string; answers?: string[]; categoryCode?: string }
interface Values {
  code?: string
  name: { zh: string; en: string }
  operatingStates?: Definition['targets']['operatingStates']
  licensedTradesOnly?: boolean
  annualReportMissing?: boolean
  wholeGrid?: boolean
  cycleKind: 'periodic' | 'event'
  days?: number
  event?: (typeof CYCLE_EVENTS)[number]
  dueWorkingDays?: number
  duties: Definition['duties']
  checklist: Question[]
  minPhotos: number
  video?: boolean
  transfers: TransferValues[]
}

function toValues(d: Definition): Values {
  return {
    name: d.name,
    operatingStates: d.targets.operatingStates,
    licensedTradesOnly: d.targets.licensedTradesOnly,
    annualReportMissing: d.targets.annualReportMissing,
    wholeGrid: d.targets.wholeGrid,
    cycleKind: d.cycle.kind,
    ...(d.cycle.kind === 'periodic' ? { days: d.cycle.days } : { event: d.cycle.event, dueWorkingDays: d.cycle.dueWorkingDays }),
    duties: d.duties,
    checklist: d.checklist,
    minPhotos: d.evidence.minPhotos,
    video: d.evidence.video,
    transfers: d.transfers.map((tr) => ({ question: tr.question, categoryCode: tr.categoryCode, answers: tr.answers.map(String) })),
  }
}

const EMPTY: Values = {
  name: { zh: '', en: '' }, cycleKind: 'periodic', days: 90, duties: ['grid_worker'],
  checklist: [{ key: 'q1', text: { zh: '', en: '' }, answer: 'yesNo', required: true }], minPhotos: 1, video: false, transfers: [],
}

/** The definition the server takes: flags only when set, options only on choice questions, answers typed. */
function toDefinition(v: Values): Definition {
  const checklist = v.checklist.map((q) => ({
    key: q.key, text: { zh: q.text.zh.trim(), en: q.text.en.trim() }, answer: q.answer, required: !!q.required,
    ...(q.answer === 'choice' ? { options: (q.options ?? []).map((o) => ({ value: o.value, label: { zh: o.label.zh.trim(), en: o.label.en.trim() } })) } : {}),
  }))
  const kinds = new Map(checklist.map((q) => [q.key, q.answer]))
  return {
    name: { zh: v.name.zh.trim(), en: v.name.en.trim() },
    targets: {
      ...(v.operatingStates?.length ? { operatingStates: v.operatingStates } : {}),
      ...(v.licensedTradesOnly ? { licensedTradesOnly: true } : {}),
      ...(v.annualReportMissing ? { annualReportMissing: true } : {}),
      ...(v.wholeGrid ? { wholeGrid: true } : {}),
    },
    cycle: v.cycleKind === 'periodic'
      ? { kind: 'periodic', days: v.days! }
      : { kind: 'event', event: v.event!, dueWorkingDays: v.dueWorkingDays! },
    duties: v.duties,
    checklist,
    evidence: { minPhotos: v.minPhotos ?? 0, video: !!v.video },
    transfers: v.transfers.map((tr) => ({
      question: tr.question!, categoryCode: tr.categoryCode!,
      answers: (tr.answers ?? []).map((a) => kinds.get(tr.question!) === 'yesNo' ? a === 'true' : a),
    })),
  }
}

/** The first `prefix`N not taken. */
function freeKey(prefix: string, taken: Iterable<string | undefined>): string {
  const used = new Set(taken)
  let n = 1
  while (used.has(`${prefix}${n}`)) n++
  return `${prefix}${n}`
}

export function ItemEditor({ item, onClose }: { item: PatrolItem | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('patrols')
  const { t: tc } = useTranslation('common')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const { message } = App.useApp()
  const queries = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<string | null>(null)
  const initial = useMemo(() => item ? toValues(item.definition) : EMPTY, [item])
  const catalogue = useQuery({ queryKey: caseKeys.catalogue, queryFn: fetchCatalogue })
  const checklist = (Form.useWatch('checklist', form) ?? initial.checklist) as Question[]
  const cycleKind = Form.useWatch('cycleKind', form) ?? initial.cycleKind
  const transfers = (Form.useWatch('transfers', form) ?? initial.transfers) as TransferValues[]
  const required = [{ required: true, message: t('form.required_') }]

  const save = useMutation({
    mutationFn: (v: Values) => item
      ? reviseItem(item.code, item.version, { definition: toDefinition(v) })
      : createItem(v.code!.trim(), toDefinition(v)),
    onSuccess: (saved) => {
      void message.success(item ? t('form.saved', { version: saved.version }) : t('form.created'))
      void queries.invalidateQueries({ queryKey: patrolKeys.items })
      onClose()
    },
    onError: (e: Error) => {
      setError(e.message)
      // revised meanwhile: the list shows the new version, from which the chief starts again
      if (e instanceof ApiError && e.status === 409) void queries.invalidateQueries({ queryKey: patrolKeys.items })
    },
  })

  const decidable = checklist.filter((q) => q?.answer === 'yesNo' || q?.answer === 'choice')
  const answersOf = (key: string | undefined) => {
    const q = checklist.find((c) => c?.key === key)
    if (!q) return []
    if (q.answer === 'yesNo') return [{ value: 'true', label: t('detail.yes') }, { value: 'false', label: t('detail.no') }]
    return (q.options ?? []).filter((o) => o?.value).map((o) => ({ value: o.value, label: o.label?.[lang] || o.value }))
  }

  return (
    <Modal open onCancel={onClose} destroyOnHidden width="min(880px, 100vw)" maskClosable={false}
      title={item ? t('form.reviseTitle', { name: item.definition.name[lang], version: item.version }) : t('form.createTitle')}
      onOk={() => void form.validateFields().then((v) => { setError(null); save.mutate(v) }).catch(() => undefined)}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'item-save' } as ButtonProps}>
      {item && <Typography.Paragraph type="secondary">{t('form.reviseHint', { next: item.version + 1 })}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="item-error" />}
      <Form form={form} layout="vertical" name="patrol-item" initialValues={initial} data-testid="item-form">
        {!item && (
          <Form.Item name="code" label={t('form.code')} extra={t('form.codeHelp')}
            rules={[...required, { pattern: /^[a-z][a-z0-9-]{1,39}$/, message: t('form.codeHelp') }]}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 260px' } }}>
          <Form.Item name={['name', 'zh']} label={t('form.nameZh')} rules={[...required, { whitespace: true, max: 200 }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name={['name', 'en']} label={t('form.nameEn')} rules={[...required, { whitespace: true, max: 200 }]}><Input maxLength={200} /></Form.Item>
        </Space>

        <Typography.Title level={5}>{t('form.targets')}</Typography.Title>
        <Form.Item name="operatingStates" label={t('form.states')} extra={t('form.statesHelp')}>
          <Select mode="multiple" allowClear options={OPERATING_STATES.map((s) => ({ value: s, label: VALUE_LABELS.operatingState[s][lang] }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="licensedTradesOnly" valuePropName="checked" noStyle><Checkbox>{t('form.licensedOnly')}</Checkbox></Form.Item>
          <Form.Item name="annualReportMissing" valuePropName="checked" noStyle><Checkbox>{t('form.annualMissing')}</Checkbox></Form.Item>
          <Form.Item name="wholeGrid" valuePropName="checked" noStyle><Checkbox>{t('form.wholeGrid')}</Checkbox></Form.Item>
        </Space>

        <Typography.Title level={5} style={{ marginTop: 16 }}>{t('form.cycleKind')}</Typography.Title>
        <Form.Item name="cycleKind">
          <Radio.Group options={[{ value: 'periodic', label: t('form.periodic') }, { value: 'event', label: t('form.event') }]} />
        </Form.Item>
        {cycleKind === 'periodic'
          ? (
            <Form.Item name="days" label={t('form.days')} rules={required}><InputNumber min={1} max={3650} precision={0} /></Form.Item>
          )
          : (
            <Space wrap>
              <Form.Item name="event" label={t('form.event_')} rules={required}>
                <Select style={{ width: 200 }} options={CYCLE_EVENTS.map((e) => ({ value: e, label: t(`form.events.${e}`) }))} />
              </Form.Item>
              <Form.Item name="dueWorkingDays" label={t('form.dueWorkingDays')} rules={required}><InputNumber min={1} max={250} precision={0} /></Form.Item>
            </Space>
          )}
        <Form.Item name="duties" label={t('form.duties')} rules={required}>
          <Checkbox.Group options={PATROL_DUTIES.map((d) => ({ value: d, label: tc(`roles.${d}`) }))} />
        </Form.Item>

        <Typography.Title level={5}>{t('form.checklist')}</Typography.Title>
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <Card key={field.key} size="small" title={`${i + 1}.`} data-testid="item-question"
                  extra={fields.length > 1 && <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('form.remove')} onClick={() => remove(field.name)} />}>
                  <Form.Item name={[field.name, 'key']} hidden><Input /></Form.Item>
                  <Form.Item name={[field.name, 'text', 'zh']} label={t('form.questionZh')} rules={[...required, { whitespace: true, max: 200 }]}><Input maxLength={200} /></Form.Item>
                  <Form.Item name={[field.name, 'text', 'en']} label={t('form.questionEn')} rules={[...required, { whitespace: true, max: 200 }]}><Input maxLength={200} /></Form.Item>
                  <Space wrap align="end">
                    <Form.Item name={[field.name, 'answer']} label={t('form.answer')} rules={required}>
                      <Select style={{ width: 160 }} options={ANSWER_KINDS.map((k) => ({ value: k, label: t(`answer.${k}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} valuePropName="checked"><Checkbox>{t('form.required')}</Checkbox></Form.Item>
                  </Space>
                  {checklist[field.name]?.answer === 'choice' && <OptionsList name={field.name} />}
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ key: freeKey('q', checklist.map((q) => q?.key)), text: { zh: '', en: '' }, answer: 'yesNo', required: true })}
                data-testid="item-add-question">{t('form.addQuestion')}</Button>
            </Space>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 16 }}>{t('form.evidence')}</Typography.Title>
        <Space wrap align="end">
          <Form.Item name="minPhotos" label={t('form.minPhotos')} rules={required}><InputNumber min={0} max={20} precision={0} /></Form.Item>
          <Form.Item name="video" valuePropName="checked"><Checkbox>{t('form.video')}</Checkbox></Form.Item>
        </Space>

        <Typography.Title level={5}>{t('form.transfers')}</Typography.Title>
        <Form.List name="transfers">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field) => (
                <Space key={field.key} wrap align="start" data-testid="item-transfer">
                  <Form.Item name={[field.name, 'question']} label={t('form.question')} rules={required}>
                    <Select style={{ width: 240 }} options={decidable.map((q) => ({ value: q.key, label: q.text?.[lang] || q.key }))}
                      onChange={() => form.setFieldValue(['transfers', field.name, 'answers'], [])} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'answers']} label={t('form.answers')} rules={required}>
                    <Select mode="multiple" style={{ width: 200 }} options={answersOf(transfers[field.name]?.question)} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'categoryCode']} label={t('form.category')} rules={required}>
                    <Select showSearch optionFilterProp="label" style={{ width: 200 }} loading={catalogue.isLoading}
                      options={(catalogue.data?.categories ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: c.name[lang] }))} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('form.remove')} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ answers: [] })} data-testid="item-add-transfer">{t('form.addTransfer')}</Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  )
}

/** A choice question's options: at least two, each named in both languages. */
function OptionsList({ name }: { name: number }) {
  const { t } = useTranslation('patrols')
  const form = Form.useFormInstance<Values>()
  return (
    <Form.List name={[name, 'options']} rules={[{
      validator: async (_, options?: unknown[]) => {
        if (!options || options.length < 2) throw new Error(t('form.options'))
      },
    }]}>
      {(fields, { add, remove }, { errors }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('form.options')}</Typography.Text>
          {fields.map((field) => (
            <Space key={field.key} wrap align="start">
              <Form.Item name={[field.name, 'value']} hidden><Input /></Form.Item>
              <Form.Item name={[field.name, 'label', 'zh']} rules={[{ required: true, whitespace: true, message: t('form.required_') }]}><Input placeholder={t('form.optionZh')} maxLength={200} /></Form.Item>
              <Form.Item name={[field.name, 'label', 'en']} rules={[{ required: true, whitespace: true, message: t('form.required_') }]}><Input placeholder={t('form.optionEn')} maxLength={200} /></Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('form.remove')} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => {
            const taken = ((form.getFieldValue(['checklist', name, 'options']) ?? []) as Array<{ value?: string }>).map((o) => o?.value)
            add({ value: freeKey('o', taken), label: { zh: '', en: '' } })
          }}>{t('form.addOption')}</Button>
          <Form.ErrorList errors={errors} />
        </Space>
      )}
    </Form.List>
  )
}
