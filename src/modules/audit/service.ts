import { createSecretKey, type KeyObject } from 'node:crypto'
import type { Db, Sql } from '../../db/connection.ts'
import type { Actor } from '../access/policy.ts'
import { authorize, scopeFilter } from '../access/policy.ts'
import { chainHash, genesisHash, keyedChainHash, storableDetails, storableString, type AuditFields, type KeyedFields } from './chain.ts'
import { checkpointHeads, checkpointSignatureValid, headReceipt, microsToIso, readCheckpoints, writeCheckpoint, type Checkpoint, type HeadReceipt } from './checkpoints.ts'
import { auditKeys, type AuditKeyring } from './keys.ts'
import type { AuditEventView, ChainBreak, CheckpointProblem, CheckpointView, MissingTail, VerifyResult } from './schemas.ts'

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
 * The audit log is this many independent hash chains (0900): writers on different chains commit in
 * parallel, writers on one chain one after the other. More than a server's default pool (10
 * connections), so that one server's writers rarely wait for each other's commit, and enough for a
 * few servers; each chain costs one line in a checkpoint. Changing it later is safe: a chain is
 * just the events carrying its number, and a new chain starts from its own genesis.
 */
export const AUDIT_CHAINS = 16

/** A chain claimed for the transaction (0900 audit_chain_claim): its number, its head, the database's time in microseconds. */
export interface ChainClaim {
  chain: number
  hash: string | null
  now_us: string | number
}

/**
 * The claim as an SQL expression whose value is a ChainClaim (JSON), for the hottest write to fold
 * into a statement of its own and save a round trip (filing a case: cases/filing.ts fileCase). Its
 * value goes to recordAudit as `claimed`, in the same transaction; the chain's lock is held from
 * that statement to the commit.
 */
export const AUDIT_CLAIM_SQL = `(SELECT json_build_object('chain', h.chain, 'hash', h.hash, 'now_us', h.now_us) FROM audit_chain_claim(${CHAIN_LOCK}, ${AUDIT_CHAINS}) h)`

/** One event to record: who did what. */
export interface AuditEntry {
  who: Actor | AuditSubject | null
  input: AuditInput
}

/**
 * Appends one event inside the caller's transaction, so that the change and its record commit or
 * fail together. The transaction takes one chain (0900 audit_chain_claim: the first free one, kept
 * until the commit) and its advisory lock orders the writers of that chain, so that each event
 * links to the one committed before it on the chain. Every string is made storable first and the
 * time is the database's, in microseconds: the link covers exactly what the row holds
 * (verify-audit reads it back). Returns the claim with the chain's new head, for a caller that writes
 * more events without reading the head again.
 */
export function recordAudit(tx: Sql, who: Actor | AuditSubject | null, input: AuditInput, claimed?: ChainClaim): Promise<ChainClaim> {
  return recordAudits(tx, [{ who, input }], claimed)
}

/**
 * Appends events in their order, each linked to the one before it on the chain the transaction
 * holds (`claimed`, or claimed here), in one statement: filings that arrive together record their
 * events so (cases/filing.ts), where a statement per event cost as much as the rows.
 */
