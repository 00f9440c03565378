/**
 * `<ImportWizard>`: the import of a ledger file (CSV or xlsx) in three steps, for any import route
 * of the server that takes a multipart field `file` and the query `mode` (all | valid) and `dryRun`:
 *
 *   1. upload — drag or choose a file; the expected columns are described, and a template with
 *      the header row can be downloaded;
 *   2. preview — the server reads the whole file without writing (`dryRun=true`) and reports the
 *      rows, how many it would accept, every refused row (row number, column, reason), the rows
 *      that will land unplaced (warnings) and, in update mode, what each row changes from what to
 *      what; the `choices` the route offers (update registered records, refuse unplaced rows)
 *      re-run the check when changed;
 *   3. confirm — only the choices that make sense: "import" when every row passed, "import the N
 *      valid rows" when some were refused, none when nothing can be imported; the refused rows can
 *      be downloaded as a workbook with a reason column (`refusedRowsUrl`), fixed and uploaded again.
 *
 * A refused file (too large, not CSV/xlsx, unknown header) shows the server's message.
 *
 *   <ImportWizard
 *     url="/api/businesses/import"
 *     templateColumns="统一社会信用代码,名称,注册地址"
 *     columnsHelp={t('importColumns')}
 *     onImported={() => queryClient.invalidateQueries({ queryKey: ['businesses'] })}
 *   />
 *
 * It renders its own button (label `buttonText`, default "导入"/"Import") and a dialog.
 */
