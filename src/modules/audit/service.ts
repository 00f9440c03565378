import { createSecretKey, type KeyObject } from 'node:crypto'
import type { Db, Sql } from '../../db/connection.ts'
import type { Actor } from '../access/policy.ts'
import { authorize, scopeFilter } from '../access/policy.ts'
import { chainHash, GENESIS_HASH, keyedChainHash, storableDetails, storableString, type AuditFields, type KeyedFields } from './chain.ts'
import { checkpointSignatureValid, headReceipt, microsToIso, readCheckpoints, writeCheckpoint, type Checkpoint, type HeadReceipt } from './checkpoints.ts'
import { auditKeys, type AuditKeyring } from './keys.ts'

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
 * committed before it. Every string is made storable first and the time is the database's, in
 * microseconds: the link covers exactly what the row holds (verify-audit reads it back).
 */
export async function recordAudit(tx: Sql, who: Actor | AuditSubject | null, input: AuditInput): Promise<void> {
  const keys = auditKeys()
  // Lock, then read the head (0530): one round trip, as the lock is held until the commit.
  const last = await tx.query<{ hash: string | null; now_us: string | number }>('SELECT hash, now_us FROM audit_chain_head($1)', [CHAIN_LOCK])
  const prevHash = last.rows[0].hash ?? GENESIS_HASH
  const str = (v: string | null | undefined) => (v === null || v === undefined ? null : storableString(String(v)))
  const fields: KeyedFields = {
    keyId: keys.hmacKeyId,
    atMicros: String(last.rows[0].now_us),
    userId: who?.userId ?? null,
    username: str(who?.username),
    areaCode: str(input.areaCode),
    ip: str(who?.ip),
    action: storableString(input.action),
    objectType: str(input.objectType),
    objectId: input.objectId === undefined ? null : storableString(String(input.objectId)),
    result: input.result ?? 'ok',
    details: storableDetails(input.details),
  }
  const hash = keyedChainHash(keys.hmacKey(keys.hmacKeyId)!, prevHash, fields)
  await tx.query(
    `INSERT INTO audit_events (at, user_id, username, area_code, ip, action, object_type, object_id, result, details, prev_hash, hash, key_id)
     VALUES ('epoch'::timestamptz + $1::int8 * interval '1 microsecond', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [fields.atMicros, fields.userId, fields.username, fields.areaCode, fields.ip, fields.action, fields.objectType,
      fields.objectId, fields.result, fields.details === null ? null : JSON.stringify(fields.details), prevHash, hash, fields.keyId],
  )
}

/** Records an event in a transaction of its own (logins, refusals: nothing else changes). */
export function recordAuditAlone(db: Db, who: Actor | AuditSubject | null, input: AuditInput): Promise<void> {
  return db.transaction((tx) => recordAudit(tx, who, input))
}

export type BreakReason =
  /** the row's own link does not match its content (unkeyed legacy row) */
  | 'hashMismatch'
  /** the row's HMAC does not match: changed, or written by someone without the key */
  | 'badMac'
  /** the row names a key the key folder does not hold */
  | 'unknownKey'
  /** a plain SHA-256 row after the first keyed one: written by someone without the key */
  | 'unkeyedAfterKeyed'
  /** the row does not link to the row before it: rows removed or inserted in between */
  | 'prevHashMismatch'

export interface ChainBreak {
  fromId: number
  toId: number
  reason: BreakReason
}

export type CheckpointProblem =
  | { reason: 'checkpointBadSignature' | 'checkpointEventMissing' | 'checkpointHashMismatch'; eventId: number; writtenAt: string }
  | { reason: 'checkpointUnreadable'; line: number }

export interface VerifyResult {
  ok: boolean
  checked: number
  /** keyed (HMAC) events and plain SHA-256 events from before keying */
  keyed: number
  unkeyedLegacy: number
  /** every broken range, in id order; consecutive rows broken the same way form one range */
  breaks: ChainBreak[]
  /** more breaks than listed */
  breaksTruncated?: boolean
  /** the newest event */
  head?: { id: number; hash: string; eventAt: string }
  /** the comparison with the signed checkpoints outside the database, when a folder was given */
  checkpoints?: {
    count: number
    problems: CheckpointProblem[]
    /** the newest checkpoint agreeing with the chain */
    lastGood?: { eventId: number; writtenAt: string }
    /** events a checkpoint saw that the table no longer holds at its end: the tail was cut off */
    missingTail?: { lastPresentId: number | null; missingUpToId: number; checkpointWrittenAt: string }
  }
}

export interface VerifyOptions {
  batchSize?: number
  /** compare with the checkpoints in this folder */
  checkpointDir?: string
  keys?: AuditKeyring
}

const MAX_BREAKS = 1000

/**
 * Walks the whole chain in id order and checks every link; a break is noted and the walk goes on
 * from the stored hash, so that one bad row cannot hide a later one. A changed row fails its own
 * link; a removed row breaks the next row's link; a cut-off tail shows only against a checkpoint.
 * (Ids alone prove nothing: a rolled-back transaction also leaves a gap in a bigserial.)
 */
export async function verifyAudit(db: Sql, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const keys = opts.keys ?? auditKeys()
  const batchSize = opts.batchSize ?? 20000
  const cps = opts.checkpointDir ? readCheckpoints(opts.checkpointDir) : undefined
  const wanted = new Map<number, string | null>()
  for (const c of cps ?? []) if ('eventId' in c) wanted.set(c.eventId, null)

  const breaks: ChainBreak[] = []
  let truncated = false
  const broke = (id: number, lastId: number, reason: BreakReason) => {
    const prev = breaks[breaks.length - 1]
    if (prev && prev.reason === reason && prev.toId === lastId) prev.toId = id
    else if (breaks.length < MAX_BREAKS) breaks.push({ fromId: id, toId: id, reason })
    else truncated = true
  }

  let prevHash = GENESIS_HASH
  let lastId = 0
  let lastAt = ''
  let checked = 0
  let keyed = 0
  let legacy = 0
  const keyCache = new Map<string, KeyObject | undefined>()
  for (;;) {
    // One row per batch, the events as a JSON array text: a driver's per-row, per-column cost is
    // what made a million events slow (PGlite above all). json_build_array embeds jsonb's own text
    // for details, which JSON.parse reads exactly as the driver would.
    const { rows: [batch] } = await db.query<{ j: string | null }>(
      `SELECT '[' || string_agg(json_build_array(id, (extract(epoch FROM at) * 1000000)::int8::text, user_id, username, area_code, ip,
                action, object_type, object_id, result, details, prev_hash, hash, key_id)::text, ',' ORDER BY id) || ']' AS j
       FROM (SELECT * FROM audit_events WHERE id > $1 ORDER BY id LIMIT $2) e`,
      [lastId, batchSize],
    )
    if (!batch?.j) break
    const rows = (JSON.parse(batch.j) as unknown[][]).map(([id, at_us, user_id, username, area_code, ip, action, object_type, object_id, result, details, prev_hash, hash, key_id]) =>
      ({ id, at_us, user_id, username, area_code, ip, action, object_type, object_id, result, details, prev_hash, hash, key_id }) as any)
    for (const r of rows) {
      const id = Number(r.id)
      const atUs = String(r.at_us)
      let bad: BreakReason | undefined
      if (r.key_id === null) {
        if (keyed > 0) bad = 'unkeyedAfterKeyed'
        else {
          legacy++
          const expected = chainHash(r.prev_hash, {
            at: new Date(Math.floor(Number(atUs) / 1000)), userId: r.user_id, username: r.username, areaCode: r.area_code,
            ip: r.ip, action: r.action, objectType: r.object_type, objectId: r.object_id, result: r.result, details: r.details,
          })
          if (expected !== r.hash) bad = 'hashMismatch'
        }
      } else {
        keyed++
        let key = keyCache.get(r.key_id)
        if (!keyCache.has(r.key_id)) {
          const raw = keys.hmacKey(r.key_id)
          keyCache.set(r.key_id, (key = raw && createSecretKey(raw)))
        }
        if (!key) bad = 'unknownKey'
        else {
          const expected = keyedChainHash(key, r.prev_hash, {
            keyId: r.key_id, atMicros: atUs, userId: r.user_id, username: r.username, areaCode: r.area_code, ip: r.ip,
            action: r.action, objectType: r.object_type, objectId: r.object_id, result: r.result, details: r.details,
          })
          if (expected !== r.hash) bad = 'badMac'
        }
      }
      if (!bad && r.prev_hash !== prevHash) bad = 'prevHashMismatch'
      if (bad) broke(id, lastId, bad)
      if (wanted.has(id)) wanted.set(id, r.hash)
      prevHash = r.hash
      lastId = id
      lastAt = atUs
      checked++
    }
  }

  const result: VerifyResult = {
    ok: breaks.length === 0, checked, keyed, unkeyedLegacy: legacy, breaks,
    ...(truncated ? { breaksTruncated: true } : {}),
    ...(lastId ? { head: { id: lastId, hash: prevHash, eventAt: microsToIso(lastAt) } } : {}),
  }
  if (cps) {
    const problems: CheckpointProblem[] = []
    let lastGood: { eventId: number; writtenAt: string } | undefined
    let missingTail: NonNullable<VerifyResult['checkpoints']>['missingTail']
    for (const c of cps) {
      if (!('eventId' in c)) {
        problems.push({ reason: 'checkpointUnreadable', line: c.invalidLine })
        continue
      }
      if (!checkpointSignatureValid(c, keys)) {
        problems.push({ reason: 'checkpointBadSignature', eventId: c.eventId, writtenAt: c.writtenAt })
        continue
      }
      const stored = wanted.get(c.eventId)
      if (c.eventId > lastId) {
        if (!missingTail || c.eventId > missingTail.missingUpToId) {
          missingTail = { lastPresentId: lastId || null, missingUpToId: c.eventId, checkpointWrittenAt: c.writtenAt }
        }
      } else if (stored === null || stored === undefined) {
        problems.push({ reason: 'checkpointEventMissing', eventId: c.eventId, writtenAt: c.writtenAt })
      } else if (stored !== c.hash) {
        problems.push({ reason: 'checkpointHashMismatch', eventId: c.eventId, writtenAt: c.writtenAt })
      } else if (!lastGood || c.eventId >= lastGood.eventId) {
        lastGood = { eventId: c.eventId, writtenAt: c.writtenAt }
      }
    }
    result.checkpoints = { count: cps.length, problems, ...(lastGood ? { lastGood } : {}), ...(missingTail ? { missingTail } : {}) }
    if (problems.length || missingTail) result.ok = false
  }
  return result
}

export interface AuditQuery {
  action?: string
  username?: string
  objectType?: string
  objectId?: string
  result?: 'ok' | 'denied' | 'failed'
  from?: string
  to?: string
  /** keyset paging: events older than this id */
  afterId?: number
  limit: number
}

/** An event as the audit administrator reads it: the hashed fields, time as text, its hash and key. */
export interface AuditEventView extends Omit<AuditFields, 'at' | 'result'> {
  id: number
  at: string
  result: string
  hash: string
  keyId: string | null
}

function filterSql(actor: Actor, q: Omit<AuditQuery, 'limit'>, params: unknown[]): string {
  const where = [scopeFilter(actor, "coalesce(area_code, '')", params)]
  const add = (cond: string, value: unknown) => {
    params.push(value)
    where.push(cond.replace('?', `$${params.length}`))
  }
  if (q.action) add('action = ?', q.action)
  if (q.username) add('username = ?', q.username)
  if (q.objectType) add('object_type = ?', q.objectType)
  if (q.objectId) add('object_id = ?', q.objectId)
  if (q.result) add('result = ?', q.result)
  if (q.from) add('at >= ?', q.from)
  if (q.to) add('at < ?', q.to)
  if (q.afterId) add('id < ?', q.afterId)
  return where.join(' AND ')
}

const VIEW_COLUMNS = `id, (extract(epoch FROM at) * 1000000)::int8::text AS at_us, user_id, username, area_code, ip, action,
  object_type, object_id, result, details, hash, key_id`

function toView(r: any): AuditEventView {
  return {
    id: Number(r.id), at: microsToIso(String(r.at_us)), userId: r.user_id, username: r.username, areaCode: r.area_code, ip: r.ip,
    action: r.action, objectType: r.object_type, objectId: r.object_id, result: r.result, details: r.details, hash: r.hash, keyId: r.key_id,
  }
}

/** The filters worth recording with a read of the log (what the auditor looked for). */
function filtersOf(q: Omit<AuditQuery, 'limit'>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'limit'))
}

/** The audit administrator's view of the log, newest first, keyset-paged by id. Reading it is itself recorded. */
export async function listAuditEvents(db: Db, actor: Actor, q: AuditQuery): Promise<AuditEventView[]> {
  authorize(actor, 'audit.read')
  await recordAuditAlone(db, actor, { action: 'audit.listed', objectType: 'audit', details: filtersOf(q) })
  const params: unknown[] = []
  const where = filterSql(actor, q, params)
  params.push(q.limit)
  const { rows } = await db.query<any>(
    `SELECT ${VIEW_COLUMNS} FROM audit_events WHERE ${where} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  )
  return rows.map(toView)
}

