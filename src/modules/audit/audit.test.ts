import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { openTestDb } from '../../../test/helper.ts'
import { canonicalJson, chainHash, GENESIS_HASH } from './chain.ts'
import { recordAuditAlone, verifyAudit } from './service.ts'

describe('audit chain rules', () => {
  it('canonical JSON ignores key order at every depth', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse())
        return canonicalJson(obj) === canonicalJson(reversed)
      }),
    )
  })

  it('any change of any field changes the hash', () => {
    const base = {
      at: new Date('2026-11-25T08:00:00.123Z'), userId: 1, username: 'chief', areaCode: '05', ip: '127.0.0.1',
      action: 'area.created', objectType: 'area', objectId: '0501', result: 'ok' as const, details: { name: '纺织城' },
    }
    const h = chainHash(GENESIS_HASH, base)
    expect(chainHash(GENESIS_HASH, { ...base, at: new Date(base.at.getTime() + 1) })).not.toBe(h)
    expect(chainHash(GENESIS_HASH, { ...base, username: 'chief2' })).not.toBe(h)
    expect(chainHash(GENESIS_HASH, { ...base, details: { name: '纺织城 ' } })).not.toBe(h)
    expect(chainHash('1'.repeat(64), base)).not.toBe(h)
  })
})

describe('verify-audit on a real database', () => {
  it('finds the first altered row and the first removed row', async () => {
    const db = await openTestDb()
    try {
      for (let i = 0; i < 6; i++) {
        await recordAuditAlone(db, { username: 'tester', ip: '10.0.0.1' }, { action: `test.step${i}`, details: { i, 名称: '事件' } })
      }
      expect(await verifyAudit(db, 2)).toMatchObject({ ok: true, checked: 6, head: { hash: expect.stringMatching(/^[0-9a-f]{64}$/) } })
      const ids = (await db.query<{ id: number }>('SELECT id FROM audit_events ORDER BY id')).rows.map((r) => r.id)

      // Someone with the owner's rights switches the guard off and edits history.
      await db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change')
      await db.query(`UPDATE audit_events SET details = '{"i": 99}' WHERE id = $1`, [ids[3]])
      expect(await verifyAudit(db)).toMatchObject({ ok: false, checked: 3, brokenAt: { id: ids[3], reason: 'hashMismatch' } })

      await db.query(`UPDATE audit_events SET details = '{"i": 3, "名称": "事件"}' WHERE id = $1`, [ids[3]])
      expect(await verifyAudit(db)).toMatchObject({ ok: true })
      await db.query('DELETE FROM audit_events WHERE id = $1', [ids[1]])
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: { id: ids[2], reason: 'prevHashMismatch' } })
    } finally {
      await db.close()
    }
  })
})
