/**
 * One patrol item as the user reads it: what is patrolled, how often, by whom, the checklist, the
 * evidence and the transfer conditions, in words; and every version, newest first, each readable.
 */
import { useState } from 'react'
import { Alert, Descriptions, Drawer, List, Select, Space, Tag, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../src/shared/dates.ts'
import { VALUE_LABELS } from '../../../src/modules/businesses/rules.ts'
import { useSession } from '../../lib/session'
import { fetchCatalogue, keys as caseKeys } from '../cases/queries'
import { fetchHistory, patrolKeys, type Definition, type Question } from './queries'

/** The page's translate function (the texts' keys are not typed). */
type T = (key: string, options?: Record<string, unknown>) => string

export function cycleText(t: T, cycle: Definition['cycle']): string {
  return cycle.kind === 'periodic' ? t('cycle.periodic', { days: cycle.days }) : t(`cycle.${cycle.event}`, { n: cycle.dueWorkingDays })
}

export function evidenceText(t: T, evidence: Definition['evidence']): string {
  const parts = [...(evidence.minPhotos ? [t('items.photos', { n: evidence.minPhotos })] : []), ...(evidence.video ? [t('items.video')] : [])]
  return parts.length ? parts.join(t('sep.clause')) : t('items.none')
}

/** An answer named as the question offers it: 是/否, or the option's label. */
function answerLabel(t: T, q: Question | undefined, answer: boolean | string, lang: 'zh' | 'en'): string {
  if (typeof answer === 'boolean') return answer ? t('detail.yes') : t('detail.no')
  return q?.options?.find((o) => o.value === answer)?.label[lang] ?? answer
}

export function ItemDrawer({ code, onClose }: { code: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('patrols')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const history = useQuery({ queryKey: patrolKeys.history(code ?? ''), queryFn: () => fetchHistory(code!), enabled: !!code })
  const [picked, setPicked] = useState<number | null>(null)
  const versions = history.data?.code === code ? history.data.versions : []
  const shown = versions.find((v) => v.version === picked) ?? versions[0]
  const close = () => {
    setPicked(null)
    onClose()
  }
  return (
    <Drawer open={!!code} onClose={close} width="min(720px, 100vw)" destroyOnHidden data-testid="item-drawer"
      title={shown ? t('detail.title', { name: shown.definition.name[lang], version: shown.version }) : code}>
      {history.error && <Alert type="error" showIcon message={history.error.message} />}
      {shown && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Select value={shown.version} onChange={setPicked} style={{ width: '100%' }} data-testid="item-versions"
            options={versions.map((v, i) => ({
              value: v.version,
              label: `${t('detail.versionBy', { version: v.version, by: v.createdBy ?? t('detail.system'), at: formatDateTime(v.createdAt, lang) })}${i === 0 ? ` · ${t('detail.current')}` : ''}`,
            }))} />
          <DefinitionView definition={shown.definition} />
        </Space>
      )}
    </Drawer>
  )
}

function DefinitionView({ definition: d }: { definition: Definition }) {
  const { t, i18n } = useTranslation('patrols')
  const { t: tc } = useTranslation('common')
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const { can } = useSession()
  const catalogue = useQuery({ queryKey: caseKeys.catalogue, queryFn: fetchCatalogue, enabled: can('case.read') })
  const categoryName = (code: string) => catalogue.data?.categories.find((c) => c.code === code)?.name[lang] ?? code
  const questions = new Map(d.checklist.map((q) => [q.key, q]))
  const targets = [
    ...(d.targets.wholeGrid ? [t('detail.wholeGrid')] : []),
    ...(d.targets.operatingStates ? [t('detail.states', { states: d.targets.operatingStates.map((s) => VALUE_LABELS.operatingState[s][lang]).join(t('sep.list')) })] : []),
    ...(d.targets.licensedTradesOnly ? [t('detail.licensedOnly')] : []),
    ...(d.targets.annualReportMissing ? [t('detail.annualMissing')] : []),
  ]
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('detail.targets')}>{targets.length ? targets.join(t('sep.clause')) : t('detail.allBusinesses')}</Descriptions.Item>
        <Descriptions.Item label={t('items.col.cycle')}>{cycleText(t, d.cycle)}</Descriptions.Item>
        <Descriptions.Item label={t('items.col.duties')}>{d.duties.map((r) => tc(`roles.${r}`)).join(t('sep.list'))}</Descriptions.Item>
        <Descriptions.Item label={t('detail.evidence')}>{evidenceText(t, d.evidence)}</Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('detail.checklist')}</Typography.Title>
        <List size="small" bordered dataSource={d.checklist} data-testid="item-checklist" renderItem={(q, i) => (
          <List.Item>
            <Space direction="vertical" size={2}>
              <span>{i + 1}. {q.text[lang]} <Tag>{t(`answer.${q.answer}`)}</Tag>{q.required ? <Tag color="blue">{t('detail.required')}</Tag> : <Tag>{t('detail.optional')}</Tag>}</span>
              {q.options && <Typography.Text type="secondary">{q.options.map((o) => o.label[lang]).join(' / ')}</Typography.Text>}
            </Space>
          </List.Item>
        )} />
      </div>
      <div>
        <Typography.Title level={5}>{t('detail.transfers')}</Typography.Title>
        {d.transfers.length
          ? (
            <List size="small" bordered dataSource={d.transfers} data-testid="item-transfers" renderItem={(tr) => {
              const q = questions.get(tr.question)
              return (
                <List.Item>{t('detail.transferText', {
                  question: q?.text[lang] ?? tr.question,
                  answers: tr.answers.map((a) => t('sep.open') + answerLabel(t, q, a, lang) + t('sep.close')).join(t('sep.or')),
                  category: categoryName(tr.categoryCode),
                })}</List.Item>
              )
            }} />
          )
          : <Typography.Text type="secondary">{t('items.none')}</Typography.Text>}
      </div>
    </Space>
  )
}
