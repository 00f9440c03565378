/**
 * Issue 11 §5 lost updates, §1 item 5 old and new values in the log, §7 item 3 masked fields are
 * not writable: on the business ledger.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { businessInput } from '../../../test/factories-businesses.ts'
import { replayChanges, type FieldChange } from '../audit/changes.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const chief = await userWith(app, db, ['district_chief'], '05')
const officer = await userWith(app, db, ['credit_officer'], '05')
const EN = { 'accept-language': 'en' }

async function newBusiness(overrides = {}) {
  const res = await chief.post('/api/businesses', businessInput({ legalRepresentative: '韩梅梅', contactPhone: '13812345678', ...overrides }))
  expect(res.statusCode).toBe(200)
  return res.json() as { id: number; version: number; name: string }
}

const updateEvents = async (id: number) =>
  (await db.query<{ details: any }>(
    `SELECT details FROM audit_events WHERE action = 'business.updated' AND object_type = 'business' AND object_id = $1 ORDER BY id`,
    [String(id)],
  )).rows.map((r) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details))

describe('record versions (issue 11 §5)', () => {
  it('GET returns the version as ETag and in the body; each PATCH raises it', async () => {
    const b = await newBusiness()
    const get = await chief.get(`/api/businesses/${b.id}`)
    expect(get.headers.etag).toBe(`"${b.version}"`)
    expect(get.json().version).toBe(b.version)
    const patched = await chief.patch(`/api/businesses/${b.id}`, { industry: '餐饮' }, { 'if-match': get.headers.etag as string })
    expect(patched.statusCode).toBe(200)
    expect(patched.json().version).toBe(b.version + 1)
    expect(patched.headers.etag).toBe(`"${b.version + 1}"`)
  })

  it('twenty parallel PATCHes with one If-Match: exactly one wins, nineteen get 409 with the current record', async () => {
    const b = await newBusiness()
    const tag = `"${b.version}"`
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      chief.patch(`/api/businesses/${b.id}`, { name: `并发商户${i}` }, { 'if-match': tag })))
    const ok = replies.filter((r) => r.statusCode === 200)
    const conflicts = replies.filter((r) => r.statusCode === 409)
    expect(ok).toHaveLength(1)
    expect(conflicts).toHaveLength(19)
    const winner = ok[0].json()
    for (const c of conflicts) {
      const err = c.json().error
      expect(err.code).toBe('record.versionConflict')
      expect(err.details.current).toMatchObject({ id: b.id, name: winner.name, version: winner.version })
    }
    const now = (await chief.get(`/api/businesses/${b.id}`)).json()
    expect(now).toMatchObject({ name: winner.name, version: b.version + 1 })
    expect(await updateEvents(b.id)).toHaveLength(1)
  })

  it('a stale If-Match changes nothing and says so in the user’s language; without If-Match the write still works', async () => {
    const b = await newBusiness()
    await chief.patch(`/api/businesses/${b.id}`, { industry: '零售' })
    const stale = await chief.patch(`/api/businesses/${b.id}`, { industry: '批发' }, { 'if-match': `"${b.version}"`, ...EN })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error.message).toContain('Someone else changed this record')
    const staleZh = await chief.patch(`/api/businesses/${b.id}`, { industry: '批发' }, { 'if-match': `"${b.version}"` })
    expect(staleZh.json().error.message).toContain('已被他人修改')
    expect((await chief.get(`/api/businesses/${b.id}`)).json().industry).toBe('零售')
    const bad = await chief.patch(`/api/businesses/${b.id}`, { industry: '批发' }, { 'if-match': 'yesterday' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('record.ifMatchInvalid')
    const blind = await chief.patch(`/api/businesses/${b.id}`, { industry: '批发' })
    expect(blind.statusCode).toBe(200)
  })

  it('a bulk write outside the use case (re-placement, import) raises the version too', async () => {
    const b = await newBusiness()
    await db.query(`UPDATE businesses SET grid_code = grid_code WHERE id = $1`, [b.id])
    expect((await chief.get(`/api/businesses/${b.id}`)).json().version).toBe(b.version + 1)
  })
})

describe('fields the role reads masked are not writable (issue 11 §7)', () => {
  it('a credit officer cannot overwrite the legal representative or phone with what they see, and nothing changes', async () => {
    const b = await newBusiness()
    const seen = (await officer.get(`/api/businesses/${b.id}`)).json()
    expect(seen.legalRepresentative).toBe('韩**')
    const zh = await officer.patch(`/api/businesses/${b.id}`, { legalRepresentative: seen.legalRepresentative, industry: '餐饮' })
    expect(zh.statusCode).toBe(403)
    expect(zh.json().error).toMatchObject({ code: 'record.fieldNotWritable', details: { field: 'legalRepresentative' } })
    expect(zh.json().error.message).toContain('法定代表人')
    const en = await officer.patch(`/api/businesses/${b.id}`, { contactPhone: '138****5678' }, EN)
    expect(en.statusCode).toBe(403)
    expect(en.json().error.message).toContain('contact phone')
    const stored = (await chief.get(`/api/businesses/${b.id}`)).json()
    expect(stored).toMatchObject({ legalRepresentative: '韩梅梅', contactPhone: '13812345678', version: b.version })
    // Fields the officer reads in clear stay writable.
    expect((await officer.patch(`/api/businesses/${b.id}`, { industry: '餐饮' })).statusCode).toBe(200)
  })
})

describe('update events record old and new values (issue 11 §1 item 5)', () => {
  it('records each changed field with from and to, personal data masked', async () => {
    const b = await newBusiness({ industry: '零售' })
    await chief.patch(`/api/businesses/${b.id}`, { industry: '餐饮', legalRepresentative: '李雷', contactPhone: '13900001111' })
    const [ev] = await updateEvents(b.id)
    expect(ev.changes).toEqual({
      industry: { from: '零售', to: '餐饮' },
      legalRepresentative: { from: '韩**', to: '李*' },
      contactPhone: { from: '138****5678', to: '139****1111' },
    })
    expect(JSON.stringify(ev)).not.toContain('韩梅梅')
    expect(JSON.stringify(ev)).not.toContain('13900001111')
  })

  it('the log alone rebuilds a business’s non-personal history, a lost update included', async () => {
    const industries = fc.constantFrom('零售', '餐饮', '批发', '住宿', null)
    const risks = fc.constantFrom('low', 'general', 'high')
    const patch = fc.record({ industry: industries, riskClass: risks, actualAddress: fc.constantFrom('一路1号', '二路2号', null) }, { requiredKeys: [] })
    await fc.assert(fc.asyncProperty(fc.array(patch, { minLength: 1, maxLength: 5 }), async (patches) => {
      const b = await newBusiness()
      const start = (await chief.get(`/api/businesses/${b.id}`)).json()
      let last = start
      // Each PATCH is blind (no If-Match), so later ones silently overwrite earlier ones: the log must show each.
      for (const p of patches) {
        const res = await chief.patch(`/api/businesses/${b.id}`, p)
        expect(res.statusCode).toBe(200)
        last = res.json()
      }
      const events = await updateEvents(b.id)
      expect(events).toHaveLength(patches.length)
      const pick = (r: any) => ({ industry: r.industry, riskClass: r.riskClass, actualAddress: r.actualAddress, name: r.name })
      const rebuilt = replayChanges(pick(start), events.map((e) => e.changes as Record<string, FieldChange>))
      expect(pick(rebuilt)).toEqual(pick(last))
      // Every intermediate value is in the log: the first patch's values are recoverable.
      const first = patches[0]
      for (const [k, v] of Object.entries(first)) {
        if (v !== (start as any)[k]) expect(events[0].changes[k]).toEqual({ from: (start as any)[k], to: v })
      }
    }), { numRuns: 15 })
  })
})
