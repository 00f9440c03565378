/**
 * One case: what it is, where, who holds it and until when; every step taken, with its evidence;
 * and a button for each step the user may take now (`actions`, computed by the server from the
 * declared loop, so the console never offers what the API would refuse).
 */
import { useState } from 'react'
import { Alert, App, Button, Descriptions, Drawer, Image, List, Skeleton, Space, Tag, Timeline, Typography } from 'antd'
import { EyeOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useSession } from '../../lib/session'
import { MiniMap } from '../../lib/map'
import PrintRecordLink from './PrintRecordLink'
import { StepDialog } from './StepDialog'
import { caseTime, fetchCase, fetchCatalogue, fetchLoop, keys, revealContact, stepLabel, type CaseDetail, type Loop, type Transition } from './queries'

export function CaseStateTag({ state, loop, overdueLevel = 0 }: { state: string; loop?: Loop; overdueLevel?: number }) {
  const { t, i18n } = useTranslation('cases')
  const label = loop?.states.find((s) => s.state === state)?.label[i18n.language === 'en' ? 'en' : 'zh'] ?? state
  return <>
    <Tag color={state === 'closed' ? 'green' : state === 'dismissed' || state === 'merged' ? 'default' : 'blue'}>{label}</Tag>
    {overdueLevel > 0 && <Tag color="red">{t('overdueLevel', { level: overdueLevel })}</Tag>}
  </>
}

function EvidenceList({ sha256s }: { sha256s: string[] }) {
  // Every kind has a preview link; images show their thumbnail (an unknown kind falls back to the link).
  return (
    <Space wrap data-testid="step-evidence">
      {sha256s.map((sha) => (
        <Image key={sha} width={64} height={64} style={{ objectFit: 'cover' }} src={`/api/evidence/${sha}/thumbnail`}
          preview={{ src: `/api/evidence/${sha}` }}
          fallback="data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'><rect width='64' height='64' fill='%23eee'/><text x='8' y='38' font-size='12'>file</text></svg>" />
      ))}
    </Space>
  )
}

