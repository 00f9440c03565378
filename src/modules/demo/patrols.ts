/**
 * Patrol tasks for the served demo, so that the demo grid worker (worker050203) opens the field app
 * on work rather than on an empty list: the first businesses of each grid of the demo station 0502
 * get the registered-address check of a new registration (M4.2), due in its working days, given
 * to the grid's staff as the real job gives them. The periodic tasks come from the hourly job.
 */
import type { Db } from '../../db/connection.ts'
import { createRegistrationTasks } from '../patrols/tasks.ts'

/** Businesses per grid given a registration check. */
const PER_GRID = 4

export async function seedDemoPatrols(db: Db, now: Date, log: (msg: string) => void): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM (
       SELECT id, row_number() OVER (PARTITION BY grid_code ORDER BY id) AS k FROM businesses WHERE grid_code LIKE '0502%'
     ) b WHERE k <= $1 ORDER BY id`, [PER_GRID])
  let created = 0
  await db.transaction(async (tx) => {
    for (const { id } of rows) created += await createRegistrationTasks(tx, id, now)
  })
  log(`demo: ${created} patrol tasks`)
  return created
}
