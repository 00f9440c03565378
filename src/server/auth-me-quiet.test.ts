/**
 * A console visited before login asks `GET /api/auth/me` to learn whether anyone is logged in; the
 * 401 is the expected answer, not a fault, so nothing at error (or warn) level is logged for it
 * (issue 13 §5).
 */
import { Writable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from './app.ts'
import { openTestDb, testConfig } from '../../test/helper.ts'
import { TEST_PASSWORD } from '../../test/factories.ts'
import { insertUser } from '../modules/auth/service.ts'

const lines: Array<{ level: number; msg?: string }> = []
const stream = new Writable({ write(chunk, _enc, done) { for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l)); done() } })
const db = await openTestDb()
const app = await buildApp({ db, config: testConfig(), logger: { level: 'trace', stream } })
await app.ready()
afterAll(async () => { await app.close(); await db.close() })

describe('GET /api/auth/me before login', () => {
  it('answers 401 with the usual error body and logs nothing at warn level or above', async () => {
    lines.length = 0
    const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'accept-language': 'zh-CN' } })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ error: { code: 'auth.required', message: '请先登录', details: {} } })
    expect(lines.length).toBeGreaterThan(0) // the logger did record this request
    expect(lines.filter((l) => l.level >= 40)).toEqual([])
  })

})

describe('the signed-in mark', () => {
  it('is set readable by the page at login beside the session, and cleared at logout', async () => {
    await db.transaction((tx) => insertUser(tx, { username: 'mark_user', displayName: 'mark', password: TEST_PASSWORD, roles: ['district_chief'], scope: '' }))
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mark_user', password: TEST_PASSWORD } })
    expect(login.statusCode).toBe(200)
    const cookies = login.cookies as Array<{ name: string; value: string; httpOnly?: boolean }>
    expect(cookies.find((c) => c.name === 'mg_session')?.httpOnly).toBe(true)
    const mark = cookies.find((c) => c.name === 'mg_signed_in')
    expect(mark?.value).toBe('1')
    expect(mark?.httpOnly).toBeFalsy()
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${login.json().token}` } })
    const cleared = (logout.cookies as Array<{ name: string; value: string }>).find((c) => c.name === 'mg_signed_in')
    expect(cleared?.value).toBe('')
  })
})
