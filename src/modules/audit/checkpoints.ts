import fs from 'node:fs'
import path from 'node:path'
import { sign, verify } from 'node:crypto'
import type { Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { canonicalJson } from './chain.ts'
import { auditKeys, rawPublicKey, type AuditKeyring } from './keys.ts'
import type { ChainHead, Checkpoint, HeadReceipt } from './schemas.ts'

/*
 * Their shapes are the API's (schemas.ts). A chain head's keys are written in alphabetical order on
 * purpose: a receipt read back with JSON.parse and printed with JSON.stringify then gives the signed
 * canonical text, nested objects included (the one-line check in docs/admin-guide.md sorts only the
 * top level). A checkpoint is a signed statement of the log's heads written OUTSIDE the database:
 * whoever rewrites or cuts the table cannot rewrite these lines (they lack the Ed25519 key, and the
 * file is appended to, never rewritten); verify-audit compares the chains with each of them. It names
 * the head of every chain: without them a chain's tail could be cut while other chains go on
 * unnoticed. A head receipt is the same statement, issued to the audit administrator to keep
 * elsewhere.
 */
export type { ChainHead, Checkpoint, HeadReceipt }

const FILE = 'checkpoints.jsonl'

/** Microseconds since 1970 (as text, from the database) → ISO 8601 with six decimals. */
export function microsToIso(us: string): string {
  const n = BigInt(us)
  const ms = n / 1000n
  const rest = Number(((n % 1000n) + 1000n) % 1000n)
  const iso = new Date(Number(n < 0n && rest ? ms - 1n : ms)).toISOString()
  return iso.replace('Z', String(rest).padStart(3, '0') + 'Z')
}

/** The exact bytes signed: the fields (no signature, no public key), keys sorted, tagged with the kind. */
export function signedText(kind: 'checkpoint' | 'receipt', fields: Record<string, unknown>): string {
  const { signature: _s, publicKey: _p, ...rest } = fields
  return canonicalJson({ ...rest, type: kind })
}

interface Heads {
  /** the newest event of all */
  id: number
  hash: string
  atMicros: string
  chains: ChainHead[]
}

/**
 * The head of every chain and the newest event, read in one statement (one snapshot). The chains
 * present are found by skipping through the (chain, id) index, one probe per chain, so that the
 * cost does not grow with the log.
 */
async function chainHeads(db: Sql): Promise<Heads | undefined> {
  const { rows } = await db.query<{ chain: number; id: number | string; hash: string; at_us: string }>(
    `WITH RECURSIVE chains AS (
       (SELECT chain FROM audit_events ORDER BY chain LIMIT 1)
       UNION ALL
       SELECT (SELECT e.chain FROM audit_events e WHERE e.chain > chains.chain ORDER BY e.chain LIMIT 1) FROM chains WHERE chains.chain IS NOT NULL
     )
     SELECT h.chain, h.id, h.hash, (extract(epoch FROM h.at) * 1000000)::int8::text AS at_us
     FROM chains, LATERAL (SELECT e.chain, e.id, e.hash, e.at FROM audit_events e WHERE e.chain = chains.chain ORDER BY e.id DESC LIMIT 1) h
     ORDER BY h.chain`,
  )
  if (!rows[0]) return undefined
  const newest = rows.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a))
  return {
    id: Number(newest.id), hash: newest.hash, atMicros: String(newest.at_us),
    chains: rows.map((r) => ({ chain: Number(r.chain), eventId: Number(r.id), hash: r.hash })),
  }
}

/** The chain heads a checkpoint vouches for: its list, or for one from before 0900 its single event as chain 0's head. */
export function checkpointHeads(c: Checkpoint): ChainHead[] {
  return c.chains ?? [{ chain: 0, eventId: c.eventId, hash: c.hash }]
}

export function readCheckpoints(dir: string): Array<Checkpoint | { invalidLine: number }> {
  let text: string
  try {
    text = fs.readFileSync(path.join(dir, FILE), 'utf8')
  } catch (err: any) {
    if (err?.code === 'ENOENT') return []
    throw err
  }
  const out: Array<Checkpoint | { invalidLine: number }> = []
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    try {
      const c = JSON.parse(line)
      if (typeof c.eventId !== 'number' || typeof c.hash !== 'string' || typeof c.signature !== 'string') throw new Error()
      out.push(c)
    } catch {
      out.push({ invalidLine: i + 1 })
    }
  })
  return out
}

export function checkpointSignatureValid(c: Checkpoint, keys: AuditKeyring): boolean {
  const pub = keys.publicKey(c.keyId)
  if (!pub) return false
  try {
    return verify(null, Buffer.from(signedText('checkpoint', c as unknown as Record<string, unknown>)), pub, Buffer.from(c.signature, 'base64'))
  } catch {
    return false
  }
}

/**
 * Appends a signed checkpoint of the current heads, unless the last one already names them (so a
 * timer tick and a click at once cost nothing). Undefined when the log is empty.
 */
export async function writeCheckpoint(db: Sql, dir: string, keys: AuditKeyring = auditKeys()): Promise<Checkpoint | undefined> {
  const head = await chainHeads(db)
  if (!head) return undefined
  const existing = readCheckpoints(dir).filter((c): c is Checkpoint => 'eventId' in c)
  const last = existing[existing.length - 1]
  if (last && last.eventId === head.id && last.hash === head.hash && JSON.stringify(last.chains) === JSON.stringify(head.chains)) return last
  const fields = {
    eventId: head.id, hash: head.hash, eventAt: microsToIso(head.atMicros), chains: head.chains, writtenAt: new Date().toISOString(), keyId: keys.signKeyId,
  }
  const c: Checkpoint = { ...fields, signature: sign(null, Buffer.from(signedText('checkpoint', fields)), keys.signKey()).toString('base64') }
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    fs.appendFileSync(path.join(dir, FILE), JSON.stringify(c) + '\n', { mode: 0o600 })
  } catch {
    throw new AppError('audit.checkpointDirUnwritable', { dir })
  }
  return c
}

/** A signed receipt of the current heads for the audit administrator. */
export async function headReceipt(db: Sql, keys: AuditKeyring = auditKeys()): Promise<HeadReceipt> {
  const head = await chainHeads(db)
  if (!head) throw new AppError('audit.chainEmpty')
  const fields = {
    eventId: head.id, hash: head.hash, eventAt: microsToIso(head.atMicros), chains: head.chains, issuedAt: new Date().toISOString(), keyId: keys.signKeyId,
  }
  const signature = sign(null, Buffer.from(signedText('receipt', fields)), keys.signKey()).toString('base64')
  return { ...fields, publicKey: rawPublicKey(keys.signKey()), signature }
}
