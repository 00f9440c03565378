/**
 * Findings recorded on patrol tasks (M4.3), as phones send them, often long after and more than
 * once. The phone makes each finding's id: the same id with the same content is stored once (a
 * resend after a lost reply answers the stored finding), the same id with other content is refused
 * (409, as ODK Central does). A finding that meets its item's transfer conditions becomes cases in
 * the loop; the task is then done. The phone's clock is kept beside the server's and flagged when
 * it was far off.
 *
 * Exactly once across a crash: the cases are filed first with idempotency keys made from the
 * finding's id, then the finding and the task's completion are written in one transaction. A
 * finding sent again after a crash between the two finds its cases already filed and files none.
 */
import { createHash } from 'node:crypto'
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, keepsMarketOnly, scopeFilter, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { toWgs84 } from '../businesses/rules.ts'
import { utcMinute } from '../../shared/dates.ts'
import { createCase } from '../cases/filing.ts'
import { findVisibleEvidence, linkEvidence } from '../evidence/service.ts'
import { canonicalJson, CLOCK_SKEW_FLAG_SECONDS, clockSkewSeconds, findingProblems, transfersFor, type AnswerProblem } from './rules.ts'
import type { NewPatrolFinding, PatrolFindingView, PatrolItemDefinition } from './schemas.ts'
import './errors.ts'

interface FindingRow {
  id: string
  content_sha256: string
  task_id: string
  item_code: string
  item_version: number
  business_id: number | null
  grid_code: string
  answers: Record<string, boolean | number | string>
  note: string | null
  photos: string[] | null
  lng: number | null
  lat: number | null
  location_accuracy_m: number | null
  recorded_at: Date
  received_at: Date
  clock_skew_seconds: number | null
  case_ids: number[]
  recorded_by: number
}

const FINDING_COLUMNS = `f.id::text, f.content_sha256, f.task_id::text, f.item_code, f.item_version, f.business_id, f.grid_code, f.answers, f.note,
  (SELECT array_agg(l.sha256 ORDER BY l.id) FROM evidence_links l WHERE l.owner_type = 'patrolFinding' AND l.owner_id = f.id::text) AS photos,
  ST_X(f.location) AS lng, ST_Y(f.location) AS lat, f.location_accuracy_m, f.recorded_at, f.received_at, f.clock_skew_seconds, f.case_ids, f.recorded_by`

function toView(r: FindingRow): PatrolFindingView {
  return {
    id: r.id, taskId: Number(r.task_id), itemCode: r.item_code, itemVersion: r.item_version, businessId: r.business_id, gridCode: r.grid_code,
    answers: r.answers, note: r.note, photos: r.photos ?? [],
    location: r.lng === null ? null : { lng: r.lng, lat: r.lat!, ...(r.location_accuracy_m === null ? {} : { accuracy: r.location_accuracy_m }) },
    recordedAt: new Date(r.recorded_at).toISOString(), receivedAt: new Date(r.received_at).toISOString(),
    clockSkewSeconds: r.clock_skew_seconds, clockFlagged: Math.abs(r.clock_skew_seconds ?? 0) > CLOCK_SKEW_FLAG_SECONDS,
    caseIds: r.case_ids ?? [], recordedBy: r.recorded_by,
  }
}

async function readFinding(sql: Sql, id: string): Promise<FindingRow | null> {
  const { rows } = await sql.query<FindingRow>(`SELECT ${FINDING_COLUMNS} FROM patrol_findings f WHERE f.id = $1::uuid`, [id])
  return rows[0] ?? null
}

/** What "the same finding" means: its content as sent, without the moment it was sent. */
export function findingFingerprint(input: NewPatrolFinding): string {
  const { sentAt: _sentAt, ...content } = input
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}

interface TaskRow {
  id: string
  item_code: string
  item_version: number
  business_id: number | null
  business_name: string | null
  grid_code: string
  state: string
  definition: PatrolItemDefinition
}

