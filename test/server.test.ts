import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/server/app.ts'
import { ensureWebBuilt } from '../src/server/web-build.ts'
import { openTestDb, testConfig } from './helper.ts'

// The console routes serve the built console: build it unless it is current (the browser tier's
// setup has usually built it already; the database tier alone has not).
await ensureWebBuilt()
const db = await openTestDb()
const app = await buildApp({ db, config: testConfig() })
app.get('/api/test-boom', { config: { public: true } }, async () => {
  throw new Error('connection to 10.1.2.3 refused: secret internal detail')
})
await app.ready()
afterAll(async () => {
  await app.close()
  await db.close()
})

describe('server plumbing', () => {
  it('answers health without a session; metrics are off by default (test/security/metrics.test.ts)', async () => {
    const health = await app.inject({ url: '/healthz' })
    expect(health.json()).toEqual({ status: 'ok', database: db.kind })
    const metrics = await app.inject({ url: '/metrics' })
    expect(metrics.body).not.toContain('http_request_duration_seconds')
  })

  it('publishes the OpenAPI document at /api/docs', async () => {
    const res = await app.inject({ url: '/api/docs/json' })
    expect(res.statusCode).toBe(200)
    const spec = res.json()
    expect(spec.openapi).toMatch(/^3\./)
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/businesses', '/api/areas', '/api/people', '/api/auth/login']))
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400)
  })

  it('sends the security headers on every response', async () => {
    for (const url of ['/healthz', '/api/auth/me', '/nowhere']) {
      const res = await app.inject({ url })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
      expect(res.headers['referrer-policy']).toBe('no-referrer')
    }
  })

  it('answers an unknown API route or file with the error shape, in Chinese by default', async () => {
    for (const url of ['/api/nowhere', '/assets/nowhere.js', '/nowhere.png']) {
      const res = await app.inject({ url })
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ error: { code: 'request.notFound', message: '请求的资源不存在', details: {} } })
    }
  })

  it('serves the console for its own routes (browser history), compressed when asked', async () => {
    const page = await app.inject({ url: '/businesses?q=1' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).toContain('<div id="root">')
    const script = page.body.match(/src="(\/assets\/[^"]+\.js)"/)![1]
    const asset = await app.inject({ url: script, headers: { 'accept-encoding': 'br, gzip' } })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['content-encoding']).toBe('br')
    expect(asset.headers['cache-control']).toContain('immutable')
  })

  it('says nothing internal in a 500', async () => {
    const res = await app.inject({ url: '/api/test-boom', headers: { 'accept-language': 'en' } })
    expect(res.statusCode).toBe(500)
    expect(res.json().error).toEqual({ code: 'server.internal', message: 'Internal server error, please try again later', details: {} })
    expect(res.body).not.toContain('10.1.2.3')
    expect(res.body).not.toContain('secret')
  })
})
