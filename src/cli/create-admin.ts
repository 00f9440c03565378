import { createInterface } from 'node:readline/promises'
import type { Db } from '../db/connection.ts'
import { ADMIN_ROLES, type Role } from '../modules/access/policy.ts'
import { createUser } from '../modules/auth/service.ts'

async function readPassword(): Promise<string> {
  if (process.env.MG_ADMIN_PASSWORD) return process.env.MG_ADMIN_PASSWORD
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false })
  process.stderr.write('password: ')
  for await (const line of rl) {
    rl.close()
    return line
  }
  throw new Error('no password given (set MG_ADMIN_PASSWORD or pipe it on stdin)')
}

/**
 * A real installation starts with no account and no default password (Q3): the installer creates
 * the three administrators (三员: system, security, audit), each a different account.
 */
export async function createAdmin(db: Db, values: Record<string, unknown>): Promise<number> {
  const username = values.username as string | undefined
  const role = values.role as Role | undefined
  if (!username || !role || !ADMIN_ROLES.includes(role)) {
    console.error(`usage: market-grid create-admin --username U --role ${ADMIN_ROLES.join('|')} [--name N]`)
    return 2
  }
  const password = await readPassword()
  const user = await createUser(db, null, { username, displayName: (values.name as string) ?? username, password, roles: [role], scope: '' })
  console.log(`created ${user.username} (${role}, whole installation)`)
  return 0
}
