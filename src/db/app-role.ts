import type { Sql } from './connection.ts'

/**
 * The grants of the role the application logs in with on a production PostgreSQL server: full
 * use of the ledgers, but on the audit table only INSERT and SELECT — so that even a compromised
 * application cannot rewrite history (the trigger of 0001_core.sql stops the owner as well, short
 * of disabling it, which `market-grid verify-audit` would then expose).
 * Run by the database owner: `market-grid grant-app-role <role>`.
 */
export function appRoleGrants(role: string): string[] {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`not a plain role name: ${role}`)
  return [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${role}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
  ]
}

export async function grantAppRole(sql: Sql, role: string): Promise<void> {
  for (const statement of appRoleGrants(role)) await sql.query(statement)
}
