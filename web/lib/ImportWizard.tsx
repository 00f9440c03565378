/**
 * `<ImportWizard>`: the import of a ledger file (CSV or xlsx) in three steps, for any import route
 * of the server that takes a multipart field `file` and the query `mode` (all | valid) and `dryRun`:
 *
 *   1. upload — drag or choose a file; the expected columns are described, and a template with
 *      the header row can be downloaded;
 *   2. preview — the server reads the whole file without writing (`dryRun=true`) and reports the
 *      rows, how many it would accept and every refused row (row number, field, rule, message);
 *   3. confirm — "import all" (nothing lands if any row is refused: the server's refusal is shown)
 *      or "import the valid rows only"; then the result.
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
import { Alert, Button, Descriptions, Modal, Result, Space, Statistic, Steps, Table, Typography, Upload } from 'antd'
import { InboxOutlined, UploadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import i18n from './i18n'
import { texts } from './i18n/texts'
import { ApiError } from './api/client'
import { sendFile } from './api/send'
import type { paths } from './api/schema'

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
  importAll: '全部导入（有被拒绝的行则不导入）',
  importValid: '仅导入有效行',
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
  importAll: 'Import all (nothing if any row is refused)',
  importValid: 'Import the valid rows only',
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
export type ImportUrl = { [P in keyof paths]: P extends `${string}/import` ? (paths[P] extends { post: object } ? P : never) : never }[keyof paths]

export interface Refusal { row: number; field: string; column: string; rule: string; message: string }

/** What every import route reports (routes may add their own counts). */
export interface ImportReport {
  rows: number
  accepted: number
  refused: number
  refusals: Refusal[]
  refusalsTotal?: number
  mode: string
  dryRun: boolean
  [more: string]: unknown
}

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
}

type Stage =
  | { step: 'upload' }
  | { step: 'checking'; file: File }
  | { step: 'preview'; file: File; report: ImportReport }
  | { step: 'importing'; file: File; report: ImportReport }
  | { step: 'done'; file: File; report: ImportReport }
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
        dataSource={report.refusals}
        pagination={report.refusals.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
        columns={[
          { title: t('row'), dataIndex: 'row', width: 72, className: 'import-refusal-row' },
          { title: t('column'), dataIndex: 'column', width: 140 },
          { title: t('message'), dataIndex: 'message' },
        ]}
        footer={() => <Typography.Text type="secondary">{t('rowHint')}</Typography.Text>}
      />
    </>
  )
}

function Counts({ file, report }: { file: File; report: ImportReport }) {
  const { t } = useTranslation(NS)
  return (
    <Space size="large" wrap data-testid="import-counts">
      <Descriptions size="small" column={1} items={[{ key: 'file', label: t('file'), children: file.name }]} />
      <Statistic title={t('rows')} value={report.rows} />
      <Statistic title={t('accepted')} value={report.accepted} valueStyle={{ color: '#389e0d' }} />
      <Statistic title={t('refused')} value={report.refused} valueStyle={report.refused ? { color: '#cf1322' } : undefined} />
    </Space>
  )
}

export function ImportWizard({ url, templateColumns, columnsHelp, query = {}, templateName = 'template.csv', buttonText, onImported }: ImportWizardProps) {
  const { t } = useTranslation(NS)
  const [open, setOpen] = useState(false)
  const [stage, setStage] = useState<Stage>({ step: 'upload' })
  const [uploadError, setUploadError] = useState<string | null>(null)

  // A template with the header only; the BOM makes Excel read it as UTF-8.
  const templateHref = useMemo(() => 'data:text/csv;charset=utf-8,' + encodeURIComponent('\uFEFF' + templateColumns + '\r\n'), [templateColumns])

  async function check(file: File) {
    setUploadError(null)
    setStage({ step: 'checking', file })
    try {
      const report = await sendImport(url, file, { ...query, mode: 'valid', dryRun: 'true' })
      setStage({ step: 'preview', file, report })
    } catch (e) {
      setStage({ step: 'upload' })
      setUploadError(e instanceof Error ? e.message : String(e))
    }
  }

  async function confirm(mode: 'all' | 'valid') {
    if (stage.step !== 'preview') return
    const { file, report: preview } = stage
    setStage({ step: 'importing', file, report: preview })
    try {
      const report = await sendImport(url, file, { ...query, mode, dryRun: 'false' })
      setStage({ step: 'done', file, report })
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
    case 'importing':
      body = (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Counts file={stage.file} report={stage.report} />
          <Refusals report={stage.report} />
        </Space>
      )
      footer = [
        again,
        <Button key="all" loading={stage.step === 'importing'} onClick={() => void confirm('all')} data-testid="import-all">{t('importAll')}</Button>,
        <Button key="valid" type="primary" loading={stage.step === 'importing'} disabled={stage.report.accepted === 0} onClick={() => void confirm('valid')} data-testid="import-valid">{t('importValid')}</Button>,
      ]
      break
    case 'done':
      body = (
        <Result
          status="success"
          title={t('done')}
          subTitle={t('doneDetail', { rows: stage.report.rows, accepted: stage.report.accepted, refused: stage.report.refused })}
          extra={stage.report.refusals.length ? <div style={{ textAlign: 'left' }}><Refusals report={stage.report} /></div> : undefined}
        />
      )
      footer = [again, <Button key="close" type="primary" onClick={close}>{t('close')}</Button>]
      break
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

export default ImportWizard
