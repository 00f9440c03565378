/**
 * Migration checksums and the start-up check: an applied migration whose file changed is refused,
 * naming the file; a missing migration stops the start with a plain sentence; databases migrated
 * before checksums were kept get them filled in once by `migrate`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb } from '../../test/helper.ts'
import type { Db } from './connection.ts'
import { checkSchemaCurrent, listMigrations, migrate, prepareDatabase, schemaState } from './migrate.ts'

let db: Db
beforeAll(async () => {
  db = await openTestDb()
})
afterAll(async () => {
  await db.close()
})

describe('migration checksums', () => {
  it('records the sha256 of every migration file, and a current schema passes the check', async () => {
    const { rows } = await db.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations ORDER BY version')
    expect(rows).toEqual(listMigrations().map((m) => ({ version: m.version, checksum: m.checksum })))
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true)
    await expect(checkSchemaCurrent(db)).resolves.toBeUndefined()
    expect(await prepareDatabase(db)).toEqual([])
  })

  it('refuses an applied migration whose file changed, at start and in migrate, naming the file', async () => {
    const [first] = listMigrations()
    await db.query(`UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = $1`, [first.version])
    try {
      await expect(checkSchemaCurrent(db)).rejects.toThrow(`src/db/migrations/${first.version}.sql`)
      await expect(prepareDatabase(db)).rejects.toThrow(/changed since it was applied/)
      await expect(migrate(db)).rejects.toThrow(`src/db/migrations/${first.version}.sql`)
    } finally {
      await db.query('UPDATE schema_migrations SET checksum = $2 WHERE version = $1', [first.version, first.checksum])
    }
  })

  it('fills in the checksums of migrations applied before checksums were kept, once', async () => {
    await db.query('UPDATE schema_migrations SET checksum = NULL')
    expect((await schemaState(db)).unchecked).toHaveLength(listMigrations().length)
    expect(await migrate(db)).toEqual([])
    expect(await schemaState(db)).toEqual({ missing: [], changed: [], unchecked: [] })
  })

  it('names the missing migrations and says to run migrate as the owner', async () => {
    const last = listMigrations().at(-1)!
    const { rows } = await db.query('DELETE FROM schema_migrations WHERE version = $1 RETURNING *', [last.version])
    try {
      await expect(checkSchemaCurrent(db)).rejects.toThrow(
        `the database schema is not current: run \`market-grid migrate\` as the database owner (missing: ${last.version})`,
      )
    } finally {
      await db.query('INSERT INTO schema_migrations (version, applied_at, checksum) VALUES ($1, $2, $3)', [rows[0].version, rows[0].applied_at, rows[0].checksum])
    }
  })
})
