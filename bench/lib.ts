/**
 * Shared pieces of the benchmarks: the PostgreSQL databases they run on, timing, and the report.
 * Every benchmark measures MarketGrid and its anchor in the same run and prints the ratio.
 */
import pg from 'pg'
import { openPostgres, type Db } from '../src/db/connection.ts'
import { migrate } from '../src/db/migrate.ts'

export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export function urlFor(database: string): string {
  const u = new URL(SERVER_URL)
  u.pathname = '/' + database
  return u.toString()
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: SERVER_URL })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  return admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0)
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
}

/** A new database, empty and migrated, or cloned from `template`. */
export async function createDatabase(name: string, template?: string): Promise<Db> {
  await dropDatabase(name)
  await admin((c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`))
  const db = await openPostgres(urlFor(name), 4)
  if (!template) await migrate(db)
  return db
}

export async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const t = process.hrtime.bigint()
  const result = await fn()
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, result }
}

export interface Figure {
  name: string
  ours: string
  anchor: string
  ratio: number
  target: string
  pass: boolean
}

export const figures: Figure[] = []

export function report(f: Figure) {
  figures.push(f)
  console.log(`\n[${f.pass ? 'PASS' : 'MISS'}] ${f.name}\n  ours:   ${f.ours}\n  anchor: ${f.anchor}\n  ratio:  ${f.ratio.toFixed(2)}  (target ${f.target})`)
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits })
