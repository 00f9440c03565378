/**
 * The public side of cases (M9.1): anyone files a complaint without an account, follows it with its
 * tracking number and rates the result. What the public sees of a case is cut down on purpose: the
 * stage, the times, the result; never staff names, internal notes, or anyone's contact details.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { createCase, type NewCase } from '../cases/filing.ts'
import { recordExternalRef, recordRating } from '../cases/service.ts'
import { TRACKING_NO } from '../cases/rules.ts'
import type { CaseState } from '../cases/loop.ts'
import { publicBasemap } from '../map/service.ts'
import { topOutlines } from '../areas/lookups.ts'
import type { PublicCaseView, PublicComplaint, PublicStage } from './schemas.ts'
import './errors.ts'


export const STAGE_LABELS: Record<PublicStage, { zh: string; en: string }> = {
  received: { zh: '已受理', en: 'Received' },
  verifying: { zh: '核查中', en: 'Being verified' },
  handling: { zh: '处理中', en: 'Being handled' },
  closed: { zh: '已办结', en: 'Closed' },
  dismissed: { zh: '不予受理', en: 'Not accepted' },
}

export function publicStage(state: CaseState): PublicStage {
  switch (state) {
    case 'new': return 'received'
    case 'verifying': return 'verifying'
    case 'closed': return 'closed'
    case 'dismissed': return 'dismissed'
    default: return 'handling'
  }
}

/** The categories the public may choose. */
export async function publicCategories(sql: Sql) {
  const { rows } = await sql.query<{ code: string; name_zh: string; name_en: string; emergency: boolean }>(
    'SELECT code, name_zh, name_en, emergency FROM case_categories WHERE active AND public ORDER BY sort, code',
  )
  return rows.map((r) => ({ code: r.code, name: { zh: r.name_zh, en: r.name_en }, emergency: r.emergency }))
}

/** Files a public complaint (no account); the Idempotency-Key from the page keeps a double submit to one case. */
export async function fileComplaint(
  db: Db, input: PublicComplaint, opts: { idempotencyKey?: string; submitter?: string; source?: NewCase['source']; externalRef?: string } = {},
): Promise<PublicCaseView> {
  const { rows } = await db.query('SELECT 1 FROM case_categories WHERE code = $1 AND active AND public', [input.categoryCode])
  if (!rows[0]) throw new AppError('case.categoryUnknown', { value: input.categoryCode, field: 'categoryCode' })
  const title = input.title?.trim() || [...input.description.trim()].slice(0, 30).join('')
  const { case: filed } = await createCase(db, null, {
    source: opts.source ?? 'complaint', categoryCode: input.categoryCode, title, description: input.description,
    location: input.location, crs: input.crs, address: input.address, contact: input.contact, evidence: input.evidence,
  }, { idempotencyKey: opts.idempotencyKey, submitter: opts.submitter ?? 'public' })
  if (opts.externalRef) await recordExternalRef(db, filed.id, opts.externalRef)
  return (await publicView(db, filed.trackingNo))!
}

interface PublicRow {
  id: number
  tracking_no: string
  state: CaseState
  name_zh: string
  name_en: string
  created_at: Date
  updated_at: Date
  closed_at: Date | null
  rating: number | null
  merged_into: number | null
}

/** A case by tracking number as the public sees it, following merges; null when there is none. */
export async function publicView(sql: Sql, trackingNo: string): Promise<PublicCaseView | null> {
  if (!TRACKING_NO.test(trackingNo)) return null
  const columns = `c.id, c.tracking_no, c.state, cc.name_zh, cc.name_en, c.created_at, c.updated_at, c.closed_at, c.rating, c.merged_into`
  const from = 'cases c JOIN case_categories cc ON cc.code = c.category_code'
  const { rows } = await sql.query<PublicRow>(`SELECT ${columns} FROM ${from} WHERE c.tracking_no = $1`, [trackingNo])
  const own = rows[0]
  if (!own) return null
  // A merged report is followed through the case that survived (a chain of merges included).
  let followed = own
  for (let hops = 0; followed.merged_into !== null && hops < 10; hops++) {
    const next = await sql.query<PublicRow>(`SELECT ${columns} FROM ${from} WHERE c.id = $1`, [followed.merged_into])
    if (!next.rows[0]) break
    followed = next.rows[0]
  }
  const steps = await sql.query<{ to_state: CaseState; action: string; note: string | null; at: Date }>(
    `SELECT to_state, action, note, at FROM case_steps WHERE case_id = $1 ORDER BY id`, [followed.id],
  )
  const history: PublicCaseView['history'] = []
  for (const s of steps.rows) {
    const stage = publicStage(s.to_state)
    if (history.at(-1)?.stage !== stage) history.push({ stage, label: STAGE_LABELS[stage], at: new Date(s.at).toISOString() })
  }
  const lastResult = [...steps.rows].reverse().find((s) => s.action === 'report' || s.action === 'departmentReport')
  const stage = publicStage(followed.state)
  return {
    trackingNo: own.tracking_no,
    category: { zh: own.name_zh, en: own.name_en },
    stage, stageLabel: STAGE_LABELS[stage],
    filedAt: new Date(own.created_at).toISOString(),
    updatedAt: new Date(followed.updated_at).toISOString(),
    closedAt: followed.closed_at ? new Date(followed.closed_at).toISOString() : null,
    result: stage === 'closed' ? lastResult?.note ?? null : null,
    history,
    rating: own.rating,
    canRate: stage === 'closed' && own.rating === null,
    followingTrackingNo: followed.id === own.id ? null : followed.tracking_no,
  }
}

/** The complainant's rating of a closed case (1–5), once; recorded on the case, its timeline and the audit chain. */
export async function rateCase(db: Db, trackingNo: string, rating: number, comment: string | undefined): Promise<PublicCaseView> {
  const view = await publicView(db, trackingNo)
  if (!view) throw new AppError('portal.notFound')
  if (!view.canRate) throw new AppError(view.rating !== null ? 'portal.alreadyRated' : 'portal.notClosedYet')
  if (!(await recordRating(db, trackingNo, rating, comment))) throw new AppError('portal.alreadyRated')
  return (await publicView(db, trackingNo))!
}

/**
 * What the portal's map needs without an account: the basemap, the installation's extent and the
 * outlines of its top two levels (simplified), so that a citizen can find the place of a complaint.
 */
export async function publicMap(sql: Sql) {
  const [{ basemap }, outline] = await Promise.all([
    publicBasemap(sql),
    topOutlines(sql),
  ])
  const features = outline.map((r) => ({
    type: 'Feature' as const, geometry: JSON.parse(r.geojson), properties: { code: r.code, name: r.name, level: r.level },
  }))
  return { basemap, outline: { type: 'FeatureCollection' as const, features } }
}
