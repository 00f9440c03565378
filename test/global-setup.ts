/**
 * Builds one migrated template database per run (STYLE.md: clone, don't migrate per file).
 * PGlite: a data folder migrated once and dumped to a tarball, cached by the migrations' content;
 * each test file loads the dump into an in-memory PGlite. PostgreSQL (DATABASE_URL set): a template
 * database that each test file clones with CREATE DATABASE … TEMPLATE.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import pg from 'pg'
import { listMigrations, migrate } from '../src/db/migrate.ts'
import { openPglite, openPostgres } from '../src/db/connection.ts'
import { ensureWebBuilt } from '../src/server/web-build.ts'
import { expectedJobSchemaVersion } from '../src/server/jobs.ts'
import { JOBS } from '../src/server/job-list.ts'

/** Databases of this run are named mg_test_<pid>_…, so that runs side by side leave each other alone. */
const RUN_PREFIX = `mg_test_${process.pid}`

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function migrationsHash(): string {
  // The migrator's own table changes too (schema_migrations.checksum): a dump made before it is not reused.
  const h = createHash('sha256').update('schema_migrations+checksum')
  for (const m of listMigrations()) h.update(m.version).update(m.sql)
  h.update(`pgboss ${expectedJobSchemaVersion()} ${JOBS.map((j) => j.name).join(',')}`)
  return h.digest('hex').slice(0, 16)
}

export function urlWithDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = '/' + database
  return u.toString()
}

export default async function setup(project: TestProject) {
  // The page tests drive the built console; build it once here, not in each test file at once.
  if (project.name === 'browser') await ensureWebBuilt((msg) => console.log(msg))
  const url = process.env.DATABASE_URL
  if (url) {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    // Leftovers of earlier runs that were interrupted (their process is gone).
    const old = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ '^mg_test_[0-9]+_'`)
    for (const r of old.rows) {
      if (!isAlive(Number(r.datname.split('_')[2]))) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`)
    }
    // One template per tier (each tier runs this setup); the tier's databases are named after it.
    const template = `${RUN_PREFIX}_${project.name}_template`
    await admin.query(`CREATE DATABASE ${template}`)
    const db = await openPostgres(urlWithDatabase(url, template), 1)
    await migrate(db)
    await db.close()
    project.provide('pgTemplateUrl', url)
    project.provide('pgTemplateName', template)
    return async () => {
      const left = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE '${RUN_PREFIX}_${project.name}_%'`)
      for (const r of left.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`)
      await admin.end()
    }
  }
  const cacheDir = path.join(os.tmpdir(), 'market-grid-test-template')
  const dump = path.join(cacheDir, `${migrationsHash()}.tar`)
  if (!fs.existsSync(dump)) {
    // Several runs may share the cache: build in a folder of this run's own, publish by rename.
    const dir = path.join(cacheDir, `build-${process.pid}`)
    fs.rmSync(dir, { recursive: true, force: true })
    const db = await openPglite(dir)
    await migrate(db)
    const tar = await db.dumpTemplate!()
    await db.close()
    fs.writeFileSync(dump + '.tmp', Buffer.from(await tar.arrayBuffer()))
    fs.renameSync(dump + '.tmp', dump)
    fs.rmSync(dir, { recursive: true, force: true })
  }
  project.provide('pgliteDump', dump)
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplateUrl: string
    pgTemplateName: string
    pgliteDump: string
  }
}
