/**
 * JSON answers a phone downloads in bulk (the grid's businesses, the tasks), compressed when the
 * client takes it: over 3G every byte is time, and JSON of a business ledger shrinks about tenfold.
 * Other answers stay as they are (the console's are small, the live feed must not be buffered), so
 * this is per route rather than a plugin over every reply. Brotli at a quick level, else gzip.
 */
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { FastifyReply, FastifyRequest } from 'fastify'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)
/** Below this, compressing costs more than it saves. */
const MIN_BYTES = 1024

export async function sendJsonCompressed(req: FastifyRequest, reply: FastifyReply, body: unknown): Promise<FastifyReply> {
  const json = Buffer.from(JSON.stringify(body))
  const accepted = String(req.headers['accept-encoding'] ?? '')
  reply.header('content-type', 'application/json; charset=utf-8').header('vary', 'Accept-Encoding')
  if (json.length < MIN_BYTES) return reply.send(json)
  if (/\bbr\b/.test(accepted)) {
    return reply.header('content-encoding', 'br').send(await brotli(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }))
  }
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(await gzip(json, { level: 6 }))
  return reply.send(json)
}
