import type { Db } from '../db/connection.ts'
import { AppError, formatMessage } from '../server/errors.ts'
import { unlockUser } from '../modules/auth/service.ts'

/**
 * `market-grid unlock-user USERNAME`: on the host, lifts every login wait of an account and clears
 * its failure count (audited as `user.unlocked` via host). For when the security administrator is
 * the one locked out, or no administrator can log in.
 */
export async function runUnlockUser(db: Db, args: string[]): Promise<number> {
  const username = args[0]
  if (!username || args.length > 1) {
    console.error('usage: market-grid unlock-user USERNAME')
    return 2
  }
  try {
    const user = await unlockUser(db, null, username)
    console.log(`unlocked ${user.username}: every address may try again; failure count cleared`)
    return 0
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`${formatMessage(err.code, 'zh-CN', err.details)} / ${formatMessage(err.code, 'en', err.details)}: ${username}`)
      return 1
    }
    throw err
  }
}
