/**
 * Issue 11 §4: an OpenAPI-driven fuzzer. For every operation of the app's own OpenAPI document (so
 * routes added later are fuzzed without touching this file) fast-check builds requests from the
 * operation's schemas, mixing valid values with hostile ones (NUL, lone surrogates, bidi overrides,
 * ANSI escapes, emoji, int4+1, -0, 1e309, very long strings, wrong types, percent-encoded paths),
 * sent anonymously and by logged-in users with broad rights. No answer may be a 5xx, and /healthz
 * answers afterwards. Prints the request count and the 5xx count.
 */
import { beforeAll, expect, it } from 'vitest'
import fc from 'fast-check'
import type { InjectOptions } from 'fastify'
import { setupTestApp, type Client, type TestContext } from '../helper.ts'
import { seedSmallTree, userWith } from '../factories.ts'
import { insertBusiness } from '../factories-businesses.ts'

/** Requests per operation and caller; with ~60 operations and three callers, about 2,000 requests (FUZZ_RUNS, FUZZ_SEED to vary). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 16)
const SEED = Number(process.env.FUZZ_SEED ?? 20261104)

let t: TestContext
let callers: Array<{ name: string; client: Client | null }>

beforeAll(async () => {
  t = await setupTestApp()
  await seedSmallTree(t.db)
  for (let i = 0; i < 3; i++) await insertBusiness(t.db, { areaCode: '050101' })
  callers = [
    { name: 'anonymous', client: null },
    { name: 'district chief (whole installation)', client: await userWith(t.app, t.db, ['district_chief'], '', 'fuzz_chief') },
    { name: 'security admin', client: await userWith(t.app, t.db, ['security_admin'], '', 'fuzz_secadmin') },
  ]
})

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\u202Egnp.exe', '\u2066x\u2069', '\u001b[31mred\u001b[0m', '\u200B',
  '😀👨‍👩‍👧', '韩**', '-0', '1e309', '2147483648', '-2147483649', '99999999999999999999', 'NaN', 'null', 'true', '[]', '{}',
  "' OR 1=1 --", '%00', '%ED%A0%80', '../../etc/passwd', '<script>alert(1)</script>', 'x'.repeat(5000), '05', '050101',
]
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 20 }))
const hostileNumber = fc.constantFrom(2147483648, -2147483649, 1e20, -0, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, 1e308)
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString }, { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, [], {}, ['\u0000'], { a: '\ud800' }) },
)

type Schema = Record<string, any>

/** A value for `schema`: usually one it allows, sometimes a hostile one of any shape. */
function valueOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  // Mostly well-typed, so that hostile text inside valid requests reaches the handlers and the database.
  return fc.oneof({ weight: 12, arbitrary: validOf(schema ?? {}, depth) }, { weight: 1, arbitrary: hostile })
}

function validOf(s: Schema, depth: number): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum)
  if (s.const !== undefined) return fc.constant(s.const)
  const alts = s.anyOf ?? s.oneOf
  if (alts?.length) return fc.oneof(...alts.map((a: Schema) => validOf(a, depth)))
  const type = Array.isArray(s.type) ? s.type[0] : s.type
  switch (type) {
    case 'string': {
      // A patterned string may need its full length (a sha256 is 64 hex digits); free text is kept short.
      const max = Math.min(s.maxLength ?? (s.pattern ? 100 : 40), s.pattern ? 100 : 60)
      if (s.pattern) {
        // Cut, not filtered: a filter that no generated value passes (a pattern longer than the cap)
        // would spin for ever, and a cut value is one more invalid request.
        try { return fc.stringMatching(new RegExp(s.pattern)).map((x) => x.slice(0, Math.max(max, 1))) } catch { /* fall through */ }
      }
      if (s.format === 'date') return fc.constantFrom('2026-01-01', '2026-02-30', '9999-12-31')
      // Hostile text of an allowed length (chosen, not filtered: see above).
      const min = s.minLength ?? 0
      const length = { minLength: min, maxLength: Math.max(max, min) }
      const hostileFitting = HOSTILE_STRINGS.filter((x) => x.length >= min && x.length <= (s.maxLength ?? Infinity))
      return fc.oneof(fc.string(length), fc.string({ ...length, unit: 'binary' }), ...(hostileFitting.length ? [fc.constantFrom(...hostileFitting)] : []))
    }
    case 'integer':
      return fc.oneof(fc.integer({ min: Math.max(s.minimum ?? -10, -1e6), max: Math.min(s.maximum ?? 1000, 1e6) }), fc.constantFrom(1, 2, 3))
    case 'number':
      return fc.double({ min: s.minimum ?? -200, max: s.maximum ?? 200, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(valueOf(s.items, depth + 1), { maxLength: 3 })
    case 'object': {
      if (depth > 3 || !s.properties) return fc.constant({})
      const required: string[] = s.required ?? []
      const keys = Object.keys(s.properties)
      return fc.record(Object.fromEntries(keys.map((k) => [k, valueOf(s.properties[k], depth + 1)])), {
        requiredKeys: keys.filter((k) => required.includes(k)),
      })
    }
    default:
      return hostile
  }
}

/** `s` with lone surrogates replaced by U+FFFD (String.prototype.toWellFormed of ES2024). */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')

const asQueryText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v) ?? '')

