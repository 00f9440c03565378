import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db, Sql } from './connection.ts'
// The job queue's schema is pg-boss's own; migrate installs it with the installation's queues.
import { installJobSchema, jobSchemaProblems } from '../server/jobs.ts'
import { JOBS } from '../server/job-list.ts'

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

export interface Migration {
  version: string
  sql: string
  /** sha256 of the file's bytes: an applied migration whose file changed is refused */
  checksum: string
}

/** The versioned migrations, in the order they apply: `NNNN_name.sql`, sorted by name. */
export function listMigrations(): Migration[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const bytes = fs.readFileSync(path.join(migrationsDir, f))
      return { version: f.replace(/\.sql$/, ''), sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') }
    })
}

/** Why the schema cannot be used as it is; thrown by `migrate` and `checkSchemaCurrent`. */
export class SchemaError extends Error {
  constructor(
    message: string,
    readonly missing: string[] = [],
    readonly changed: string[] = [],
  ) {
    super(message)
    this.name = 'SchemaError'
  }
}

export interface SchemaState {
  /** migration files not recorded in schema_migrations */
  missing: string[]
  /** applied migrations whose recorded checksum differs from their file's */
  changed: string[]
  /** applied migrations recorded before checksums were kept (filled in by the next `migrate`) */
  unchecked: string[]
}

async function hasTable(sql: Sql, table: string): Promise<boolean> {
  const { rows } = await sql.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table])
  return rows[0].t !== null
}

async function hasChecksumColumn(sql: Sql): Promise<boolean> {
  const { rows } = await sql.query(
    `SELECT 1 FROM information_schema.columns WHERE table_name = 'schema_migrations' AND column_name = 'checksum' AND table_schema = current_schema()`,
  )
  return rows.length > 0
}

/** Compares schema_migrations with the migration files; reads only (the application role may run it). */
export async function schemaState(sql: Sql): Promise<SchemaState> {
  const files = listMigrations()
  if (!(await hasTable(sql, 'schema_migrations'))) return { missing: files.map((m) => m.version), changed: [], unchecked: [] }
  const withChecksum = await hasChecksumColumn(sql)
  const { rows } = await sql.query<{ version: string; checksum: string | null }>(
    withChecksum ? 'SELECT version, checksum FROM schema_migrations' : 'SELECT version, NULL::text AS checksum FROM schema_migrations',
  )
  const recorded = new Map(rows.map((r) => [r.version, r.checksum]))
  const state: SchemaState = { missing: [], changed: [], unchecked: [] }
  for (const m of files) {
    if (!recorded.has(m.version)) state.missing.push(m.version)
    else if (recorded.get(m.version) === null) state.unchecked.push(m.version)
    else if (recorded.get(m.version) !== m.checksum) state.changed.push(m.version)
  }
  return state
}

function changedError(changed: string[]): SchemaError {
  return new SchemaError(
    `applied migration${changed.length > 1 ? 's' : ''} changed since ${changed.length > 1 ? 'they were' : 'it was'} applied: ` +
      changed.map((v) => `src/db/migrations/${v}.sql`).join(', ') +
      ' — an applied migration must never be edited: restore the file as released and put the change in a new migration',
    [],
    changed,
  )
}

/**
 * The check every command but `migrate` makes on PostgreSQL, where the application role has no
 * right to create tables: the schema must hold every migration file, unchanged. Reads only.
 */
export async function checkSchemaCurrent(sql: Sql): Promise<void> {
  const state = await schemaState(sql)
  if (state.changed.length) throw changedError(state.changed)
  if (state.missing.length) {
    throw new SchemaError(
      `the database schema is not current: run \`market-grid migrate\` as the database owner (missing: ${state.missing.join(', ')})`,
      state.missing,
    )
  }
  const jobs = await jobSchemaProblems(sql, JOBS)
  if (jobs.length) {
    throw new SchemaError(`the database schema is not current: run \`market-grid migrate\` as the database owner (missing: ${jobs.join(', ')})`, jobs)
  }
}

/**
 * Applies every migration not yet applied, all in one transaction so that a failed one leaves the
 * schema as it was. On PostgreSQL a transaction-scoped advisory lock keeps two owners' migrate runs
 * from migrating at once. Refuses, before applying anything, when an applied migration's file
 * changed; records the checksums of migrations applied before checksums were kept (once).
 */
export async function migrate(db: Db): Promise<string[]> {
  const applied = await migrateSql(db)
  // pg-boss's schema and our queues, after ours and in transactions of its own (its plans carry them).
  await installJobSchema(db, JOBS)
  return applied
}

async function migrateSql(db: Db): Promise<string[]> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(727001)')
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now())`)
    // Added here, not in a migration: schema_migrations is the migrator's own table.
    if (!(await hasChecksumColumn(tx))) await tx.exec('ALTER TABLE schema_migrations ADD COLUMN checksum text')
    const state = await schemaState(tx)
    if (state.changed.length) throw changedError(state.changed)
    const files = new Map(listMigrations().map((m) => [m.version, m]))
    for (const v of state.unchecked) {
      await tx.query('UPDATE schema_migrations SET checksum = $2 WHERE version = $1', [v, files.get(v)!.checksum])
    }
    const applied: string[] = []
    for (const v of state.missing) {
      const m = files.get(v)!
      await tx.exec(m.sql)
      await tx.query('INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)', [m.version, m.checksum])
      applied.push(m.version)
    }
    return applied
  })
}

/**
 * What the server and every command but `migrate` do with a database before using it: the
 * embedded one (the process owns it) is migrated so that `npm start` stays one command; on
 * PostgreSQL the schema is only checked, because the application role has no DDL rights.
 */
export async function prepareDatabase(db: Db): Promise<string[]> {
  if (db.kind === 'pglite') return migrate(db)
  await checkSchemaCurrent(db)
  return []
}
