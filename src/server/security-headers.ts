import type { FastifyInstance } from 'fastify'

/**
 * Headers on every response (ASVS 14.4). The CSP allows the console's own scripts and styles,
 * inline styles (Ant Design injects them), images and map tiles from anywhere over https and from
 * the plain-http origins of the configured basemap (an intranet tile server), and blob workers
 * (MapLibre). `httpSources` says which those are now.
 */
export function installSecurityHeaders(app: FastifyInstance, httpSources: () => Promise<string[]> = async () => []) {
  app.addHook('onSend', async (req, reply, payload) => {
    const extra = (await httpSources().catch(() => [])).map((o) => ` ${o}`).join('')
    reply.header('X-Content-Type-Options', 'nosniff')
    reply.header('X-Frame-Options', 'DENY')
    reply.header('Referrer-Policy', 'no-referrer')
    reply.header('Cross-Origin-Opener-Policy', 'same-origin')
    reply.header('Permissions-Policy', 'camera=(self), microphone=(self), geolocation=(self)')
    reply.header(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:${extra}; ` +
        `connect-src 'self' https:${extra}; worker-src 'self' blob:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    )
    if (req.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store')
    return payload
  })
}