/** Percent-encodes one letter of the path (`/%61pi/...`) or leaves it, to test the router's decoding. */
function encodeSome(path: string, which: number): string {
  if (which === 0) return path
  const letters = [...path.matchAll(/[a-z]/g)]
  if (!letters.length) return path
  const m = letters[which % letters.length]
  return path.slice(0, m.index) + '%' + m[0].charCodeAt(0).toString(16) + path.slice(m.index! + 1)
}

/** A multipart body with one file field. */
function multipart(content: Buffer, filename: string, type: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----mgfuzz' + content.length
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

const HOSTILE_FILES: Array<[Buffer, string, string]> = [
  [Buffer.alloc(0), 'empty.csv', 'text/csv'],
  [Buffer.from('PK\u0003\u0004\u0014\u0000truncated'), 'broken.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  [Buffer.from('%PDF-1.4\n'), 'a.pdf', 'application/pdf'],
  [Buffer.from('名称,统一社会信用代码\n\u0000\ud800,\u202E\n'), 'nul.csv', 'text/csv'],
]

it('no operation of the OpenAPI document answers a 5xx to generated and hostile requests', async () => {
  const doc = t.app.swagger() as any
  const fives: string[] = []
  let requests = 0
  let operations = 0
  const statuses = new Map<string, number>()
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      // Logging out ends the caller's session for the rest of the run; it takes no input to fuzz.
      if (path === '/api/auth/logout') continue
      operations++
      const params: any[] = op.parameters ?? []
      const pathParams = params.filter((p) => p.in === 'path')
      const queryParams = params.filter((p) => p.in === 'query')
      const jsonBody = op.requestBody?.content?.['application/json']?.schema
      const isMultipart = !!op.requestBody?.content?.['multipart/form-data']
      const request = fc.record({
        path: fc.record<Record<string, unknown>>(Object.fromEntries(pathParams.map((p) => [p.name, valueOf(p.schema)]))),
        query: fc.record<Record<string, unknown>>(Object.fromEntries(queryParams.map((p) => [p.name, valueOf(p.schema)])), { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) }),
        body: jsonBody ? valueOf(jsonBody) : fc.constant(undefined),
        encode: fc.nat(6),
        rawPath: fc.boolean(),
      })
      const samples = fc.sample(request, { numRuns: RUNS, seed: SEED + operations })
      // Logging in while logged in ends the caller's old session: the login route is fuzzed anonymously.
      for (const caller of path === '/api/auth/login' ? callers.slice(0, 1) : callers) {
        const tries: InjectOptions[] = samples.map((r) => {
          let url = path.replace(/\{(\w+)\}/g, (_, name) => {
            const v = asQueryText(r.path[name])
            // Raw: the value's bytes as they are (lone surrogates become invalid UTF-8 escapes).
            return r.rawPath ? encodeURI(wellFormed(v)).replace(/%EF%BF%BD/g, '%ED%A0%80') : encodeURIComponent(wellFormed(v))
          })
          url = encodeSome(url, r.encode)
          const qs = Object.entries(r.query).map(([k, v]) => `${k}=${encodeURIComponent(wellFormed(asQueryText(v))).replace(/%EF%BF%BD/g, '%ED%A0%80')}`).join('&')
          const opts: InjectOptions = { method: method.toUpperCase() as any, url: qs ? `${url}?${qs}` : url }
          if (r.body !== undefined && method !== 'get') {
            opts.payload = JSON.stringify(r.body) as any
            opts.headers = { 'content-type': 'application/json' }
          }
          return opts
        })
        if (isMultipart) for (const [content, name, type] of HOSTILE_FILES) tries.push({ method: method.toUpperCase() as any, url: path, ...multipart(content, name, type) })
        for (const opts of tries) {
          const res = caller.client ? await caller.client.request(opts) : await t.app.inject(opts)
          requests++
          const key = `${caller.name} ${res.statusCode}`
          statuses.set(key, (statuses.get(key) ?? 0) + 1)
          if (res.statusCode >= 500) fives.push(`${caller.name} ${opts.method} ${opts.url} ${String(opts.payload ?? '').slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`)
        }
      }
    }
  }
  const health = await t.app.inject({ method: 'GET', url: '/healthz' })
  console.log(`fuzz: ${operations} operations, ${requests} requests, ${fives.length} answered 5xx`)
  console.log('answers by caller and status:', JSON.stringify(Object.fromEntries([...statuses].sort())))
  if (fives.length) console.log([...new Map(fives.map((f) => [f.split(" → ")[0].replace(/^(anonymous|district chief \(whole installation\)|security admin) /, "").split("?")[0].split(" {")[0], f])).values()].slice(0, 40).join('\n'))
  expect(fives).toEqual([])
  expect(health.statusCode).toBe(200)
}, 300_000)
