import type { Db, Sql } from '../../db/connection.ts'
import type { Actor } from '../access/policy.ts'
import { authorize, scopeFilter } from '../access/policy.ts'
import { chainHash, GENESIS_HASH, type AuditFields } from './chain.ts'

export interface AuditInput {
  action: string
  objectType?: string
  objectId?: string | number
  areaCode?: string | null
  result?: AuditFields['result']
  details?: unknown
}

/** Who did it, when nobody is logged in (a failed login, the CLI, the seeder). */
export interface AuditSubject {
  userId?: number | null
  username?: string | null
  ip?: string | null
}

const CHAIN_LOCK = 727002

/**
 * Appends one event inside the caller's transaction, so that the change and its record commit or
 * fail together. The advisory lock orders concurrent writers, so that each event links to the one
 * committed before it.
 */
export async function recordAudit(tx: Sql, who: Actor | AuditSubject | null, input: AuditInput): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK])
  const last = await tx.query<{ hash: string }>('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1')
  const prevHash = last.rows[0]?.hash ?? GENESIS_HASH
  const fields: AuditFields = {
    at: new Date(),
    userId: who?.userId ?? null,
    username: who?.username ?? null,
    areaCode: input.areaCode ?? null,
    ip: who?.ip ?? null,
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId === undefined ? null : String(input.objectId),
    result: input.result ?? 'ok',
    details: input.details ?? null,
  }
  const hash = chainHash(prevHash, fields)
  await tx.query(
    `INSERT INTO audit_events (at, user_id, username, area_code, ip, action, object_type, object_id, result, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [fields.at, fields.userId, fields.username, fields.areaCode, fields.ip, fields.action, fields.objectType,
      fields.objectId, fields.result, fields.details === null ? null : JSON.stringify(fields.details), prevHash, hash],
  )
}

/** Records an event in a transaction of its own (logins, refusals: nothing else changes). */
export function recordAuditAlone(db: Db, who: Actor | AuditSubject | null, input: AuditInput): Promise<void> {
  return db.transaction((tx) => recordAudit(tx, who, input))
}

export interface VerifyResult {
  ok: boolean
  checked: number
  /** the first event whose link does not hold */
  brokenAt?: { id: number; reason: 'hashMismatch' | 'prevHashMismatch' }
  /**
   * The newest event and its hash. A chain cannot show that events were cut off its end, so the
   * audit administrator notes the head elsewhere (a report, a signed mail) and compares later.
   */
  head?: { id: number; hash: string }
}

/**
 * Walks the chain in id order and recomputes every hash. A changed row fails its own hash; a
 * removed row breaks the next row's link. (Ids alone prove nothing: a rolled-back transaction
 * also leaves a gap in a bigserial.)
 */
export async function verifyAudit(db: Sql, batchSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH
  let afterId = 0
  let checked = 0
  for (;;) {
    const { rows } = await db.query<any>(
      `SELECT id, at, user_id, username, area_code, ip, action, object_type, object_id, result, details, prev_hash, hash
       FROM audit_events WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId, batchSize],
    )
    if (rows.length === 0) return { ok: true, checked, ...(afterId ? { head: { id: afterId, hash: prevHash } } : {}) }
    for (const r of rows) {
      if (r.prev_hash !== prevHash) return { ok: false, checked, brokenAt: { id: r.id, reason: 'prevHashMismatch' } }
      const expected = chainHash(prevHash, {
        at: r.at instanceof Date ? r.at : new Date(r.at), userId: r.user_id, username: r.username, areaCode: r.area_code,
        ip: r.ip, action: r.action, objectType: r.object_type, objectId: r.object_id, result: r.result, details: r.details,
      })
      if (expected !== r.hash) return { ok: false, checked, brokenAt: { id: r.id, reason: 'hashMismatch' } }
      prevHash = r.hash
      afterId = r.id
      checked++
    }
  }
}

export interface AuditQuery {
  action?: string
  username?: string
  objectType?: string
  objectId?: string
  from?: string
  to?: string
  afterId?: number
  limit: number
}

/** The audit administrator's view of the log, newest first, keyset-paged by id. */
export async function listAuditEvents(db: Sql, actor: Actor, q: AuditQuery) {
  authorize(actor, 'audit.read')
  const params: unknown[] = []
  const where = [scopeFilter(actor, "coalesce(area_code, '')", params)]
  const add = (cond: string, value: unknown) => {
    params.push(value)
    where.push(cond.replace('?', `$${params.length}`))
  }
  if (q.action) add('action = ?', q.action)
  if (q.username) add('username = ?', q.username)
  if (q.objectType) add('object_type = ?', q.objectType)
  if (q.objectId) add('object_id = ?', q.objectId)
  if (q.from) add('at >= ?', q.from)
  if (q.to) add('at < ?', q.to)
  if (q.afterId) add('id < ?', q.afterId)
  params.push(q.limit)
  const { rows } = await db.query<any>(
    `SELECT id, at, user_id, username, area_code, ip, action, object_type, object_id, result, details, hash
     FROM audit_events WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  )
  return rows.map((r) => ({
    id: r.id, at: r.at.toISOString(), userId: r.user_id, username: r.username, areaCode: r.area_code, ip: r.ip,
    action: r.action, objectType: r.object_type, objectId: r.object_id, result: r.result, details: r.details, hash: r.hash,
  }))
}
