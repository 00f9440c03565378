/**
 * The business ledger as a table (M2.4): one column list for import and export, so that an export
 * re-imports as it is. Coded values are written as labels in the file's language and read back under any name (code, label, alias).
 */
import type { Column } from '../../server/tabular.ts'
import { VALUE_LABELS, type BusinessInput, type Licence } from '../businesses/rules.ts'
import type { Lang } from '../../server/errors.ts'
import type { BusinessView } from '../businesses/service.ts'
import { withRefusalReason } from './refused-rows.ts'

export const BUSINESS_COLUMNS: Column[] = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', required: true },
  { key: 'name', zh: '名称', en: 'Name', required: true },
  { key: 'kind', zh: '类型', en: 'Kind' },
  { key: 'registeredAddress', zh: '注册地址', en: 'Registered address', required: true },
  { key: 'actualAddress', zh: '实际经营地址', en: 'Actual address' },
  { key: 'lng', zh: '经度', en: 'Longitude' },
  { key: 'lat', zh: '纬度', en: 'Latitude' },
  { key: 'industry', zh: '行业', en: 'Industry' },
  { key: 'licences', zh: '许可证', en: 'Licences' },
  { key: 'keyDomains', zh: '重点领域', en: 'Key domains' },
  { key: 'operatingState', zh: '经营状态', en: 'Operating state' },
  { key: 'riskClass', zh: '风险等级', en: 'Risk class' },
  { key: 'legalRepresentative', zh: '法定代表人', en: 'Legal representative' },
  { key: 'contactPhone', zh: '联系电话', en: 'Contact phone' },
  // Written by the export for the reader; an import ignores them and places every row itself.
  { key: 'gridCode', zh: '所属网格', en: 'Grid code' },
  { key: 'areaCode', zh: '责任区域', en: 'Area code' },
  // The record version when exported: an update import refuses a row whose business changed since.
  { key: 'version', zh: '版本', en: 'Version' },
]

/**
 * The columns an import reads: the export's, and the reason column of a file of refused rows
 * (refused-rows.ts), so that such a file, once fixed, uploads as it is.
 */
export const IMPORT_READ_COLUMNS: Column[] = withRefusalReason(BUSINESS_COLUMNS)

/** Columns an import reads but does not take from the file as values of the business. */
export const IGNORED_ON_IMPORT = new Set(['gridCode', 'areaCode', 'version', 'refusalReason'])

/** Other names people write in a ledger for the same values (存续 is the registry's word for 在营). */
const ALIASES: Record<keyof typeof VALUE_LABELS, Record<string, string>> = {
  kind: { 个体: 'individual', 合作社: 'cooperative', 'individual business': 'individual', cooperative: 'cooperative' },
  operatingState: { 存续: 'operating', 在业: 'operating' },
  riskClass: { 高: 'high', 较高: 'higher', 一般: 'general', 低: 'low', high: 'high', elevated: 'higher', general: 'general', low: 'low' },
  keyDomains: {},
}

/** Each field's values by every name they go by: the code, the Chinese and English labels, the aliases. */
const BY_NAME = new Map(Object.entries(VALUE_LABELS).map(([field, labels]) => {
  const names = new Map<string, string>()
  for (const [code, label] of Object.entries(labels as Record<string, { zh: string; en: string }>)) {
    for (const name of [code, label.zh, label.en]) names.set(name.toLowerCase(), code)
  }
  for (const [name, code] of Object.entries(ALIASES[field as keyof typeof VALUE_LABELS])) names.set(name.toLowerCase(), code)
  return [field, names]
}))

/** A cell's value as its code, whatever name it was written under; unknown names pass through for the rules to refuse. */
const fromLabel = (field: keyof typeof VALUE_LABELS, v: string) => BY_NAME.get(field)!.get(v.toLowerCase()) ?? v

/** A code as the file's language writes it. */
const label = (field: keyof typeof VALUE_LABELS, code: string, lang: Lang) =>
  (VALUE_LABELS[field] as Record<string, { zh: string; en: string }>)[code]?.[lang === 'en' ? 'en' : 'zh'] ?? code

/** The export prefixes formula-like cells with ' (tabular.ts); reading takes it off again. */
function cell(v: string | undefined): string {
  if (v === undefined) return ''
  return v.length > 1 && v.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v
}

/** "type:number:from:to;…" (either colon, either semicolon); dates may be left empty. */
function parseLicences(text: string): Licence[] | { bad: string } {
  const out: Licence[] = []
  for (const part of text.split(/[;；]/)) {
    const t = part.trim()
    if (!t) continue
    const f = t.split(/[:：]/).map((x) => x.trim())
    if (f.length < 2 || f.length > 4) return { bad: t }
    out.push({ type: f[0], number: f[1], validFrom: f[2] || null, validTo: f[3] || null })
  }
  return out
}

export function formatLicences(licences: Licence[]): string {
  return licences.map((l) => [l.type, l.number, l.validFrom ?? '', l.validTo ?? ''].join(':').replace(/:+$/, '')).join(';')
}

