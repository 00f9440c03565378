/**
 * The access matrix (Q3): every route of the OpenAPI document is tried as a user of another area
 * (same role, other scope) and as a user without the role, and must leak nothing: a refused
 * response carries none of the target's fields, a list answers without the target's rows, and a
 * refused write changes no table. Each case is also run as an entitled insider, who must succeed,
 * so that a case cannot pass by being malformed. A route missing from CASES fails the test.
 */
import { describe, expect, it } from 'vitest'
import type { Db } from '../src/db/connection.ts'
import { ADMIN_ROLES, ROLES, PERMISSIONS, type Role } from '../src/modules/access/policy.ts'
import { setupTestApp, type Client } from './helper.ts'
import { seedSmallTree, userWith } from './factories.ts'
import { seedTargets, TARGET_SECRETS, type Targets } from './access-targets.ts'

const { app, db } = await setupTestApp({ loginAttemptsPerIpPerMinute: 100_000 })
// audit checkpoints are files: a folder of this run's own
app.config.audit.checkpointDir = (await import('node:fs')).mkdtempSync((await import('node:path')).join((await import('node:os')).tmpdir(), 'mg-cp-'))
await seedSmallTree(db)
const targets = await seedTargets(db)
targets.evidenceSha = await (await import('./access-cases-loop.ts')).attachTargetEvidence(app, db, targets)

interface Case {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** the OpenAPI path, e.g. /api/businesses/{id} */
  route: string
  /** the concrete URL for the target */
  url: (t: Targets) => string
  body?: (t: Targets) => unknown
  /** multipart upload instead of JSON */
  upload?: (t: Targets) => { filename: string; content: string | Buffer }
  /** the permission the route needs, from PERMISSIONS; several: any of them lets the caller in */
  permission: keyof typeof PERMISSIONS | Array<keyof typeof PERMISSIONS> | 'authenticated' | 'public'
  /** true when the target lies in an area, so that another area's user must not reach it */
  scoped: boolean
  /** the insider's scope (default 05, the target's district) */
  insiderScope?: string
  /** statuses the insider may get (default 200) */
  insiderStatus?: number[]
  /** answers an outsider with nothing of another area and changes nothing there (not a refusal) */
  reads?: boolean
}

export const CASES: Case[] = [
  { method: 'POST', route: '/api/auth/login', url: () => '/api/auth/login', permission: 'public', scoped: false },
  { method: 'POST', route: '/api/auth/logout', url: () => '/api/auth/logout', permission: 'public', scoped: false },
  { method: 'GET', route: '/api/auth/me', url: () => '/api/auth/me', permission: 'authenticated', scoped: false },
  { method: 'POST', route: '/api/auth/password', url: () => '/api/auth/password', permission: 'authenticated', scoped: false },
  { method: 'GET', route: '/api/users', url: () => '/api/users', permission: 'user.manage', scoped: true, insiderScope: '' },
  {
    method: 'POST', route: '/api/users', url: () => '/api/users', permission: 'user.manage', scoped: true, insiderScope: '',
    body: () => ({ username: `acm_${Math.random().toString(36).slice(2, 8)}`, displayName: 'x', password: 'Matrix-Pass-2026', roles: ['grid_head'], scope: '050101' }),
  },
  {
    method: 'PATCH', route: '/api/users/{id}', url: (t) => `/api/users/${t.userId}`, permission: 'user.manage', scoped: true, insiderScope: '',
    body: () => ({ displayName: '目标账户改名' }),
  },
  { method: 'GET', route: '/api/audit-events', url: () => '/api/audit-events?limit=500', permission: 'audit.read', scoped: true, insiderScope: '' },
  { method: 'GET', route: '/api/audit-events/verify', url: () => '/api/audit-events/verify', permission: 'audit.read', scoped: false, insiderScope: '' },
  { method: 'GET', route: '/api/audit-events/checkpoints', url: () => '/api/audit-events/checkpoints', permission: 'audit.read', scoped: false, insiderScope: '' },
  { method: 'POST', route: '/api/audit-events/checkpoints', url: () => '/api/audit-events/checkpoints', permission: 'audit.read', scoped: false, insiderScope: '' },
  { method: 'GET', route: '/api/audit-events/receipt', url: () => '/api/audit-events/receipt', permission: 'audit.read', scoped: false, insiderScope: '' },
  { method: 'GET', route: '/api/audit-events/export', url: () => '/api/audit-events/export', permission: 'audit.read', scoped: true, insiderScope: '' },
  ...(await import('./access-cases.ts')).moduleCases,
  ...(await import('./access-cases-loop.ts')).loopCases,
  ...((await import('./factories-areas.ts')).areaAccessCases as Case[]),
]

/** The roles that hold the permission (any of several). */
const holders = (permission: string | string[]): Role[] =>
  [...new Set([permission].flat().flatMap((p) => (PERMISSIONS as Record<string, Role[]>)[p]))]

/** A role that holds the permission, and one that does not (never two administrator roles). */
function rolesFor(permission: string | string[]): { allowed: Role; denied: Role } {
  const allowed = holders(permission)
  const denied = ROLES.find((r) => !allowed.includes(r) && r !== 'audit_admin') ?? 'audit_admin'
  return { allowed: allowed[0], denied }
}

