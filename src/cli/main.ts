/**
 * The `market-grid` command: serve, migrate, seed, create-admin, import, export, verify-audit.
 */
import { parseArgs } from 'node:util'
import { configHelp, loadConfig, type Config } from '../config.ts'
import { openDatabase, type Db } from '../db/connection.ts'
import { migrate, prepareDatabase } from '../db/migrate.ts'
import { describeDatabaseError } from '../db/db-errors.ts'
import { formatMessage } from '../server/errors.ts'
import { grantAppRole } from '../db/app-role.ts'
import { runAuditCheckpoint, runAuditKey, runVerifyAudit } from '../modules/audit/cli.ts'
import { serve } from '../server/main.ts'
import { createAdmin } from './create-admin.ts'
import { runUnlockUser } from './unlock-user.ts'
import { runExport, runImport } from './ledger-files.ts'
import { runSeed } from './seed.ts'
import { runIntakeClient } from '../modules/portal/cli.ts'

const HELP = `market-grid <command> [options]

Commands:
  serve                         start the server (embedded database: migrates and seeds the demo when empty;
                                PostgreSQL: refuses to start unless the schema is current)
  migrate                       apply pending database migrations (PostgreSQL: as the database owner)
  seed demo [--businesses N] [--seed S] [--total-grids G]
                                build the Baqiao demo district into an empty database
  create-admin --username U --role system_admin|security_admin|audit_admin [--name N]
                                create an administrator; the password is read from MG_ADMIN_PASSWORD or stdin
  unlock-user USERNAME          lift every login wait of an account (all addresses) and clear its failure count
  import businesses|people|areas FILE [--mode all|valid] [--dry-run] [--approved-by NAME (areas)] [--crs WGS84|GCJ02|BD09]
  export businesses|people|areas [--format csv|xlsx] [--under CODE] [--out FILE]   (areas: GeoJSON)
  build-web                     build the web console into web/dist (serve does it when the sources changed)
  openapi                       print the OpenAPI document (JSON)
  verify-audit                  check the whole audit chain and compare it with the signed checkpoints;
                                print every break and any cut-off tail, exit 1 on any problem
  audit-checkpoint              write a signed checkpoint of the audit chain's head (AUDIT_CHECKPOINT_DIR)
  audit-key new|show            create and activate new audit keys (old ones stay, for verification) / show them
  intake-client add|revoke NAME make a key for another platform filing cases (12315 centre, Open311 client;
                                printed once) / revoke it
  grant-app-role ROLE           PostgreSQL: grant the application role its rights (audit log: insert and read only)

Environment:
${configHelp.map(([k, v]) => `  ${k.padEnd(34)}${v}`).join('\n')}
`

/**
 * Opens the database for one command: the embedded one is locked for this process and migrated;
 * on PostgreSQL the schema is only checked (the application role has no DDL rights).
 */
export async function withDb<T>(config: Config, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, holder: commandLine() })
  try {
    await prepareDatabase(db)
    return await fn(db)
  } finally {
    await db.close()
  }
}

/** The command as the lock file names it: `market-grid import businesses`, options left out. */
function commandLine(): string {
  const words = process.argv.slice(2).filter((a) => !a.startsWith('-')).slice(0, 2)
  return ['market-grid', ...words].join(' ')
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      businesses: { type: 'string' },
      seed: { type: 'string' },
      'total-grids': { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      mode: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
      under: { type: 'string' },
      out: { type: 'string' },
      'approved-by': { type: 'string' },
      crs: { type: 'string' },
    },
  })
  const [command, ...rest] = positionals
  if (values.help || !command || command === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  const config = loadConfig()
  switch (command) {
    case 'serve':
      await serve(config)
      return -1 // keeps running
    case 'build-web': {
      const { ensureWebBuilt } = await import('../server/web-build.ts')
      const built = await ensureWebBuilt(console.log)
      if (!built) console.log('web/dist is current')
      return 0
    }
    case 'openapi': {
      const { openApiDocument } = await import('../server/openapi.ts')
      process.stdout.write(JSON.stringify(await openApiDocument(), null, 2) + '\n')
      return 0
    }
    case 'migrate': {
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, holder: commandLine() })
      try {
        const applied = await migrate(db)
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date')
      } finally {
        await db.close()
      }
      return 0
    }
    case 'seed':
      return withDb(config, (db) => runSeed(db, rest, values, config))
    case 'create-admin':
      return withDb(config, (db) => createAdmin(db, values))
    case 'unlock-user':
      return withDb(config, (db) => runUnlockUser(db, rest))
    case 'import':
      return withDb(config, (db) => runImport(db, rest, values))
    case 'export':
      return withDb(config, (db) => runExport(db, rest, values))
    case 'verify-audit':
      return withDb(config, (db) => runVerifyAudit(db, config))
    case 'audit-checkpoint':
      return withDb(config, (db) => runAuditCheckpoint(db, config))
    case 'audit-key':
      return runAuditKey(config, rest[0])
    case 'intake-client':
      return withDb(config, (db) => runIntakeClient(db, rest))
    case 'grant-app-role':
      return withDb(config, async (db) => {
        if (db.kind !== 'postgres' || !rest[0]) {
          console.error('usage: DATABASE_URL=… market-grid grant-app-role ROLE (PostgreSQL only)')
          return 2
        }
        await grantAppRole(db, rest[0])
        console.log(`granted ${rest[0]}: ledgers and job queue read/write, audit_events insert/select only`)
        return 0
      })
    default:
      console.error(`unknown command: ${command}\n`)
      process.stdout.write(HELP)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (err) => {
    console.error(errorSentence(err))
    process.exit(1)
  },
)

/**
 * The one line an operator reads when a command or the server's start fails: an AppError in
 * words (its code kept, which scripts match), a database failure as a sentence saying what to run
 * (db-errors.ts), anything else as it is.
 */
function errorSentence(err: any): string {
  if (err?.code && err?.details && typeof err.code === 'string' && err.code.includes('.')) {
    return `${err.code}: ${formatMessage(err.code, 'en', err.details)} ${JSON.stringify(err.details)}`
  }
  const sentence = describeDatabaseError(err, process.env.DATABASE_URL)
  if (sentence) return `market-grid: ${sentence}`
  return err?.stack ?? String(err)
}
