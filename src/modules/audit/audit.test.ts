import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHash, createHmac, createPublicKey, sign, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { openTestDb } from '../../../test/helper.ts'
import type { Db } from '../../db/connection.ts'
import { canonicalJson, chainHash, GENESIS_HASH, genesisHash, keyedChainHash, storableDetails, storableString } from './chain.ts'
import { headReceipt, microsToIso, readCheckpoints, signedText, writeCheckpoint } from './checkpoints.ts'
import { auditKeys } from './keys.ts'
import { formatVerifyResult } from './cli.ts'
import { AUDIT_CHAINS, recordAudit, recordAuditAlone, recordAudits, verifyAudit } from './service.ts'

const tmpDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix))

async function withDb(fn: (db: Db) => Promise<void>) {
  const db = await openTestDb()
  try {
    await fn(db)
  } finally {
    await db.close()
  }
}

async function ids(db: Db): Promise<number[]> {
  return (await db.query<{ id: number }>('SELECT id FROM audit_events ORDER BY id')).rows.map((r) => Number(r.id))
}

/** One event on the given chain: the transaction names its chain, as audit_chain_claim allows. */
async function recordOn(db: Db, chain: number, action: string) {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('mg.audit_chain', $1, true)`, [String(chain)])
    await recordAudit(tx, { username: 'tester' }, { action, details: { chain } })
  })
}

async function chainOf(db: Db): Promise<Map<number, number>> {
  return new Map((await db.query<{ id: number; chain: number }>('SELECT id, chain FROM audit_events')).rows.map((r) => [Number(r.id), r.chain]))
}

/** Someone with the owner's rights switches the append-only guard off. */
async function unguard(db: Db) {
  await db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change')
}

/** Strings a hostile client sends: lone surrogates, NUL, RTL marks, emoji, anything in UTF-16. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\ud800', '\udfff', '\u0000', '\u202e', '\u200b', '😀', '\x1b[31m', 'a', '名') }),
)

describe('audit chain rules', () => {
  it('canonical JSON ignores key order at every depth', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse())
        return canonicalJson(obj) === canonicalJson(reversed)
      }),
    )
  })

  it('legacy links: any change of any field changes the hash', () => {
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

  it('storable strings are well formed and free of NUL, and storing twice changes nothing', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const t = storableString(s)
        expect(t.includes('\u0000')).toBe(false)
        expect(Buffer.from(t, 'utf8').toString('utf8')).toBe(t)
        expect(storableString(t)).toBe(t)
      }),
    )
    expect(storableString('\ud800x\u0000')).toBe('\ufffdx')
    expect(storableDetails({ at: new Date(0), n: -0, x: NaN, u: undefined, 'k\u0000': '\udc00' })).toEqual({ at: '1970-01-01T00:00:00.000Z', n: 0, x: null, k: '\ufffd' })
  })

  it('verify-audit prints every break and a missing tail, and says plainly whether the log is intact', () => {
    const lines = formatVerifyResult({
      ok: false, checked: 10, keyed: 8, unkeyedLegacy: 2,
      breaks: [{ fromId: 3, toId: 3, reason: 'badMac' }, { fromId: 6, toId: 7, reason: 'prevHashMismatch' }],
      head: { id: 10, hash: 'ab', eventAt: '2026-12-04T08:00:00.123456Z' },
      chains: [{ chain: 0, checked: 6, headId: 9, headHash: 'cd' }, { chain: 3, checked: 4, headId: 10, headHash: 'ab' }],
      checkpoints: {
        count: 2, problems: [{ reason: 'checkpointHashMismatch', eventId: 5, writtenAt: 'T', chain: 0 }],
        missingTails: [{ chain: 3, lastPresentId: 10, missingUpToId: 14, checkpointWrittenAt: 'T2' }],
      },
    })
    expect(lines).toEqual(expect.arrayContaining([
      '10 events checked in 2 chains (8 keyed, 2 unkeyed legacy); head #10 ab at 2026-12-04T08:00:00.123456Z',
      'chain BROKEN: event 3: badMac',
      'chain BROKEN: events 6–7: prevHashMismatch',
      'checkpoint PROBLEM: event 5 (head of chain 0) (checkpoint written T): checkpointHashMismatch',
      'MISSING TAIL of chain 3: a checkpoint written T2 saw event 14 at its end; the chain now ends at 10: its events after 10, up to 14, were removed',
      'audit log NOT intact',
    ]))
    expect(formatVerifyResult({ ok: true, checked: 0, keyed: 0, unkeyedLegacy: 0, breaks: [], chains: [] }).at(-1)).toBe('audit log intact')
  })

  it('the keyed link hashes the canonical JSON of the event', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.integer()), fc.option(fc.string()), fc.jsonValue(), (s, n, o, details) => {
        const e = { keyId: 'h1', atMicros: '1764835200123456', userId: n, username: o, areaCode: s, ip: null, action: s, objectType: o, objectId: s, result: 'ok' as const, details }
        const body = canonicalJson([e.keyId, e.atMicros, e.userId, e.username, e.areaCode, e.ip, e.action, e.objectType, e.objectId, e.result, e.details])
        const key = Buffer.alloc(32, 7)
        return keyedChainHash(key, GENESIS_HASH, e) === createHmac('sha256', key).update(GENESIS_HASH).update(body).digest('hex')
      }),
    )
  })

  it('microseconds print as ISO 8601 with six decimals', () => {
    expect(microsToIso('1764835200123456')).toBe('2025-12-04T08:00:00.123456Z')
    expect(microsToIso('0')).toBe('1970-01-01T00:00:00.000000Z')
  })
})

describe('verify-audit on a real database', () => {
  it('any strings in any field or deep in details leave the chain verifiable (what is hashed is what is stored)', async () => {
    await withDb(async (db) => {
      await fc.assert(
        fc.asyncProperty(
          hostileString, hostileString, hostileString, hostileString,
          fc.jsonValue(), fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
          fc.oneof(fc.double(), fc.integer(), fc.constant(1e21), fc.constant(-0), fc.constant(5e-324)),
          async (username, action, objectId, ip, json, dict, num) => {
            await recordAuditAlone(db, { username, ip }, { action, objectId, objectType: username, areaCode: action, details: { json, dict, num, [objectId]: [ip] } })
          },
        ),
        { numRuns: 40 },
      )
      const result = await verifyAudit(db)
      expect(result.breaks).toEqual([])
      expect(result).toMatchObject({ ok: true, checked: 40, keyed: 40, unkeyedLegacy: 0 })
    })
  }, 300_000) // forty transactions on a shared, loaded machine

  it('events recorded together in one statement link one after another in id order, whatever their strings', async () => {
    await withDb(async (db) => {
      const entry = fc.record({ username: fc.option(hostileString, { nil: null }), action: hostileString, objectId: hostileString, details: fc.jsonValue() })
      let recorded = 0
      await fc.assert(
        fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 6 }), async (entries) => {
          await db.transaction(async (tx) => {
            const claim = await recordAudit(tx, { username: 'first' }, { action: 'test.before' })
            const after = await recordAudits(tx, entries.map((e) => ({ who: { username: e.username }, input: { action: e.action, objectId: e.objectId, details: e.details } })), claim)
            // the next event links to the last of them
            await recordAudit(tx, null, { action: 'test.after' }, after)
          })
          recorded += entries.length + 2
        }),
        { numRuns: 25 },
      )
      const result = await verifyAudit(db)
      expect(result.breaks).toEqual([])
      expect(result).toMatchObject({ ok: true, checked: recorded })
      const { rows } = await db.query<{ action: string }>(`SELECT action FROM audit_events ORDER BY id`)
      expect(rows.filter((r) => r.action === 'test.before')).toHaveLength(25)
    })
  }, 300_000)

  it('hashes the time at the precision stored: microseconds, read back from the row', async () => {
    await withDb(async (db) => {
      await recordAuditAlone(db, { username: 'tester' }, { action: 'test.time' })
      const { rows } = await db.query<any>(
        `SELECT (extract(epoch FROM at) * 1000000)::int8::text AS us, to_char(at AT TIME ZONE 'UTC', 'US') AS micro, key_id FROM audit_events`)
      expect(rows[0].key_id).toBe(auditKeys().hmacKeyId)
      // a microsecond later (what a millisecond hash could not tell apart) no longer verifies
      await unguard(db)
      await db.query(`UPDATE audit_events SET at = at + interval '1 microsecond'`)
      expect((await verifyAudit(db)).breaks).toEqual([{ fromId: expect.any(Number), toId: expect.any(Number), reason: 'badMac' }])
    })
  })

  it('reports every broken range and goes on: a later tampering is found after an earlier one', async () => {
    await withDb(async (db) => {
      for (let i = 0; i < 10; i++) await recordAuditAlone(db, { username: 'tester', ip: '10.0.0.1' }, { action: `test.step${i}`, details: { i, 名称: '事件' } })
      expect(await verifyAudit(db, { batchSize: 3 })).toMatchObject({ ok: true, checked: 10, head: { hash: expect.stringMatching(/^[0-9a-f]{64}$/) } })
      const id = await ids(db)
      await unguard(db)
      await db.query(`UPDATE audit_events SET details = '{"i": 99}' WHERE id = $1`, [id[2]])
      await db.query(`UPDATE audit_events SET username = 'other' WHERE id = ANY($1)`, [[id[5], id[6]]])
      await db.query('DELETE FROM audit_events WHERE id = $1', [id[8]])
      const r = await verifyAudit(db, { batchSize: 3 })
      expect(r.ok).toBe(false)
      expect(r.checked).toBe(9)
      expect(r.breaks).toEqual([
        { fromId: id[2], toId: id[2], reason: 'badMac' },
        { fromId: id[5], toId: id[6], reason: 'badMac' },
        { fromId: id[9], toId: id[9], reason: 'prevHashMismatch' },
      ])
    })
  })

  it('an event appended by plain SQL with a correct-looking SHA-256 link is detected, keyed or not', async () => {
    await withDb(async (db) => {
      for (let i = 0; i < 3; i++) await recordAuditAlone(db, { username: 'tester' }, { action: 'test.real' })
      const head = (await db.query<any>('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1')).rows[0].hash
      // what the application role can do: INSERT, computing the link as the unkeyed chain did
      const at = new Date()
      const forged = chainHash(head, { at, userId: null, username: 'ghost', areaCode: null, ip: null, action: 'auth.login', objectType: null, objectId: null, result: 'ok', details: null })
      await db.query(`INSERT INTO audit_events (at, username, action, result, prev_hash, hash) VALUES ($1, 'ghost', 'auth.login', 'ok', $2, $3)`, [at, head, forged])
      let r = await verifyAudit(db)
      expect(r.breaks).toEqual([{ fromId: expect.any(Number), toId: expect.any(Number), reason: 'unkeyedAfterKeyed' }])
      // … and claiming the key id without the key
      const keyId = auditKeys().hmacKeyId
      await db.query(`INSERT INTO audit_events (at, username, action, result, prev_hash, hash, key_id) VALUES ($1, 'ghost', 'auth.login', 'ok', $2, $3, $4)`,
        [at, forged, createHash('sha256').update(forged).digest('hex'), keyId])
      r = await verifyAudit(db)
      expect(r.breaks.map((b) => b.reason)).toEqual(['unkeyedAfterKeyed', 'badMac'])
    })
  })

  it('a whole chain rewritten with recomputed hashes is detected', async () => {
    await withDb(async (db) => {
      const dir = tmpDir('mg-cp-')
      for (let i = 0; i < 4; i++) await recordAuditAlone(db, { username: 'tester' }, { action: `test.step${i}` })
      await writeCheckpoint(db, dir)
      await unguard(db)
      // the insider rewrites every row as plain SHA-256 links, in order, with the details changed
      const rows = (await db.query<any>('SELECT id, at, user_id, username, area_code, ip, action, object_type, object_id, result, chain FROM audit_events ORDER BY id')).rows
      await db.exec('ALTER TABLE audit_events DROP CONSTRAINT audit_events_hash_key')
      let prev = genesisHash(rows[0].chain)
      for (const r of rows) {
        const details = { rewritten: true }
        const hash = chainHash(prev, { at: r.at, userId: r.user_id, username: r.username, areaCode: r.area_code, ip: r.ip, action: r.action, objectType: r.object_type, objectId: r.object_id, result: r.result, details })
        await db.query('UPDATE audit_events SET details = $2, prev_hash = $3, hash = $4, key_id = NULL WHERE id = $1', [r.id, JSON.stringify(details), prev, hash])
        prev = hash
      }
      // a chain rewritten whole as unkeyed links is self-consistent: the checkpoint outside the database tells
      const r = await verifyAudit(db, { checkpointDir: dir })
      expect(r.unkeyedLegacy).toBe(4)
      expect(r.breaks).toEqual([])
      expect(r.ok).toBe(false)
      expect(r.checkpoints!.problems).toEqual([expect.objectContaining({ reason: 'checkpointHashMismatch', eventId: Number(rows[3].id) })])
    })
  })

  it('events written before keying verify as unkeyed legacy and are counted apart; a key the folder lacks is reported', async () => {
    await withDb(async (db) => {
      let prev = GENESIS_HASH
      for (let i = 0; i < 3; i++) {
        const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i, 123))
        const hash = chainHash(prev, { at, userId: null, username: 'old', areaCode: null, ip: null, action: 'legacy', objectType: null, objectId: null, result: 'ok', details: { i } })
        await db.query(`INSERT INTO audit_events (at, username, action, result, details, prev_hash, hash) VALUES ($1, 'old', 'legacy', 'ok', $2, $3, $4)`, [at, JSON.stringify({ i }), prev, hash])
        prev = hash
      }
      await recordAuditAlone(db, { username: 'new' }, { action: 'test.keyed' })
      expect(await verifyAudit(db)).toMatchObject({ ok: true, checked: 4, keyed: 1, unkeyedLegacy: 3, breaks: [] })
      await unguard(db)
      await db.query(`UPDATE audit_events SET key_id = 'h-nobody' WHERE action = 'test.keyed'`)
      expect((await verifyAudit(db)).breaks).toEqual([expect.objectContaining({ reason: 'unknownKey' })])
    })
  })

  it('deleting the last events is reported as a missing tail against the signed checkpoints', async () => {
    await withDb(async (db) => {
      const dir = tmpDir('mg-cp-')
      for (let i = 0; i < 5; i++) await recordAuditAlone(db, { username: 'tester' }, { action: `test.step${i}` })
      const c1 = await writeCheckpoint(db, dir)
      expect(await writeCheckpoint(db, dir)).toEqual(c1) // idempotent
      for (let i = 5; i < 8; i++) await recordAuditAlone(db, { username: 'tester' }, { action: `test.step${i}` })
      const c2 = (await writeCheckpoint(db, dir))!
      expect(fs.readFileSync(path.join(dir, 'checkpoints.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2)
      expect(await verifyAudit(db, { checkpointDir: dir })).toMatchObject({ ok: true, checkpoints: { count: 2, problems: [], lastGood: { eventId: c2.eventId } } })

      const id = await ids(db)
      await unguard(db)
      await db.query('DELETE FROM audit_events WHERE id >= $1', [id[6]])
      const r = await verifyAudit(db, { checkpointDir: dir })
      expect(r.breaks).toEqual([]) // the chain alone cannot see it
      expect(r.ok).toBe(false)
      expect(r.checkpoints).toMatchObject({ lastGood: { eventId: c1!.eventId }, missingTails: [{ lastPresentId: id[5], missingUpToId: id[7] }] })

      // a forged checkpoint line (no signing key) is reported, not believed
      const forged = { ...c2, eventId: c2.eventId + 100 }
      fs.appendFileSync(path.join(dir, 'checkpoints.jsonl'), JSON.stringify(forged) + '\nnot json\n')
      const r2 = await verifyAudit(db, { checkpointDir: dir })
      expect(r2.checkpoints!.problems.map((p) => p.reason)).toEqual(['checkpointBadSignature', 'checkpointUnreadable'])
    })
  })

  it('a head receipt verifies with node:crypto alone and fails when altered', async () => {
    await withDb(async (db) => {
      await recordAuditAlone(db, { username: 'tester' }, { action: 'test.receipt' })
      const receipt = await headReceipt(db)
      const check = (r: Record<string, unknown>) => {
        // what docs/admin-guide.md tells anyone to run: fields without signature/publicKey, keys sorted
        const { signature, publicKey, ...fields } = r as any
        const text = JSON.stringify(Object.fromEntries(Object.entries({ ...fields, type: 'receipt' }).sort()))
        const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKey, 'base64')]), format: 'der', type: 'spki' })
        return verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'))
      }
      expect(signedText('receipt', receipt as any)).toBe(JSON.stringify(Object.fromEntries(Object.entries({ ...receipt, type: 'receipt', signature: undefined, publicKey: undefined }).filter(([, v]) => v !== undefined).sort())))
      expect(check(receipt as any)).toBe(true)
      expect(check({ ...receipt, eventId: receipt.eventId + 1 })).toBe(false)
      expect(check({ ...receipt, hash: '0'.repeat(64) })).toBe(false)
    })
  })
})

describe('several chains (0900)', () => {
  it('concurrent writers spread over the chains and every chain verifies; one transaction stays on one chain', async () => {
    await withDb(async (db) => {
      // sixteen writers at once; on PostgreSQL each takes a free chain, on PGlite they queue on one connection
      await Promise.all(Array.from({ length: 16 }, (_, i) => db.transaction(async (tx) => {
        await recordAudit(tx, { username: `w${i}` }, { action: 'test.parallel', details: { i, n: 1 } })
        await recordAudit(tx, { username: `w${i}` }, { action: 'test.parallel', details: { i, n: 2 } })
      })))
      const { rows } = await db.query<{ username: string; chains: number }>('SELECT username, count(DISTINCT chain)::int AS chains FROM audit_events GROUP BY username')
      expect(rows.every((r) => r.chains === 1)).toBe(true)
      const r = await verifyAudit(db)
      expect(r).toMatchObject({ ok: true, checked: 32, breaks: [] })
      expect(r.chains.every((c) => c.chain >= 0 && c.chain < AUDIT_CHAINS)).toBe(true)
      if (db.kind === 'postgres') expect(r.chains.length).toBeGreaterThan(1)
    })
  })

  it('reads a chain\'s head through the index even when the statistics say the table holds one row', async () => {
    await withDb(async (db) => {
      // A young installation: the table was analysed when it held one event, and has grown since.
      // Planned on those figures, a scan of the whole table looks cheaper, and the function keeps
      // the plan it makes first for the connection's life while the table grows (1210).
      await recordOn(db, 0, 'test.first')
      await db.query('ANALYZE audit_events')
      for (let i = 0; i < 300; i++) await recordOn(db, i % 3, `test.grown${i}`)
      const scans = await db.transaction(async (tx) => {
        // this backend's counts, its pending ones included
        const count = async () => (await tx.query<{ seq: number; idx: number }>(
          `SELECT seq_scan::int AS seq, idx_scan::int AS idx FROM pg_stat_xact_user_tables WHERE relname = 'audit_events'`)).rows[0]
        const before = await count()
        for (let i = 0; i < 3; i++) await tx.query(`SELECT * FROM audit_chain_claim(727001, ${AUDIT_CHAINS})`)
        const after = await count()
        return { seq: after.seq - before.seq, idx: after.idx - before.idx }
      })
      expect(scans).toEqual({ seq: 0, idx: 3 })
    })
  })

  it('a chain starts from its own genesis, so an event moved to another chain breaks', async () => {
    await withDb(async (db) => {
      expect(genesisHash(0)).toBe(GENESIS_HASH)
      expect(new Set(Array.from({ length: AUDIT_CHAINS }, (_, k) => genesisHash(k))).size).toBe(AUDIT_CHAINS)
      await recordOn(db, 5, 'test.first')
      const [first] = await ids(db)
      expect((await db.query<any>('SELECT chain, prev_hash FROM audit_events')).rows[0]).toEqual({ chain: 5, prev_hash: genesisHash(5) })
      await unguard(db)
      await db.query('UPDATE audit_events SET chain = 6 WHERE id = $1', [first])
      expect((await verifyAudit(db)).breaks).toEqual([{ fromId: first, toId: first, reason: 'prevHashMismatch' }])
    })
  })

  it('a row removed from the middle of one chain breaks the next row of that chain, not of the others', async () => {
    await withDb(async (db) => {
      for (let i = 0; i < 4; i++) for (const chain of [1, 2, 3]) await recordOn(db, chain, `test.step${i}`)
      expect(await verifyAudit(db)).toMatchObject({ ok: true, checked: 12, chains: [{ chain: 1, checked: 4 }, { chain: 2, checked: 4 }, { chain: 3, checked: 4 }] })
      const chainOfId = await chainOf(db)
      const ofChain2 = (await ids(db)).filter((id) => chainOfId.get(id) === 2)
      await unguard(db)
      await db.query('DELETE FROM audit_events WHERE id = $1', [ofChain2[1]])
      const r = await verifyAudit(db, { batchSize: 5 })
      expect(r.ok).toBe(false)
      // the next event by id belongs to chain 3 and still links; chain 2's next one does not
      expect(r.breaks).toEqual([{ fromId: ofChain2[2], toId: ofChain2[2], reason: 'prevHashMismatch' }])
    })
  })

  it('the tail of one chain cut while the others go on is found against a checkpoint', async () => {
    await withDb(async (db) => {
      const dir = tmpDir('mg-cp-')
      for (let i = 0; i < 3; i++) for (const chain of [1, 2]) await recordOn(db, chain, `test.step${i}`)
      const c1 = (await writeCheckpoint(db, dir))!
      expect(c1.chains!.map((h) => h.chain)).toEqual([1, 2])
      // chain 2 goes on after the checkpoint; chain 1 is cut back by its last two events
      for (let i = 3; i < 6; i++) await recordOn(db, 2, `test.step${i}`)
      const chainOfId = await chainOf(db)
      const ofChain1 = (await ids(db)).filter((id) => chainOfId.get(id) === 1)
      await unguard(db)
      await db.query('DELETE FROM audit_events WHERE id = ANY($1)', [ofChain1.slice(1)])

      const alone = await verifyAudit(db)
      expect(alone.ok).toBe(true) // every remaining link holds, and the newest event of all is still there
      const r = await verifyAudit(db, { checkpointDir: dir })
      expect(r.ok).toBe(false)
      expect(r.checkpoints).toMatchObject({
        problems: [],
        missingTails: [{ chain: 1, lastPresentId: ofChain1[0], missingUpToId: ofChain1[2], checkpointWrittenAt: c1.writtenAt }],
      })
      expect(r.checkpoints!.lastGood).toBeUndefined()
      expect(formatVerifyResult(r)).toContain('audit log NOT intact')

      // a whole chain removed is a missing tail with nothing left of it
      await db.query('DELETE FROM audit_events WHERE id = $1', [ofChain1[0]])
      expect((await verifyAudit(db, { checkpointDir: dir })).checkpoints!.missingTails).toEqual([
        { chain: 1, lastPresentId: null, missingUpToId: ofChain1[2], checkpointWrittenAt: c1.writtenAt },
      ])
    })
  })

  it('a checkpoint names every chain head, is written again only when one moved, and one from before the chains still verifies', async () => {
    await withDb(async (db) => {
      const dir = tmpDir('mg-cp-')
      await recordOn(db, 0, 'test.old')
      // a checkpoint as written before 0900: one head, no chains, signed without them
      const keys = auditKeys()
      const head = (await db.query<any>(`SELECT id, hash, (extract(epoch FROM at) * 1000000)::int8::text AS at_us FROM audit_events`)).rows[0]
      const fields = { eventId: Number(head.id), hash: head.hash, eventAt: microsToIso(head.at_us), writtenAt: new Date().toISOString(), keyId: keys.signKeyId }
      const old = { ...fields, signature: sign(null, Buffer.from(signedText('checkpoint', fields)), keys.signKey()).toString('base64') }
      fs.mkdirSync(dir, { recursive: true })
      fs.appendFileSync(path.join(dir, 'checkpoints.jsonl'), JSON.stringify(old) + '\n')
      expect(await verifyAudit(db, { checkpointDir: dir })).toMatchObject({ ok: true, checkpoints: { problems: [], missingTails: [], lastGood: { eventId: old.eventId } } })

      await recordOn(db, 4, 'test.new')
      const c = (await writeCheckpoint(db, dir))!
      expect(c.chains).toEqual([
        { chain: 0, eventId: old.eventId, hash: old.hash },
        { chain: 4, eventId: c.eventId, hash: c.hash },
      ])
      expect(await writeCheckpoint(db, dir)).toEqual(c)
      // an older chain moving on, not the newest event, also makes a new checkpoint
      await recordOn(db, 0, 'test.old2')
      const c2 = (await writeCheckpoint(db, dir))!
      expect(c2.writtenAt >= c.writtenAt && c2.chains![0].eventId > old.eventId).toBe(true)
      expect(readCheckpoints(dir)).toHaveLength(3)
      expect(await verifyAudit(db, { checkpointDir: dir })).toMatchObject({ ok: true, checkpoints: { problems: [], missingTails: [] } })

      // the signature covers the chain heads
      const lines = fs.readFileSync(path.join(dir, 'checkpoints.jsonl'), 'utf8').trim().split('\n')
      const forged = JSON.parse(lines[2])
      forged.chains[1].eventId += 1
      fs.writeFileSync(path.join(dir, 'checkpoints.jsonl'), [...lines.slice(0, 2), JSON.stringify(forged)].join('\n') + '\n')
      expect((await verifyAudit(db, { checkpointDir: dir })).checkpoints!.problems.map((p) => p.reason)).toEqual(['checkpointBadSignature'])
    })
  })
})
