/**
 * Issue 11 §3, password policy: white space counts for nothing (12 spaces + "aA" is refused), the
 * published demo password is refused for every real account, and a password set by the security
 * administrator (new account or reset) must be changed at the first login: until then the session
 * behaves like one with an expired password.
 */
import { describe, expect, it } from 'vitest'
import { login, setupTestApp } from '../helper.ts'
import { seedSmallTree, userWith } from '../factories.ts'
import { createAdmin } from '../../src/cli/create-admin.ts'

const { app, db } = await setupTestApp({ loginAttemptsPerIpPerMinute: 100_000, passwordRotationDays: 0 })
await seedSmallTree(db)
const sec = await userWith(app, db, ['security_admin'], '')

const newAccount = (username: string, password: string) =>
  sec.post('/api/users', { username, displayName: username, password, roles: ['grid_worker'], scope: '050101' })

describe('password policy', () => {
  it('refuses 12 spaces plus "aA", and spaces at either end', async () => {
    for (const password of [' '.repeat(12) + 'aA', 'a' + ' '.repeat(12) + 'A', 'Good-Pass-2026 ', ' Good-Pass-2026']) {
      const res = await newAccount('spacey1', password)
      expect(res.statusCode, JSON.stringify(password)).toBe(400)
      expect(res.json().error.code).toMatch(/^auth\.password/)
    }
  })

  it('refuses the published demo password and its case variants for a real account', async () => {
    for (const password of ['Demo-Grid-2026!', 'demo-grid-2026!', 'DEMO-GRID-2026!', 'Demo_Grid_2026']) {
      const res = await newAccount('demo1x', password)
      expect(res.statusCode, password).toBe(400)
      expect(res.json().error.code).toBe('auth.passwordDemo')
      expect(res.json().error.message).toContain('演示密码')
    }
    const own = await userWith(app, db, ['district_chief'], '05')
    const change = await own.post('/api/auth/password', { currentPassword: 'Grid-Test-Pass-2026', newPassword: 'Demo-Grid-2026!' })
    expect(change.json().error.code).toBe('auth.passwordDemo')
  })
})

describe('an initial password must be changed at the first login', () => {
  it('for an account the security administrator created', async () => {
    expect((await newAccount('firstlogin1', 'Initial-Pass-2026')).json().mustChangePassword).toBe(true)
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'firstlogin1', password: 'Initial-Pass-2026' } })
    expect(res.statusCode).toBe(200)
    expect(res.json().passwordExpired).toBe(true)
    const client = await login(app, 'firstlogin1', 'Initial-Pass-2026')
    expect((await client.get('/api/auth/me')).json().passwordExpired).toBe(true)
    const refused = await client.get('/api/areas')
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.code).toBe('auth.passwordExpired')
    expect((await client.post('/api/auth/password', { currentPassword: 'Initial-Pass-2026', newPassword: 'My-Own-Pass-2026' })).statusCode).toBe(200)
    expect((await client.get('/api/auth/me')).json().passwordExpired).toBe(false)
    expect((await client.get('/api/areas')).statusCode).toBe(200)
  })

  it('after a reset by the security administrator', async () => {
    const created = await newAccount('reset1', 'Initial-Pass-2026')
    const first = await login(app, 'reset1', 'Initial-Pass-2026')
    await first.post('/api/auth/password', { currentPassword: 'Initial-Pass-2026', newPassword: 'My-Own-Pass-2026' })
    expect((await first.get('/api/auth/me')).json().passwordExpired).toBe(false)
    expect((await sec.patch(`/api/users/${created.json().id}`, { newPassword: 'Reset-Pass-2026x' })).json().mustChangePassword).toBe(true)
    const again = await login(app, 'reset1', 'Reset-Pass-2026x')
    expect((await again.get('/api/auth/me')).json().passwordExpired).toBe(true)
    expect((await again.get('/api/areas')).json().error.code).toBe('auth.passwordExpired')
  })

  it('not for an administrator the installer created with their own password on the host', async () => {
    process.env.MG_ADMIN_PASSWORD = 'Install-Admin-2026!'
    try {
      expect(await createAdmin(db, { username: 'installsec', role: 'security_admin' })).toBe(0)
    } finally {
      delete process.env.MG_ADMIN_PASSWORD
    }
    const client = await login(app, 'installsec', 'Install-Admin-2026!')
    expect((await client.get('/api/auth/me')).json().passwordExpired).toBe(false)
  })
})
