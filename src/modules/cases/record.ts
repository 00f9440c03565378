/**
 * A case's full record (issue 12 item 9, "Record"): the case, every step of its timeline with the
 * evidence attached and the sha256 of each file, and the audit events of the case with their chain
 * hashes, read in one transaction for the printable page (record-page.ts). Authorised exactly as
 * a case's detail (`getCase`): case.read, and a case outside the reader's view is not found. The
 * complainant stays masked. Each export is itself an audit event, whose number and hash the page
 * prints, so that a printed record can be traced back to the chain.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError, type Lang } from '../../server/errors.ts'
import { authorize, type Actor, type Role } from '../access/policy.ts'
import { maskName, maskPhone } from '../access/personal-data.ts'
import { recordAudit } from '../audit/service.ts'
import { microsToIso } from '../audit/checkpoints.ts'
import { areaNames } from '../areas/lookups.ts'
import type { CaseState } from './loop.ts'
import type { CaseSource } from './rules.ts'
import { CASE_COLUMNS, CASE_FROM, visibleCases, type CaseRow } from './service.ts'
import './errors.ts'

export interface RecordArea {
  code: string
  name: string | null
}

export interface RecordEvidence {
  sha256: string
  /** the name the file was uploaded with */
  name: string | null
  kind: string
  mediaType: string
  size: number
  /** when and where it was taken, as far as the upload said */
  capturedAt: string | null
  location: { lng: number; lat: number } | null
  /** false for a hash a step names whose file row is missing (never expected; printed as such) */
  stored: boolean
}

interface RecordActor {
  userId: number
  name: string | null
  username: string | null
  /** the account's roles and area as of printing: steps do not keep them */
  roles: Role[]
  scope: string | null
}

export interface RecordStep {
  id: number
  action: string
  fromState: CaseState | null
  toState: CaseState
  at: string
  /** null for the system (the deadline sweep) and for the public (the portal's filing and rating) */
  actor: RecordActor | null
  note: string | null
  changes: Record<string, { from: unknown; to: unknown }> | null
  dueAt: string | null
  location: { lng: number; lat: number } | null
  evidence: RecordEvidence[]
}

export interface RecordAuditEvent {
  id: number
  /** ISO 8601 with microseconds, as stored and hashed */
  at: string
  userId: number | null
  username: string | null
  action: string
  result: string
  details: unknown
  prevHash: string
  hash: string
  keyId: string | null
}

export interface CaseRecord {
  id: number
  trackingNo: string
  title: string
  description: string
  source: CaseSource
  category: { code: string; zh: string; en: string }
  emergency: boolean
  state: CaseState
  grid: RecordArea | null
  holder: RecordArea
  /** the grid's chain from the top (the holder's when the case has no grid yet), the grid last */
  areaChain: RecordArea[]
  department: { code: string; zh: string; en: string } | null
  address: string | null
  location: { lng: number; lat: number } | null
  business: { id: number; name: string; uscc: string } | null
  /** always masked: unmasking is its own audited request (GET /api/cases/{id}/contact) */
  contact: { name: string | null; phone: string | null; email: string | null } | null
  createdAt: string
  dueAt: string | null
  overdueAt: string | null
  overdueLevel: number
  closedAt: string | null
  mergedInto: { id: number; trackingNo: string | null } | null
  rating: number | null
  version: number
  steps: RecordStep[]
  /** files attached to the case that no step names (attached by other means) */
  otherEvidence: RecordEvidence[]
  audit: RecordAuditEvent[]
  /** names of the areas and departments the steps' changes mention */
  areaNames: Record<string, string>
  departmentNames: Record<string, { zh: string; en: string }>
  /** tracking numbers of the other cases the steps mention, those the reader sees */
  caseNumbers: Record<string, string>
  generated: { at: string; userId: number; username: string; displayName: string; eventId: number; hash: string }
}

/** The case as the service reads it, with the business concerned and the (masked) complainant. */
interface RecordCaseRow extends CaseRow {
  business_name: string | null
  business_uscc: string | null
  contact_name: string | null
  contact_phone: string | null
  contact_email: string | null
  has_contact: boolean
}

interface StepRow {
  id: number
  action: string
  from_state: CaseState | null
  to_state: CaseState
  user_id: number | null
  actor_name: string | null
  username: string | null
  roles: Role[] | null
  scope: string | null
  note: string | null
  changes: unknown
  evidence: string[] | null
  lng: number | null
  lat: number | null
  due_at: Date | null
  at: Date
}

interface EvidenceRow {
  sha256: string
  size: number | string
  kind: string
  media_type: string
  original_name: string | null
  captured_at: Date | null
  lng: number | null
  lat: number | null
  link_id: number | null
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())
const point = (lng: number | null, lat: number | null) => (lng === null || lat === null ? null : { lng, lat })
/** The codes of an area and every area above it, top first. */
const chainOf = (code: string) => Array.from({ length: code.length / 2 }, (_, i) => code.slice(0, 2 * (i + 1)))
const maskEmail = (email: string) => email.replace(/^(.).*(@.*)$/, '$1***$2')
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v)

