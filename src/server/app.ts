import Fastify, { type FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import multipart from '@fastify/multipart'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from '../config.ts'
import type { Db } from '../db/connection.ts'
import { Sessions } from '../modules/auth/service.ts'
import { installAuthHook } from './auth-hook.ts'
import { installErrorHandler } from './error-handler.ts'
import { installInputGuard } from './input-guard.ts'
import { installMetrics } from './metrics.ts'
import { installSecurityHeaders } from './security-headers.ts'
import { basemapSources } from '../modules/map/service.ts'
import { registerRoutes } from './routes.ts'
import { open311Routes } from '../modules/portal/routes.ts'
import { installWebApp } from './web-app.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    config: Config
    sessions: Sessions
  }
}

export interface AppOptions {
  db: Db
  config: Config
  logger?: boolean | object
  /** serve the built console from web/dist (default); false serves only the API and the placeholder */
  serveWeb?: boolean
}

/** The whole HTTP server, without listening: tests call `inject`, `serve` calls `listen`. */
export async function buildApp({ db, config, logger = false, serveWeb = true }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
    // An unknown field is refused, not silently dropped; types are coerced only for query strings.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('db', db)
  app.decorate('config', config)
  app.decorate('sessions', new Sessions(db, config.security))

  installErrorHandler(app)
  installInputGuard(app)
  installSecurityHeaders(app, () => basemapSources(db))
  await app.register(cookie)
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 } })
  await app.register(swagger, {
    openapi: {
      info: { title: 'MarketGrid API', version: '0.1.0', description: '市场监管网格化与信用监管平台 API' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'mg_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } })
  installAuthHook(app)
  installMetrics(app)

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await db.query('SELECT 1')
    return { status: 'ok', database: db.kind }
  })

  await app.register(registerRoutes, { prefix: '/api' })
  // Open311 GeoReport v2 lives at its conventional path, outside /api (issue 12 §7).
  await app.register(open311Routes)

  await installWebApp(app, serveWeb)
  return app
}