function refuse(p: AnswerProblem): never {
  const { code, ...rest } = p
  const details: Record<string, unknown> = { ...rest }
  if ('question' in p && typeof p.question === 'object') {
    details.questionZh = p.question.zh
    details.questionEn = p.question.en
    delete details.question
  }
  throw new AppError(code, details)
}

/** Who completed a closed task and when, for the refusal of a second finding. */
async function refuseClosed(sql: Sql, taskId: string): Promise<never> {
  const { rows } = await sql.query<{ by: string; at: Date }>(
    `SELECT u.display_name AS by, f.received_at AS at FROM patrol_findings f JOIN users u ON u.id = f.recorded_by WHERE f.task_id = $1`, [taskId])
  throw new AppError('patrol.taskClosed', { by: rows[0]?.by ?? '—', at: rows[0] ? utcMinute(rows[0].at) : '—' })
}

/** The finding of a phone: stored once, its cases filed once; `created` false for a resend. */
export async function recordFinding(db: Db, actor: Actor, input: NewPatrolFinding, now = new Date()): Promise<{ finding: PatrolFindingView; created: boolean }> {
  authorize(actor, 'patrolFinding.record')
  const fingerprint = findingFingerprint(input)
  const resent = await readFinding(db, input.id)
  if (resent) {
    if (resent.content_sha256 !== fingerprint) throw new AppError('patrol.findingReused', { id: input.id })
    return { finding: toView(resent), created: false }
  }

  const params: unknown[] = [input.taskId]
  const { rows: [task] } = await db.query<TaskRow>(
    `SELECT t.id::text, t.item_code, t.item_version, t.business_id, b.name AS business_name, t.grid_code, t.state, v.definition
     FROM patrol_tasks t JOIN patrol_item_versions v ON v.item_code = t.item_code AND v.version = t.item_version
     LEFT JOIN businesses b ON b.id = t.business_id
     WHERE t.id = $1 AND ${scopeFilter(actor, 't.grid_code', params)}${keepsMarketOnly(actor) ? ` AND t.assignee_id = $${params.push(actor.userId)}` : ''}`, params)
  // Outside the scope reads as unknown (Q3).
  if (!task) throw new AppError('patrol.taskUnknown', { id: input.taskId })
  if (task.state !== 'open') await refuseClosed(db, task.id)
  const [problem] = findingProblems(task.definition, input.answers, input.photos.length)
  if (problem) refuse(problem)
  for (const p of input.photos) {
    if (!(await findVisibleEvidence(db, actor, p.sha256))) throw new AppError('patrol.photoUnknown', { sha256: p.sha256.slice(0, 12) })
  }
  const crs = input.crs ?? 'WGS84'
  const place = input.location ? toWgs84(input.location.lng, input.location.lat, crs) : null

  // The cases first, each under a key made from the finding's id: a resend after a crash files none again.
  const caseIds: number[] = []
  const itemName = task.definition.name.zh
  for (const category of transfersFor(task.definition, input.answers)) {
    const { case: filed } = await createCase(db, actor, {
      source: 'patrol', categoryCode: category,
      title: `${itemName}：${task.business_name ?? task.grid_code}`.slice(0, 200),
      description: describeAnswers(task.definition, input.answers, input.note),
      gridCode: task.grid_code, ...(task.business_id === null ? {} : { businessId: task.business_id }),
      ...(place ? { location: { lng: place[0], lat: place[1] } } : {}),
      evidence: input.photos.map((p) => p.sha256),
    }, { idempotencyKey: `patrolFinding:${input.id}:${category}` })
    caseIds.push(filed.id)
  }

  const skew = clockSkewSeconds(input.sentAt ? new Date(input.sentAt) : null, now)
  try {
    return await db.transaction(async (tx) => writeFinding(tx, actor, input, task, { fingerprint, caseIds, skew, place, crs, now }))
  } catch (err) {
    // Another finding completed the task meanwhile (one finding per task): who, and when.
    if (err instanceof TaskTaken) return refuseClosed(db, task.id)
    throw err
  }
}

