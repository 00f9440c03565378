/**
 * verify-audit at scale (issue 11): 1,000,000 keyed audit events, their links computed here in JS
 * and bulk-loaded with COPY, then the whole chain verified by verifyAudit(). Target: under 60 s on
 * the reference machine, on the embedded database and on PostgreSQL.
 *
 *   npx tsx bench/verify-audit.ts [--events N]      (PostgreSQL too when DATABASE_URL or BENCH_DATABASE_URL is set)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openPglite, type Db } from '../src/db/connection.ts'
import { migrate } from '../src/db/migrate.ts'
import { GENESIS_HASH, keyedChainHash } from '../src/modules/audit/chain.ts'
import { microsToIso } from '../src/modules/audit/checkpoints.ts'
import { installAuditKeys } from '../src/modules/audit/keys.ts'
import { verifyAudit } from '../src/modules/audit/service.ts'
import { createDatabase, dropDatabase, fmt, report, time } from './lib.ts'

const csvCell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : `"${v.replaceAll('"', '""')}"`)

/** Loads `n` keyed events in chunks of COPY, as recordAudit would have written them. */
async function loadEvents(db: Db, n: number): Promise<void> {
  const keys = installAuditKeys(fs.mkdtempSync(path.join(os.tmpdir(), 'mg-bench-keys-')), true)
  const key = keys.hmacKey(keys.hmacKeyId)!
  const start = BigInt(Date.UTC(2026, 0, 1)) * 1000n
  let prev = GENESIS_HASH
  const chunk = 50_000
  for (let base = 0; base < n; base += chunk) {
    const lines: string[] = []
    for (let i = base; i < Math.min(n, base + chunk); i++) {
      const atMicros = String(start + BigInt(i) * 1_234_567n)
      const e = {
        keyId: keys.hmacKeyId, atMicros, userId: (i % 500) + 1, username: `user${i % 500}`, areaCode: `05${String(i % 90 + 10)}`,
        ip: `10.0.${i % 250}.${i % 200}`, action: i % 3 ? 'business.updated' : 'auth.login', objectType: 'business', objectId: String(i),
        result: 'ok' as const, details: { fields: ['name', 'riskClass'], n: i, 名称: '纺织城' },
      }
      const hash = keyedChainHash(key, prev, e)
      lines.push([microsToIso(atMicros), e.userId, e.username, e.areaCode, e.ip, e.action, e.objectType, e.objectId, e.result,
        JSON.stringify(e.details), prev, hash, e.keyId].map(csvCell).join(','))
      prev = hash
    }
    await db.copyCsv('audit_events (at, user_id, username, area_code, ip, action, object_type, object_id, result, details, prev_hash, hash, key_id)', lines.join('\n') + '\n')
  }
}

export async function benchVerifyAudit(events = 1_000_000, withPostgres = true): Promise<void> {
  const targets: Array<[string, () => Promise<{ db: Db; drop: () => Promise<void> }>]> = [
    ['embedded PGlite', async () => {
      const db = await openPglite(undefined)
      await migrate(db)
      return { db, drop: () => db.close() }
    }],
  ]
  if (withPostgres) {
    targets.push(['PostgreSQL', async () => {
      const db = await createDatabase('mg_bench_audit')
      return { db, drop: async () => { await db.close(); await dropDatabase('mg_bench_audit') } }
    }])
  }
  for (const [label, open] of targets) {
    const { db, drop } = await open()
    try {
      const load = await time(() => loadEvents(db, events))
      console.log(`${label}: ${fmt(events)} events loaded in ${fmt(load.ms / 1000, 1)} s`)
      const { ms, result } = await time(() => verifyAudit(db))
      if (!result.ok || result.checked !== events) throw new Error(`verify-audit bench: chain not intact (${JSON.stringify(result.breaks.slice(0, 3))})`)
      const s = ms / 1000
      report({
        name: `verify-audit of ${fmt(events)} keyed events (${label})`,
        ours: `${fmt(s, 1)} s (${fmt(events / s)} events/s)`,
        anchor: '60 s (issue 11 target for 1,000,000 events)',
        ratio: (60 * events) / 1_000_000 / s,
        target: '≥ 1',
        pass: s * (1_000_000 / events) < 60,
      })
    } finally {
      await drop()
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--events')
  const events = i > 0 ? Number(process.argv[i + 1]) : 1_000_000
  await benchVerifyAudit(events, !!(process.env.DATABASE_URL || process.env.BENCH_DATABASE_URL))
  process.exit(0)
}
