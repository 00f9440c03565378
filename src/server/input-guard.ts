/**
 * One gate for hostile text and numbers in every request (issue 11 §4), before any schema or handler:
 * a string the database cannot store (U+0000, a lone UTF-16 surrogate) or a character that makes
 * stored text lie on screen (C0/C1 controls other than tab and line breaks, which carry ANSI
 * escapes; bidi embeddings, overrides and isolates) is refused with a 400 naming the field;
 * zero-width characters, invisible and only useful to make two names look alike, are removed.
 * The same rule serves imported CSV/xlsx cells (`checkText`). Integers in request schemas are
 * capped to int4 when a route does not say otherwise, so an id or a limit beyond 2^31 is a 400
 * from validation rather than a 22003 from PostgreSQL.
 */
import type { FastifyInstance } from 'fastify'
import { AppError } from './errors.ts'

const INT4_MAX = 2147483647
const INT4_MIN = -2147483648

/** Removed without a word: zero-width space, non-joiner, joiner, word joiner, BOM/ZWNBSP. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g

export interface TextProblem {
  /** 1-based position of the offending character (UTF-16 units) */
  position: number
  /** its code point as 4+ hex digits */
  hex: string
}

/** The first character of `s` that is refused, or null. Tab, LF and CR are allowed (free text). */
export function findRefusedCharacter(s: string): TextProblem | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d
      : c < 0x7f ? false
        : c <= 0x9f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return { position: i + 1, hex: c.toString(16).toUpperCase().padStart(4, '0') }
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0
      if (next >= 0xdc00 && next <= 0xdfff) { i++; continue }
      return { position: i + 1, hex: c.toString(16).toUpperCase() }
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { position: i + 1, hex: c.toString(16).toUpperCase() }
  }
  return null
}

/** `s` without zero-width characters, or the AppError refusing it as the value of `field`. */
export function checkText(s: string, field: string): string {
  const problem = findRefusedCharacter(s)
  if (problem) throw new AppError('request.invalidCharacters', { field, ...problem })
  return s.replace(ZERO_WIDTH, '')
}

/**
 * Secrets are compared, never shown: they are not rewritten (a stripped character would change the
 * password), only refused when the database or the hash could not take them.
 */
const SECRET_KEY = /password|secret|token/i

function checkSecret(s: string, field: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0) throw new AppError('request.invalidCharacters', { field, position: i + 1, hex: '0000' })
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1)
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) { i++; continue }
      throw new AppError('request.invalidCharacters', { field, position: i + 1, hex: c.toString(16).toUpperCase() })
    }
  }
}

/** Bytes, not text: a body handed on as a stream (a resumable upload's chunk), or a Buffer. */
function isBytes(value: object): boolean {
  return ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function'
}

/**
 * Walks a parsed value, checking (and cleaning, in place) every string and every key. Bytes are
 * not walked: walking a real request stream followed its socket's cycles until the stack
 * overflowed, a 500 for every chunk sent to a running server (app.inject's streams have no such
 * cycle, which is why only the kill-server test, on a real server, saw it).
 */
export function guardValue(value: unknown, field: string, secret = false): unknown {
  if (typeof value === 'string') {
    if (secret) { checkSecret(value, field); return value }
    return checkText(value, field)
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = guardValue(value[i], `${field}[${i}]`, secret)
    return value
  }
  if (value !== null && typeof value === 'object' && !isBytes(value)) {
    const obj = value as Record<string, unknown>
    for (const key of Object.keys(obj)) {
      const name = field ? `${field}.${key}` : key
      const problem = findRefusedCharacter(key)
      if (problem) throw new AppError('request.invalidCharacters', { field: name, ...problem })
      obj[key] = guardValue(obj[key], name, secret || SECRET_KEY.test(key))
    }
  }
  return value
}

/**
 * Integers of a request schema without bounds get int4's, in place: every id, limit and counter
 * the API takes is an int4 column or compared with one. Routes added later are covered by the hook.
 */
function capIntegers(schema: unknown, seen = new Set<unknown>()): void {
  if (schema === null || typeof schema !== 'object' || seen.has(schema)) return
  seen.add(schema)
  const s = schema as Record<string, any>
  const types = Array.isArray(s.type) ? s.type : [s.type]
  if (types.includes('integer')) {
    if (s.maximum === undefined && s.exclusiveMaximum === undefined) s.maximum = INT4_MAX
    if (s.minimum === undefined && s.exclusiveMinimum === undefined) s.minimum = INT4_MIN
  }
  for (const key of ['properties', 'patternProperties']) if (s[key]) for (const sub of Object.values(s[key])) capIntegers(sub, seen)
  for (const key of ['items', 'additionalProperties', 'not']) capIntegers(s[key], seen)
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) if (Array.isArray(s[key])) for (const sub of s[key]) capIntegers(sub, seen)
}

export function installInputGuard(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as Record<string, unknown> | undefined
    if (!schema) return
    for (const part of ['params', 'querystring', 'body', 'headers']) capIntegers(schema[part])
  })
  // preValidation: after the body is parsed, before the schema and the handler see anything.
  app.addHook('preValidation', async (req) => {
    guardValue(req.params, '')
    guardValue(req.query, '')
    if (req.body !== undefined && !req.isMultipart()) req.body = guardValue(req.body, '')
  })
}
