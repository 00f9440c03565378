import { describe, expect, it } from 'vitest'
import { setupTestApp, login } from '../../../test/helper.ts'
import { seedSmallTree, userWith, TEST_PASSWORD } from '../../../test/factories.ts'
import { insertUser } from './service.ts'
import { verifyAudit } from '../audit/service.ts'

const ctx = await setupTestApp({ maxFailedLogins: 3, loginAttemptsPerIpPerMinute: 1000 })
const { app, db } = ctx
await seedSmallTree(db)

async function makeUser(username: string, roles: any[] = ['district_chief'], scope = '05') {
  await db.transaction((tx) => insertUser(tx, { username, displayName: username, password: TEST_PASSWORD, roles, scope }))
}

describe('login and sessions', () => {
  it('logs in with a password, sets an HttpOnly SameSite cookie, and answers /me', async () => {
    await makeUser('chief1')
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chief1', password: TEST_PASSWORD } })
    expect(res.statusCode).toBe(200)
    const cookie = res.cookies.find((c) => c.name === 'mg_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Strict')
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { mg_session: cookie.value } })
    expect(me.json()).toMatchObject({ username: 'chief1', roles: ['district_chief'], scope: '05' })
    expect(me.json()).not.toHaveProperty('passwordHash')
  })

  it('gives the same reply for an unknown user and a wrong password', async () => {
    await makeUser('chief2')
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } })
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chief2', password: 'x' } })
    expect(unknown.statusCode).toBe(401)
    expect(wrong.statusCode).toBe(401)
    expect(unknown.json()).toEqual(wrong.json())
    expect(unknown.json().error.message).toMatch(/用户名或密码错误/)
  })

  it('makes the failing source wait after the configured failures, even for the right password (test/security/auth-lockout.test.ts has the rest)', async () => {
    await makeUser('chief3')
    for (let i = 0; i < 3; i++) {
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chief3', password: 'wrong' } })
    }
    const right = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chief3', password: TEST_PASSWORD } })
    expect(right.statusCode).toBe(429)
    expect(right.json().error.code).toBe('auth.delayed')
    const { rows } = await db.query(`SELECT count(*)::int n FROM audit_events WHERE action IN ('auth.loginFailed', 'auth.loginThrottled') AND username = 'chief3'`)
    expect(rows[0].n).toBe(4)
  })

  it('ends the session at logout', async () => {
    await makeUser('chief4')
    const client = await login(app, 'chief4', TEST_PASSWORD)
    expect((await client.get('/api/auth/me')).statusCode).toBe(200)
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200)
    const after = await client.get('/api/auth/me')
    expect(after.statusCode).toBe(401)
    expect(after.json().error.code).toBe('auth.required')
  })

  it('answers in English when asked', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'accept-language': 'en-US,en;q=0.9' } })
    expect(res.json().error.message).toBe('Please log in')
  })

  it('refuses a cookie-authenticated write from a foreign origin', async () => {
    await makeUser('chief5')
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chief5', password: TEST_PASSWORD } })
    const cookie = res.cookies.find((c) => c.name === 'mg_session')!.value
    const csrf = await app.inject({
      method: 'POST', url: '/api/auth/password', cookies: { mg_session: cookie },
      headers: { origin: 'https://evil.example', host: 'localhost:8080' },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-Pass-2026!' },
    })
    expect(csrf.statusCode).toBe(403)
    expect(csrf.json().error.code).toBe('auth.csrf')
  })
})

describe('passwords', () => {
  it('refuses weak, common and username-bearing passwords, and accepts a good one', async () => {
    await makeUser('chief6')
    const client = await login(app, 'chief6', TEST_PASSWORD)
    const attempt = (newPassword: string) => client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword })
    expect((await attempt('Short1!')).json().error.code).toBe('auth.passwordTooShort')
    expect((await attempt('alllowercaseletters')).json().error.code).toBe('auth.passwordTooSimple')
    expect((await attempt('Admin@123456')).json().error.code).toBe('auth.passwordCommon')
    expect((await attempt('Chief6-is-my-Name')).json().error.code).toBe('auth.passwordContainsUsername')
    expect((await attempt('Better-Pass-2026')).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chief6', password: 'Better-Pass-2026' } })).statusCode).toBe(200)
  })
})

