import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Readable } from 'node:stream'
import { filePart } from '../../server/file-part.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { AppError } from '../../server/errors.ts'
import { ErrorBody, errorResponses, Sha256 } from '../../server/schemas.ts'
import { authorize, type Actor } from '../access/policy.ts'
import { EvidenceView } from './schemas.ts'
import { appendChunk, evidenceStore, findVisibleEvidence, startUpload, storeEvidence, uploadState } from './service.ts'

const tags = ['evidence']
const UploadState = Type.Object({
  id: Type.String(), size: Type.Integer(), offset: Type.Integer(), done: Type.Boolean(), evidence: Type.Union([EvidenceView, Type.Null()]),
})
const NewUpload = Type.Object({
  size: Type.Integer({ minimum: 1, maximum: 100 * 1024 * 1024 * 1024 }),
  mediaType: Type.String({ maxLength: 100 }),
  name: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false })
const UploadId = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$', minLength: 36, maxLength: 36 }) })
const Sha = Type.Object({ sha256: Sha256 })
const UploadHeaders = Type.Object({
  /** the sender's sha256 of the file (the field app's, computed on the phone); other bytes arriving are refused */
  'x-content-sha256': Type.Optional(Sha256),
})

/** Streams a stored object, whole or one byte range (video scrubbing). */
async function sendObject(req: FastifyRequest, reply: FastifyReply, sha256: string, size: number, mediaType: string, disposition: string) {
  const store = evidenceStore(req.server.config.evidence)
  reply
    .header('content-type', mediaType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('etag', `"${sha256}"`)
    .header('accept-ranges', 'bytes')
    .header('content-disposition', disposition)
    // A document opened from here must not run anything with the console's rights.
    .header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox")
  const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''))
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]))
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1
    if (start > end || start >= size) return reply.code(416).header('content-range', `bytes */${size}`).send()
    return reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`).header('content-length', String(end - start + 1))
      .send(store.open(sha256, { start, end }))
  }
  return reply.header('content-length', String(size)).send(store.open(sha256))
}

export async function evidenceRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  // Chunks of a resumable upload arrive as raw bytes and are streamed to disk, never buffered.
  app.addContentTypeParser(['application/offset+octet-stream', 'application/octet-stream'], (_req, payload, done) => done(null, payload))

  app.post('/evidence', {
    schema: {
      tags, summary: '上传证据文件（multipart 字段 file）Upload an evidence file (multipart field "file")', consumes: ['multipart/form-data'],
      headers: UploadHeaders,
      response: { 200: EvidenceView, ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req) => {
    authorize(signedIn(req), 'evidence.upload')
    const part = await filePart(req)
    const sha256 = req.headers['x-content-sha256']
    return storeEvidence(app.db, app.config.evidence, signedIn(req), part.stream, { name: part.name, mediaType: part.mediaType, ...(sha256 ? { sha256 } : {}) })
  })

  app.post('/evidence/uploads', {
    schema: {
      tags, summary: '开始可续传上传（大视频）Start a resumable upload (large videos)', body: NewUpload,
      response: { 201: UploadState, ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req, reply) =>
    reply.code(201).send(await startUpload(app.db, app.config.evidence, signedIn(req), req.body)))

  app.get('/evidence/uploads/:id', {
    schema: { tags, summary: '续传位置 Where a resumable upload stands', params: UploadId, response: { 200: UploadState, ...errorResponses } },
  }, async (req) => {
    authorize(signedIn(req), 'evidence.upload')
    return uploadState(app.db, signedIn(req), req.params.id)
  })

  app.patch('/evidence/uploads/:id', {
    schema: {
      tags, summary: '追加一段（Upload-Offset 请求头，application/offset+octet-stream）Append a chunk at Upload-Offset',
      params: UploadId, consumes: ['application/offset+octet-stream', 'application/octet-stream'],
      response: { 200: UploadState, ...errorResponses, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req) => {
    authorize(signedIn(req), 'evidence.upload')
    const raw = req.headers['upload-offset']
    if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) throw new AppError('evidence.offsetRequired')
    return appendChunk(app.db, app.config.evidence, signedIn(req), req.params.id, Number(raw), req.body as Readable)
  })

  const visible = async (actor: Actor, sha256: string) => {
    // The permission first: an administrator is refused (403) whatever the file, a stranger finds none (404).
    authorize(actor, 'evidence.read')
    const file = await findVisibleEvidence(app.db, actor, sha256)
    if (!file) throw new AppError('evidence.notFound')
    return file
  }

  app.get('/evidence/:sha256', {
    schema: { tags, summary: '下载证据文件 An evidence file', params: Sha, produces: ['application/octet-stream'], response: { 200: Type.String(), 206: Type.String(), ...errorResponses } },
  }, async (req, reply) => {
    const f = await visible(signedIn(req), req.params.sha256)
    const inline = f.kind !== 'document'
    const ext = f.original_name?.match(/\.[A-Za-z0-9]{1,5}$/)?.[0] ?? ''
    return sendObject(req, reply, f.sha256, Number(f.size), f.media_type, `${inline ? 'inline' : 'attachment'}; filename="${f.sha256.slice(0, 16)}${ext}"`)
  })

  app.get('/evidence/:sha256/thumbnail', {
    schema: { tags, summary: '证据图片缩略图 The preview of an image', params: Sha, produces: ['image/webp'], response: { 200: Type.String(), ...errorResponses } },
  }, async (req, reply) => {
    const f = await visible(signedIn(req), req.params.sha256)
    if (!f.thumbnail_sha256) throw new AppError('evidence.notFound')
    const size = await evidenceStore(app.config.evidence).size(f.thumbnail_sha256)
    return sendObject(req, reply, f.thumbnail_sha256, size, 'image/webp', 'inline')
  })
}

