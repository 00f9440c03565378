import fs from 'node:fs'
import path from 'node:path'
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { loadConfig } from '../../config.ts'
import { AppError, formatMessage } from '../../server/errors.ts'
import './errors.ts'

/**
 * The audit chain's keys, kept in a folder outside the database so that a database role that can
 * write audit_events (the application role, or anyone with a dump) cannot forge a link:
 * - `hmac-<id>.key`: 32 random bytes (base64) keying the chain's HMAC-SHA-256 links;
 * - `sign-<id>.pem`: an Ed25519 private key signing checkpoints and head receipts;
 * - `active.json`: which ids new events and checkpoints use. Old keys stay, so that the events and
 *   checkpoints they made still verify: rotation is `market-grid audit-key new`.
 * Every file is written mode 0600 and never overwritten.
 */
export interface AuditKeyring {
  dir: string
  hmacKeyId: string
  hmacKey(id: string): Buffer | undefined
  signKeyId: string
  signKey(): KeyObject
  publicKey(id: string): KeyObject | undefined
}

interface Active {
  hmac: string
  sign: string
}

function newKeyId(prefix: string): string {
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)
  return `${prefix}${stamp}-${randomBytes(3).toString('hex')}`
}

function writeSecret(file: string, content: string) {
  // 'wx': never overwrite an existing key (two processes starting together each keep their own name).
  fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' })
}

/** Creates a new HMAC key and Ed25519 pair in `dir` and makes them the active ones. */
export function createAuditKeys(dir: string): Active {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const active = { hmac: newKeyId('h'), sign: newKeyId('s') }
  writeSecret(path.join(dir, `hmac-${active.hmac}.key`), randomBytes(32).toString('base64') + '\n')
  const { privateKey } = generateKeyPairSync('ed25519')
  writeSecret(path.join(dir, `sign-${active.sign}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)
  // Written last and replaced atomically: a reader sees the old pair or the new one, never half.
  const tmp = path.join(dir, `active.json.${process.pid}.tmp`)
  fs.writeFileSync(tmp, JSON.stringify(active) + '\n', { mode: 0o600 })
  fs.renameSync(tmp, path.join(dir, 'active.json'))
  return active
}

/** Reads the key folder; undefined when it holds no active key. */
export function readAuditKeys(dir: string): AuditKeyring | undefined {
  let active: Active
  try {
    active = JSON.parse(fs.readFileSync(path.join(dir, 'active.json'), 'utf8'))
  } catch {
    return undefined
  }
  const hmac = new Map<string, Buffer>()
  const pub = new Map<string, KeyObject>()
  let signPrivate: KeyObject | undefined
  for (const f of fs.readdirSync(dir)) {
    let m = /^hmac-([\w-]+)\.key$/.exec(f)
    if (m) hmac.set(m[1], Buffer.from(fs.readFileSync(path.join(dir, f), 'utf8').trim(), 'base64'))
    m = /^sign-([\w-]+)\.pem$/.exec(f)
    if (m) {
      const key = createPrivateKey(fs.readFileSync(path.join(dir, f), 'utf8'))
      pub.set(m[1], createPublicKey(key))
      if (m[1] === active.sign) signPrivate = key
    }
  }
  if (!hmac.has(active.hmac) || !signPrivate) return undefined
  const sign = signPrivate
  return {
    dir,
    hmacKeyId: active.hmac,
    hmacKey: (id) => hmac.get(id),
    signKeyId: active.sign,
    signKey: () => sign,
    publicKey: (id) => pub.get(id),
  }
}

/** The raw 32-byte Ed25519 public key, base64: what a receipt carries and `openssl`/node can check. */
export function rawPublicKey(key: KeyObject): string {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' })
  return der.subarray(der.length - 32).toString('base64')
}

export function publicKeyFingerprint(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16)
}

let installed: AuditKeyring | undefined

/**
 * Loads the keys a process signs with. `generate` (the embedded install, tests) creates them when
 * the folder has none; otherwise a missing key is refused with how to make one.
 */
export function installAuditKeys(dir: string, generate: boolean): AuditKeyring {
  let ring = readAuditKeys(dir)
  if (!ring && generate) {
    createAuditKeys(dir)
    ring = readAuditKeys(dir)
  }
  if (!ring) throw new AppError('audit.keyMissing', { dir })
  installed = ring
  return ring
}

/**
 * The keys of this process. The server installs them at start; a CLI command gets them from the
 * settings on first use. Tests install a temporary folder of their own (test/audit-keys.ts).
 */
export function auditKeys(): AuditKeyring {
  if (installed) return installed
  const config = loadConfig()
  return installAuditKeys(config.audit.keyDir, !config.databaseUrl)
}

/** installAuditKeys for the server's start: a missing key stops it with a plain message in both languages. */
export function installAuditKeysOrExplain(dir: string, generate: boolean): AuditKeyring {
  try {
    return installAuditKeys(dir, generate)
  } catch (err) {
    if (err instanceof AppError) throw new Error(`${formatMessage(err.code, 'zh-CN', err.details)}\n${formatMessage(err.code, 'en', err.details)}`)
    throw err
  }
}
