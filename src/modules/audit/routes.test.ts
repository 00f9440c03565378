import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createPublicKey, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { setupTestApp } from '../../../test/helper.ts'
import { userWith } from '../../../test/factories.ts'
import { verifyAudit } from './service.ts'

// many failed logins from one address: the per-IP throttle is not what this file tests
const { app, db, config } = await setupTestApp({ loginAttemptsPerIpPerMinute: 1_000_000 })
// checkpoints of this file's database, in a folder of its own
config.audit.checkpointDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-cp-'))

describe('anonymous requests with arbitrary strings', () => {
  it('a login with any user name (lone surrogates, NUL, RTL marks, emoji) leaves the chain verifiable', async () => {
    // the reproduction of issue 11: "\ud800" was stored as U+FFFD but hashed as it came
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '\ud800', password: 'x' } })
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('\ud800', '\udc00', '\u0000', '\u202e', '\u200f', '😀', 'a', '名'), maxLength: 20 })),
        async (username) => {
          const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong-password' } })
          expect(res.statusCode).toBeLessThan(600)
        },
      ),
      { numRuns: 40 },
    )
    const result = await verifyAudit(db)
    expect(result.breaks).toEqual([])
    expect(result.ok).toBe(true)
  })
})

describe('the audit administrator\'s API', () => {
  it('lists with filters and keyset paging, verifies, checkpoints, issues a receipt, exports; each call is recorded', async () => {
    // failed logins to list: two pages of them at least
    for (let i = 0; i < 4; i++) await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `nobody${i}`, password: 'wrong-password' } })
    const auditor = await userWith(app, db, ['audit_admin'], '')
    const page1 = (await auditor.get('/api/audit-events?limit=3&action=auth.loginFailed')).json()
    expect(page1).toHaveLength(3)
    expect(page1.every((e: any) => e.action === 'auth.loginFailed' && /\.\d{6}Z$/.test(e.at))).toBe(true)
    const page2 = (await auditor.get(`/api/audit-events?limit=3&action=auth.loginFailed&afterId=${page1[2].id}`)).json()
    expect(page2[0].id).toBeLessThan(page1[2].id)
    // this read is recorded before it runs: its own event comes first, the one of page 2 next
    const listed = (await auditor.get('/api/audit-events?limit=2&action=audit.listed')).json()
    expect(listed[0].details).toEqual({ action: 'audit.listed' })
    expect(listed[1]).toMatchObject({ action: 'audit.listed', details: { action: 'auth.loginFailed', afterId: page1[2].id } })

    const created = await auditor.post('/api/audit-events/checkpoints')
    expect(created.statusCode).toBe(200)
    const cps = (await auditor.get('/api/audit-events/checkpoints')).json()
    expect(cps[0]).toMatchObject({ eventId: created.json().eventId, signatureValid: true })

    const verified = await auditor.get('/api/audit-events/verify')
    expect(verified.statusCode).toBe(200)
    expect(verified.json()).toMatchObject({ ok: true, breaks: [], checkpoints: { count: 1, problems: [] } })

    const receipt = await auditor.get('/api/audit-events/receipt')
    expect(receipt.statusCode).toBe(200)
    const r = receipt.json()
    const { signature, publicKey, ...fields } = r
    const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKey, 'base64')]), format: 'der', type: 'spki' })
    const text = JSON.stringify(Object.fromEntries(Object.entries({ ...fields, type: 'receipt' }).sort()))
    expect(verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'))).toBe(true)
    // the receipt covers its own issue
    const head = (await auditor.get('/api/audit-events?limit=2')).json()
    expect(head.find((e: any) => e.id === r.eventId)).toMatchObject({ action: 'audit.receiptIssued', hash: r.hash })

    const csv = await auditor.get('/api/audit-events/export?lang=en&action=audit.receiptIssued')
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n')
    expect(lines[0]).toBe('ID,Time,User,IP address,Action,Object type,Object ID,Area,Result,Details,Hash,Key')
    expect(lines).toHaveLength(2)
    const zh = await auditor.get('/api/audit-events/export?lang=zh-CN&result=denied')
    expect(zh.body).toContain('编号,时间,用户')

    expect((await verifyAudit(db, { checkpointDir: config.audit.checkpointDir })).ok).toBe(true)
  })

  it('refuses every other role, on every audit route', async () => {
    const chief = await userWith(app, db, ['district_chief'], '')
    for (const [method, url] of [['GET', '/api/audit-events'], ['GET', '/api/audit-events/verify'], ['GET', '/api/audit-events/checkpoints'],
      ['POST', '/api/audit-events/checkpoints'], ['GET', '/api/audit-events/receipt'], ['GET', '/api/audit-events/export']] as const) {
      const res = await chief.request({ method, url })
      expect(res.statusCode, url).toBe(403)
    }
  })
})
