import type { Config } from '../../config.ts'
import type { Db } from '../../db/connection.ts'
import { rawPublicKey, createAuditKeys, readAuditKeys, publicKeyFingerprint, installAuditKeys } from './keys.ts'
import { writeCheckpoint } from './checkpoints.ts'
import { verifyAudit, type VerifyResult } from './service.ts'

/** verify-audit's text: every break, then the comparison with the checkpoints. */
export function formatVerifyResult(r: VerifyResult): string[] {
  const lines: string[] = []
  const head = r.head ? `; head #${r.head.id} ${r.head.hash} at ${r.head.eventAt}` : ''
  const chains = r.chains.length === 1 ? ' in 1 chain' : ` in ${r.chains.length} chains`
  lines.push(`${r.checked} events checked${r.checked ? chains : ''} (${r.keyed} keyed, ${r.unkeyedLegacy} unkeyed legacy)${head}`)
  if (r.breaks.length === 0) lines.push('chain: every link holds')
  for (const b of r.breaks) {
    lines.push(`chain BROKEN: ${b.fromId === b.toId ? `event ${b.fromId}` : `events ${b.fromId}–${b.toId}`}: ${b.reason}`)
  }
  if (r.breaksTruncated) lines.push('chain: more breaks than listed')
  const c = r.checkpoints
  if (c) {
    if (c.count === 0) lines.push('checkpoints: none yet (run `market-grid audit-checkpoint`)')
    else lines.push(`checkpoints: ${c.count} read` + (c.lastGood ? `; newest agreeing: event ${c.lastGood.eventId} (written ${c.lastGood.writtenAt})` : ''))
    for (const p of c.problems) {
      lines.push('reason' in p && 'eventId' in p
        ? `checkpoint PROBLEM: event ${p.eventId}${'chain' in p ? ` (head of chain ${p.chain})` : ''} (checkpoint written ${p.writtenAt}): ${p.reason}`
        : `checkpoint PROBLEM: line ${(p as { line: number }).line} unreadable`)
    }
    for (const t of c.missingTails) {
      lines.push(`MISSING TAIL of chain ${t.chain}: a checkpoint written ${t.checkpointWrittenAt} saw event ${t.missingUpToId} at its end; ` +
        `the chain now ends at ${t.lastPresentId ?? '(empty)'}: its events after ${t.lastPresentId ?? 0}, up to ${t.missingUpToId}, were removed`)
    }
  }
  lines.push(r.ok ? 'audit log intact' : 'audit log NOT intact')
  return lines
}

export async function runVerifyAudit(db: Db, config: Config): Promise<number> {
  installAuditKeys(config.audit.keyDir, !config.databaseUrl)
  const result = await verifyAudit(db, { checkpointDir: config.audit.checkpointDir })
  const lines = formatVerifyResult(result)
  ;(result.ok ? console.log : console.error)(lines.join('\n'))
  return result.ok ? 0 : 1
}

export async function runAuditCheckpoint(db: Db, config: Config): Promise<number> {
  const keys = installAuditKeys(config.audit.keyDir, !config.databaseUrl)
  const c = await writeCheckpoint(db, config.audit.checkpointDir, keys)
  if (!c) {
    console.error('the audit log is empty: nothing to checkpoint')
    return 1
  }
  console.log(`checkpoint: event ${c.eventId} ${c.hash} (${c.eventAt}), key ${c.keyId}, in ${config.audit.checkpointDir}`)
  return 0
}

/** `audit-key new` creates and activates new keys (old ones stay for verification); `audit-key show` prints the active ids. */
export function runAuditKey(config: Config, sub: string | undefined): number {
  if (sub === 'new') createAuditKeys(config.audit.keyDir)
  else if (sub !== 'show') {
    console.error('usage: market-grid audit-key new|show')
    return 2
  }
  const keys = readAuditKeys(config.audit.keyDir)
  if (!keys) {
    console.error(`no audit key in ${config.audit.keyDir}: run \`market-grid audit-key new\``)
    return 1
  }
  const pub = keys.publicKey(keys.signKeyId)!
  console.log([
    `key folder: ${keys.dir}`,
    `active HMAC key: ${keys.hmacKeyId}`,
    `active signing key: ${keys.signKeyId} (Ed25519, fingerprint ${publicKeyFingerprint(pub)})`,
    `public key (base64, raw 32 bytes; publish it for receipt checks): ${rawPublicKey(pub)}`,
    sub === 'new' ? 'copy the whole folder to every app server, then restart them' : '',
  ].filter(Boolean).join('\n'))
  return 0
}