/** A number cell: '' is absent, anything else must read as a finite number (NaN is refused later). */
function coordinate(v: string): number | null {
  const t = v.trim()
  if (t === '') return null
  const n = Number(t)
  return Number.isFinite(n) ? n : NaN
}

export interface ParsedRow {
  input: BusinessInput
  /** a cell that cannot become a value at all, reported as its own problem */
  bad?: { field: string; rule: string }
}

/** Where each business column sits in a file's rows (-1: not in the file), from the header's keys. */
export type CellIndex = Record<string, number>

export function cellIndex(keys: ReadonlyArray<string | null>): CellIndex {
  const at: CellIndex = {}
  for (const c of BUSINESS_COLUMNS) at[c.key] = keys.indexOf(c.key)
  return at
}

/** A cell as readTable would key it: absent when its column is not in the file, '' past a short row's end. */
function cellAt(cells: string[], i: number): string | undefined {
  return i < 0 ? undefined : cells[i] ?? ''
}

/**
 * A file row as the business rules' input, read by position (Q5: the import reads a million rows
 * without building a record per row).
 */
export function cellsToInput(cells: string[], at: CellIndex): ParsedRow {
  return toInput(cellAt(cells, at.uscc), cellAt(cells, at.name), cellAt(cells, at.kind), cellAt(cells, at.registeredAddress),
    cellAt(cells, at.actualAddress), cellAt(cells, at.lng), cellAt(cells, at.lat), cellAt(cells, at.industry), cellAt(cells, at.licences),
    cellAt(cells, at.keyDomains), cellAt(cells, at.operatingState), cellAt(cells, at.riskClass), cellAt(cells, at.legalRepresentative),
    cellAt(cells, at.contactPhone))
}

/** Splits a key-domain cell without a regular expression's intermediate arrays (they cost the import its GC time, Q5). */
function keyDomainsOf(text: string): string[] {
  const out: string[] = []
  let from = 0
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length) {
      const c = text.charCodeAt(i)
      // the list separators ; ； , ， 、 |
      if (c !== 59 && c !== 0xff1b && c !== 44 && c !== 0xff0c && c !== 0x3001 && c !== 124) continue
    }
    const d = text.slice(from, i).trim()
    if (d) out.push(fromLabel('keyDomains', d))
    from = i + 1
  }
  return out
}

function toInput(
  ucode: string | undefined, uname: string | undefined, ukind: string | undefined, uregistered: string | undefined,
  uactual: string | undefined, ulng: string | undefined, ulat: string | undefined, uindustry: string | undefined,
  ulicences: string | undefined, udomains: string | undefined, ustate: string | undefined, urisk: string | undefined,
  ulegal: string | undefined, uphone: string | undefined,
): ParsedRow {
  const lng = coordinate(cell(ulng))
  const lat = coordinate(cell(ulat))
  const licencesText = cell(ulicences)
  const licences = licencesText ? parseLicences(licencesText) : []
  const kind = cell(ukind).trim()
  const domainsText = cell(udomains)
  const domains = domainsText ? keyDomainsOf(domainsText) : []
  const state = cell(ustate).trim()
  const risk = cell(urisk).trim()
  const input: BusinessInput = {
    uscc: cell(ucode).trim().toUpperCase(),
    name: cell(uname),
    kind: kind ? (fromLabel('kind', kind) as any) : null,
    registeredAddress: cell(uregistered),
    actualAddress: cell(uactual),
    location: lng === null && lat === null ? null : { lng: lng ?? NaN, lat: lat ?? NaN },
    industry: cell(uindustry),
    licences: Array.isArray(licences) ? licences : [],
    keyDomains: domains,
    operatingState: state ? fromLabel('operatingState', state) : undefined,
    riskClass: risk ? fromLabel('riskClass', risk) : undefined,
    legalRepresentative: cell(ulegal),
    contactPhone: cell(uphone),
  }
  return Array.isArray(licences) ? { input } : { input, bad: { field: 'licences', rule: 'format' } }
}

/** A business as a file row, its coded values named in the file's language (an import reads them back). */
export function viewToRow(b: BusinessView, lang: Lang): Record<string, unknown> {
  return {
    uscc: b.uscc, name: b.name, kind: label('kind', b.kind, lang), registeredAddress: b.registeredAddress, actualAddress: b.actualAddress ?? '',
    lng: b.location ? b.location.lng : '', lat: b.location ? b.location.lat : '', industry: b.industry ?? '',
    licences: formatLicences(b.licences), keyDomains: b.keyDomains.map((d) => label('keyDomains', d, lang)).join(';'),
    operatingState: label('operatingState', b.operatingState, lang), riskClass: label('riskClass', b.riskClass, lang),
    legalRepresentative: b.legalRepresentative ?? '', contactPhone: b.contactPhone ?? '',
    gridCode: b.gridCode ?? '', areaCode: b.areaCode, version: b.version,
  }
}