/**
 * The record of case `id` as `actor` may see it, and the audit event of its export. The case row
 * is held FOR SHARE while its timeline and events are read, so that no step commits between the
 * reads: the steps and the events printed are those of one moment. (Row locks are taken before the
 * chain's lock here as in every step, so the two cannot deadlock.)
 */
export async function caseRecord(db: Db, actor: Actor, id: number, options: { lang: Lang; format: 'html' }): Promise<CaseRecord> {
  authorize(actor, 'case.read')
  return db.transaction(async (tx) => {
    const params: unknown[] = [id]
    const { rows: [c] } = await tx.query<RecordCaseRow>(
      `SELECT ${CASE_COLUMNS}, b.name AS business_name, b.uscc AS business_uscc,
         ct.name AS contact_name, ct.phone AS contact_phone, ct.email AS contact_email, ct.case_id IS NOT NULL AS has_contact
       FROM ${CASE_FROM}
         LEFT JOIN businesses b ON b.id = c.business_id
         LEFT JOIN case_contacts ct ON ct.case_id = c.id
       WHERE c.id = $1 AND ${visibleCases(actor, params)} FOR SHARE OF c`,
      params,
    )
    if (!c) throw new AppError('case.notFound')

    const { rows: stepRows } = await tx.query<StepRow>(
      `SELECT s.id, s.action, s.from_state, s.to_state, s.user_id, s.actor_name, u.username, u.roles, u.scope, s.note, s.changes,
         s.evidence, ST_X(s.location) AS lng, ST_Y(s.location) AS lat, s.due_at, s.at
       FROM case_steps s LEFT JOIN users u ON u.id = s.user_id WHERE s.case_id = $1 ORDER BY s.id`,
      [id],
    )
    const evidence = await evidenceOfCase(tx, id, stepRows.flatMap((s) => s.evidence ?? []))
    const { rows: auditRows } = await tx.query<{
      id: number | string; at_us: string; user_id: number | null; username: string | null; action: string; result: string
      details: unknown; prev_hash: string; hash: string; key_id: string | null
    }>(
      `SELECT id, (extract(epoch FROM at) * 1000000)::int8::text AS at_us, user_id, username, action, result, details, prev_hash, hash, key_id
       FROM audit_events WHERE object_type = 'case' AND object_id = $1 ORDER BY id`,
      [String(id)],
    )

    const steps: RecordStep[] = stepRows.map((s) => ({
      id: Number(s.id), action: s.action, fromState: s.from_state, toState: s.to_state, at: iso(s.at)!,
      actor: s.user_id === null ? null : { userId: s.user_id, name: s.actor_name, username: s.username, roles: s.roles ?? [], scope: s.scope },
      note: s.note, changes: json(s.changes) as RecordStep['changes'], dueAt: iso(s.due_at), location: point(s.lng, s.lat),
      evidence: (s.evidence ?? []).map((sha) => evidence.get(sha) ?? missingFile(sha)),
    }))
    const named = new Set(stepRows.flatMap((s) => s.evidence ?? []))
    const otherEvidence = [...evidence.values()].filter((e) => !named.has(e.sha256))

    // Names of every area, department and case the record mentions, each read once.
    const areaCodes = new Set<string>([...chainOf(c.grid_code ?? c.holder_code), c.holder_code])
    const departmentCodes = new Set<string>(c.department_code ? [c.department_code] : [])
    const caseIds = new Set<number>(c.merged_into ? [c.merged_into] : [])
    for (const s of steps) {
      if (s.actor?.scope) areaCodes.add(s.actor.scope)
      for (const [field, change] of Object.entries(s.changes ?? {})) {
        for (const v of [change.from, change.to]) {
          if (typeof v === 'string' && (field === 'gridCode' || field === 'holderCode')) areaCodes.add(v)
          if (typeof v === 'string' && field === 'departmentCode') departmentCodes.add(v)
          if (typeof v === 'number' && (field === 'mergedInto' || field === 'mergedFrom')) caseIds.add(v)
        }
      }
    }
    const namesByCode = Object.fromEntries(await areaNames(tx, [...areaCodes]))
    const { rows: deps } = await tx.query<{ code: string; name_zh: string; name_en: string }>(
      'SELECT code, name_zh, name_en FROM departments WHERE code = ANY($1::text[])', [[...departmentCodes]],
    )
    const departmentNames = Object.fromEntries(deps.map((d) => [d.code, { zh: d.name_zh, en: d.name_en }]))
    const caseNumbers = await trackingNumbers(tx, actor, [...caseIds])

    // Recorded last: the chain's lock is held from the event to the commit.
    await recordAudit(tx, actor, {
      action: 'case.recordExported', objectType: 'case', objectId: id, areaCode: c.grid_code ?? c.holder_code,
      details: { format: options.format, lang: options.lang, version: c.version, steps: steps.length, auditEvents: auditRows.length },
    })
    // The chain's lock is still ours: the newest export event of this case is the one just written.
    const { rows: [exported] } = await tx.query<{ id: number | string; at_us: string; hash: string }>(
      `SELECT id, (extract(epoch FROM at) * 1000000)::int8::text AS at_us, hash FROM audit_events
       WHERE object_type = 'case' AND object_id = $1 AND action = 'case.recordExported' ORDER BY id DESC LIMIT 1`,
      [String(id)],
    )

    const area = (code: string): RecordArea => ({ code, name: namesByCode[code] ?? null })
    return {
      id: Number(c.id), trackingNo: c.tracking_no, title: c.title, description: c.description, source: c.source,
      category: { code: c.category_code, zh: c.category_zh, en: c.category_en }, emergency: c.emergency, state: c.state,
      grid: c.grid_code ? area(c.grid_code) : null, holder: area(c.holder_code), areaChain: chainOf(c.grid_code ?? c.holder_code).map(area),
      department: c.department_code ? { code: c.department_code, ...(departmentNames[c.department_code] ?? { zh: c.department_code, en: c.department_code }) } : null,
      address: c.address, location: point(c.lng, c.lat),
      business: c.business_id === null ? null : { id: c.business_id, name: c.business_name ?? '', uscc: c.business_uscc ?? '' },
      contact: c.has_contact
        ? { name: maskName(c.contact_name), phone: maskPhone(c.contact_phone), email: c.contact_email ? maskEmail(c.contact_email) : null }
        : null,
      createdAt: iso(c.created_at)!, dueAt: iso(c.due_at), overdueAt: iso(c.overdue_at), overdueLevel: c.overdue_level,
      closedAt: iso(c.closed_at), rating: c.rating, version: c.version,
      mergedInto: c.merged_into === null ? null : { id: Number(c.merged_into), trackingNo: caseNumbers[c.merged_into] ?? null },
      steps, otherEvidence,
      audit: auditRows.map((r) => ({
        id: Number(r.id), at: microsToIso(r.at_us), userId: r.user_id, username: r.username, action: r.action, result: r.result,
        details: json(r.details), prevHash: r.prev_hash, hash: r.hash, keyId: r.key_id,
      })),
      areaNames: namesByCode, departmentNames, caseNumbers,
      generated: {
        at: microsToIso(exported.at_us), userId: actor.userId, username: actor.username, displayName: actor.displayName,
        eventId: Number(exported.id), hash: exported.hash,
      },
    }
  })
}

