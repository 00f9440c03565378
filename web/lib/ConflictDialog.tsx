/**
 * The dialog a form shows when the server refuses its change with 409 'record.versionConflict'
 * (someone else saved the record since the form was opened): per field the value saved meanwhile
 * beside the user's own, and two ways on: apply my changes to the current version (re-sent with
 * the new version as If-Match), or discard mine (the form shows the current record).
 */
import { Alert, Button, Modal, Space, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError } from './api/client'

const TEXTS = {
  'zh-CN': {
    title: '记录已被他人修改',
    intro: '您编辑期间，其他人保存了这条记录。请对比下列字段，选择如何继续。',
    field: '字段', theirs: '当前保存的值', mine: '您的修改',
    apply: '将我的修改应用到当前版本', discard: '放弃我的修改',
  },
  en: {
    title: 'Someone else changed this record',
    intro: 'While you were editing, someone else saved this record. Compare the fields below and choose how to go on.',
    field: 'Field', theirs: 'Saved meanwhile', mine: 'Your change',
    apply: 'Apply my changes to the current version', discard: 'Discard mine',
  },
} as const

/** The current record a version conflict carries, or null when `e` is no version conflict. */
export function conflictOf<T>(e: unknown): T | null {
  if (e instanceof ApiError && e.code === 'record.versionConflict' && e.details.current) return e.details.current as T
  return null
}

export interface ConflictRow {
  field: string
  label: string
  theirs: unknown
  mine: unknown
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (Array.isArray(v)) return v.length ? v.map(show).join('、') : '—'
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    if ('lng' in o && 'lat' in o) return `${o.lng}, ${o.lat}`
    return Object.values(o).map(show).join(' ')
  }
  return String(v)
}

export interface ConflictDialogProps {
  open: boolean
  rows: ConflictRow[]
  applying?: boolean
  error?: string | null
  onApply: () => void
  onDiscard: () => void
}

export function ConflictDialog({ open, rows, applying, error, onApply, onDiscard }: ConflictDialogProps) {
  const { i18n } = useTranslation()
  const t = TEXTS[i18n.language === 'en' ? 'en' : 'zh-CN']
  return (
    <Modal
      open={open}
      title={t.title}
      closable={false}
      maskClosable={false}
      width={640}
      footer={(
        <Space>
          <Button onClick={onDiscard} data-testid="conflict-discard">{t.discard}</Button>
          <Button type="primary" loading={applying} onClick={onApply} data-testid="conflict-apply">{t.apply}</Button>
        </Space>
      )}
    >
      {/* The test id sits on the content: Modal's own root wrapper has no box of its own. */}
      <div data-testid="conflict-dialog">
        <p>{t.intro}</p>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Table<ConflictRow>
          size="small"
          pagination={false}
          rowKey="field"
          dataSource={rows}
          columns={[
            { title: t.field, dataIndex: 'label' },
            { title: t.theirs, render: (_, r) => <span data-testid={`conflict-theirs-${r.field}`}>{show(r.theirs)}</span> },
            { title: t.mine, render: (_, r) => <strong data-testid={`conflict-mine-${r.field}`}>{show(r.mine)}</strong> },
          ]}
        />
      </div>
    </Modal>
  )
}
