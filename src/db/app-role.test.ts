import { describe, expect, it } from 'vitest'
import pg from 'pg'
import { openTestDb } from '../../test/helper.ts'
import { grantAppRole } from './app-role.ts'
import { recordAuditAlone } from '../modules/audit/service.ts'

const onServer = Boolean(process.env.DATABASE_URL)

describe.skipIf(!onServer)('application role on PostgreSQL', () => {
  it('may insert and read audit events but not change or remove them', async () => {
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
      } finally {
        await app.end()
      }
    } finally {
      await db.close()
    }
  })
})
