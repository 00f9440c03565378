/**
 * Test databases and apps. Each test file gets its own database cloned from the template that
 * test/global-setup.ts migrated once: PGlite loaded from the template's dump, or a PostgreSQL
 * database created WITH TEMPLATE when DATABASE_URL is set.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { inject, afterAll } from 'vitest'
import pg from 'pg'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { openPglite, openPostgres, type Db } from '../src/db/connection.ts'
import { loadConfig, type Config } from '../src/config.ts'
import { buildApp } from '../src/server/app.ts'

/**
 * A PostgreSQL database cloned from the run's template (DATABASE_URL set), named after the run's
 * template (mg_test_<pid>_…) so that the run's teardown finds it; `drop` removes it.
 */
export async function clonePgTemplate(tag = ''): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgTemplateUrl')
  const template = inject('pgTemplateName')
  const name = `${template.replace(/_template$/, '')}${tag ? `_${tag}` : ''}_${randomBytes(4).toString('hex')}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  const u = new URL(adminUrl)
  u.pathname = '/' + name
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

export async function openTestDb(): Promise<Db> {
  if (inject('pgTemplateUrl')) {
    const clone = await clonePgTemplate()
    const db = await openPostgres(clone.url, 8)
    const close = db.close
    return Object.assign(db, {
      async close() {
        await close()
        await clone.drop()
      },
    })
  }
  const dump = fs.readFileSync(inject('pgliteDump'))
  return openPglite(undefined, new Blob([dump]))
}

export function testConfig(overrides: Partial<Config['security']> = {}): Config {
  const config = loadConfig({ DATA_DIR: '/nonexistent', SEED_DEMO: 'false' } as NodeJS.ProcessEnv)
  // Evidence files of a test go to a folder of their own, removed with the process's temp files.
  config.evidence.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-evidence-'))
  config.security = { ...config.security, sessionCacheMs: 0, ...overrides }
  return config
}

export interface TestContext {
  db: Db
  app: FastifyInstance
  config: Config
}

/**
 * A database and an app on it for one test file, closed after the file's tests. `evidence` changes
 * the evidence settings (an S3-compatible store, for one).
 */
export async function setupTestApp(
  overrides: Partial<Config['security']> = {}, evidence: Partial<Config['evidence']> = {},
): Promise<TestContext> {
  const db = await openTestDb()
  const config = testConfig(overrides)
  Object.assign(config.evidence, evidence)
  const app = await buildApp({ db, config })
  await app.ready()
  afterAll(async () => {
    await app.close()
    await db.close()
  })
  return { db, app, config }
}

/** A caller with a bearer token: `client.get('/api/areas')`. */
export interface Client {
  token: string
  request(opts: InjectOptions): Promise<LightMyRequestResponse>
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  patch(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  put(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>
}

export function clientFor(app: FastifyInstance, token: string): Client {
  const auth = { authorization: `Bearer ${token}` }
  const request = (opts: InjectOptions) => app.inject({ ...opts, headers: { ...auth, ...(opts.headers ?? {}) } })
  return {
    token,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers }),
    post: (url, payload, headers) => request({ method: 'POST', url, payload: payload as any, headers }),
    patch: (url, payload, headers) => request({ method: 'PATCH', url, payload: payload as any, headers }),
    put: (url, payload, headers) => request({ method: 'PUT', url, payload: payload as any, headers }),
    delete: (url, headers) => request({ method: 'DELETE', url, headers }),
  }
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
  return clientFor(app, res.json().token)
}
