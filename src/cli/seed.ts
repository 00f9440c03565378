import type { Config } from '../config.ts'
import type { Db } from '../db/connection.ts'
import { OperatorError } from '../db/db-errors.ts'
import { isDatabaseEmpty, seedDemo } from '../modules/demo/seed.ts'

function positiveInt(raw: unknown, name: string): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new OperatorError(`--${name} must be a whole number, got ${raw}`)
  return n
}

/** `market-grid seed demo`: the Baqiao demo district, into an empty database only. */
export async function runSeed(db: Db, args: string[], values: Record<string, unknown>, config: Config): Promise<number> {
  if (args[0] !== 'demo') {
    console.error('usage: market-grid seed demo [--businesses N] [--seed S] [--total-grids G]')
    return 2
  }
  if (!(await isDatabaseEmpty(db))) {
    console.error('the database already has areas: the demo is seeded only into an empty database')
    return 1
  }
  const summary = await seedDemo(db, {
    businesses: positiveInt(values.businesses, 'businesses'),
    seed: positiveInt(values.seed, 'seed'),
    totalGrids: positiveInt(values['total-grids'], 'total-grids'),
    log: (msg) => console.log(msg),
    cases: { evidence: config.evidence },
    patrols: true,
  }).catch((err) => {
    // The demo writes the people with their ids and sets the id sequence after them (setval), a
    // right the application role does not have: on PostgreSQL the owner seeds, like it migrates.
    if (db.kind === 'postgres' && err?.code === '42501') {
      throw new OperatorError(
        'on PostgreSQL `market-grid seed demo` is run as the database owner (it sets the people id sequence, which the application role may not): ' +
          'run it with DATABASE_URL of the owner (docs/deployment.md); nothing was written', { cause: err })
    }
    throw err
  })
  console.log(`demo district: ${summary.grids} grids, ${summary.businesses} businesses, ${summary.people} people in ${summary.ms} ms`)
  for (const a of summary.accounts) console.log(`  ${a.username.padEnd(16)} ${a.password.padEnd(18)} ${a.roles.join(',')} scope ${a.scope || '(all)'}`)
  return 0
}