import { useMemo, useState, type ReactNode } from 'react'
import { Alert, Button, Descriptions, Modal, Radio, Result, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd'
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import i18n from './i18n'
import { texts } from './i18n/texts'
import { ApiError } from './api/client'
import { sendFile, sendFileForFile } from './api/send'
import type { paths } from './api/schema'
import { useLocalPages } from './Pager'

const NS = 'importWizard'
const strings = texts({
  button: '导入',
  title: '导入台账',
  stepUpload: '选择文件',
  stepPreview: '预检',
  stepResult: '结果',
  drag: '点击或拖拽 CSV / Excel（.xlsx）文件到此处',
  dragHint: '文件先经服务器预检，不会直接写入',
  columns: '文件格式',
  template: '下载模板（CSV）',
  checking: '正在预检 {{name}} …',
  importing: '正在导入 …',
  file: '文件',
  rows: '数据行',
  accepted: '可导入',
  refused: '被拒绝',
  refusalsTitle: '被拒绝的行',
  refusalsShown: '仅列出前 {{shown}} 条，共 {{total}} 条',
  row: '行号',
  column: '列',
  message: '原因',
  allClean: '全部行都通过了校验',
  importAll: '导入 {{n}} 行',
  importValid: '仅导入通过校验的 {{n}} 行',
  importChanges: '导入：新增 {{created}} 行，更新 {{updated}} 行',
  nothingChanges: '文件与台账一致，没有需要导入的改动',
  nothingToImport: '没有可导入的行。请下载被拒绝的行，按“拒绝原因”改正后重新上传',
  downloadRefused: '下载被拒绝的行（Excel，含原因）',
  created: '新增',
  updated: '更新',
  unchanged: '无变化',
  unplacedRows: '需注意',
  existingLabel: '已登记的统一社会信用代码',
  existingRefuse: '拒绝该行',
  existingUpdate: '更新已登记的主体（仅改文件中有的列）',
  unplacedLabel: '无法入格的行（无坐标或不在任何网格内）',
  unplacedAccept: '导入并列入未入格清单',
  unplacedRefuse: '拒绝该行',
  changesTitle: '将更新的主体',
  changesShown: '仅列出前 {{shown}} 条',
  business: '主体',
  changes: '变更（原值 → 新值）',
  gridMove: '网格 {{from}} → {{to}}',
  noGrid: '未入格',
  empty: '（空）',
  warningsTitle: '需要注意的行（照常导入）',
  doneKinds: '新增 {{created}}，更新 {{updated}}，无变化 {{unchanged}}',
  another: '选择其他文件',
  done: '导入完成',
  doneDetail: '共 {{rows}} 行，已导入 {{accepted}} 行，拒绝 {{refused}} 行',
  refusedAll: '未导入任何数据',
  close: '关闭',
  rowHint: '行号从 1 开始，表头为第 1 行',
}, {
  button: 'Import',
  title: 'Import a ledger file',
  stepUpload: 'Choose a file',
  stepPreview: 'Preview',
  stepResult: 'Result',
  drag: 'Click or drag a CSV or Excel (.xlsx) file here',
  dragHint: 'The server checks the file first; nothing is written yet',
  columns: 'File layout',
  template: 'Download a template (CSV)',
  checking: 'Checking {{name}} …',
  importing: 'Importing …',
  file: 'File',
  rows: 'Data rows',
  accepted: 'Would be imported',
  refused: 'Refused',
  refusalsTitle: 'Refused rows',
  refusalsShown: 'The first {{shown}} of {{total}} are listed',
  row: 'Row',
  column: 'Column',
  message: 'Reason',
  allClean: 'Every row passed the checks',
  importAll: 'Import {{n}} rows',
  importValid: 'Import the {{n}} valid rows only',
  importChanges: 'Import: {{created}} new, {{updated}} updated',
  nothingChanges: 'The file matches the ledger: there is nothing to import',
  nothingToImport: 'No row can be imported. Download the refused rows, fix them as the reason column says and upload them again',
  downloadRefused: 'Download the refused rows (Excel, with reasons)',
  created: 'New',
  updated: 'Updated',
  unchanged: 'Unchanged',
  unplacedRows: 'Warnings',
  existingLabel: 'A code already registered',
  existingRefuse: 'Refuse the row',
  existingUpdate: 'Update the registered business (only the columns in the file)',
  unplacedLabel: 'Rows that cannot be placed (no coordinates, or outside every grid)',
  unplacedAccept: 'Import them to the unplaced list',
  unplacedRefuse: 'Refuse them',
  changesTitle: 'Businesses that will change',
  changesShown: 'The first {{shown}} are listed',
  business: 'Business',
  changes: 'Changes (old → new)',
  gridMove: 'Grid {{from}} → {{to}}',
  noGrid: 'unplaced',
  empty: '(empty)',
  warningsTitle: 'Rows to look at (imported as they are)',
  doneKinds: '{{created}} new, {{updated}} updated, {{unchanged}} unchanged',
  another: 'Choose another file',
  done: 'Imported',
  doneDetail: '{{rows}} rows: {{accepted}} imported, {{refused}} refused',
  refusedAll: 'Nothing was imported',
  close: 'Close',
  rowHint: 'Rows count from 1, the header being row 1',
})
i18n.addResourceBundle('zh-CN', NS, strings['zh-CN'], true, false)
i18n.addResourceBundle('en', NS, strings.en, true, false)

/** The server's import routes (POST, path ending in /import). */
type ImportUrl = { [P in keyof paths]: P extends `${string}/import` ? (paths[P] extends { post: object } ? P : never) : never }[keyof paths]

interface Refusal { row: number; field: string; column: string; rule: string; message: string }

interface RowChange {
  row: number
  id: number
  /** businesses: the code the row was matched by */
  uscc?: string
  name: string
  fields: Array<{ field: string; column: string; from: string; to: string }>
  grid?: { from: string | null; to: string | null }
}

/** What every import route reports (routes may add their own counts). */
export interface ImportReport {
  rows: number
  accepted: number
  refused: number
  refusals: Refusal[]
  refusalsTotal?: number
  warnings?: Refusal[]
  warningsTotal?: number
  created?: number
  updated?: number
  unchanged?: number
  changes?: RowChange[]
  mode: string
  dryRun: boolean
  [more: string]: unknown
}

/** The choices an import route may offer, each a query parameter with its values (first: the default). */
const CHOICES = {
  existing: ['refuse', 'update'],
  unplaced: ['accept', 'refuse'],
} as const
type ImportChoice = keyof typeof CHOICES

export interface ImportWizardProps {
  /** the import route, e.g. '/api/businesses/import' */
  url: ImportUrl
  /** the header row of a template file, comma-separated, offered for download */
  templateColumns: string
  /** what the columns mean and which are required, shown on the upload step */
  columnsHelp?: ReactNode
  /** more query parameters for the route (besides mode and dryRun), e.g. `{ crs: 'WGS84' }` */
  query?: Record<string, string>
  /** the template file's name (default `template.csv`) */
  templateName?: string
  /** label of the button that opens the wizard */
  buttonText?: string
  /** called after rows landed (not after a dry run or a refusal) */
  onImported?: (report: ImportReport) => void
  /** the choices this route offers (see CHOICES), shown with the preview */
  choices?: ImportChoice[]
  /** the route that answers the refused rows of a file as a workbook, when there is one */
  refusedRowsUrl?: string
}

type Stage =
  | { step: 'upload' }
  | { step: 'checking'; file: File }
  | { step: 'preview'; file: File; report: ImportReport }
  | { step: 'importing'; file: File; report: ImportReport }
  | { step: 'done'; file: File; report: ImportReport; refusedRows: { blob: Blob; filename: string } | null }
  | { step: 'refused'; file: File; error: ApiError; report: ImportReport | null }

/** POSTs the file; answers the report or throws ApiError with the server's message (as `unwrap` does). */
function sendImport(url: string, file: File, query: Record<string, string>): Promise<ImportReport> {
  return sendFile<ImportReport>(`${url}?${new URLSearchParams(query)}`, file, file.name)
}

/** The report a refusal carries in its details (import.rowsRefused), when it does. */
function reportOf(e: ApiError): ImportReport | null {
  const d = e.details as Partial<ImportReport>
  return Array.isArray(d.refusals) ? { rows: 0, accepted: 0, refused: 0, mode: 'all', dryRun: false, ...d, refusals: d.refusals } as ImportReport : null
}

function Refusals({ report }: { report: ImportReport }) {
  const { t } = useTranslation(NS)
  const pages = useLocalPages(report.refusals, 8)
  if (!report.refusals.length) return <Alert type="success" showIcon message={t('allClean')} />
  const total = report.refusalsTotal ?? report.refusals.length
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>{t('refusalsTitle')}</Typography.Title>
      {total > report.refusals.length && <Typography.Text type="secondary">{t('refusalsShown', { shown: report.refusals.length, total })}</Typography.Text>}
      <Table<Refusal>
        data-testid="import-refusals"
        size="small"
        rowKey={(r) => `${r.row}-${r.field}-${r.rule}`}
        dataSource={pages.rows}
        pagination={false}
        columns={[
          { title: t('row'), dataIndex: 'row', width: 72, className: 'import-refusal-row' },
          { title: t('column'), dataIndex: 'column', width: 140 },
          { title: t('message'), dataIndex: 'message' },
        ]}
        footer={() => <Typography.Text type="secondary">{t('rowHint')}</Typography.Text>}
      />
      {pages.bar}
    </>
  )
}