/** Other area: the same role in station 0502 (or grid 050201 for grid roles) instead of the target's. */
function otherScope(role: Role, insiderScope: string): string {
  if (insiderScope === '') return '0502'
  return role === 'grid_head' || role === 'grid_worker' || role === 'overseer' ? '050201' : '0502'
}

/** A fingerprint of every ledger table, to show that a refused write changed nothing. */
async function fingerprint(sql: Db): Promise<string> {
  const tables = ['areas', 'area_versions', 'businesses', 'people', 'person_roles', 'users', 'settings']
  const parts: string[] = []
  for (const t of tables) {
    const exists = await sql.query(`SELECT to_regclass($1) AS t`, [t])
    if (!exists.rows[0].t) continue
    const { rows } = await sql.query(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`)
    parts.push(`${t}:${rows[0].h}`)
  }
  return parts.join(',')
}

async function send(client: Client | null, c: Case): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = client ? { authorization: `Bearer ${client.token}` } : {}
  let payload: any
  if (c.upload) {
    const { filename, content } = c.upload(targets)
    const boundary = '----matrix' + Math.random().toString(16).slice(2)
    payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`
  } else if (c.body) {
    payload = c.body(targets)
  }
  const res = await app.inject({ method: c.method, url: c.url(targets), payload, headers })
  return { status: res.statusCode, body: res.body }
}

function leaked(body: string): string[] {
  return TARGET_SECRETS(targets).filter((s) => body.includes(s))
}

describe('access matrix', () => {
  it('covers every route of the API', () => {
    const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> }
    const listed = new Set(CASES.map((c) => `${c.method} ${c.route}`))
    const missing: string[] = []
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/') || path.startsWith('/api/docs')) continue
      for (const method of Object.keys(ops)) {
        const key = `${method.toUpperCase()} ${path}`
        if (!listed.has(key)) missing.push(key)
      }
    }
    expect(missing).toEqual([])
  })

  for (const c of CASES.filter((c) => c.permission !== 'public')) {
    it(`${c.method} ${c.route}: refused or empty for outsiders, allowed for an insider`, async () => {
      const anonymous = await send(null, c)
      expect(anonymous.status, 'anonymous').toBe(401)
      expect(leaked(anonymous.body)).toEqual([])

      const insiderScope = c.insiderScope ?? '05'
      if (c.permission !== 'authenticated') {
        const { allowed, denied } = rolesFor(c.permission)
        const noRole = await userWith(app, db, [denied], insiderScope)
        const other = c.scoped ? await userWith(app, db, [allowed], otherScope(allowed, insiderScope)) : null
        const before = await fingerprint(db)
        const res = await send(noRole, c)
        expect(res.status, `without the role (${denied})`).toBe(403)
        expect(leaked(res.body), `without the role (${denied})`).toEqual([])

        if (other) {
          const res2 = await send(other, c)
          expect(leaked(res2.body), `other area (${allowed})`).toEqual([])
          if (c.method !== 'GET' && !c.reads) expect(res2.status, `other area write (${allowed})`).toBeGreaterThanOrEqual(400)
        }
        expect(await fingerprint(db), 'refused requests changed nothing').toBe(before)

        const insider = await userWith(app, db, [allowed], insiderScope)
        const ok = await send(insider, c)
        expect(c.insiderStatus ?? [200], `insider (${allowed}): ${ok.body.slice(0, 300)}`).toContain(ok.status)
      } else {
        const insider = await userWith(app, db, ['grid_worker'], '050101')
        const ok = await send(insider, c)
        expect([200, 400], `authenticated: ${ok.body.slice(0, 200)}`).toContain(ok.status)
      }
    })
  }
})

/**
 * 三员分立 (docs/admin-guide.md): each administrator is refused every route its permission does not
 * name, leaks none of the targets and changes nothing: the system administrator no business or
 * personal data, the security administrator nothing but accounts, the auditor nothing but the log.
 */
describe('administrators: each role\'s must-nots', () => {
  for (const role of ADMIN_ROLES) {
    it(`${role} is refused every route outside its duty`, async () => {
      const admin = await userWith(app, db, [role], '')
      const refused: string[] = []
      const problems: string[] = []
      for (const c of CASES) {
        if (c.permission === 'public' || c.permission === 'authenticated') continue
        if (holders(c.permission).includes(role)) continue
        const before = await fingerprint(db)
        const res = await send(admin, c)
        refused.push(`${c.method} ${c.route}`)
        if (res.status !== 403) problems.push(`${c.method} ${c.route}: ${res.status}`)
        if (leaked(res.body).length) problems.push(`${c.method} ${c.route} leaked ${leaked(res.body)}`)
        if ((await fingerprint(db)) !== before) problems.push(`${c.method} ${c.route} changed data`)
      }
      expect(problems).toEqual([])
      expect(refused.length).toBeGreaterThan(10)
      if (role === 'system_admin') {
        for (const route of ['GET /api/businesses/{id}', 'PATCH /api/businesses/{id}', 'GET /api/people/{id}', 'GET /api/people/export']) {
          expect(refused).toContain(route)
        }
      }
    })
  }
})
