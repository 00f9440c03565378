import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from './errors.ts'
import type { SessionActor } from '../modules/auth/service.ts'

export const SESSION_COOKIE = 'mg_session'
/**
 * Readable by the console's script (the session cookie is not): set beside the session at login and
 * cleared at logout, so that a console opened by someone not logged in does not ask "who am I" only
 * to be told 401, which the browser prints as an error on every visit (issue 13 §5). It proves
 * nothing and grants nothing; the session cookie alone does.
 */
export const SIGNED_IN_COOKIE = 'mg_signed_in'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** true: reachable without a session (login, health, the public portal) */
    public?: boolean
    /** true: allowed while the password has expired (changing it, logging out) */
    allowExpiredPassword?: boolean
  }
  interface FastifyRequest {
    actor: SessionActor | null
  }
}

export function tokenOf(req: FastifyRequest): { token: string; via: 'cookie' | 'bearer' } | null {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), via: 'bearer' }
  const cookie = req.cookies?.[SESSION_COOKIE]
  return cookie ? { token: cookie, via: 'cookie' } : null
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * A browser sends Origin with every cross-site write; a cookie-authenticated write whose Origin (or,
 * failing that, Referer) is another host is refused (ASVS 4.2.2). Bearer tokens are not sent by
 * browsers on their own, so they need no such check.
 */
function isCrossSite(req: FastifyRequest): boolean {
  const source = req.headers.origin ?? req.headers.referer
  if (!source) return false
  try {
    return new URL(source).host !== req.headers.host
  } catch {
    return true
  }
}

/**
 * True when the route the router matched needs a session: every route under /api/ except those
 * marked `config: { public: true }` and the published contract (/api/docs). Decided on the matched
 * route's pattern, never on the raw URL: `/%61pi/users` or `//api/users` match `/api/users` in the
 * router, so a test of `req.url` would let them through (issue 11 §3).
 */
export function needsSession(route: { url?: string; config?: { public?: boolean } } | undefined): boolean {
  const pattern = route?.url
  if (pattern === undefined) return false // no route matched: the 404 handler answers, with nothing to protect
  if (route?.config?.public === true) return false
  return pattern.startsWith('/api/') && !pattern.startsWith('/api/docs')
}

/**
 * The signed-in actor of a route that needs a session. The hook below has refused a request
 * without one before its handler runs, so this throws only when a public route asks for an actor
 * it was never promised (the same 401 the hook would answer).
 */
export function signedIn(req: FastifyRequest): SessionActor {
  if (!req.actor) throw new AppError('auth.required')
  return req.actor
}

/** Every route needs a live session unless it says `config: { public: true }`; checked before the body is parsed or validated. */
export function installAuthHook(app: FastifyInstance) {
  app.decorateRequest('actor', null)
  app.addHook('onRequest', async (req) => {
    const found = tokenOf(req)
    if (found && !SAFE_METHODS.has(req.method) && found.via === 'cookie' && isCrossSite(req)) {
      throw new AppError('auth.csrf')
    }
    const config = req.routeOptions.config ?? {}
    // Outside /api/ lie the console's static files, /healthz and /metrics; /api/docs is the published
    // contract. Public API routes still learn who is calling when a session comes along.
    const pattern = req.routeOptions.url
    const isApi = pattern !== undefined && pattern.startsWith('/api/') && !pattern.startsWith('/api/docs')
    if (!isApi) return
    if (found) req.actor = await app.sessions.resolve(found.token, req.ip)
    if (!needsSession(req.routeOptions)) return
    if (!req.actor) throw new AppError('auth.required')
    if (req.actor.passwordExpired && !config.allowExpiredPassword) throw new AppError('auth.passwordExpired')
  })
}
