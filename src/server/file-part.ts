/**
 * The one file of a multipart upload (field `file`), as every upload route takes it: anything else
 * than multipart, or another field, is refused with the same errors everywhere.
 */
import type { FastifyRequest } from 'fastify'
import type { Readable } from 'node:stream'
import { AppError } from './errors.ts'

export interface FilePart {
  /** streamed, never buffered; `truncated` is set when the upload limit cut it short */
  stream: Readable & { truncated?: boolean }
  name: string
  mediaType: string
}

export async function filePart(req: FastifyRequest): Promise<FilePart> {
  if (!req.isMultipart()) throw new AppError('request.unsupportedType', { type: req.headers['content-type'] ?? '' })
  const part = await req.file()
  if (!part || part.fieldname !== 'file') throw new AppError('request.invalid', { summary: 'file' })
  return { stream: part.file, name: part.filename, mediaType: part.mimetype }
}
