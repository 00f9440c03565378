import type { Db } from '../../db/connection.ts'
import { addIntakeClient, revokeIntakeClient } from './intake.ts'

/** `market-grid intake-client add|revoke NAME`: keys of the platforms that file cases. */
export async function runIntakeClient(db: Db, args: string[]): Promise<number> {
  const [verb, name] = args
  if (!name || !/^[a-z0-9][a-z0-9_.-]{1,39}$/.test(name) || (verb !== 'add' && verb !== 'revoke')) {
    console.error('usage: market-grid intake-client add|revoke NAME   (NAME: 2–40 of a-z 0-9 _ . -, e.g. hotline12315)')
    return 2
  }
  if (verb === 'add') {
    const key = await addIntakeClient(db, name)
    console.log(`intake key of ${name} (shown once; send it as X-Api-Key, or as api_key to Open311):\n${key}`)
    return 0
  }
  if (await revokeIntakeClient(db, name)) {
    console.log(`revoked the key of ${name}`)
    return 0
  }
  console.error(`no active intake client named ${name}`)
  return 1
}
