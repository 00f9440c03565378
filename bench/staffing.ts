/**
 * The staffing report (M5.1) over a district of 2,000 grids, each with its staff (the demo
 * generator): the API's service, authorisation and rules included, against the grids read alone
 * in the same run. It moved here from staffing.test.ts, which asserted a wall-clock limit.
 */
import { openPostgres } from '../src/db/connection.ts'
import { migrate } from '../src/db/migrate.ts'
import { seedDemo } from '../src/modules/demo/seed.ts'
import { staffingReport } from '../src/modules/people/staffing.ts'
import type { Actor } from '../src/modules/access/policy.ts'
import { createDatabase, databaseExists, fmt, report, time, urlFor } from './lib.ts'

const DB_NAME = 'mg_bench_staffing'

export async function benchStaffing(runs = 20) {
  const db = (await databaseExists(DB_NAME)) ? await openPostgres(urlFor(DB_NAME), 4) : await createDatabase(DB_NAME)
  try {
    await migrate(db)
    if (Number((await db.query('SELECT count(*) AS n FROM grids')).rows[0].n) === 0) {
      console.log(`building the staffing bench dataset (2,000 grids with their staff) into ${DB_NAME} …`)
      await seedDemo(db, { totalGrids: 2000, businesses: 0, seed: 3, log: () => {} })
    }
    const chief: Actor = { userId: 0, username: 'bench', displayName: 'bench', roles: ['district_chief'], scope: '' }
    const median = async (fn: () => Promise<unknown>) => {
      const ms: number[] = []
      for (let i = 0; i < runs; i++) ms.push((await time(fn)).ms)
      return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]
    }
    const grids = Number((await db.query('SELECT count(*) AS n FROM grids')).rows[0].n)
    const ours = await median(() => staffingReport(db, chief, { violationsOnly: true }))
    const anchor = await median(() => db.query('SELECT code, name FROM grids ORDER BY code'))
    report({
      name: `staffing report with its rules, ${fmt(grids)} grids (median of ${runs})`,
      ours: `${fmt(ours, 1)} ms`,
      anchor: `${fmt(anchor, 1)} ms (the grids' codes and names read alone)`,
      ratio: anchor / ours,
      target: 'under 5,000 ms',
      pass: ours < 5000,
    })
  } finally {
    await db.close()
  }
}
