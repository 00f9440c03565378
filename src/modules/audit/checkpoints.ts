import fs from 'node:fs'
import path from 'node:path'
import { sign, verify } from 'node:crypto'
import type { Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { canonicalJson } from './chain.ts'
import { auditKeys, rawPublicKey, type AuditKeyring } from './keys.ts'

/**
 * A signed statement of the chain's head written OUTSIDE the database: whoever rewrites or cuts the
 * table cannot rewrite these lines (they lack the Ed25519 key, and the file is appended to, never
 * rewritten). verify-audit compares the chain with each of them.
 */
export interface Checkpoint {
  eventId: number
  hash: string
  /** the event's time as stored, ISO 8601 with microseconds */
  eventAt: string
  writtenAt: string
  keyId: string
  signature: string
}

/** A head receipt: the same statement, issued to the audit administrator to keep elsewhere. */
export interface HeadReceipt {
  eventId: number
  hash: string
  eventAt: string
  issuedAt: string
  keyId: string
  /** raw Ed25519 public key, base64 (32 bytes) */
  publicKey: string
  signature: string
}

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

export async function chainHead(db: Sql): Promise<{ id: number; hash: string; atMicros: string } | undefined> {
  const { rows } = await db.query<{ id: number | string; hash: string; at_us: string }>(
    `SELECT id, hash, (extract(epoch FROM at) * 1000000)::int8::text AS at_us FROM audit_events ORDER BY id DESC LIMIT 1`,
  )
  return rows[0] && { id: Number(rows[0].id), hash: rows[0].hash, atMicros: String(rows[0].at_us) }
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
 * Appends a signed checkpoint of the current head, unless the last one already names it (so a
 * timer tick and a click at once cost nothing). Undefined when the log is empty.
 */
export async function writeCheckpoint(db: Sql, dir: string, keys: AuditKeyring = auditKeys()): Promise<Checkpoint | undefined> {
  const head = await chainHead(db)
  if (!head) return undefined
  const existing = readCheckpoints(dir).filter((c): c is Checkpoint => 'eventId' in c)
  const last = existing[existing.length - 1]
  if (last && last.eventId === head.id && last.hash === head.hash) return last
  const fields = { eventId: head.id, hash: head.hash, eventAt: microsToIso(head.atMicros), writtenAt: new Date().toISOString(), keyId: keys.signKeyId }
  const c: Checkpoint = { ...fields, signature: sign(null, Buffer.from(signedText('checkpoint', fields)), keys.signKey()).toString('base64') }
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    fs.appendFileSync(path.join(dir, FILE), JSON.stringify(c) + '\n', { mode: 0o600 })
  } catch {
    throw new AppError('audit.checkpointDirUnwritable', { dir })
  }
  return c
}

/** A signed receipt of the current head for the audit administrator. */
export async function headReceipt(db: Sql, keys: AuditKeyring = auditKeys()): Promise<HeadReceipt> {
  const head = await chainHead(db)
  if (!head) throw new AppError('audit.chainEmpty')
  const fields = { eventId: head.id, hash: head.hash, eventAt: microsToIso(head.atMicros), issuedAt: new Date().toISOString(), keyId: keys.signKeyId }
  const signature = sign(null, Buffer.from(signedText('receipt', fields)), keys.signKey()).toString('base64')
  return { ...fields, publicKey: rawPublicKey(keys.signKey()), signature }
}
