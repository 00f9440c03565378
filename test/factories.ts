/**
 * Real rows for tests, built through the same services the app uses, with overrides.
 */
import type { Db, Sql } from '../src/db/connection.ts'
import type { Role } from '../src/modules/access/policy.ts'
import { insertUser } from '../src/modules/auth/service.ts'
import type { FastifyInstance } from 'fastify'
import { login, type Client } from './helper.ts'

export const TEST_PASSWORD = 'Grid-Test-Pass-2026'

/** A square as a WKT MultiPolygon: [x, y] is its lower-left corner, `size` degrees wide. */
export function squareWkt(x: number, y: number, size: number): string {
  const [x2, y2] = [x + size, y + size]
  return `MULTIPOLYGON(((${x} ${y},${x2} ${y},${x2} ${y2},${x} ${y2},${x} ${y})))`
}

/**
 * A small tree written straight to the tables (the area service has its own tests):
 * district 05 (0..2 × 0..1 around 109°E 34°N), stations 0501 (west) and 0502 (east),
 * grids 050101, 050102 in 0501 and 050201, 050202 in 0502. All tile exactly.
 */
export async function seedSmallTree(sql: Sql, x0 = 109, y0 = 34): Promise<void> {
  const rect = (x: number, y: number, w: number, h: number) =>
    `MULTIPOLYGON(((${x} ${y},${x + w} ${y},${x + w} ${y + h},${x} ${y + h},${x} ${y})))`
  const rows: Array<[string, string | null, string, string]> = [['05', null, '测试片区', rect(x0, y0, 0.2, 0.1)]]
  rows.push(['0501', '05', '纺织城', rect(x0, y0, 0.1, 0.1)])
  rows.push(['0502', '05', '席王', rect(x0 + 0.1, y0, 0.1, 0.1)])
  rows.push(['050101', '0501', '纺织城第一网格', rect(x0, y0, 0.05, 0.1)])
  rows.push(['050102', '0501', '纺织城第二网格', rect(x0 + 0.05, y0, 0.05, 0.1)])
  rows.push(['050201', '0502', '席王第一网格', rect(x0 + 0.1, y0, 0.05, 0.1)])
  rows.push(['050202', '0502', '席王第二网格', rect(x0 + 0.15, y0, 0.05, 0.1)])
  for (const [code, parent, name, wkt] of rows) {
    await sql.query(
      `INSERT INTO areas (code, parent_code, level, name, profile_id, boundary, area_km2)
       VALUES ($1, $2, $3, $4, 'baqiao', ST_GeomFromText($5, 4326), ST_Area(ST_GeomFromText($5, 4326)::geography) / 1e6)`,
      [code, parent, code.length / 2, name, wkt],
    )
  }
}

let counter = 0

/** An account with the given roles and scope, logged in. */
export async function userWith(app: FastifyInstance, db: Db, roles: Role[], scope: string, username?: string): Promise<Client> {
  const name = username ?? `u${++counter}_${roles[0]}_${scope || 'all'}`
  await db.transaction((tx) => insertUser(tx, { username: name, displayName: name, password: TEST_PASSWORD, roles, scope }))
  return login(app, name, TEST_PASSWORD)
}