function Changes({ report }: { report: ImportReport }) {
  const { t } = useTranslation(NS)
  const changes = report.changes ?? []
  const pages = useLocalPages(changes, 8)
  if (!changes.length) return null
  const value = (v: string) => v === '' ? <Typography.Text type="secondary">{t('empty')}</Typography.Text> : v
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>{t('changesTitle')}</Typography.Title>
      {(report.updated ?? 0) > changes.length && <Typography.Text type="secondary">{t('changesShown', { shown: changes.length })}</Typography.Text>}
      <Table<RowChange>
        data-testid="import-changes"
        size="small"
        rowKey="row"
        dataSource={pages.rows}
        scroll={{ x: 'max-content' }}
        pagination={false}
        columns={[
          { title: t('row'), dataIndex: 'row', width: 64 },
          { title: t('business'), key: 'business', render: (_, c) => <Space direction="vertical" size={0}><span>{c.name}</span><Typography.Text type="secondary">{c.uscc ?? c.id}</Typography.Text></Space> },
          {
            title: t('changes'), key: 'changes', render: (_, c) => (
              <Space direction="vertical" size={2}>
                {c.fields.map((f) => <span key={f.field} className="import-change">{f.column}：{value(f.from)} → {value(f.to)}</span>)}
                {c.grid && <Tag color="orange">{t('gridMove', { from: c.grid.from ?? t('noGrid'), to: c.grid.to ?? t('noGrid') })}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      {pages.bar}
    </>
  )
}

function Warnings({ report }: { report: ImportReport }) {
  const { t } = useTranslation(NS)
  const warnings = report.warnings ?? []
  const pages = useLocalPages(warnings, 5)
  if (!warnings.length) return null
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>{t('warningsTitle')}</Typography.Title>
      {(report.warningsTotal ?? 0) > warnings.length && <Typography.Text type="secondary">{t('refusalsShown', { shown: warnings.length, total: report.warningsTotal })}</Typography.Text>}
      <Table<Refusal>
        data-testid="import-warnings"
        size="small"
        rowKey="row"
        dataSource={pages.rows}
        pagination={false}
        columns={[{ title: t('row'), dataIndex: 'row', width: 72 }, { title: t('message'), dataIndex: 'message' }]}
      />
      {pages.bar}
    </>
  )
}

function Counts({ file, report }: { file: File; report: ImportReport }) {
  const { t } = useTranslation(NS)
  const updating = (report.updated ?? 0) + (report.unchanged ?? 0) > 0
  return (
    <Space size="large" wrap data-testid="import-counts">
      <Descriptions size="small" column={1} items={[{ key: 'file', label: t('file'), children: file.name }]} />
      <Statistic title={t('rows')} value={report.rows} />
      <Statistic title={t('accepted')} value={report.accepted} valueStyle={{ color: '#389e0d' }} />
      {updating && <Statistic title={t('created')} value={report.created ?? 0} />}
      {updating && <Statistic title={t('updated')} value={report.updated ?? 0} />}
      {updating && <Statistic title={t('unchanged')} value={report.unchanged ?? 0} />}
      <Statistic title={t('refused')} value={report.refused} valueStyle={report.refused ? { color: '#cf1322' } : undefined} />
      {(report.warningsTotal ?? 0) > 0 && <Statistic title={t('unplacedRows')} value={report.warningsTotal} valueStyle={{ color: '#d46b08' }} />}
    </Space>
  )
}

/** Hands a file the server made to the browser's download. */
function saveFile({ blob, filename }: { blob: Blob; filename: string }) {
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
}

export function ImportWizard({
  url, templateColumns, columnsHelp, query = {}, templateName = 'template.csv', buttonText, onImported, choices = [], refusedRowsUrl,
}: ImportWizardProps) {
  const { t } = useTranslation(NS)
  const [open, setOpen] = useState(false)
  const [stage, setStage] = useState<Stage>({ step: 'upload' })
  const [uploadError, setUploadError] = useState<string | null>(null)
  const [chosen, setChosen] = useState<Record<string, string>>(() => Object.fromEntries(choices.map((c) => [c, CHOICES[c][0]])))
  const [downloading, setDownloading] = useState(false)
  const params = { ...query, ...chosen }

  // A template with the header only; the BOM makes Excel read it as UTF-8.
  const templateHref = useMemo(() => 'data:text/csv;charset=utf-8,' + encodeURIComponent('\uFEFF' + templateColumns + '\r\n'), [templateColumns])

  async function check(file: File, with_ = params) {
    setUploadError(null)
    setStage({ step: 'checking', file })
    try {
      const report = await sendImport(url, file, { ...with_, mode: 'valid', dryRun: 'true' })
      setStage({ step: 'preview', file, report })
    } catch (e) {
      setStage({ step: 'upload' })
      setUploadError(e instanceof Error ? e.message : String(e))
    }
  }

  async function choose(choice: string, value: string) {
    const next = { ...params, [choice]: value }
    setChosen((c) => ({ ...c, [choice]: value }))
    if (stage.step === 'preview') await check(stage.file, next)
  }

  /** The refused rows of the file as a workbook, as the server reads it now (before the import lands it). */
  function fetchRefusedRows(file: File) {
    return sendFileForFile(`${refusedRowsUrl}?${new URLSearchParams(params)}`, file, file.name)
  }

  async function downloadRefused(file: File) {
    setDownloading(true)
    try {
      saveFile(await fetchRefusedRows(file))
    } catch (e) {
      setUploadError(e instanceof Error ? e.message : String(e))
    } finally {
      setDownloading(false)
    }
  }

  async function confirm(mode: 'all' | 'valid') {
    if (stage.step !== 'preview') return
    const { file, report: preview } = stage
    setStage({ step: 'importing', file, report: preview })
    try {
      // Once the valid rows land, a new check of the file would refuse them too: the workbook of the
      // refused rows is taken first.
      const refusedRows = preview.refused > 0 && refusedRowsUrl ? await fetchRefusedRows(file).catch(() => null) : null
      const report = await sendImport(url, file, { ...params, mode, dryRun: 'false' })
      setStage({ step: 'done', file, report, refusedRows })
      onImported?.(report)
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'request.failed', String(e))
      setStage({ step: 'refused', file, error, report: reportOf(error) })
    }
  }

  function close() {
    setOpen(false)
    setStage({ step: 'upload' })
    setUploadError(null)
  }

  const current = stage.step === 'upload' || stage.step === 'checking' ? 0 : stage.step === 'preview' || stage.step === 'importing' ? 1 : 2
  const again = <Button key="again" onClick={() => { setStage({ step: 'upload' }); setUploadError(null) }}>{t('another')}</Button>

  let body: ReactNode
  let footer: ReactNode[] = [<Button key="close" onClick={close}>{t('close')}</Button>]
  switch (stage.step) {
    case 'upload':
    case 'checking':
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          {uploadError && <Alert type="error" showIcon message={uploadError} data-testid="import-error" />}
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={stage.step === 'checking'}
            beforeUpload={(file) => {
              void check(file)
              return false
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{stage.step === 'checking' ? t('checking', { name: stage.file.name }) : t('drag')}</p>
            <p className="ant-upload-hint">{t('dragHint')}</p>
          </Upload.Dragger>
          <Alert
            type="info"
            message={t('columns')}
            description={
              <Space direction="vertical" size={4}>
                {columnsHelp && <Typography.Text>{columnsHelp}</Typography.Text>}
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{templateColumns}</Typography.Text>
                <a href={templateHref} download={templateName}>{t('template')}</a>
              </Space>
            }
          />
        </Space>
      )
      break
    case 'preview':
    case 'importing': {
      const { report, file } = stage
      const busy = stage.step === 'importing'
      // Rows that repeat a registered business as it is write nothing; an import of only those is no choice.
      const writes = report.accepted - (report.unchanged ?? 0)
      const updating = (report.updated ?? 0) + (report.unchanged ?? 0) > 0
      const n = report.accepted
      const importLabel = updating ? t('importChanges', { created: report.created ?? 0, updated: report.updated ?? 0 }) : null
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          {uploadError && <Alert type="error" showIcon message={uploadError} data-testid="import-error" />}
          <Counts file={file} report={report} />
          {choices.map((c) => (
            <Space key={c} wrap data-testid={`import-choice-${c}`}>
              <Typography.Text strong>{t(`${c}Label`)}</Typography.Text>
              <Radio.Group
                value={params[c]}
                disabled={busy}
                onChange={(e) => void choose(c, e.target.value as string)}
                options={CHOICES[c].map((v) => ({ value: v, label: t(`${c}${v[0].toUpperCase()}${v.slice(1)}`) }))}
              />
            </Space>
          ))}
          {report.accepted === 0 && <Alert type="warning" showIcon message={t('nothingToImport')} data-testid="import-nothing" />}
          {report.accepted > 0 && writes === 0 && <Alert type="info" showIcon message={t('nothingChanges')} data-testid="import-nothing" />}
          <Changes report={report} />
          <Warnings report={report} />
          <Refusals report={report} />
        </Space>
      )
      footer = [
        again,
        report.refused > 0 && refusedRowsUrl && (
          <Button key="refused" icon={<DownloadOutlined />} loading={downloading} disabled={busy} onClick={() => void downloadRefused(file)} data-testid="import-download-refused">
            {t('downloadRefused')}
          </Button>
        ),
        // "Import all" with a refused row would only be refused: it is offered when every row passed.
        writes > 0 && report.refused === 0 && (
          <Button key="all" type="primary" loading={busy} onClick={() => void confirm('all')} data-testid="import-all">{importLabel ?? t('importAll', { n })}</Button>
        ),
        writes > 0 && report.refused > 0 && (
          <Button key="valid" type="primary" loading={busy} onClick={() => void confirm('valid')} data-testid="import-valid">{importLabel ?? t('importValid', { n })}</Button>
        ),
      ].filter(Boolean) as ReactNode[]
      break
    }
    case 'done': {
      const { report, refusedRows } = stage
      const detail = t('doneDetail', { rows: report.rows, accepted: report.accepted, refused: report.refused })
      const updating = (report.updated ?? 0) + (report.unchanged ?? 0) > 0
      body = (
        <Result
          status="success"
          title={t('done')}
          subTitle={updating ? <>{detail}<br />{t('doneKinds', { created: report.created ?? 0, updated: report.updated ?? 0, unchanged: report.unchanged ?? 0 })}</> : detail}
          extra={report.refusals.length || report.warnings?.length
            ? <div style={{ textAlign: 'left' }}><Warnings report={report} /><Refusals report={report} /></div>
            : undefined}
        />
      )
      footer = [
        again,
        refusedRows && <Button key="refused" icon={<DownloadOutlined />} onClick={() => saveFile(refusedRows)} data-testid="import-download-refused">{t('downloadRefused')}</Button>,
        <Button key="close" type="primary" onClick={close}>{t('close')}</Button>,
      ].filter(Boolean) as ReactNode[]
      break
    }
    case 'refused':
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="error" showIcon message={t('refusedAll')} description={stage.error.message} data-testid="import-error" />
          {stage.report && <Refusals report={stage.report} />}
        </Space>
      )
      footer = [again, <Button key="close" onClick={close}>{t('close')}</Button>]
      break
  }

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>{buttonText ?? t('button')}</Button>
      <Modal
        open={open}
        title={t('title')}
        width={860}
        onCancel={close}
        footer={footer}
        destroyOnHidden
        maskClosable={false}
      >
        <Steps size="small" current={current} style={{ marginBottom: 16 }} items={[{ title: t('stepUpload') }, { title: t('stepPreview') }, { title: t('stepResult') }]} />
        {body}
      </Modal>
    </>
  )
}

