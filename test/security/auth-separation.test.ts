/**
 * Issue 11 §2, 三员分立 (MLPS 2.0 level 3; rules in docs/admin-guide.md): administrator accounts come
 * only from `market-grid create-admin` on the host; no account combines an administrator role with
 * any other; the security administrator manages business accounts only (administrators: unlock
 * only); the system administrator reads and writes no business data; the auditor reads the audit log only.
 */
import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../helper.ts'
import { seedSmallTree, TEST_PASSWORD, userWith } from '../factories.ts'
import { seedTargets, TARGET_SECRETS } from '../access-targets.ts'
import { insertUser } from '../../src/modules/auth/service.ts'
import { createAdmin } from '../../src/cli/create-admin.ts'
import { ADMIN_ROLES, adminConflict, hasPermission, PERMISSIONS, ROLES, type Role } from '../../src/modules/access/policy.ts'
import { AppError, formatMessage } from '../../src/server/errors.ts'

const { app, db } = await setupTestApp({ loginAttemptsPerIpPerMinute: 100_000 })
await seedSmallTree(db)
const targets = await seedTargets(db)
const sec = await userWith(app, db, ['security_admin'], '')

const usersRow = async (username: string) => (await db.query(`SELECT roles, disabled_at, password_hash, display_name FROM users WHERE username = $1`, [username])).rows[0]
const count = async (username: string) => (await db.query(`SELECT count(*)::int n FROM users WHERE username = $1`, [username])).rows[0].n

describe('administrator accounts do not come from the API', () => {
  for (const roles of [['audit_admin'], ['system_admin'], ['security_admin'], ['security_admin', 'district_chief']] as Role[][]) {
    it(`the security administrator cannot create ${roles.join('+')}`, async () => {
      const username = `new_${roles.join('_')}`
      const res = await sec.post('/api/users', { username, displayName: 'x', password: 'Good-Pass-2026x', roles, scope: '' })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('user.adminViaApi')
      expect(res.json().error.message).toMatch(/(审计|系统|安全)管理员/)
      expect(res.json().error.message).not.toMatch(/_admin/)
      expect(await count(username)).toBe(0)
    })
  }

  it('nor grant an administrator role to a business account', async () => {
    const created = await sec.post('/api/users', { username: 'plain1', displayName: 'p', password: 'Good-Pass-2026x', roles: ['grid_head'], scope: '050101' })
    expect(created.statusCode).toBe(200)
    for (const roles of [['audit_admin'], ['grid_head', 'security_admin']]) {
      const res = await sec.patch(`/api/users/${created.json().id}`, { roles, scope: '' }, { 'accept-language': 'en' })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.message).toMatch(/administrator/)
    }
    expect((await usersRow('plain1')).roles).toEqual(['grid_head'])
  })

  it('the host creates them (market-grid create-admin), one administrator role per account', async () => {
    process.env.MG_ADMIN_PASSWORD = 'Install-Admin-2026!'
    try {
      expect(await createAdmin(db, { username: 'hostaudit', role: 'audit_admin' })).toBe(0)
      expect((await usersRow('hostaudit')).roles).toEqual(['audit_admin'])
    } finally {
      delete process.env.MG_ADMIN_PASSWORD
    }
    // and even there no combination passes
    const err = await db.transaction((tx) => insertUser(tx, { username: 'combo', displayName: 'c', password: TEST_PASSWORD, roles: ['security_admin', 'district_chief'], scope: '' })).catch((e) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err.code).toBe('user.adminRolesCombined')
    expect(formatMessage(err.code, 'zh-CN', err.details)).toContain('“安全管理员”与“片区长”')
    expect(formatMessage(err.code, 'en', err.details)).toContain('"Security administrator" and "District chief"')
  })

  it('no administrator role combines with any other role (every pair)', () => {
    for (const a of ADMIN_ROLES) for (const b of ROLES) if (a !== b) {
      expect(adminConflict([a, b]), `${a}+${b}`).not.toBeNull()
      expect(adminConflict([b, a]), `${b}+${a}`).not.toBeNull()
    }
    expect(adminConflict(['district_chief', 'credit_officer'])).toBeNull()
  })
})

describe('the security administrator cannot disable, re-role or reset another administrator', () => {
  it('refuses every change but unlock, and changes nothing', async () => {
    await userWith(app, db, ['audit_admin'], '', 'theauditor')
    const id = (await db.query(`SELECT id FROM users WHERE username = 'theauditor'`)).rows[0].id
    const before = await usersRow('theauditor')
    for (const change of [{ disabled: true }, { roles: ['grid_head'], scope: '05' }, { newPassword: 'Reset-Pass-2026x' }, { displayName: '改名' }, { scope: '05' }]) {
      const res = await sec.patch(`/api/users/${id}`, change)
      expect(res.statusCode, JSON.stringify(change)).toBe(403)
      expect(res.json().error.code).toBe('user.adminProtected')
      expect(res.json().error.message).toContain('审计管理员')
    }
    expect(await usersRow('theauditor')).toEqual(before)
    expect((await sec.patch(`/api/users/${id}`, { unlock: true })).statusCode).toBe(200)
  })
})

describe('the system administrator runs the system, not the business', () => {
  it('has no business or personal-data permission', () => {
    const sys = { roles: ['system_admin'] as Role[] }
    for (const action of Object.keys(PERMISSIONS)) {
      // the working-day calendar is configuration announced yearly, like the settings: no business data
      const expected = ['area.read', 'area.manage', 'settings.manage', 'calendar.manage'].includes(action)
      expect(hasPermission(sys, action), action).toBe(expected)
    }
  })

  it('is refused every business and person route, sees no target data, and keeps the settings', async () => {
    const sys = await userWith(app, db, ['system_admin'], '')
    for (const url of ['/api/businesses', `/api/businesses/${targets.businessId}`, '/api/people', `/api/people/${targets.personId}`,
      '/api/staffing', '/api/businesses/export?format=csv', '/api/people/export?format=csv', '/api/coverage/placement', '/api/users', '/api/audit-events']) {
      const res = await sys.get(url)
      expect(res.statusCode, url).toBe(403)
      expect(TARGET_SECRETS(targets).filter((s) => res.body.includes(s)), url).toEqual([])
    }
    const patch = await sys.patch(`/api/businesses/${targets.businessId}`, { industry: '系统管理员改' })
    expect(patch.statusCode).toBe(403)
    const me = (await sys.get('/api/auth/me')).json()
    expect(me.permissions.filter((p: string) => p.startsWith('business.') || p.startsWith('person.'))).toEqual([])
    const put = await sys.put('/api/map/settings', { basemap: { kind: 'xyz', url: 'https://tiles.example.com/{z}/{x}/{y}.png' } })
    expect(put.statusCode, put.body).toBe(200)
    // the map's locate finds areas, never businesses
    const located = (await sys.get(`/api/map/locate?q=${targets.uscc}`)).json()
    expect(located.items.filter((i: any) => i.kind === 'business')).toEqual([])
  })
})

describe('the audit administrator reads the audit log only', () => {
  it('is refused everything else', async () => {
    const auditor = await userWith(app, db, ['audit_admin'], '')
    expect((await auditor.get('/api/audit-events?limit=5')).statusCode).toBe(200)
    for (const url of ['/api/businesses', '/api/people', '/api/users', '/api/areas', '/api/map/settings']) {
      expect((await auditor.get(url)).statusCode, url).toBe(403)
    }
  })
})