class TaskTaken extends Error {}

async function writeFinding(
  tx: Sql, actor: Actor, input: NewPatrolFinding, task: TaskRow,
  w: { fingerprint: string; caseIds: number[]; skew: number | null; place: [number, number] | null; crs: 'WGS84' | 'GCJ02' | 'BD09'; now: Date },
): Promise<{ finding: PatrolFindingView; created: boolean }> {
  const { fingerprint, caseIds, skew, place, crs, now } = w
  const { rowCount } = await tx.query(
    `INSERT INTO patrol_findings (id, content_sha256, task_id, item_code, item_version, business_id, grid_code, answers, note, location,
       location_accuracy_m, recorded_at, device_sent_at, received_at, clock_skew_seconds, case_ids, recorded_by)
     VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($10, $11::float8), 4326) END,
       $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (id) DO NOTHING`,
    [input.id, fingerprint, task.id, task.item_code, task.item_version, task.business_id, task.grid_code, JSON.stringify(input.answers),
      input.note ?? null, place?.[0] ?? null, place?.[1] ?? null, input.location?.accuracy ?? null, input.recordedAt, input.sentAt ?? null,
      now, skew, caseIds, actor.userId],
  ).catch((err) => {
    if (err?.code === '23505' && String(err.constraint ?? '').includes('task')) throw new TaskTaken()
    throw err
  })
  if (rowCount === 0) {
    // The same finding sent twice at once: the other request stored it.
    const other = (await readFinding(tx, input.id))!
    if (other.content_sha256 !== fingerprint) throw new AppError('patrol.findingReused', { id: input.id })
    return { finding: toView(other), created: false }
  }
  await tx.query(`UPDATE patrol_tasks SET state = 'done' WHERE id = $1`, [task.id])
  for (const p of input.photos) {
    const at = p.location ? toWgs84(p.location.lng, p.location.lat, crs) : null
    await linkEvidence(tx, {
      sha256: p.sha256, ownerType: 'patrolFinding', ownerId: input.id, areaCode: task.grid_code,
      capturedAt: p.capturedAt ? new Date(p.capturedAt) : undefined, location: at ? { lng: at[0], lat: at[1] } : undefined, linkedBy: actor.userId,
    })
  }
  await recordAudit(tx, actor, {
    action: 'patrolFinding.recorded', objectType: 'patrolFinding', objectId: input.id, areaCode: task.grid_code,
    details: { taskId: Number(task.id), itemCode: task.item_code, itemVersion: task.item_version, caseIds, recordedAt: input.recordedAt, clockSkewSeconds: skew },
  })
  return { finding: toView((await readFinding(tx, input.id))!), created: true }
}

/** The case's description: each answered question and its answer, then the note. */
function describeAnswers(d: PatrolItemDefinition, answers: Readonly<Record<string, unknown>>, note?: string): string {
  const lines = d.checklist.filter((q) => answers[q.key] !== undefined).map((q) => {
    const a = answers[q.key]
    const text = typeof a === 'boolean' ? (a ? '是' : '否') : q.options?.find((o) => o.value === a)?.label.zh ?? String(a)
    return `${q.text.zh}：${text}`
  })
  if (note) lines.push(`说明：${note}`)
  return lines.join('\n').slice(0, 4000)
}

/** One finding, if its grid is in the actor's scope. */
export async function getFinding(db: Db, actor: Actor, id: string): Promise<PatrolFindingView> {
  authorize(actor, 'patrolTask.read')
  const params: unknown[] = [id]
  const { rows } = await db.query<FindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM patrol_findings f WHERE f.id = $1::uuid AND ${scopeFilter(actor, 'f.grid_code', params)}${keepsMarketOnly(actor) ? ` AND f.recorded_by = $${params.push(actor.userId)}` : ''}`, params)
  if (!rows[0]) throw new AppError('patrol.findingUnknown', { id })
  return toView(rows[0])
}
