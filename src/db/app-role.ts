import type { Sql } from './connection.ts'

/**
 * Tables the application may only append to and read: the grants revoke UPDATE, DELETE and
 * TRUNCATE on them. A later migration that adds such a table adds it here (the default
 * privileges below would otherwise give it the ledgers' full rights).
 */
const APPEND_ONLY_TABLES = ['audit_events', 'case_steps']

/**
 * The grants of the role the application logs in with on a production PostgreSQL server: full
 * use of the ledgers, but on the audit table only INSERT and SELECT — so that even a compromised
 * application cannot rewrite history (the trigger of 0001_core.sql stops the owner as well, short
 * of disabling it, which `market-grid verify-audit` would then expose).
 * Run by the database owner: `market-grid grant-app-role <role>`. The default privileges make
 * the tables and sequences that the owner's later migrations create usable by the role too, so
 * an upgrade needs no second run (re-running it is harmless, and needed only when a release adds
 * an append-only table).
 */
function appRoleGrants(role: string): string[] {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`not a plain role name: ${role}`)
  return [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    ...APPEND_ONLY_TABLES.map((t) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${t} FROM ${role}`),
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    // Objects the owner (who runs this and `market-grid migrate`) creates from now on.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    // The job queue (pg-boss, schema pgboss, installed by migrate): rows only, no DDL. Queues a
    // later migrate adds are partitions the owner creates: the default privileges cover them.
    `GRANT USAGE ON SCHEMA pgboss TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
  ]
}

export async function grantAppRole(sql: Sql, role: string): Promise<void> {
  for (const statement of appRoleGrants(role)) await sql.query(statement)
}