describe('accounts (security administrator)', () => {
  it('refuses administrator roles through the API, combined or not', async () => {
    const sec = await userWith(app, db, ['security_admin'], '')
    const res = await sec.post('/api/users', { username: 'both', displayName: 'both', password: 'Good-Pass-2026x', roles: ['system_admin', 'audit_admin'], scope: '' })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('user.adminViaApi')
    const { rows } = await db.query(`SELECT count(*)::int n FROM users WHERE username = 'both'`)
    expect(rows[0].n).toBe(0)
  })

  it('lets only the security administrator create accounts, and audits role changes', async () => {
    const chief = await userWith(app, db, ['district_chief'], '05')
    const refused = await chief.post('/api/users', { username: 'x1x', displayName: 'x', password: 'Good-Pass-2026x', roles: ['grid_head'], scope: '0501' })
    expect(refused.statusCode).toBe(403)
    const sec = await userWith(app, db, ['security_admin'], '')
    const created = await sec.post('/api/users', { username: 'newhead', displayName: '新网格长', password: 'Good-Pass-2026x', roles: ['grid_head'], scope: '050101' })
    expect(created.statusCode).toBe(200)
    const id = created.json().id
    const changed = await sec.patch(`/api/users/${id}`, { roles: ['station_chief'], scope: '0501' })
    expect(changed.json()).toMatchObject({ roles: ['station_chief'], scope: '0501' })
    const { rows } = await db.query(`SELECT details FROM audit_events WHERE action = 'user.rolesChanged' AND object_id = $1`, [String(id)])
    expect(rows[0].details.before.roles).toEqual(['grid_head'])
  })

  it('refuses an unknown field and names it', async () => {
    const sec = await userWith(app, db, ['security_admin'], '')
    const res = await sec.post('/api/users', { username: 'abc', displayName: 'a', password: 'Good-Pass-2026x', roles: ['grid_head'], scope: '05', isAdmin: true })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'request.unknownField', details: { field: 'isAdmin' } })
  })
})

describe('audit chain', () => {
  it('holds after all of the above, and the audit administrator alone can read it', async () => {
    // at least five audited changes of its own, whatever ran before it
    const sec = await userWith(app, db, ['security_admin'], '')
    for (const n of [1, 2, 3, 4, 5]) {
      const made = await sec.post('/api/users', { username: `chain_${n}_${Date.now()}`, displayName: `审计链${n}`, password: 'Good-Pass-2026x', roles: ['grid_head'], scope: '05' })
      expect(made.statusCode).toBe(200)
    }
    expect(await verifyAudit(db)).toMatchObject({ ok: true })
    const auditor = await userWith(app, db, ['audit_admin'], '')
    const list = await auditor.get('/api/audit-events?limit=5')
    expect(list.statusCode).toBe(200)
    expect(list.json().length).toBe(5)
    const chief = await userWith(app, db, ['district_chief'], '05')
    const refused = await chief.get('/api/audit-events')
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).not.toHaveProperty('length')
  })

  it('refuses to update or delete audit rows', async () => {
    await expect(db.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/)
    await expect(db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/)
  })
})


describe('per-IP throttle over HTTP', async () => {
  const throttled = await setupTestApp({ loginAttemptsPerIpPerMinute: 3 })
  it('answers 429 after the allowance, for any user name', async () => {
    const codes: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await throttled.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `who${i}`, password: 'x' } })
      codes.push(res.statusCode)
    }
    expect(codes).toEqual([401, 401, 401, 429, 429])
  })
})

describe('password rotation', async () => {
  const rotating = await setupTestApp({ passwordRotationDays: 90 })
  await seedSmallTree(rotating.db)
  it('lets a user with an expired password do nothing but change it', async () => {
    await rotating.db.transaction((tx) => insertUser(tx, { username: 'oldpass', displayName: 'o', password: TEST_PASSWORD, roles: ['district_chief'], scope: '05' }))
    await rotating.db.query(`UPDATE users SET password_changed_at = now() - interval '91 days' WHERE username = 'oldpass'`)
    const client = await login(rotating.app, 'oldpass', TEST_PASSWORD)
    expect((await client.get('/api/auth/me')).json().passwordExpired).toBe(true)
    const refused = await client.get('/api/users')
    expect(refused.json().error.code).toBe('auth.passwordExpired')
    expect((await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Fresh-Pass-2026!' })).statusCode).toBe(200)
    expect((await client.get('/api/auth/me')).json().passwordExpired).toBe(false)
  })
})

describe('session lifetime over HTTP', () => {
  it('refuses a session idle for longer than the setting, and one older than the absolute lifetime', async () => {
    await makeUser('idle1')
    const idle = await login(app, 'idle1', TEST_PASSWORD)
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = (SELECT id FROM users WHERE username = 'idle1')`)
    expect((await idle.get('/api/auth/me')).statusCode).toBe(401)
    const old = await login(app, 'idle1', TEST_PASSWORD)
    expect((await old.get('/api/auth/me')).statusCode).toBe(200)
    await db.query(`UPDATE sessions SET created_at = now() - interval '13 hours' WHERE user_id = (SELECT id FROM users WHERE username = 'idle1')`)
    expect((await old.get('/api/auth/me')).statusCode).toBe(401)
  })

  it('gives a new session id at every login', async () => {
    await makeUser('twice1')
    const a = await login(app, 'twice1', TEST_PASSWORD)
    const b = await login(app, 'twice1', TEST_PASSWORD)
    expect(a.token).not.toBe(b.token)
  })
})

describe('client address', () => {
  it('ignores a forged X-Forwarded-For unless a proxy is trusted, so the throttle cannot be dodged', async () => {
    const strict = await setupTestApp({ loginAttemptsPerIpPerMinute: 2 })
    const codes: number[] = []
    for (let i = 0; i < 3; i++) {
      const res = await strict.app.inject({
        method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' },
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      })
      codes.push(res.statusCode)
    }
    expect(codes).toEqual([401, 401, 429])
  })
})
