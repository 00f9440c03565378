import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from './errors.ts'
import type { SessionActor } from '../modules/auth/service.ts'

export const SESSION_COOKIE = 'mg_session'

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
    // contract. None of them needs a session.
    const isApi = (req.routeOptions.url ?? '').startsWith('/api/') && !(req.routeOptions.url ?? '').startsWith('/api/docs')
    if (!isApi) return
    const isPublic = config.public === true
    if (found) req.actor = await app.sessions.resolve(found.token, req.ip)
    if (isPublic) return
    if (!req.actor) throw new AppError('auth.required')
    if (req.actor.passwordExpired && !config.allowExpiredPassword) throw new AppError('auth.passwordExpired')
  })
}
