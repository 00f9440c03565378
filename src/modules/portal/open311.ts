/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), the international convention for
 * public service requests: services, service definitions, requests, request status and tokens, in
 * JSON and XML, with the specification's error format. A service is a public case category; a
 * service request is a public complaint, named by its tracking number.
 *
 * What a request shows publicly is cut down (decisions.md "Open311"): no description or address
 * (citizens write names and phone numbers into them), the point rounded to about 100 m.
 */
import type { Sql } from '../../db/connection.ts'
import type { CaseState } from '../cases/loop.ts'
import { publicStage, STAGE_LABELS } from './service.ts'

export type Format = 'json' | 'xml'
type Lang = 'zh-CN' | 'en'

export interface Open311Error {
  code: number
  description: string
}

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)

function xmlValue(v: unknown): string {
  if (v === null || v === undefined) return ''
  return escapeXml(String(v))
}

/** `<root><item>…</item></root>` from a list of flat objects, as the specification's examples are. */
export function toXml(root: string, item: string, rows: Array<Record<string, unknown>>): string {
  const body = rows.map((r) => {
    const fields = Object.entries(r).map(([k, v]) => (Array.isArray(v)
      ? `<${k}>${v.map((x) => toXmlObject(x)).join('')}</${k}>`
      : `<${k}>${xmlValue(v)}</${k}>`)).join('')
    return `<${item}>${fields}</${item}>`
  }).join('')
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${body}</${root}>`
}

function toXmlObject(x: unknown): string {
  if (x === null || typeof x !== 'object') return xmlValue(x)
  return `<attribute>${Object.entries(x as Record<string, unknown>).map(([k, v]) => `<${k}>${xmlValue(v)}</${k}>`).join('')}</attribute>`
}

export function errorsBody(format: Format, errors: Open311Error[]): string {
  return format === 'xml' ? toXml('errors', 'error', errors as unknown as Array<Record<string, unknown>>) : JSON.stringify(errors)
}

export async function services(sql: Sql, lang: Lang) {
  const { rows } = await sql.query<{ code: string; name_zh: string; name_en: string; emergency: boolean }>(
    'SELECT code, name_zh, name_en, emergency FROM case_categories WHERE active AND public ORDER BY sort, code',
  )
  return rows.map((r) => ({
    service_code: r.code,
    service_name: lang === 'en' ? r.name_en : r.name_zh,
    description: lang === 'en' ? `Report about: ${r.name_en}` : `投诉举报：${r.name_zh}`,
    metadata: false,
    type: 'realtime',
    keywords: r.emergency ? 'emergency' : '',
    group: lang === 'en' ? 'Market supervision' : '市场监管',
  }))
}

export async function serviceExists(sql: Sql, code: string): Promise<boolean> {
  const { rows } = await sql.query('SELECT 1 FROM case_categories WHERE code = $1 AND active AND public', [code])
  return rows.length > 0
}

interface RequestRow {
  tracking_no: string
  state: CaseState
  category_code: string
  name_zh: string
  name_en: string
  created_at: Date
  updated_at: Date
  due_at: Date | null
  lng: number | null
  lat: number | null
}

const round3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000)

function requestOf(r: RequestRow, lang: Lang) {
  const stage = publicStage(r.state)
  const label = STAGE_LABELS[stage]
  return {
    service_request_id: r.tracking_no,
    status: ['closed', 'dismissed', 'merged'].includes(r.state) ? 'closed' : 'open',
    status_notes: lang === 'en' ? label.en : label.zh,
    service_name: lang === 'en' ? r.name_en : r.name_zh,
    service_code: r.category_code,
    description: null,
    agency_responsible: lang === 'en' ? 'Market Supervision Administration' : '市场监督管理局',
    service_notice: null,
    requested_datetime: new Date(r.created_at).toISOString(),
    updated_datetime: new Date(r.updated_at).toISOString(),
    expected_datetime: r.due_at ? new Date(r.due_at).toISOString() : null,
    address: null,
    address_id: null,
    zipcode: null,
    lat: round3(r.lat),
    long: round3(r.lng),
    media_url: null,
  }
}

export interface RequestQuery {
  ids?: string[]
  serviceCode?: string
  start?: Date
  end?: Date
  status?: 'open' | 'closed'
}

/**
 * Public requests (filed by the public or through Open311): by id, or the newest 1,000 within the
 * dates (90 days by default, as the specification suggests).
 */
export async function requests(sql: Sql, q: RequestQuery, lang: Lang) {
  const params: unknown[] = []
  const where = [`c.source IN ('complaint', 'hotline12315')`]
  const add = (cond: (n: number) => string, value: unknown) => {
    params.push(value)
    where.push(cond(params.length))
  }
  if (q.ids?.length) add((n) => `c.tracking_no = ANY($${n}::text[])`, q.ids)
  else {
    add((n) => `c.created_at >= $${n}`, q.start ?? new Date(Date.now() - 90 * 86400_000))
    if (q.end) add((n) => `c.created_at <= $${n}`, q.end)
  }
  if (q.serviceCode) add((n) => `c.category_code = $${n}`, q.serviceCode)
  if (q.status === 'open') where.push(`c.closed_at IS NULL`)
  if (q.status === 'closed') where.push(`c.closed_at IS NOT NULL`)
  const { rows } = await sql.query<RequestRow>(
    `SELECT c.tracking_no, c.state, c.category_code, cc.name_zh, cc.name_en, c.created_at, c.updated_at, c.due_at,
       ST_X(c.location) AS lng, ST_Y(c.location) AS lat
     FROM cases c JOIN case_categories cc ON cc.code = c.category_code AND cc.public
     WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC LIMIT 1000`,
    params,
  )
  return rows.map((r) => requestOf(r, lang))
}
