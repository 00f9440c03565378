/**
 * Issue 11 §3: lock-out must not be a weapon. Failures slow down the source they come from, per
 * account, with growing waits; another address logs in as usual; the security administrator (API)
 * and the host (`market-grid unlock-user`) can lift the waits; the per-address throttle counts
 * failures only; wrong current passwords at the password change are counted the same way.
 * The failure counters run on an injected clock (`app.sessions.now`): no real waiting.
 */
import { describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { clientFor, setupTestApp } from '../helper.ts'
import { seedSmallTree, TEST_PASSWORD, userWith } from '../factories.ts'
import { insertUser } from '../../src/modules/auth/service.ts'
import { runUnlockUser } from '../../src/cli/unlock-user.ts'

const { app, db } = await setupTestApp({ maxFailedLogins: 5, maxLoginDelaySeconds: 60, loginAttemptsPerIpPerMinute: 10_000 })
await seedSmallTree(db)

let clock = Date.now()
app.sessions.now = () => new Date(clock)
const advance = (seconds: number) => { clock += seconds * 1000 }

async function makeUser(username: string, roles: any[] = ['district_chief'], scope = '05') {
  await db.transaction((tx) => insertUser(tx, { username, displayName: username, password: TEST_PASSWORD, roles, scope }))
}

function loginFrom(a: FastifyInstance, ip: string, username: string, password: string) {
  return a.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip })
}

const ATTACKER = '198.51.100.66'
const OFFICE = '10.1.2.3'

describe('failed logins slow the failing source only', () => {
  it('an attacker failing 20 times cannot keep secadmin out from the office', async () => {
    await makeUser('sec1', ['security_admin'], '')
    for (let i = 0; i < 20; i++) await loginFrom(app, ATTACKER, 'sec1', 'wrong-guess')
    const office = await loginFrom(app, OFFICE, 'sec1', TEST_PASSWORD)
    expect(office.statusCode, office.body).toBe(200)
    // the attacker's address, on the other hand, must wait even with the right password
    const attacker = await loginFrom(app, ATTACKER, 'sec1', TEST_PASSWORD)
    expect(attacker.statusCode).toBe(429)
    expect(attacker.json().error.code).toBe('auth.delayed')
  })

  it('lets the first failures through, then waits 2, 4, 8 … seconds up to the cap', async () => {
    await makeUser('chief1')
    const waits: number[] = []
    for (let i = 0; i < 12; i++) {
      const res = await loginFrom(app, ATTACKER, 'chief1', 'wrong-guess')
      if (res.statusCode === 429) {
        waits.push(res.json().error.details.seconds)
        advance(res.json().error.details.seconds) // wait it out, then fail again
        i--
        continue
      }
      expect(res.statusCode).toBe(401)
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60])
    expect(Math.max(...waits)).toBeLessThanOrEqual(60)
  })

  it('counts unknown user names alike, so the reply does not tell them apart', async () => {
    const replies: number[] = []
    for (let i = 0; i < 6; i++) replies.push((await loginFrom(app, ATTACKER, 'no-such-user', 'x')).statusCode)
    expect(replies).toEqual([401, 401, 401, 401, 401, 429])
  })

  it('a successful login from a source clears that source\'s count', async () => {
    await makeUser('chief2')
    for (let i = 0; i < 4; i++) await loginFrom(app, OFFICE, 'chief2', 'typo')
    expect((await loginFrom(app, OFFICE, 'chief2', TEST_PASSWORD)).statusCode).toBe(200)
    for (let i = 0; i < 4; i++) expect((await loginFrom(app, OFFICE, 'chief2', 'typo')).statusCode).toBe(401)
  })
})

