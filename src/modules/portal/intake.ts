/**
 * Other platforms that file cases: a 12315 centre forwarding orders, a city platform, an Open311
 * client. Each has a key made on the host (`market-grid intake-client add <name>`), of which only the
 * sha256 is stored; a request names its key in `X-Api-Key` (Open311: `api_key`).
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { recordAudit } from '../audit/service.ts'
import './errors.ts'

export interface IntakeClient {
  id: number
  name: string
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex')

/** Makes a client and returns its key, shown once. */
export async function addIntakeClient(db: Db, name: string): Promise<string> {
  const key = 'mgk_' + randomBytes(24).toString('base64url')
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO intake_clients (name, key_hash) VALUES ($1, $2)', [name, hashOf(key)])
    await recordAudit(tx, { username: 'cli' }, { action: 'intake.clientAdded', objectType: 'intakeClient', objectId: name })
  })
  return key
}

export async function revokeIntakeClient(db: Db, name: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rowCount } = await tx.query('UPDATE intake_clients SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL', [name])
    if (rowCount) await recordAudit(tx, { username: 'cli' }, { action: 'intake.clientRevoked', objectType: 'intakeClient', objectId: name })
    return rowCount > 0
  })
}

/** The client a key belongs to; throws intake.keyRequired / intake.keyInvalid. */
export async function intakeClientOf(sql: Sql, key: string | undefined): Promise<IntakeClient> {
  if (!key) throw new AppError('intake.keyRequired')
  const { rows } = await sql.query<IntakeClient>(
    'SELECT id, name FROM intake_clients WHERE key_hash = $1 AND revoked_at IS NULL', [hashOf(key)],
  )
  if (!rows[0]) throw new AppError('intake.keyInvalid')
  return rows[0]
}
