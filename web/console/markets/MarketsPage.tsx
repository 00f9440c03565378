/**
 * Co-governance (M4.4): the markets of the user's area with their month's assessment; a chief sets
 * a market up and, once a month is over, draws the sample of its management's findings; the grid's
 * staff record what checking each drawn finding found. The figures and the score are the server's
 * (src/modules/markets): the page only shows them.
 */
import { useMemo, useState } from 'react'
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type ButtonProps } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import { ApiError } from '../../lib/api/client'
import { useSession } from '../../lib/session'
import { formatDateTime } from '../../../src/shared/dates.ts'
import { areaKeys, fetchAllAreas } from '../areas/queries'
import { createMarket, drawChecks, fetchChecks, fetchMarkets, marketKeys, recordCheck, type Check, type Market } from './queries'

const thisMonth = () => dayjs().format('YYYY-MM')

export default function MarketsPage() {
  const { t } = useTranslation('markets')
  const { can } = useSession()
  const [period, setPeriod] = useState(thisMonth)
  const [open, setOpen] = useState<Market | null>(null)
  const [creating, setCreating] = useState(false)
  const list = useQuery({ queryKey: marketKeys.list(period), queryFn: () => fetchMarkets(period) })
  const percent = Math.round((list.data?.ratio ?? 0) * 1000) / 10

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="markets-page">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('intro')}</Typography.Paragraph>
      <Space wrap>
        <span>{t('month')}</span>
        <DatePicker picker="month" allowClear={false} value={dayjs(`${period}-01`)} onChange={(d) => d && setPeriod(d.format('YYYY-MM'))}
          data-testid="markets-month" />
        {can('market.manage') && <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="market-create">{t('create')}</Button>}
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      <Table<Market> rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={false}
        scroll={{ x: 'max-content' }} data-testid="markets-table" columns={[
          { title: t('col.name'), dataIndex: 'name', fixed: 'left' },
          { title: t('col.grid'), render: (_, m) => `${m.gridName}（${m.gridCode}）` },
          { title: t('col.businesses'), dataIndex: 'businessCount', align: 'right' },
          { title: t('col.operators'), render: (_, m) => m.operators.length ? m.operators.map((o) => o.name).join('、') : <Typography.Text type="secondary">{t('noOperator')}</Typography.Text> },
          { title: t('col.due'), render: (_, m) => m.assessment.tasksDue, align: 'right' },
          { title: t('col.onTime'), render: (_, m) => m.assessment.doneOnTime, align: 'right' },
          { title: t('col.overdue'), render: (_, m) => m.assessment.overdue ? <Tag color="red">{m.assessment.overdue}</Tag> : 0, align: 'right' },
          { title: t('col.findings'), render: (_, m) => m.assessment.findings, align: 'right' },
          { title: t('col.checks'), render: (_, m) => m.draw ? t('checksOf', { checked: m.assessment.checked, sampled: m.assessment.sampled }) : <Typography.Text type="secondary">{t('notDrawn')}</Typography.Text> },
          { title: t('col.confirmed'), render: (_, m) => m.assessment.checked ? `${m.assessment.confirmed}/${m.assessment.checked}` : t('none'), align: 'right' },
          {
            title: <Tooltip title={t('scoreHint')}>{t('col.score')}</Tooltip>,
            render: (_, m) => <span data-testid="market-score">{m.assessment.score ?? t('none')}</span>, align: 'right',
          },
          {
            title: t('col.actions'), render: (_, m) => (
              <Space>
                {can('marketCheck.draw') && !m.draw && <DrawButton market={m} period={period} percent={percent} />}
                <Button size="small" type="link" onClick={() => setOpen(m)} data-testid="market-checks">{t('viewChecks')}</Button>
              </Space>
            ),
          },
        ]} />
      {open && <ChecksDrawer market={open} period={period} onClose={() => setOpen(null)} />}
      {creating && <CreateMarket onClose={() => setCreating(false)} />}
    </Space>
  )
}

/** Draws the month's sample; refused by the server (and disabled here) before the month is over. */
function DrawButton({ market, period, percent }: { market: Market; period: string; percent: number }) {
  const { t } = useTranslation('markets')
  const { message } = App.useApp()
  const queries = useQueryClient()
  const draw = useMutation({
    mutationFn: () => drawChecks(market.id, period),
    onSuccess: (d) => {
      void message.success(t('drawn', { n: d.items.length }))
      void queries.invalidateQueries({ queryKey: marketKeys.all })
    },
    onError: (e: Error) => void message.error(e.message),
  })
  if (period >= thisMonth()) return <Tooltip title={t('drawOpen')}><Button size="small" disabled>{t('draw')}</Button></Tooltip>
  return (
    <Popconfirm title={t('draw')} description={<div style={{ maxWidth: 320 }}>{t('drawConfirm', { period, percent })}</div>} onConfirm={() => draw.mutate()}>
      <Button size="small" loading={draw.isPending} data-testid="market-draw">{t('draw')}</Button>
    </Popconfirm>
  )
}