describe('unlock', () => {
  it('the security administrator sees the failures and unlocks the account through the API', async () => {
    // The failures are counted on the injected clock, but the listing asks the database's clock
    // whether a wait is running: an hour ahead, the wait they set is still running when it is read.
    advance(3600)
    await makeUser('head1', ['grid_head'], '050101')
    for (let i = 0; i < 6; i++) await loginFrom(app, ATTACKER, 'head1', 'wrong-guess')
    const sec = await userWith(app, db, ['security_admin'], '')
    const listed = (await sec.get('/api/users')).json().find((u: any) => u.username === 'head1')
    expect(listed).toMatchObject({ locked: true, failedLogins: 5 }) // the sixth attempt was made to wait, not counted
    expect(listed.lastFailedLoginAt).toBeTruthy()

    const unlocked = await sec.patch(`/api/users/${listed.id}`, { unlock: true })
    expect(unlocked.statusCode, unlocked.body).toBe(200)
    expect(unlocked.json()).toMatchObject({ locked: false, failedLogins: 0 })
    expect((await loginFrom(app, ATTACKER, 'head1', TEST_PASSWORD)).statusCode).toBe(200)
    const { rows } = await db.query(`SELECT details FROM audit_events WHERE action = 'user.updated' AND object_id = $1`, [String(listed.id)])
    expect(rows.at(-1)!.details.unlocked).toBe(true)
  })

  it('the security administrator may unlock another administrator (unlocking grants nothing)', async () => {
    await makeUser('auditor1', ['audit_admin'], '')
    for (let i = 0; i < 6; i++) await loginFrom(app, ATTACKER, 'auditor1', 'wrong-guess')
    const sec = await userWith(app, db, ['security_admin'], '')
    const id = (await db.query(`SELECT id FROM users WHERE username = 'auditor1'`)).rows[0].id
    expect((await sec.patch(`/api/users/${id}`, { unlock: true })).statusCode).toBe(200)
    expect((await loginFrom(app, ATTACKER, 'auditor1', TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('market-grid unlock-user lifts the waits on the host, audited', async () => {
    await makeUser('sec2', ['security_admin'], '')
    for (let i = 0; i < 6; i++) await loginFrom(app, ATTACKER, 'sec2', 'wrong-guess')
    expect((await loginFrom(app, ATTACKER, 'sec2', TEST_PASSWORD)).statusCode).toBe(429)
    expect(await runUnlockUser(db, ['SEC2'])).toBe(0)
    expect((await loginFrom(app, ATTACKER, 'sec2', TEST_PASSWORD)).statusCode).toBe(200)
    const { rows } = await db.query(`SELECT user_id, details FROM audit_events WHERE action = 'user.unlocked' ORDER BY id DESC LIMIT 1`)
    expect(rows[0]).toMatchObject({ user_id: null, details: { username: 'sec2', via: 'host' } })
    expect(await runUnlockUser(db, ['nobody-here'])).toBe(1)
    expect(await runUnlockUser(db, [])).toBe(2)
  })
})

describe('password change', () => {
  it('wrong current passwords make the source wait like failed logins', async () => {
    await makeUser('chief3')
    const res = await loginFrom(app, OFFICE, 'chief3', TEST_PASSWORD)
    const client = clientFor(app, res.json().token)
    const change = (currentPassword: string) => client.request({
      method: 'POST', url: '/api/auth/password', payload: { currentPassword, newPassword: 'Brand-New-Pass-2026' }, remoteAddress: OFFICE,
    } as any)
    for (let i = 0; i < 5; i++) expect((await change('guess-' + i)).json().error.code).toBe('auth.wrongCurrentPassword')
    const blocked = await change(TEST_PASSWORD)
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().error.code).toBe('auth.delayed')
    advance(blocked.json().error.details.seconds)
    expect((await change(TEST_PASSWORD)).statusCode).toBe(200)
  })
})

describe('per-address throttle', async () => {
  const t = await setupTestApp({ loginAttemptsPerIpPerMinute: 3, maxFailedLogins: 100 })
  await seedSmallTree(t.db)
  await t.db.transaction((tx) => insertUser(tx, { username: 'busy1', displayName: 'b', password: TEST_PASSWORD, roles: ['grid_worker'], scope: '050101' }))

  it('counts failures only: an office logging in all morning is not throttled', async () => {
    for (let i = 0; i < 10; i++) expect((await loginFrom(t.app, OFFICE, 'busy1', TEST_PASSWORD)).statusCode).toBe(200)
    const codes: number[] = []
    for (let i = 0; i < 4; i++) codes.push((await loginFrom(t.app, OFFICE, `who${i}`, 'x')).statusCode)
    expect(codes).toEqual([401, 401, 401, 429])
  })
})
