/**
 * `<PrintRecordLink caseId={c.id} />`: opens the case's full record (GET /api/cases/{id}/record, a
 * printable page with every step, the evidence hashes and the audit hashes) in a new tab, where the
 * browser prints it or saves it as PDF. A plain link: the browser sends the session cookie itself.
 * The page follows the console's language, not the browser's. Each opening is an audit event
 * (case.recordExported), which the tooltip says.
 */
import { Button, Tooltip } from 'antd'
import { PrinterOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { paths } from '../../lib/api/schema'

// Typed against the generated client: renaming the route breaks this file, not the link.
const ROUTE = '/api/cases/{id}/record' satisfies keyof paths

/** The record's address for a case, in the console's language. */
function recordHref(caseId: number, language: string): string {
  const lang = language.startsWith('en') ? 'en' : 'zh-CN'
  return `${ROUTE.replace('{id}', String(caseId))}?lang=${lang}`
}

export interface PrintRecordLinkProps {
  caseId: number
  /** a button (default) or a bare link, e.g. in a drawer's footer or a table row */
  variant?: 'button' | 'link'
  size?: 'small' | 'middle' | 'large'
}

export default function PrintRecordLink({ caseId, variant = 'button', size }: PrintRecordLinkProps) {
  const { t, i18n } = useTranslation('cases')
  return (
    <Tooltip title={t('printRecord.tooltip')}>
      <Button
        type={variant === 'link' ? 'link' : 'default'}
        size={size}
        icon={<PrinterOutlined />}
        href={recordHref(caseId, i18n.language)}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="print-record"
      >
        {t('printRecord.button')}
      </Button>
    </Tooltip>
  )
}
