import { timingSafeEqual, createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import client from 'prom-client'
import { AppError } from './errors.ts'

/** Equal-time comparison of two secrets of any length (hashed first so lengths do not leak). */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(a), digest(b))
}

/**
 * Prometheus metrics at /metrics: process figures plus request counts and durations per route.
 * Opt-in (issue 11 §7): route names, volumes and error rates tell an outsider what the server does,
 * so without METRICS_TOKEN there is no /metrics at all, and with it the scraper sends the token.
 */
export function installMetrics(app: FastifyInstance) {
  const token = app.config.metricsToken
  if (!token) return
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry })
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    )
  })
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const auth = req.headers.authorization ?? ''
    if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7).trim(), token)) throw new AppError('auth.required')
    reply.type(registry.contentType)
    return registry.metrics()
  })
}