export async function recordAudits(tx: Sql, entries: AuditEntry[], claimed?: ChainClaim): Promise<ChainClaim> {
  const keys = auditKeys()
  const key = keys.hmacKey(keys.hmacKeyId)!
  // Choose and lock a chain, then read its head: one round trip, the lock is held until the commit.
  const claim = claimed ?? (await tx.prepared<ChainClaim>('SELECT chain, hash, now_us FROM audit_chain_claim($1, $2)', [CHAIN_LOCK, AUDIT_CHAINS])).rows[0]
  const chain = Number(claim.chain)
  let prevHash = claim.hash ?? genesisHash(chain)
  const str = (v: string | null | undefined) => (v === null || v === undefined ? null : storableString(String(v)))
  const rows = entries.map(({ who, input }) => {
    const fields: KeyedFields = {
      keyId: keys.hmacKeyId,
      atMicros: String(claim.now_us),
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
    const row = { fields, prevHash, hash: keyedChainHash(key, prevHash, fields) }
    prevHash = row.hash
    return row
  })
  const column = <T>(value: (r: (typeof rows)[number]) => T) => rows.map(value)
  // Prepared, as every audited write runs it, and sent with the transaction's next statement or its
  // COMMIT (writeLater): an insert that fails fails the transaction all the same. The rows are
  // inserted in the arrays' order, so that ids follow the links (verify-audit walks a chain by id).
  tx.writeLater(
    `INSERT INTO audit_events (at, user_id, username, area_code, ip, action, object_type, object_id, result, details, prev_hash, hash, key_id, chain)
     SELECT 'epoch'::timestamptz + $1::int8 * interval '1 microsecond', e.user_id, e.username, e.area_code, e.ip, e.action, e.object_type,
       e.object_id, e.result, e.details, e.prev_hash, e.hash, e.key_id, $2::smallint
     FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::text[], $13::text[], $14::text[])
       AS e(user_id, username, area_code, ip, action, object_type, object_id, result, details, prev_hash, hash, key_id)`,
    [String(claim.now_us), chain, column((r) => r.fields.userId), column((r) => r.fields.username), column((r) => r.fields.areaCode),
      column((r) => r.fields.ip), column((r) => r.fields.action), column((r) => r.fields.objectType), column((r) => r.fields.objectId),
      column((r) => r.fields.result), column((r) => (r.fields.details === null ? null : JSON.stringify(r.fields.details))),
      column((r) => r.prevHash), column((r) => r.hash), column((r) => r.fields.keyId)],
  )
  return { chain, hash: prevHash, now_us: claim.now_us }
}

/** Records an event in a transaction of its own (logins, refusals: nothing else changes). */
export function recordAuditAlone(db: Db, who: Actor | AuditSubject | null, input: AuditInput): Promise<void> {
  return db.transaction(async (tx) => {
    await recordAudit(tx, who, input)
  })
}

export type { VerifyResult }
type BreakReason = ChainBreak['reason']

export interface VerifyOptions {
  batchSize?: number
  /** compare with the checkpoints in this folder */
  checkpointDir?: string
  keys?: AuditKeyring
}

const MAX_BREAKS = 1000

/**
 * Walks every chain (0900) in id order and checks every link; a break is noted and the walk goes
 * on from the stored hash, so that one bad row cannot hide a later one. The chains are read
 * together, in one pass over the table in id order, each keeping its own previous hash: within a
 * chain id order is link order, because a writer holds its chain's lock from reading the head to
 * the commit. A changed row fails its own link; a removed row breaks the link of the next row of
 * its chain; a cut-off tail of a chain shows only against a checkpoint, which names every chain's
 * head. (Ids alone prove nothing: a rolled-back transaction also leaves a gap in a bigserial.)
 */
export async function verifyAudit(db: Sql, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const keys = opts.keys ?? auditKeys()
  const batchSize = opts.batchSize ?? 20000
  const cps = opts.checkpointDir ? readCheckpoints(opts.checkpointDir) : undefined
  // the events the checkpoints name: their hash and chain as found in the table
  const wanted = new Map<number, { hash: string; chain: number } | null>()
  for (const c of cps ?? []) if ('eventId' in c) for (const h of checkpointHeads(c)) wanted.set(h.eventId, null)

  const breaks: ChainBreak[] = []
  let truncated = false
  const broke = (id: number, lastId: number, reason: BreakReason) => {
    const prev = breaks[breaks.length - 1]
    if (prev && prev.reason === reason && prev.toId === lastId) prev.toId = id
    else if (breaks.length < MAX_BREAKS) breaks.push({ fromId: id, toId: id, reason })
    else truncated = true
  }

  const chains = new Map<number, { checked: number; lastId: number; prevHash: string }>()
  let lastId = 0
  let lastHash = ''
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
                action, object_type, object_id, result, details, prev_hash, hash, key_id, chain)::text, ',' ORDER BY id) || ']' AS j
       FROM (SELECT * FROM audit_events WHERE id > $1 ORDER BY id LIMIT $2) e`,
      [lastId, batchSize],
    )
    if (!batch?.j) break
    const rows = (JSON.parse(batch.j) as unknown[][]).map(([id, at_us, user_id, username, area_code, ip, action, object_type, object_id, result, details, prev_hash, hash, key_id, chain]) =>
      ({ id, at_us, user_id, username, area_code, ip, action, object_type, object_id, result, details, prev_hash, hash, key_id, chain }) as any)
    for (const r of rows) {
      const id = Number(r.id)
      const atUs = String(r.at_us)
      const chainNo = Number(r.chain)
      let chain = chains.get(chainNo)
      if (!chain) chains.set(chainNo, (chain = { checked: 0, lastId: 0, prevHash: genesisHash(chainNo) }))
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
      if (!bad && r.prev_hash !== chain.prevHash) bad = 'prevHashMismatch'
      if (bad) broke(id, lastId, bad)
      if (wanted.has(id)) wanted.set(id, { hash: r.hash, chain: chainNo })
      chain.prevHash = r.hash
      chain.lastId = id
      chain.checked++
      lastId = id
      lastHash = r.hash
      lastAt = atUs
      checked++
    }
  }

  const result: VerifyResult = {
    ok: breaks.length === 0, checked, keyed, unkeyedLegacy: legacy, breaks,
    ...(truncated ? { breaksTruncated: true } : {}),
    ...(lastId ? { head: { id: lastId, hash: lastHash, eventAt: microsToIso(lastAt) } } : {}),
    chains: [...chains].sort(([a], [b]) => a - b).map(([chain, c]) => ({ chain, checked: c.checked, headId: c.lastId, headHash: c.prevHash })),
  }
  if (cps) {
    const problems: CheckpointProblem[] = []
    let lastGood: { eventId: number; writtenAt: string } | undefined
    const tails = new Map<number, MissingTail>()
    for (const c of cps) {
      if (!('eventId' in c)) {
        problems.push({ reason: 'checkpointUnreadable', line: c.invalidLine })
        continue
      }
      if (!checkpointSignatureValid(c, keys)) {
        problems.push({ reason: 'checkpointBadSignature', eventId: c.eventId, writtenAt: c.writtenAt })
        continue
      }
      let agrees = true
      for (const h of checkpointHeads(c)) {
        const stored = wanted.get(h.eventId)
        const chainLast = chains.get(h.chain)?.lastId ?? 0
        if (!stored && h.eventId > chainLast) {
          // the chain ends before the event this checkpoint saw at its head
          agrees = false
          const known = tails.get(h.chain)
          if (!known || h.eventId > known.missingUpToId) {
            tails.set(h.chain, { chain: h.chain, lastPresentId: chainLast || null, missingUpToId: h.eventId, checkpointWrittenAt: c.writtenAt })
          }
        } else if (!stored) {
          agrees = false
          problems.push({ reason: 'checkpointEventMissing', eventId: h.eventId, writtenAt: c.writtenAt, chain: h.chain })
        } else if (stored.hash !== h.hash || (c.chains && stored.chain !== h.chain)) {
          agrees = false
          problems.push({ reason: 'checkpointHashMismatch', eventId: h.eventId, writtenAt: c.writtenAt, chain: h.chain })
        }
      }
      if (agrees && (!lastGood || c.eventId >= lastGood.eventId)) lastGood = { eventId: c.eventId, writtenAt: c.writtenAt }
    }
    const missingTails = [...tails.values()].sort((a, b) => a.chain - b.chain)
    result.checkpoints = { count: cps.length, problems, ...(lastGood ? { lastGood } : {}), missingTails }
    if (problems.length || missingTails.length) result.ok = false
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

/** An audit_events row as VIEW_COLUMNS read it: id is int8 (text from the driver), at in microseconds as text. */
interface AuditEventRow {
  id: string | number
  at_us: string
  user_id: number | null
  username: string | null
  area_code: string | null
  ip: string | null
  action: string
  object_type: string | null
  object_id: string | null
  result: string
  details: unknown
  hash: string
  key_id: string | null
}

function toView(r: AuditEventRow): AuditEventView {
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
  const { rows } = await db.query<AuditEventRow>(
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
    const { rows } = await db.query<AuditEventRow>(`SELECT ${VIEW_COLUMNS} FROM audit_events WHERE ${where} ORDER BY id DESC LIMIT 5000`, params)
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
    details: {
      checked: result.checked, chains: result.chains.length, breaks: result.breaks.length,
      checkpointProblems: result.checkpoints?.problems.length ?? 0, missingTails: result.checkpoints?.missingTails.map((t) => t.chain) ?? [],
    },
  })
  return result
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