/** Every filtered event, newest first, in pages (the CSV export). Recorded once, before the first row. */
export async function* exportAuditEvents(db: Db, actor: Actor, q: Omit<AuditQuery, 'limit' | 'afterId'>): AsyncGenerator<AuditEventView> {
  authorize(actor, 'audit.read')
  await recordAuditAlone(db, actor, { action: 'audit.exported', objectType: 'audit', details: filtersOf(q) })
  let afterId: number | undefined
  for (;;) {
    const params: unknown[] = []
    const where = filterSql(actor, { ...q, afterId }, params)
    const { rows } = await db.query<any>(`SELECT ${VIEW_COLUMNS} FROM audit_events WHERE ${where} ORDER BY id DESC LIMIT 5000`, params)
    if (rows.length === 0) return
    for (const r of rows) yield toView(r)
    afterId = Number(rows[rows.length - 1].id)
  }
}

/** verify-audit for the audit administrator, the comparison with the checkpoints included; recorded with its outcome. */
export async function verifyAuditFor(db: Db, actor: Actor, checkpointDir: string): Promise<VerifyResult> {
  authorize(actor, 'audit.read')
  const result = await verifyAudit(db, { checkpointDir })
  await recordAuditAlone(db, actor, {
    action: 'audit.verified', objectType: 'audit', result: result.ok ? 'ok' : 'failed',
    details: { checked: result.checked, breaks: result.breaks.length, checkpointProblems: result.checkpoints?.problems.length ?? 0, missingTail: !!result.checkpoints?.missingTail },
  })
  return result
}

