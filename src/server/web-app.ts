/**
 * Serves the web console from web/dist: hashed assets with long caching, precompressed .br/.gz files
 * when the browser accepts them, and index.html for every client-side route (the console uses
 * browser history). Without a build the placeholder page in public/ is served.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { AppError } from './errors.ts'
import { webDistDir, publicDir } from './web-build.ts'

export async function installWebApp(app: FastifyInstance, serveWeb: boolean) {
  const built = serveWeb && fs.existsSync(path.join(webDistDir, 'index.html'))
  const root = built ? webDistDir : publicDir
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    preCompressed: built,
    cacheControl: false,
    index: ['index.html'],
    setHeaders(res, file) {
      // Vite names assets by content hash: they never change under the same name.
      const immutable = file.includes(`${path.sep}assets${path.sep}`)
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
  app.get('/*', { schema: { hide: true }, config: { public: true } }, async (req, reply) => {
    const url = req.url.split('?')[0]
    if (url.startsWith('/api/') || path.extname(url) !== '') throw new AppError('request.notFound')
    reply.header('Cache-Control', 'no-cache')
    return reply.sendFile('index.html', root)
  })
}
