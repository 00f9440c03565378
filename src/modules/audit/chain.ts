import { createHash } from 'node:crypto'

/** One audit event as it is hashed: time, who, where, what, on what, with what result (ASVS 7.1). */
export interface AuditFields {
  at: Date
  userId: number | null
  username: string | null
  areaCode: string | null
  ip: string | null
  action: string
  objectType: string | null
  objectId: string | null
  result: 'ok' | 'denied' | 'failed'
  details: unknown
}

export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted at every depth, so that jsonb's own key order does not matter. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** hash_n = sha256(hash_{n-1} ‖ canonical event_n): altering or removing any row breaks every later link. */
export function chainHash(prevHash: string, e: AuditFields): string {
  const body = canonicalJson([
    e.at.getTime(), e.userId, e.username, e.areaCode, e.ip, e.action, e.objectType, e.objectId, e.result, e.details ?? null,
  ])
  return createHash('sha256').update(prevHash).update(body).digest('hex')
}