function ChecksDrawer({ market, period, onClose }: { market: Market; period: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('markets')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const { can } = useSession()
  const checks = useQuery({ queryKey: marketKeys.checks(market.id, period), queryFn: () => fetchChecks(market.id, period) })
  const d = checks.data?.draw
  const answer = (v: boolean | number | string) => (typeof v === 'boolean' ? t(v ? 'checks.yes' : 'checks.no') : String(v))
  return (
    <Drawer open onClose={onClose} width="min(900px, 100vw)" title={t('checks.title', { market: market.name, period })} data-testid="checks-drawer">
      {checks.error && <Alert type="error" showIcon message={checks.error.message} />}
      {checks.data && !d && <Alert type="info" showIcon message={t('checks.empty')} />}
      {d && checks.data && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph data-testid="draw-info">
            {t('checks.drawInfo', {
              at: formatDateTime(d.drawnAt, lang), by: d.drawnBy ?? '—', population: d.population,
              percent: Math.round(d.ratio * 1000) / 10, sampled: d.sampled,
            })}
            <br />
            <Typography.Text type="secondary">{t('checks.seed')}：</Typography.Text><Typography.Text code copyable>{d.seed}</Typography.Text>
          </Typography.Paragraph>
          <Table<Check> rowKey="findingId" size="small" pagination={false} dataSource={checks.data.items} scroll={{ x: 'max-content' }} columns={[
            { title: t('checks.business'), render: (_, c) => c.business?.name ?? t('none') },
            { title: t('checks.item'), render: (_, c) => c.item[lang] },
            { title: t('checks.recorded'), render: (_, c) => formatDateTime(c.recordedAt, lang) },
            { title: t('checks.by'), dataIndex: 'recordedBy' },
            { title: t('checks.answers'), render: (_, c) => Object.values(c.answers).map(answer).join('；') + (c.findingNote ? `；${c.findingNote}` : '') },
            {
              title: t('checks.result'), render: (_, c) => c.result
                ? (
                    <Space direction="vertical" size={0} data-testid="check-result">
                      <Tag color={c.result === 'confirmed' ? 'green' : 'red'}>{t(c.result === 'confirmed' ? 'checks.confirmed' : 'checks.discrepant')}</Tag>
                      {c.note && <Typography.Text>{c.note}</Typography.Text>}
                      <Typography.Text type="secondary">{t('checks.recordedBy', { by: c.checkedBy ?? '—', at: formatDateTime(c.checkedAt, lang) })}</Typography.Text>
                    </Space>
                  )
                : can('marketCheck.record') ? <CheckButtons check={c} /> : <Typography.Text type="secondary">{t('checks.pending')}</Typography.Text>,
            },
          ]} />
        </Space>
      )}
    </Drawer>
  )
}

/** Confirmed at once; found wrong only with a note saying what. */
function CheckButtons({ check }: { check: Check }) {
  const { t } = useTranslation('markets')
  const { message } = App.useApp()
  const queries = useQueryClient()
  const [noting, setNoting] = useState(false)
  const [note, setNote] = useState('')
  const save = useMutation({
    mutationFn: (body: { result: 'confirmed' | 'discrepancy'; note?: string }) => recordCheck(check.findingId, body),
    onSuccess: () => {
      setNoting(false)
      void queries.invalidateQueries({ queryKey: marketKeys.all })
    },
    onError: (e: Error) => void message.error(e.message),
  })
  return (
    <Space data-testid="check-buttons">
      <Button size="small" type="primary" loading={save.isPending} onClick={() => save.mutate({ result: 'confirmed' })} data-testid="check-confirm">{t('checks.confirm')}</Button>
      <Button size="small" danger onClick={() => setNoting(true)} data-testid="check-discrepancy">{t('checks.discrepancy')}</Button>
      <Modal open={noting} title={t('checks.notePrompt')} onCancel={() => setNoting(false)} okButtonProps={{ disabled: !note.trim(), loading: save.isPending, 'data-testid': 'check-note-save' } as ButtonProps}
        onOk={() => save.mutate({ result: 'discrepancy', note })} destroyOnHidden>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('checks.note')} maxLength={2000} data-testid="check-note" />
      </Modal>
    </Space>
  )
}

interface CreateValues { name: string; gridCode: string; usccs?: string; operators?: string[] }

function CreateMarket({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('markets')
  const { message } = App.useApp()
  const queries = useQueryClient()
  const [form] = Form.useForm<CreateValues>()
  const [error, setError] = useState<string | null>(null)
  const areas = useQuery({ queryKey: areaKeys.tree(), queryFn: fetchAllAreas })
  const grids = useMemo(() => (areas.data ?? []).filter((a) => a.childCount === 0).map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` })), [areas.data])
  const save = useMutation({
    mutationFn: (v: CreateValues) => createMarket({
      name: v.name.trim(), gridCode: v.gridCode,
      usccs: (v.usccs ?? '').split(/[\s,，、]+/).map((u) => u.trim().toUpperCase()).filter(Boolean),
      operators: v.operators ?? [],
    }),
    onSuccess: () => {
      void message.success(t('form.created'))
      void queries.invalidateQueries({ queryKey: marketKeys.all })
      onClose()
    },
    onError: (e: Error) => {
      const fields = e instanceof ApiError ? e.fieldErrors().filter((f) => ['name', 'gridCode', 'usccs', 'operators'].includes(f.field)) : []
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.field as keyof CreateValues, errors: [f.message] })))
      else setError(e.message)
    },
  })
  return (
    <Modal open title={t('create')} onCancel={onClose} onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'market-save' } as ButtonProps} destroyOnHidden width="min(640px, 100vw)">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="market" data-testid="market-form">
        <Form.Item name="name" label={t('form.name')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="gridCode" label={t('form.grid')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={grids} placeholder={t('form.gridPick')} loading={areas.isLoading} />
        </Form.Item>
        <Form.Item name="usccs" label={t('form.usccs')} extra={t('form.usccsHelp')}><Input.TextArea rows={4} /></Form.Item>
        <Form.Item name="operators" label={t('form.operators')} extra={t('form.operatorsHelp')}><Select mode="tags" open={false} tokenSeparators={[',', ' ', '，']} /></Form.Item>
      </Form>
    </Modal>
  )
}