export function CaseDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('cases')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const { can } = useSession()
  const { message } = App.useApp()
  const queries = useQueryClient()
  const [step, setStep] = useState<Transition | null>(null)
  const [contact, setContact] = useState<{ name: string | null; phone: string | null; email: string | null } | null>(null)
  const loop = useQuery({ queryKey: keys.loop, queryFn: fetchLoop })
  const q = useQuery({ queryKey: keys.one(id ?? 0), queryFn: () => fetchCase(id!), enabled: id !== null })
  const c = q.data
  const when = (s: string) => caseTime(s, lang)
  const catalogue = useQuery({ queryKey: keys.catalogue, queryFn: fetchCatalogue })
  const departmentName = (code: string) => catalogue.data?.departments.find((d) => d.code === code)?.name[lang] ?? code
  const none = <Typography.Text type="secondary">{t('common:none')}</Typography.Text>

  function done(next: CaseDetail) {
    queries.setQueryData(keys.one(next.id), next)
    void queries.invalidateQueries({ queryKey: keys.all, predicate: (query) => query.queryKey[1] !== 'one' })
    void message.success(t('step.done', { step: step ? step.label[lang] : '' }))
    setStep(null)
  }

  function close() {
    setContact(null)
    setStep(null)
    onClose()
  }

  const shown = contact ?? c?.contact
  return (
    <Drawer open={id !== null} onClose={close} width="min(760px, 100vw)" destroyOnHidden data-testid="case-drawer"
      extra={c && <PrintRecordLink caseId={c.id} />}
      title={c ? <>{c.emergency && <Tag color="red">{t('emergency')}</Tag>}{t('detail.title', { no: c.trackingNo })}</> : t('common:detail')}>
      {(q.isLoading || loop.isLoading) && <Skeleton active />}
      {/* without the declared loop the drawer cannot draw the case's steps: say so, not a blank drawer */}
      {(q.error ?? loop.error) && <Alert type="error" showIcon message={t('loadFailed', { message: (q.error ?? loop.error)!.message })} />}
      {c && loop.data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div data-testid="case-actions">
            <Typography.Text strong>{t('detail.actions')}：</Typography.Text>
            {c.actions.length === 0 && <Typography.Text type="secondary">{t('detail.noActions')}</Typography.Text>}
            <Space wrap>
              {c.actions.map((a) => {
                const tr = loop.data.transitions.find((x) => x.action === a)!
                return <Button key={a} type={a === 'close' || a === 'verify' || a === 'accept' ? 'primary' : 'default'} danger={a === 'sendBack' || a === 'dismiss'}
                  data-testid={`step-${a}`} onClick={() => setStep(tr)}>{tr.label[lang]}</Button>
              })}
            </Space>
          </div>
          {c.mergedInto && <Alert type="info" showIcon message={t('detail.mergedInto', { id: c.mergedInto })} />}
          {c.duplicates.length > 0 && (
            <Alert type="warning" showIcon message={t('detail.duplicates')} data-testid="case-duplicates"
              description={<List size="small" dataSource={c.duplicates} renderItem={(d) => <List.Item>{t('detail.duplicate', { no: d.trackingNo, title: d.title, m: d.distanceM })}</List.Item>} />} />
          )}
          <Descriptions bordered size="small" column={2} data-testid="case-detail">
            <Descriptions.Item label={t('col.title')} span={2}>{c.title}</Descriptions.Item>
            <Descriptions.Item label={t('col.state')} span={2}><span data-testid="case-state"><CaseStateTag state={c.state} loop={loop.data} overdueLevel={c.overdueLevel} /></span></Descriptions.Item>
            <Descriptions.Item label={t('col.category')}>{c.category[lang]}</Descriptions.Item>
            <Descriptions.Item label={t('col.source')}>{loop.data.sources.find((s) => s.source === c.source)?.label[lang] ?? c.source}</Descriptions.Item>
            <Descriptions.Item label={t('col.grid')}>{c.gridCode ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('col.holder')}>{c.holderCode}</Descriptions.Item>
            <Descriptions.Item label={t('col.deadline')}>{c.dueAt ? <span style={{ color: c.overdueAt ? 'red' : undefined }}>{when(c.dueAt)}</span> : none}</Descriptions.Item>
            <Descriptions.Item label={t('detail.department')}>{c.departmentCode ? departmentName(c.departmentCode) : none}</Descriptions.Item>
            <Descriptions.Item label={t('detail.address')} span={2}>{c.address ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('detail.description')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.description}</Typography.Paragraph></Descriptions.Item>
            {shown && (
              <Descriptions.Item label={t('detail.contact')} span={2}>
                <span data-testid="case-contact">{[shown.name, shown.phone, shown.email].filter(Boolean).join(' · ') || '—'}</span>
                {c.contact?.masked && !contact && can('case.readContact') && (
                  <Button size="small" type="link" icon={<EyeOutlined />} title={t('detail.revealHint')}
                    onClick={() => void revealContact(c.id).then(setContact, (e: Error) => void message.error(e.message))}>{t('detail.reveal')}</Button>
                )}
              </Descriptions.Item>
            )}
            {c.rating !== null && <Descriptions.Item label={t('detail.rating')} span={2}>{'★'.repeat(c.rating)}</Descriptions.Item>}
          </Descriptions>
          {c.location && <MiniMap point={c.location} height={200} />}
          <Typography.Title level={5}>{t('detail.timeline')}</Typography.Title>
          <Timeline data-testid="case-timeline" items={c.steps.map((s) => ({
            color: s.action === 'sendBack' ? 'red' : s.toState === 'closed' ? 'green' : 'blue',
            children: (
              <div data-testid="timeline-step">
                <Typography.Text strong>{stepLabel(loop.data, s.action, lang)}</Typography.Text>{' '}
                <CaseStateTag state={s.toState} loop={loop.data} />
                <Typography.Text type="secondary">{when(s.at)} · {s.actorName ?? t('detail.system')}{s.dueAt ? ` · ${t('detail.due', { at: when(s.dueAt) })}` : ''}</Typography.Text>
                {s.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{s.note}</Typography.Paragraph>}
                {s.evidence.length > 0 && <EvidenceList sha256s={s.evidence} />}
              </div>
            ),
          }))} />
          <Typography.Text type="secondary">{t('detail.version')} {c.version}</Typography.Text>
        </Space>
      )}
      {c && step && loop.data && (
        <StepDialog detail={c} transition={step} loop={loop.data} onDone={done} onCancel={() => setStep(null)}
          onStale={() => { setStep(null); void q.refetch() }} />
      )}
    </Drawer>
  )
}
