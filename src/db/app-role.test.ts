import { describe, expect, it } from 'vitest'
import pg from 'pg'
import { openTestDb } from '../../test/helper.ts'
import { grantAppRole } from './app-role.ts'
import { recordAuditAlone } from '../modules/audit/service.ts'

const onServer = Boolean(process.env.DATABASE_URL)

describe.skipIf(!onServer)('application role on PostgreSQL', () => {
  it('may insert and read audit events but not change or remove them, and keeps the name grams', async () => {
    const db = await openTestDb()
    try {
      await db.query(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mg_app_test') THEN CREATE ROLE mg_app_test LOGIN; END IF; END $$`)
      await grantAppRole(db, 'mg_app_test')
      await recordAuditAlone(db, null, { action: 'test.event' })
      const { rows } = await db.query<{ db: string }>('SELECT current_database() AS db')
      const url = new URL(process.env.DATABASE_URL!)
      url.username = 'mg_app_test'
      url.pathname = '/' + rows[0].db
      const app = new pg.Client({ connectionString: url.toString() })
      await app.connect()
      try {
        await app.query(`INSERT INTO settings (key, value) VALUES ('x', '1')`)
        expect((await app.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBeGreaterThan(0)
        // The privilege check fails before the trigger runs: it is the grant that refuses.
        await expect(app.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/permission denied/)
        await expect(app.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/)
        await expect(app.query(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied/)
        // The name grams' triggers and upkeep (0203) run with the application's rights.
        const insert = `INSERT INTO businesses (uscc, name, kind, registered_address, area_code, unplaced_reason)
          SELECT 'ZW' || lpad(i::text, 16, '0'), '应用角色商户' || i, 'enterprise', '西安市', '05', 'noLocation' FROM generate_series($1::int, $2::int) i`
        await app.query(insert, [1, 1])
        await app.query(insert, [2, 1501])
        await app.query(`UPDATE businesses SET name = '改名商户' WHERE uscc = 'ZW0000000000000001'`)
        expect((await app.query('SELECT fill_business_name_grams(5000) AS n')).rows[0].n).toBe(1500)
        await app.query('VACUUM (ANALYZE) business_name_grams') // not the owner: skipped with a warning
        expect((await app.query(`SELECT count(*)::int AS n FROM business_name_grams WHERE gram IN ('改名商', '应用角')`)).rows[0].n).toBe(1501)
      } finally {
        await app.end()
      }
    } finally {
      await db.close()
    }
  })
})
