import { afterAll, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../test/helper.ts'
import type { Db } from '../../db/connection.ts'
import { seedDemo } from './seed.ts'
import { contentDigest, misplacedBusinesses, siblingOverlaps, staffingProblems, tilingGaps } from './test-support.ts'

const opened: Db[] = []
afterAll(async () => {
  for (const db of opened) await db.close()
})

async function seeded(opts: Parameters<typeof seedDemo>[1]) {
  const db = await openTestDb()
  opened.push(db)
  const summary = await seedDemo(db, opts)
  return { db, summary }
}

describe('demo seed: reproducible from its seed', () => {
  it('gives the same data for the same seed and different data for another', async () => {
    const small = { businesses: 150, gridsPerStation: [3, 4] as [number, number] }
    const a = await seeded({ ...small, seed: 11 })
    const b = await seeded({ ...small, seed: 11 })
    const c = await seeded({ ...small, seed: 12 })
    const [da, db, dc] = await Promise.all([contentDigest(a.db), contentDigest(b.db), contentDigest(c.db)])
    expect(db).toEqual(da)
    for (const table of Object.keys(da) as Array<keyof typeof da>) {
      // users differ too: the demo accounts carry the names of their (generated) people
      expect(dc[table], table).not.toBe(da[table])
    }
  })
})

describe('demo seed: benchmark mode', () => {
  it('spreads a total of about 200 grids over the six stations and still tiles and staffs them', async () => {
    const { db, summary } = await seeded({ businesses: 300, seed: 3, totalGrids: 200 })
    expect(summary).toMatchObject({ districts: 1, stations: 6, grids: 200, businesses: 300 })
    const { rows } = await db.query<{ n: number; most: number; fewest: number }>(
      `SELECT count(*)::int AS n, max(k)::int AS most, min(k)::int AS fewest
       FROM (SELECT parent_code, count(*) AS k FROM grids GROUP BY parent_code) s`,
    )
    expect(rows[0].n).toBe(6)
    expect(rows[0].most).toBeLessThanOrEqual(99)
    expect(rows[0].fewest).toBeGreaterThanOrEqual(3)
    for (const g of await tilingGaps(db)) expect(g.relative).toBeLessThan(1e-9)
    expect(await siblingOverlaps(db)).toEqual([])
    expect(await staffingProblems(db)).toEqual([])
    expect(await misplacedBusinesses(db)).toBe(0)
  })
})
