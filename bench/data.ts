/**
 * The benchmark dataset on PostgreSQL: the demo generator at city scale (10,000 grids, 1,000,000
 * businesses), built once into database `mg_bench` and reused while its parameters match.
 */
import { openPostgres, type Db } from '../src/db/connection.ts'
import { migrate } from '../src/db/migrate.ts'
import { fillNameGrams } from '../src/modules/businesses/name-grams.ts'
import { seedDemo } from '../src/modules/demo/seed.ts'
import { createDatabase, databaseExists, fmt, time, urlFor } from './lib.ts'

export const BENCH_DB = 'mg_bench'

export interface Dataset {
  grids: number
  businesses: number
  seed: number
}

export async function benchDataset(want: Dataset): Promise<Db> {
  const key = JSON.stringify(want)
  if (await databaseExists(BENCH_DB)) {
    const db = await openPostgres(urlFor(BENCH_DB), 8)
    await migrate(db)
    const found = await db.query<{ value: string }>(`SELECT value::text FROM settings WHERE key = 'bench.dataset'`).catch(() => ({ rows: [] as { value: string }[] }))
    if (found.rows[0] && JSON.parse(found.rows[0].value) === key) {
      // A dataset built before the name grams (0203) has them all in its backlog.
      const { ms, result: ids } = await time(() => fillNameGrams(db))
      if (ids) console.log(`  name grams of ${fmt(ids)} businesses written in ${fmt(ms / 1000, 1)} s`)
      return db
    }
    await db.close()
  }
  console.log(`building the bench dataset ${key} into ${BENCH_DB} …`)
  const db = await createDatabase(BENCH_DB)
  const { ms } = await time(() => seedDemo(db, { totalGrids: want.grids, businesses: want.businesses, seed: want.seed, log: (m) => console.log('  ' + m) }))
  await db.query(`INSERT INTO settings (key, value) VALUES ('bench.dataset', to_jsonb($1::text))`, [key])
  // As autovacuum would leave it before anyone searches: the name index's pending list merged.
  await db.query('VACUUM ANALYZE')
  console.log(`  built in ${fmt(ms / 1000, 1)} s`)
  await db.close()
  return openPostgres(urlFor(BENCH_DB), 8)
}
