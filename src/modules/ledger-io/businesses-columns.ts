/**
 * The business ledger as a table (M2.4): one column list for import and export, so that an export
 * re-imports as it is. Values may be the stored keys (food, operating, …) or their Chinese labels.
 */
import type { Column } from './tabular.ts'
import type { BusinessInput, Licence } from '../businesses/rules.ts'
import type { BusinessView } from '../businesses/service.ts'

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
]

/** Columns an import reads but does not take from the file. */
export const IGNORED_ON_IMPORT = new Set(['gridCode', 'areaCode'])

const LABELS: Record<string, Record<string, string>> = {
  kind: { 企业: 'enterprise', 个体工商户: 'individual', 个体: 'individual', 农民专业合作社: 'cooperative', 合作社: 'cooperative' },
  operatingState: { 在营: 'operating', 存续: 'operating', 在业: 'operating', 停业: 'suspended', 歇业: 'closed', 注销: 'deregistered' },
  riskClass: { 高: 'high', 高风险: 'high', 较高: 'higher', 较高风险: 'higher', 一般: 'general', 一般风险: 'general', 低: 'low', 低风险: 'low' },
  keyDomains: { 食品: 'food', 特殊食品: 'special_food', 特种设备: 'special_equipment', 重点工业产品: 'industrial_products' },
}

const fromLabel = (field: string, v: string) => LABELS[field][v] ?? v

/** The export prefixes formula-like cells with ' (tabular.ts); reading takes it off again. */
function cell(v: string | undefined): string {
  if (v === undefined) return ''
  return v.length > 1 && v.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v
}

const LIST_SEPARATORS = /[;；,，、|]/

/** "type:number:from:to;…" (either colon, either semicolon); dates may be left empty. */
export function parseLicences(text: string): Licence[] | { bad: string } {
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

/** A file row as the business rules' input. */
export function rowToInput(values: Record<string, string>): ParsedRow {
  const lng = coordinate(cell(values.lng))
  const lat = coordinate(cell(values.lat))
  const licencesText = cell(values.licences)
  const licences = licencesText ? parseLicences(licencesText) : []
  const kind = cell(values.kind).trim()
  const domains = cell(values.keyDomains).split(LIST_SEPARATORS).map((d) => d.trim()).filter(Boolean).map((d) => fromLabel('keyDomains', d))
  const state = cell(values.operatingState).trim()
  const risk = cell(values.riskClass).trim()
  const input: BusinessInput = {
    uscc: cell(values.uscc).trim().toUpperCase(),
    name: cell(values.name),
    kind: kind ? (fromLabel('kind', kind) as any) : null,
    registeredAddress: cell(values.registeredAddress),
    actualAddress: cell(values.actualAddress),
    location: lng === null && lat === null ? null : { lng: lng ?? NaN, lat: lat ?? NaN },
    industry: cell(values.industry),
    licences: Array.isArray(licences) ? licences : [],
    keyDomains: domains,
    operatingState: state ? fromLabel('operatingState', state) : undefined,
    riskClass: risk ? fromLabel('riskClass', risk) : undefined,
    legalRepresentative: cell(values.legalRepresentative),
    contactPhone: cell(values.contactPhone),
  }
  return Array.isArray(licences) ? { input } : { input, bad: { field: 'licences', rule: 'format' } }
}

/** A business as a file row (stored keys, so that it re-imports). */
export function viewToRow(b: BusinessView): Record<string, unknown> {
  return {
    uscc: b.uscc, name: b.name, kind: b.kind, registeredAddress: b.registeredAddress, actualAddress: b.actualAddress ?? '',
    lng: b.location ? b.location.lng : '', lat: b.location ? b.location.lat : '', industry: b.industry ?? '',
    licences: formatLicences(b.licences), keyDomains: b.keyDomains.join(';'), operatingState: b.operatingState,
    riskClass: b.riskClass, legalRepresentative: b.legalRepresentative ?? '', contactPhone: b.contactPhone ?? '',
    gridCode: b.gridCode ?? '', areaCode: b.areaCode,
  }
}
