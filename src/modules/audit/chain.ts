import { createHash, createHmac, type KeyObject } from 'node:crypto'

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

/**
 * What the first event of a chain links to. Chain 0 (every event written before 0900) keeps the
 * zeros; chain n > 0 starts from sha256 of its name, so that every link of a chain depends on the
 * chain's number: relabelling events to another chain breaks their links, and two chains' first
 * events never share a hash (the column is unique) however alike they are.
 */
export function genesisHash(chain: number): string {
  return chain === 0 ? GENESIS_HASH : createHash('sha256').update(`MarketGrid audit chain ${chain}`).digest('hex')
}

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

// String.prototype.toWellFormed, spelled out (the TypeScript lib here predates it).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g')

/**
 * A string as PostgreSQL will store it and give it back: lone UTF-16 surrogates become U+FFFD (text
 * is UTF-8) and U+0000 is dropped (neither text nor jsonb can hold it). Done once, before both
 * hashing and storing, so that the hash covers exactly what is stored.
 */
export function storableString(s: string): string {
  const wellFormed = LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATE_ALL, '\uFFFD') : s
  return wellFormed.includes('\u0000') ? wellFormed.replaceAll('\u0000', '') : wellFormed
}

/**
 * Details as jsonb will give them back: a JSON round trip (Dates become strings, undefined and
 * functions vanish, NaN becomes null, -0 becomes 0) and then every key and string made storable.
 * jsonb prints numbers exactly as parsed, and JSON.stringify already wrote the shortest form that
 * reads back as the same double, so numbers survive; key order does not matter (canonicalJson sorts).
 */
export function storableDetails(details: unknown): unknown {
  if (details === undefined || details === null) return null
  const json = JSON.stringify(details)
  if (json === undefined) return null
  return deepStorable(JSON.parse(json))
}

function deepStorable(v: unknown): unknown {
  if (typeof v === 'string') return storableString(v)
  if (Array.isArray(v)) return v.map(deepStorable)
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[storableString(k)] = deepStorable(x)
    return out
  }
  return v
}

/** One event as it is stored and keyed: the time in microseconds since 1970, as the database holds it. */
export interface KeyedFields extends Omit<AuditFields, 'at'> {
  atMicros: string
  keyId: string
}

/**
 * hash_n = HMAC-SHA-256_key(hash_{n-1} ‖ canonical event_n, key id included). Without the key, no
 * database role can append an event that verifies, nor recompute a rewritten chain.
 */
export function keyedChainHash(key: Buffer | KeyObject, prevHash: string, e: KeyedFields): string {
  // canonicalJson of the array, spelled out: every element but details is a string, number or null
  const p = (v: string | number | null) => (v === null ? 'null' : JSON.stringify(v))
  const body = `[${p(e.keyId)},${p(e.atMicros)},${p(e.userId)},${p(e.username)},${p(e.areaCode)},${p(e.ip)},${p(e.action)},` +
    `${p(e.objectType)},${p(e.objectId)},${p(e.result)},${canonicalJson(e.details ?? null)}]`
  return createHmac('sha256', key).update(prevHash).update(body).digest('hex')
}

/** Events written before the chain was keyed (key_id NULL): hash_n = sha256(hash_{n-1} ‖ canonical event_n): altering or removing any row breaks every later link. */
export function chainHash(prevHash: string, e: AuditFields): string {
  const body = canonicalJson([
    e.at.getTime(), e.userId, e.username, e.areaCode, e.ip, e.action, e.objectType, e.objectId, e.result, e.details ?? null,
  ])
  return createHash('sha256').update(prevHash).update(body).digest('hex')
}
