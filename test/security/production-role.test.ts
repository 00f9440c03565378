/**
 * Production as docs/deployment.md describes it, on PostgreSQL: a database owned by a non-superuser
 * owner who migrates, an application role with only `grant-app-role`'s rights, and the server on
 * that role. Before: every start ran CREATE TABLE IF NOT EXISTS schema_migrations and died with
 * `42501: {}`. Now: no DDL at start, one smoke request per route family answers without a 5xx.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import pg from 'pg'
import type { FastifyInstance } from 'fastify'
import { openPostgres, type Db } from '../../src/db/connection.ts'
import { migrate, prepareDatabase } from '../../src/db/migrate.ts'
import { grantAppRole } from '../../src/db/app-role.ts'
import { describeDatabaseError } from '../../src/db/db-errors.ts'
import { insertUser } from '../../src/modules/auth/service.ts'
import { createAuditKeys } from '../../src/modules/audit/keys.ts'
import { buildApp } from '../../src/server/app.ts'
import { login, testConfig } from '../helper.ts'
import { seedSmallTree, TEST_PASSWORD } from '../factories.ts'
import { businessInput } from '../factories-businesses.ts'

const run = promisify(execFile)
// The audit keys a production host keeps outside the database (docs/deployment.md, step 5): the
// commands this test runs as separate processes find them through AUDIT_KEY_DIR.
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-prod-keys-'))
createAuditKeys(keyDir)
const onServer = Boolean(process.env.DATABASE_URL)

describe.skipIf(!onServer)('production on PostgreSQL: migrate as owner, serve as the application role', () => {
  const suffix = randomBytes(3).toString('hex')
  const owner = `mg_prod_owner_${suffix}`
  const appRole = `mg_prod_app_${suffix}`
  const bare = `mg_prod_none_${suffix}`
  let database: string
  let admin: pg.Client
  let ownerDb: Db
  let appDb: Db
  let app: FastifyInstance
  const urlAs = (role: string, db = database) => {
    const u = new URL(process.env.DATABASE_URL!)
    u.username = role
    u.pathname = '/' + db
    return u.toString()
  }

  beforeAll(async () => {
    // Named like the run's other databases, so that the run's teardown drops it if this file cannot.
    database = `${inject('pgTemplateName').replace(/_template$/, '')}_prod_${suffix}`
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    // docs/deployment.md step 2, as the superuser.
    await admin.query(`CREATE ROLE ${owner} LOGIN`)
    await admin.query(`CREATE DATABASE ${database} OWNER ${owner}`)
    const su = new pg.Client({ connectionString: urlAs(new URL(process.env.DATABASE_URL!).username || 'postgres') })
    await su.connect()
    await su.query('CREATE EXTENSION postgis; CREATE EXTENSION pg_trgm')
    await su.end()
    // Step 3: migrate as the owner. Step 4: the application role and its grants, by the owner.
    ownerDb = await openPostgres(urlAs(owner), 2)
    expect((await migrate(ownerDb)).length).toBeGreaterThan(0)
    await admin.query(`CREATE ROLE ${appRole} LOGIN`)
    await admin.query(`CREATE ROLE ${bare} LOGIN`)
    await grantAppRole(ownerDb, appRole)
    appDb = await openPostgres(urlAs(appRole), 4)
  }, 120_000)

  afterAll(async () => {
    await app?.close()
    await appDb?.close()
    await ownerDb?.close()
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    for (const r of [owner, appRole, bare]) await admin.query(`DROP ROLE IF EXISTS ${r}`)
    await admin.end()
  })

  it('the application role cannot migrate, needs not to, and a start on it checks the schema only', async () => {
    // What every start did before: DDL as the application role.
    const err = await migrate(appDb).catch((e) => e)
    expect(err.code).toBe('42501')
    const sentence = describeDatabaseError(err, urlAs(appRole))!
    expect(sentence).toContain(`the database role ${appRole} lacks the right to`)
    expect(sentence).toContain('`market-grid migrate` as the database owner')
    expect(sentence).not.toMatch(/^42501/)
    expect(await prepareDatabase(appDb)).toEqual([])
  })

  it('serve refuses to start on a schema that is behind, with the plain sentence naming the missing migration', async () => {
    const { rows } = await ownerDb.query(`DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations) RETURNING *`)
    try {
      const err = await run(process.execPath, ['bin/market-grid.js', 'serve'], {
        env: { ...process.env, AUDIT_KEY_DIR: keyDir, DATABASE_URL: urlAs(appRole), PORT: '0', WEB_BUILD: 'false', LOG_LEVEL: 'warn' },
      }).catch((e) => e)
      expect(err.code).toBe(1)
      expect(String(err.stderr)).toContain(
        `market-grid: the database schema is not current: run \`market-grid migrate\` as the database owner (missing: ${rows[0].version})`,
      )
    } finally {
      await ownerDb.query('INSERT INTO schema_migrations (version, applied_at, checksum) VALUES ($1, $2, $3)', [rows[0].version, rows[0].applied_at, rows[0].checksum])
    }
  }, 60_000)

  it('a role without the grants gets a sentence naming grant-app-role, never a bare code', async () => {
    const none = await openPostgres(urlAs(bare), 1)
    try {
      const err = await none.query('SELECT count(*) FROM businesses').catch((e) => e)
      expect(err.code).toBe('42501')
      expect(describeDatabaseError(err, urlAs(bare))).toBe(
        `the database role ${bare} lacks the right to use table businesses (permission denied for table businesses): ` +
          `run \`market-grid grant-app-role ${bare}\` as the database owner (docs/deployment.md, step 4)`,
      )
    } finally {
      await none.close()
    }
  })

  it('the command line prints the sentence, not `42501: {}` (a real role without the grants)', async () => {
    const err = await run(process.execPath, ['bin/market-grid.js', 'verify-audit'], { env: { ...process.env, AUDIT_KEY_DIR: keyDir, DATABASE_URL: urlAs(bare) } }).catch((e) => e)
    expect(err.code).toBe(1)
    expect(String(err.stderr).trim()).toBe(
      `market-grid: the database role ${bare} lacks the right to use table schema_migrations (permission denied for table schema_migrations): ` +
        `run \`market-grid grant-app-role ${bare}\` as the database owner (docs/deployment.md, step 4)`,
    )
  }, 60_000)

  it('an owner who is no superuser migrating a database without PostGIS is told a superuser creates it', async () => {
    const bareDb = `${database}_nogis`
    await admin.query(`CREATE DATABASE ${bareDb} OWNER ${owner}`)
    try {
      const db = await openPostgres(urlAs(owner, bareDb), 1)
      const err = await migrate(db).catch((e) => e)
      await db.close()
      expect(describeDatabaseError(err, urlAs(owner, bareDb))).toContain(
        `the database role ${owner} may not create the extensions PostGIS and pg_trgm: a superuser runs \`CREATE EXTENSION postgis; CREATE EXTENSION pg_trgm;\` in ${bareDb}`,
      )
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${bareDb} WITH (FORCE)`)
    }
  })

  it('names a database that does not exist, an unknown role and a refused connection in plain words', async () => {
    const missing = await openPostgres(urlAs(owner, `${database}_nope`), 1).catch((e) => e)
    expect(describeDatabaseError(missing, urlAs(owner, `${database}_nope`))).toMatch(/^the database \S+_nope does not exist on /)
    const nobody = await openPostgres(urlAs(`${bare}_nobody`), 1).catch((e) => e)
    expect(describeDatabaseError(nobody, urlAs(`${bare}_nobody`))).toMatch(new RegExp(`^the database role ${bare}_nobody does not exist`))
    const refused = await openPostgres('postgres://x@127.0.0.1:1/none', 1).catch((e) => e)
    expect(describeDatabaseError(refused, 'postgres://x@127.0.0.1:1/none')).toMatch(/^cannot reach the PostgreSQL server at 127\.0\.0\.1:1: the connection was refused/)
  })

  it('tables that a later migration adds are the application role\'s without a second grant-app-role', async () => {
    await ownerDb.exec('CREATE TABLE later_release_thing (id serial PRIMARY KEY, v text)')
    try {
      const { rows } = await appDb.query<{ id: number }>(`INSERT INTO later_release_thing (v) VALUES ('x') RETURNING id`)
      expect(rows[0].id).toBe(1)
      // The audit log stays append-only and schema_migrations read-only for the application.
      await expect(appDb.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/)
      await expect(appDb.query(`DELETE FROM schema_migrations`)).rejects.toThrow(/permission denied/)
    } finally {
      await ownerDb.exec('DROP TABLE later_release_thing')
    }
  })

  it('create-admin as documented (the application role) works through the real command', async () => {
    const { stdout } = await run(process.execPath, ['bin/market-grid.js', 'create-admin', '--username', 'secadmin', '--role', 'security_admin', '--name', '安全管理员'], {
      env: { ...process.env, AUDIT_KEY_DIR: keyDir, DATABASE_URL: urlAs(appRole), MG_ADMIN_PASSWORD: TEST_PASSWORD },
    })
    expect(stdout).toContain('created secadmin')
  }, 60_000)

  it('serves every route family on the application role: no 5xx, no 42501', async () => {
    await seedSmallTree(ownerDb)
    // its own security administrator: the one create-admin makes belongs to the test above
    await appDb.transaction(async (tx) => {
      await insertUser(tx, { username: 'auditor', displayName: '审计管理员', password: TEST_PASSWORD, roles: ['audit_admin'], scope: '' })
      await insertUser(tx, { username: 'chief', displayName: '区长', password: TEST_PASSWORD, roles: ['district_chief'], scope: '05' })
      await insertUser(tx, { username: 'secadmin2', displayName: '安全管理员', password: TEST_PASSWORD, roles: ['security_admin'], scope: '' })
    })
    app = await buildApp({ db: appDb, config: testConfig() })
    await app.ready()
    const health = await app.inject({ method: 'GET', url: '/healthz' })
    expect(health.json()).toMatchObject({ status: 'ok', database: 'postgres' })

    const chief = await login(app, 'chief', TEST_PASSWORD)
    const secadmin = await login(app, 'secadmin2', TEST_PASSWORD)
    const auditor = await login(app, 'auditor', TEST_PASSWORD)
    const created = await chief.post('/api/businesses', businessInput())
    expect(created.statusCode, created.body).toBe(200)
    const requests: Array<[string, () => Promise<{ statusCode: number; body: string }>]> = [
      ['auth/me', () => chief.get('/api/auth/me')],
      ['areas', () => chief.get('/api/areas')],
      ['businesses list', () => chief.get('/api/businesses')],
      ['business', () => chief.get(`/api/businesses/${created.json().id}`)],
      ['people', () => chief.get('/api/people')],
      ['staffing', () => chief.get('/api/staffing')],
      ['coverage', () => chief.get('/api/areas/05/coverage')],
      ['map tile', () => chief.get('/api/map/tiles/10/833/409')],
      ['businesses export', () => chief.get('/api/businesses/export')],
      ['people export', () => chief.get('/api/people/export')],
      ['areas export', () => chief.get('/api/areas/export.geojson?under=05')],
      ['users as secadmin', () => secadmin.get('/api/users')],
      ['audit events as auditor', () => auditor.get('/api/audit-events')],
      ['audit verify as auditor', () => auditor.get('/api/audit-events/verify')],
    ]
    const answers: Record<string, number> = {}
    for (const [name, request] of requests) {
      const res = await request()
      answers[name] = res.statusCode
      expect(res.body, name).not.toContain('42501')
    }
    expect(Object.entries(answers).filter(([, s]) => s >= 500), JSON.stringify(answers)).toEqual([])
    expect(Object.entries(answers).filter(([, s]) => s >= 400), JSON.stringify(answers)).toEqual([])
  }, 120_000)
})
