/** Issue 11 §7: /metrics is off unless METRICS_TOKEN is set, and then needs the token. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { openTestDb, testConfig } from '../helper.ts'
import { buildApp } from '../../src/server/app.ts'
import type { Db } from '../../src/db/connection.ts'

let db: Db
let off: FastifyInstance
let on: FastifyInstance

beforeAll(async () => {
  db = await openTestDb()
  off = await buildApp({ db, config: testConfig(), serveWeb: false })
  on = await buildApp({ db, config: { ...testConfig(), metricsToken: 'scrape-secret-1' }, serveWeb: false })
  await Promise.all([off.ready(), on.ready()])
})
afterAll(async () => {
  await off.close()
  await on.close()
  await db.close()
})

it('without METRICS_TOKEN there is no /metrics for anyone', async () => {
  const res = await off.inject({ method: 'GET', url: '/metrics' })
  // Unknown paths outside /api fall to the console's page, so the proof is the body, not the status.
  expect(res.body).not.toContain('process_cpu_user_seconds_total')
  expect(String(res.headers['content-type'])).not.toContain('text/plain; version=0.0.4')
})

it('with METRICS_TOKEN, /metrics needs the bearer token', async () => {
  expect((await on.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401)
  expect((await on.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401)
  const ok = await on.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-1' } })
  expect(ok.statusCode).toBe(200)
  expect(ok.body).toContain('process_cpu_user_seconds_total')
})
