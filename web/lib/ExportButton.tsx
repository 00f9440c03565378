/**
 * `<ExportButton>`: downloads a ledger export (CSV or xlsx) with the page's current filters.
 *
 *   <ExportButton url="/api/businesses/export" query={filters} />
 *
 * Each format is a plain link (`<a href download>`) to the export route with the filters in the
 * query string: the browser sends the session cookie itself and streams the file to disk, so a
 * million-row export never sits in the page's memory. Empty filter values are left out; the
 * console's language goes along as `lang`.
 */
import { Button, Dropdown } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import i18n from './i18n'
import { texts } from './i18n/texts'
import type { paths } from './api/schema'

const NS = 'exportButton'
const strings = texts(
  { button: '导出', csv: 'CSV 文件', xlsx: 'Excel 文件（.xlsx）' },
  { button: 'Export', csv: 'CSV file', xlsx: 'Excel file (.xlsx)' },
)
i18n.addResourceBundle('zh-CN', NS, strings['zh-CN'], true, false)
i18n.addResourceBundle('en', NS, strings.en, true, false)

/** The server's export routes (GET, path ending in /export) that take the file's language (`lang`). */
type ExportUrl = {
  [P in keyof paths]: P extends `${string}/export` ? (paths[P] extends { get: { parameters: { query?: { lang?: 'zh-CN' | 'en' } } } } ? P : never) : never
}[keyof paths]

type ExportFormat = 'csv' | 'xlsx'

export interface ExportButtonProps {
  /** the export route, e.g. '/api/businesses/export' (it takes `format` and the filters) */
  url: ExportUrl
  /** the filters of the current view; undefined, null and '' values are left out */
  query?: Record<string, string | number | boolean | null | undefined>
  /** the formats offered, first one first (default csv, xlsx) */
  formats?: ExportFormat[]
  /** label of the button (default "导出"/"Export") */
  buttonText?: string
}

/** The link of one export: the route, the format and the filters in the query string. */
function exportHref(url: string, format: ExportFormat, query: ExportButtonProps['query'] = {}): string {
  const qs = new URLSearchParams({ format })
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    qs.set(k, String(v))
  }
  return `${url}?${qs}`
}

/** A link cannot send Accept-Language: the file's headings follow the console's language instead of the browser's. */
const fileLanguage = () => (i18n.language === 'en' ? 'en' : 'zh-CN')

export function ExportButton({ url, query, formats = ['csv', 'xlsx'], buttonText }: ExportButtonProps) {
  const { t } = useTranslation(NS)
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: formats.map((f) => ({
          key: f,
          label: <a href={exportHref(url, f, { ...query, lang: fileLanguage() })} download data-testid={`export-${f}`}>{t(f)}</a>,
        })),
      }}
    >
      <Button icon={<DownloadOutlined />}>{buttonText ?? t('button')}</Button>
    </Dropdown>
  )
}