export interface CheckpointView extends Checkpoint {
  signatureValid: boolean
}

export async function listCheckpoints(db: Db, actor: Actor, checkpointDir: string): Promise<CheckpointView[]> {
  authorize(actor, 'audit.read')
  await recordAuditAlone(db, actor, { action: 'audit.checkpointsListed', objectType: 'audit' })
  const keys = auditKeys()
  return readCheckpoints(checkpointDir)
    .filter((c): c is Checkpoint => 'eventId' in c)
    .map((c) => ({ ...c, signatureValid: checkpointSignatureValid(c, keys) }))
    .reverse()
}

/** A checkpoint on demand; the request is recorded first, so the checkpoint covers it. */
export async function createCheckpoint(db: Db, actor: Actor, checkpointDir: string): Promise<Checkpoint> {
  authorize(actor, 'audit.read')
  await recordAuditAlone(db, actor, { action: 'audit.checkpointed', objectType: 'audit' })
  return (await writeCheckpoint(db, checkpointDir))!
}

/** A signed head receipt; its issue is recorded first, so the receipt covers it. */
export async function issueReceipt(db: Db, actor: Actor): Promise<HeadReceipt> {
  authorize(actor, 'audit.read')
  await recordAuditAlone(db, actor, { action: 'audit.receiptIssued', objectType: 'audit' })
  return headReceipt(db)
}
