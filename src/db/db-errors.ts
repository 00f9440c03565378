/**
 * Database failures as an operator reads them: a sentence saying what is wrong and what to run,
 * never a bare SQLSTATE like `42501: {}`. Used by the CLI's top-level error printer, which also
 * reports the server's start-up failures.
 */
import { DataDirLockedError } from './data-lock.ts'
import { SchemaError } from './migrate.ts'

/** A refusal whose message is already the sentence for the operator (no stack trace printed). */
export class OperatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'OperatorError'
  }
}

interface PgLikeError {
  code?: string
  message?: string
  table?: string
  schema?: string
  routine?: string
  errors?: unknown[]
  address?: string
  port?: number
}

/** The role and database a URL logs in as, for the sentences (the password never appears). */
function target(databaseUrl: string | undefined): { role: string; database: string; host: string } {
  try {
    const u = new URL(databaseUrl ?? '')
    return {
      role: decodeURIComponent(u.username) || process.env.PGUSER || process.env.USER || 'the connecting role',
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'the default database',
      host: u.host || 'localhost',
    }
  } catch {
    return { role: 'the connecting role', database: 'the database', host: 'the database server' }
  }
}

/** What was refused, from PostgreSQL's message: "permission denied for table audit_events". */
function refusedObject(message: string): string | null {
  const m = /permission denied (?:for|to) (.+)$/.exec(message)
  return m ? m[1] : null
}

/**
 * A sentence for `err` if it is a database or start-up failure we know; null otherwise (the caller
 * then prints the error as it is).
 */
export function describeDatabaseError(err: unknown, databaseUrl?: string): string | null {
  if (err instanceof SchemaError || err instanceof DataDirLockedError || err instanceof OperatorError) return err.message
  if (!err || typeof err !== 'object') return null
  const e = err as PgLikeError
  const { role, database, host } = target(databaseUrl)
  // pg answers a refused connection with an AggregateError (one per address tried).
  const first = (Array.isArray(e.errors) && (e.errors[0] as PgLikeError)) || e
  switch (first.code ?? e.code) {
    case 'ECONNREFUSED':
      return `cannot reach the PostgreSQL server at ${host}: the connection was refused — is PostgreSQL running and listening there? (check DATABASE_URL)`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot find the PostgreSQL server ${host}: the host name does not resolve (check DATABASE_URL)`
    case 'ETIMEDOUT':
      return `the PostgreSQL server at ${host} does not answer (timed out): check the network and DATABASE_URL`
  }
  const message = e.message ?? ''
  switch (e.code) {
    case '42501': {
      const object = refusedObject(message)
      if (/create extension/i.test(message)) {
        return `the database role ${role} may not create the extensions PostGIS and pg_trgm: a superuser runs \`CREATE EXTENSION postgis; CREATE EXTENSION pg_trgm;\` in ${database} (docs/deployment.md, step 2)`
      }
      if (object && /^(schema|database) /.test(object)) {
        return `the database role ${role} lacks the right to create or change objects in ${object}: run \`market-grid migrate\` as the database owner (docs/deployment.md, step 3); the server itself needs no such right`
      }
      return (
        `the database role ${role} lacks the right to ${object ? `use ${object}` : 'do this'} (${message}): ` +
        `run \`market-grid grant-app-role ${role}\` as the database owner (docs/deployment.md, step 4)`
      )
    }
    case '28P01':
      return `PostgreSQL refused the password of role ${role} (password authentication failed): check DATABASE_URL`
    case '28000':
      return /does not exist/.test(message)
        ? `the database role ${role} does not exist on ${host}: create it (docs/deployment.md, steps 2 and 4) or fix DATABASE_URL`
        : `PostgreSQL refused role ${role} (${message}): check pg_hba.conf and DATABASE_URL`
    case '3D000':
      return `the database ${database} does not exist on ${host}: create it as in docs/deployment.md (step 2) or fix DATABASE_URL`
    case '0A000':
    case '58P01':
      if (/extension|postgis|control file/i.test(message)) {
        return `PostGIS is not installed on the database server (${message}): install PostGIS 3.3 or later (Debian/Ubuntu: postgresql-15-postgis-3) and run \`CREATE EXTENSION postgis\` as a superuser (docs/deployment.md)`
      }
      break
    case '42704':
    case '42883':
      if (/geometry|geography|st_/i.test(message)) {
        return `PostGIS is missing from database ${database} (${message}): run \`CREATE EXTENSION postgis\` as a superuser (docs/deployment.md, step 2)`
      }
      break
    case '42P01':
      return `a table is missing (${message}): the database schema is not current — run \`market-grid migrate\` as the database owner`
    case '53300':
      return `PostgreSQL has no free connection (too many clients): lower DB_POOL_SIZE or raise max_connections`
    case '57P03':
      return `the PostgreSQL server is starting up or shutting down: try again in a moment`
  }
  // Any other SQLSTATE: still a sentence, with PostgreSQL's own words.
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return `the database refused: ${message || 'no message'} (SQLSTATE ${e.code})`
  return null
}
