/**
 * What an update event records, and the record-version rules every editable ledger shares
 * (issue 11 §1 item 5, §5, §7 item 3).
 *
 * An update event carries `changes: { field: { from, to } }` for the fields that changed, so that a
 * record's history (and a lost update) can be rebuilt from the log alone. Personal data (phones,
 * names of people) is recorded MASKED, never in clear and never encrypted: the audit log is
 * append-only and can never erase what it holds, while PIPL requires personal data to be erasable;
 * a masked value still shows that and roughly how a field changed.
 */
import { AppError, defineErrors } from '../../server/errors.ts'
import { maskName, maskPhone } from '../access/personal-data.ts'

export const RecordErrors = defineErrors({
  // The details carry `current`: the record as a GET by this user shows it now, for the client to
  // show side by side with its own change and reapply it on the new version.
  'record.versionConflict': {
    status: 409,
    zh: '该记录已被他人修改（您的版本 {expected}，当前版本 {version}），请查看最新内容后重新提交',
    en: 'Someone else changed this record meanwhile (your version {expected}, current version {version}); review it and submit again',
  },
  'record.ifMatchInvalid': {
    status: 400,
    zh: 'If-Match 请求头须为记录版本号，如 "3"',
    en: 'The If-Match header must name a record version, such as "3"',
  },
  // A masked value read back ("韩**") must never overwrite the real one: who cannot read a field cannot write it.
  'record.fieldNotWritable': {
    status: 403,
    zh: '您无权修改“{labelZh}”：您只能看到该字段的脱敏内容',
    en: 'You may not change {labelEn}: you can only see it masked',
  },
})

/** How a field holding personal data is masked in the log. */
export type PersonalKind = 'name' | 'phone'

export interface FieldChange {
  from: unknown
  to: unknown
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? null) === (b ?? null)
  if (typeof a !== 'object' || typeof b !== 'object') return false
  return stable(a) === stable(b)
}

/** JSON with object keys sorted, so that {a,b} and {b,a} compare equal. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x)
}

function masked(kind: PersonalKind, v: unknown): unknown {
  if (v === null || v === undefined) return null
  return kind === 'phone' ? maskPhone(String(v)) : maskName(String(v))
}

/**
 * The fields whose value differs between `before` and `after`, each with its old and new value;
 * the fields named in `personal` are recorded masked (a change between two values that mask alike
 * still shows, as `{ from: '韩*', to: '韩*' }`). Fields missing on one side read as null.
 */
export function fieldChanges<T extends Record<string, unknown>>(
  before: T, after: T, personal: Partial<Record<keyof T & string, PersonalKind>> = {},
): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {}
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const k of keys) {
    const from = before[k] ?? null
    const to = after[k] ?? null
    if (same(from, to)) continue
    const kind = personal[k as keyof T & string]
    out[k] = kind ? { from: masked(kind, from), to: masked(kind, to) } : { from, to }
  }
  return out
}

/**
 * Replays update events onto a starting record: what the log says the record became. Personal
 * fields come out masked, the others exact.
 */
export function replayChanges<T extends Record<string, unknown>>(start: T, events: Array<Record<string, FieldChange>>): T {
  const rec: Record<string, unknown> = { ...start }
  for (const changes of events) for (const [k, c] of Object.entries(changes)) rec[k] = c.to
  return rec as T
}

/** The ETag of a record version: a strong tag holding the integer. */
export function etagOf(version: number): string {
  return `"${version}"`
}

/**
 * The version an If-Match header names, or undefined without one (API clients may write without:
 * the last writer then wins, as documented). `*` matches any version. Anything else is refused.
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined
  const value = (Array.isArray(header) ? header[0] : header).trim()
  if (value === '*' || value === '') return undefined
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value)
  if (!m) throw new AppError('record.ifMatchInvalid', { value: value.slice(0, 40) })
  return Number(m[1])
}

/** Refuses a stale version, with the current record (as the caller may see it) in the details. */
export function refuseStale(expected: number | undefined, version: number, current: () => unknown): void {
  if (expected !== undefined && expected !== version) {
    throw new AppError('record.versionConflict', { expected, version, current: current() })
  }
}

/** Refuses a write of a field the caller sees only masked; `label` names it in both languages. */
export function refuseUnreadable(field: string, label: { zh: string; en: string }): never {
  throw new AppError('record.fieldNotWritable', { field, labelZh: label.zh, labelEn: label.en })
}