const missingFile = (sha256: string): RecordEvidence => ({
  sha256, name: null, kind: '', mediaType: '', size: 0, capturedAt: null, location: null, stored: false,
})

/** The files attached to the case and those its steps name, by sha256, in the order they were attached. */
async function evidenceOfCase(tx: Sql, id: number, stepHashes: string[]): Promise<Map<string, RecordEvidence>> {
  const { rows: links } = await tx.query<{ sha256: string }>(
    `SELECT sha256 FROM evidence_links WHERE owner_type = 'case' AND owner_id = $1`, [String(id)],
  )
  const hashes = [...new Set([...links.map((l) => l.sha256), ...stepHashes])]
  if (hashes.length === 0) return new Map()
  const { rows } = await tx.query<EvidenceRow>(
    `SELECT f.sha256, f.size, f.kind, f.media_type, f.original_name, l.captured_at, ST_X(l.location) AS lng, ST_Y(l.location) AS lat, l.id AS link_id
     FROM evidence_files f LEFT JOIN evidence_links l ON l.sha256 = f.sha256 AND l.owner_type = 'case' AND l.owner_id = $2
     WHERE f.sha256 = ANY($1::text[]) ORDER BY l.id NULLS LAST, f.sha256`,
    [hashes, String(id)],
  )
  return new Map(rows.map((r) => [r.sha256, {
    sha256: r.sha256, name: r.original_name, kind: r.kind, mediaType: r.media_type, size: Number(r.size),
    capturedAt: iso(r.captured_at), location: point(r.lng, r.lat), stored: true,
  }]))
}

/** Tracking numbers of the cases among `ids` that the actor sees; the others stay numbers only. */
async function trackingNumbers(tx: Sql, actor: Actor, ids: number[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {}
  const params: unknown[] = [ids]
  const { rows } = await tx.query<{ id: number; tracking_no: string }>(
    `SELECT c.id, c.tracking_no FROM cases c WHERE c.id = ANY($1::int8[]) AND ${visibleCases(actor, params)}`, params,
  )
  return Object.fromEntries(rows.map((r) => [String(r.id), r.tracking_no]))
}
