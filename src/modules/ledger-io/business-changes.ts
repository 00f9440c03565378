/**
 * What a row of an import in update mode changes in the business it names (issue 13 §1): the file's
 * values for the columns the file has, the stored ones for the others, compared field by field and
 * described in the file's language for the check step. Pure: no I/O.
 */
import type { Lang } from '../../server/errors.ts'
import { maskName, maskPhone } from '../access/personal-data.ts'
import { VALUE_LABELS, type BusinessInput, type BusinessRecord } from '../businesses/rules.ts'
import { formatLicences } from './businesses-columns.ts'

/** The fields a row may change, in the file's column order; `location` stands for 经度 and 纬度. */
export const CHANGEABLE = [
  'name', 'kind', 'registeredAddress', 'actualAddress', 'location', 'industry', 'licences', 'keyDomains',
  'operatingState', 'riskClass', 'legalRepresentative', 'contactPhone',
] as const
export type ChangeableField = (typeof CHANGEABLE)[number]

/** A coordinate moved by less than this (≈ 1 cm) is the same place: Excel keeps 15 significant digits. */
const SAME_PLACE_DEGREES = 1e-7

export interface FieldDiff {
  field: ChangeableField
  /** the column heading in the request's language */
  column: string
  from: string
  to: string
}

/** One row of the file that changes a registered business, as the check step lists it. */
export interface RowChange {
  row: number
  id: number
  uscc: string
  name: string
  fields: FieldDiff[]
  /** present when the new location puts the business in another grid (or none) */
  grid?: { from: string | null; to: string | null }
}

/**
 * The stored business with the file's values for the fields whose columns the file has. An empty
 * 类型 cell lets the code decide the kind, as on registration.
 */
export function mergeFileRow(stored: BusinessInput, file: BusinessInput, present: (field: ChangeableField) => boolean): BusinessInput {
  const merged: BusinessInput = { ...stored, uscc: file.uscc }
  for (const f of CHANGEABLE) if (present(f)) (merged as unknown as Record<string, unknown>)[f] = (file as unknown as Record<string, unknown>)[f]
  return merged
}

const text = (v: string | null | undefined) => v ?? ''

function samePlace(a: BusinessRecord, b: BusinessRecord): boolean {
  if (a.lng === null || b.lng === null) return a.lng === b.lng
  return Math.abs(a.lng - b.lng) < SAME_PLACE_DEGREES && Math.abs(a.lat! - b.lat!) < SAME_PLACE_DEGREES
}

function same(field: ChangeableField, a: BusinessRecord, b: BusinessRecord): boolean {
  switch (field) {
    case 'location': return samePlace(a, b)
    case 'licences': return JSON.stringify(a.licences) === JSON.stringify(b.licences)
    case 'keyDomains': return [...a.keyDomains].sort().join() === [...b.keyDomains].sort().join()
    default: return text(a[field]) === text(b[field])
  }
}

/** The fields whose values differ, in column order. */
export function changedFields(before: BusinessRecord, after: BusinessRecord): ChangeableField[] {
  return CHANGEABLE.filter((f) => !same(f, before, after))
}

const labelOf = (field: keyof typeof VALUE_LABELS, code: string, lang: Lang) =>
  (VALUE_LABELS[field] as Record<string, { zh: string; en: string }>)[code]?.[lang === 'en' ? 'en' : 'zh'] ?? code

/** A field's value as the file would show it; personal values masked for who may not read them. */
function fieldText(field: ChangeableField, r: BusinessRecord, lang: Lang, masked: boolean): string {
  switch (field) {
    case 'location': return r.lng === null ? '' : `${r.lng}, ${r.lat}`
    case 'kind': case 'operatingState': case 'riskClass': return labelOf(field, r[field], lang)
    case 'keyDomains': return r.keyDomains.map((d) => labelOf('keyDomains', d, lang)).join(';')
    case 'licences': return formatLicences(r.licences)
    case 'legalRepresentative': return masked ? text(maskName(r.legalRepresentative)) : text(r.legalRepresentative)
    case 'contactPhone': return masked ? text(maskPhone(r.contactPhone)) : text(r.contactPhone)
    default: return text(r[field])
  }
}

/** The changed fields described for people. */
export function describeChanges(
  before: BusinessRecord, after: BusinessRecord, heading: (field: string) => string, lang: Lang, masked: boolean,
): FieldDiff[] {
  return changedFields(before, after).map((field) => ({
    field, column: heading(field), from: fieldText(field, before, lang, masked), to: fieldText(field, after, lang, masked),
  }))
}

/**
 * Whether a personal cell of the file only repeats what its reader was shown: who sees a field
 * masked gets the masked text in an export, and writing that back must change nothing.
 */
export function repeatsMasked(field: 'legalRepresentative' | 'contactPhone', cell: string | null | undefined, stored: string | null): boolean {
  const shown = field === 'contactPhone' ? maskPhone(stored) : maskName(stored)
  return text(cell) === text(shown) || text(cell) === text(stored)
}
