/**
 * Evidence files (issue 12 §5): received into a work file while they are hashed and their type is
 * read from their first bytes, refused as soon as they show a wrong type or pass their kind's limit
 * (so nothing refused is ever stored), then moved into the content-addressed store. Images are
 * decoded once (a file that claims to be an image but is not one is refused) and get a 320 px
 * preview. Resumable uploads keep their bytes in the store's work folder and their offset in the
 * database, so that a server killed mid-upload resumes where the last flushed chunk ended.
 */
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import sharp from 'sharp'
import type { Db, Sql } from '../../db/connection.ts'
import type { EvidenceSettings } from '../../config.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, scopeFilter, type Actor } from '../access/policy.ts'
import { declaredKind, SNIFF_BYTES, sniff, type EvidenceKind, type Sniffed } from './rules.ts'
import { LocalEvidenceStorage, type EvidenceStorage } from './storage.ts'
import { S3EvidenceStorage } from './s3-storage.ts'
import type { EvidenceView } from './schemas.ts'
import './errors.ts'

interface FileRow {
  sha256: string
  size: number
  kind: EvidenceKind
  media_type: string
  original_name: string | null
  width: number | null
  height: number | null
  thumbnail_sha256: string | null
  uploaded_by: number | null
}

const FILE_COLUMNS = 'f.sha256, f.size, f.kind, f.media_type, f.original_name, f.width, f.height, f.thumbnail_sha256, f.uploaded_by'

const toEvidenceView = (r: FileRow): EvidenceView => ({
  sha256: r.sha256, size: Number(r.size), kind: r.kind, mediaType: r.media_type, name: r.original_name, width: r.width, height: r.height,
  url: `/api/evidence/${r.sha256}`, thumbnailUrl: r.thumbnail_sha256 ? `/api/evidence/${r.sha256}/thumbnail` : null,
})

const stores = new Map<string, EvidenceStorage>()

/** The store of an installation (one per folder, or bucket, and process): the local folder, or the bucket of EVIDENCE_STORE=s3. */
export function evidenceStore(settings: EvidenceSettings): EvidenceStorage {
  const s3 = settings.s3
  const id = s3 ? `${settings.dir}|${s3.endpoint}|${s3.bucket}|${s3.prefix}|${s3.pathStyle}|${s3.accessKeyId}` : settings.dir
  let store = stores.get(id)
  if (!store) stores.set(id, (store = s3 ? new S3EvidenceStorage(s3, settings.dir) : new LocalEvidenceStorage(settings.dir)))
  return store
}

const MB = 1024 * 1024
const limitOf = (settings: EvidenceSettings, kind: EvidenceKind) => settings.maxMb[kind] * MB

/** Hashes, measures and checks bytes as they pass; fails the stream at the first wrong byte. */
class Inspector extends Transform {
  readonly hash = createHash('sha256')
  size = 0
  sniffed: Sniffed | null = null
  private head = Buffer.alloc(0)

  constructor(
    private readonly settings: EvidenceSettings,
    private readonly declared: { name?: string; mediaType?: string },
    private readonly kinds?: readonly EvidenceKind[],
  ) {
    super()
  }

  private check(final: boolean): void {
    if (!this.sniffed && (this.head.length >= SNIFF_BYTES || final)) {
      const found = sniff(this.head, this.declared.name)
      if (!found || (this.kinds && !this.kinds.includes(found.kind))) throw new AppError('evidence.typeRefused', { field: 'file' })
      const claimed = declaredKind(this.declared.mediaType)
      if (claimed && claimed !== found.kind) throw new AppError('evidence.typeMismatch', { declared: this.declared.mediaType, found: found.mediaType, field: 'file' })
      this.sniffed = found
    }
    const kind = this.sniffed?.kind
    const limit = kind ? limitOf(this.settings, kind) : Math.max(...Object.values(this.settings.maxMb)) * MB
    if (this.size > limit) throw new AppError('evidence.tooLarge', { limitMb: kind ? this.settings.maxMb[kind] : Math.round(limit / MB), field: 'file' })
  }

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.size += chunk.length
      if (!this.sniffed) this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES)]).subarray(0, SNIFF_BYTES)
      this.check(false)
      this.hash.update(chunk)
      done(null, chunk)
    } catch (err) {
      done(err as Error)
    }
  }

  _flush(done: TransformCallback): void {
    try {
      if (this.size === 0) throw new AppError('evidence.empty', { field: 'file' })
      this.check(true)
      done()
    } catch (err) {
      done(err as Error)
    }
  }
}

/** Streams `source` into a work file through the inspector; the work file is removed on refusal. */
async function receive(
  store: EvidenceStorage, settings: EvidenceSettings, source: Readable, declared: { name?: string; mediaType?: string }, kinds?: readonly EvidenceKind[],
) {
  const temp = await store.tempPath()
  const inspector = new Inspector(settings, declared, kinds)
  try {
    await pipeline(source, inspector, fs.createWriteStream(temp))
  } catch (err) {
    await fsp.rm(temp, { force: true })
    source.resume()
    throw err
  }
  return { temp, sha256: inspector.hash.digest('hex'), size: inspector.size, sniffed: inspector.sniffed! }
}

/** Moves a received file into the store and records it; an image is decoded and gets a preview. */
async function keep(
  db: Sql, store: EvidenceStorage, actor: Actor | null, r: { temp: string; sha256: string; size: number; sniffed: Sniffed }, name: string | undefined,
): Promise<EvidenceView> {
  let width: number | null = null
  let height: number | null = null
  let thumbnail: string | null = null
  let preview: Buffer | null = null
  if (r.sniffed.kind === 'image') {
    try {
      const meta = await sharp(r.temp).metadata()
      width = meta.width ?? null
      height = meta.height ?? null
      preview = await sharp(r.temp).rotate().resize(320, 320, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer()
      thumbnail = createHash('sha256').update(preview).digest('hex')
    } catch (err) {
      if (r.sniffed.mediaType !== 'image/heic') {
        await fsp.rm(r.temp, { force: true })
        throw new AppError('evidence.unreadableImage', { field: 'file' })
      }
      // HEIC decoding needs a libheif with its patent-encumbered codec, which sharp's prebuilt
      // binaries leave out: the photo is kept, without a preview.
    }
  }
  const previewFile = preview ? await store.tempPath() : null
  try {
    if (preview && previewFile) {
      await fsp.writeFile(previewFile, preview)
      await store.put(thumbnail!, previewFile)
    }
    await store.put(r.sha256, r.temp)
  } catch (err) {
    // The store could not be reached or refused (an object store): nothing is recorded, the work files go.
    await fsp.rm(r.temp, { force: true })
    if (previewFile) await fsp.rm(previewFile, { force: true })
    throw err
  }
  await db.query(
    `INSERT INTO evidence_files (sha256, size, kind, media_type, width, height, thumbnail_sha256, original_name, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (sha256) DO NOTHING`,
    [r.sha256, r.size, r.sniffed.kind, r.sniffed.mediaType, width, height, thumbnail, name?.slice(0, 200) ?? null, actor?.userId ?? null],
  )
  const { rows } = await db.query<FileRow>(`SELECT ${FILE_COLUMNS} FROM evidence_files f WHERE f.sha256 = $1`, [r.sha256])
  // The same bytes uploaded first by someone else (a flat JPEG, a shared document): this uploader
  // sent them too and may attach them, through a link of their own (owner 'uploader').
  if (actor && rows[0].uploaded_by !== actor.userId) {
    await db.query(
      `INSERT INTO evidence_links (sha256, owner_type, owner_id, area_code, linked_by) VALUES ($1, 'uploader', $2, $3, $4)
       ON CONFLICT (sha256, owner_type, owner_id) DO NOTHING`, [r.sha256, String(actor.userId), actor.scope, actor.userId])
  }
  return toEvidenceView(rows[0])
}

/**
 * Stores one file sent whole. `actor` null is an anonymous upload from the public portal, which
 * limits who may do it and how often; the same bytes twice are one file.
 */
export async function storeEvidence(
  db: Db, settings: EvidenceSettings, actor: Actor | null, source: Readable,
  declared: { name?: string; mediaType?: string; sha256?: string } = {}, kinds?: readonly EvidenceKind[],
): Promise<EvidenceView> {
  if (actor) authorize(actor, 'evidence.upload')
  const store = evidenceStore(settings)
  const received = await receive(store, settings, source, declared, kinds)
  // The sender's own hash of what it sent (the field app computes it on the phone): bytes changed on
  // the way are refused rather than kept as evidence under a name the phone does not know.
  if (declared.sha256 && declared.sha256 !== received.sha256) {
    await fsp.rm(received.temp, { force: true })
    throw new AppError('evidence.digestMismatch', { field: 'file' })
  }
  return keep(db, store, actor, received, declared.name)
}

// ---------------------------------------------------------------- resumable uploads

export interface UploadState {
  id: string
  size: number
  offset: number
  done: boolean
  evidence: EvidenceView | null
}

const uploadFile = (store: EvidenceStorage, id: string) => path.join(store.workDir, `upload-${id}.part`)

/** How long a resumable upload may be continued (evidence_uploads.expires_at is set from it). */
const UPLOAD_DAYS = 7

/** Starts a resumable upload of `size` bytes; the declared type is checked against the first chunk. */
export async function startUpload(db: Db, settings: EvidenceSettings, actor: Actor, d: { size: number; mediaType?: string; name?: string }): Promise<UploadState> {
  authorize(actor, 'evidence.upload')
  const kind = declaredKind(d.mediaType)
  if (!kind) throw new AppError('evidence.typeRefused', { field: 'mediaType' })
  if (d.size > limitOf(settings, kind)) throw new AppError('evidence.tooLarge', { limitMb: settings.maxMb[kind], field: 'size' })
  const id = randomUUID()
  const store = evidenceStore(settings)
  await fsp.mkdir(store.workDir, { recursive: true })
  await fsp.writeFile(uploadFile(store, id), '')
  await db.query(
    `INSERT INTO evidence_uploads (id, size, declared_type, original_name, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6))`,
    [id, d.size, d.mediaType ?? null, d.name?.slice(0, 200) ?? null, actor.userId, UPLOAD_DAYS],
  )
  return { id, size: d.size, offset: 0, done: false, evidence: null }
}

interface UploadRow {
  id: string
  size: number
  declared_type: string | null
  original_name: string | null
  received: number
  sha256: string | null
  created_by: number
}

async function findUpload(sql: Sql, actor: Actor, id: string): Promise<UploadRow> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('evidence.uploadNotFound')
  const { rows } = await sql.query<UploadRow>(
    `SELECT id, size, declared_type, original_name, received, sha256, created_by FROM evidence_uploads
     WHERE id = $1 AND created_by = $2 AND expires_at > now()`, [id, actor.userId],
  )
  if (!rows[0]) throw new AppError('evidence.uploadNotFound')
  return rows[0]
}

async function stateOf(sql: Sql, u: UploadRow): Promise<UploadState> {
  let evidence: EvidenceView | null = null
  if (u.sha256) {
    const { rows } = await sql.query<FileRow>(`SELECT ${FILE_COLUMNS} FROM evidence_files f WHERE f.sha256 = $1`, [u.sha256])
    evidence = rows[0] ? toEvidenceView(rows[0]) : null
  }
  return { id: u.id, size: Number(u.size), offset: Number(u.received), done: u.sha256 !== null, evidence }
}

export async function uploadState(db: Db, actor: Actor, id: string): Promise<UploadState> {
  return stateOf(db, await findUpload(db, actor, id))
}

/**
 * Appends a chunk at `offset` (which must be where the upload stands: 409 with the right offset
 * otherwise). The chunk is flushed to disk before the offset is recorded; bytes written after the
 * last recorded offset (a kill between the two) are cut off when the next chunk arrives. The last
 * chunk completes the upload and stores the file as evidence; its offset is recorded only with
 * the stored file, so when storing fails (a kill, an object store out of reach) the upload stays
 * at its previous offset and the client sends the last chunk again. A server that does not hold the
 * bytes already received (a work folder that several servers do not share, see
 * docs/deployment.md) refuses rather than fill the gap with zeros.
 */
export async function appendChunk(db: Db, settings: EvidenceSettings, actor: Actor, id: string, offset: number, body: Readable): Promise<UploadState> {
  const u = await findUpload(db, actor, id)
  if (u.sha256) return stateOf(db, u)
  const received = Number(u.received)
  if (offset !== received) {
    body.resume()
    throw new AppError('evidence.offsetMismatch', { offset: received })
  }
  const store = evidenceStore(settings)
  const file = uploadFile(store, u.id)
  const held = await fsp.stat(file).then((st) => st.size, () => null)
  if (held === null && received === 0) await fsp.writeFile(file, '')
  else if (held === null || held < received) {
    body.resume()
    throw new AppError('evidence.uploadLost', { offset: received })
  }
  const handle = await fsp.open(file, 'r+')
  let written = 0
  try {
    await handle.truncate(received)
    const remaining = Number(u.size) - received
    let position = received
    for await (const chunk of body as AsyncIterable<Buffer>) {
      written += chunk.length
      if (written > remaining) throw new AppError('evidence.uploadTooLong', { size: Number(u.size) })
      await handle.write(chunk, 0, chunk.length, position)
      position += chunk.length
    }
    await handle.sync()
  } catch (err) {
    await handle.truncate(received).catch(() => {})
    throw err
  } finally {
    await handle.close()
  }
  const now = received + written
  if (now < Number(u.size)) {
    await db.query('UPDATE evidence_uploads SET received = $2 WHERE id = $1 AND received = $3', [u.id, now, received])
    return { id: u.id, size: Number(u.size), offset: now, done: false, evidence: null }
  }
  // The last chunk: the file is stored first, then the upload is recorded as received and done in
  // one write, and only then is the work file removed. A server killed anywhere before that write
  // leaves the upload at its previous offset with its work file, so the client sends the last chunk
  // again (storing the same bytes twice is harmless). Removing the work file before the file was
  // stored lost the upload to a kill in between (test/fault/kill-server.test.ts).
  const checked = await receive(store, settings, fs.createReadStream(file), { name: u.original_name ?? undefined, mediaType: u.declared_type ?? undefined })
  const evidence = await keep(db, store, actor, checked, u.original_name ?? undefined)
  await db.query('UPDATE evidence_uploads SET received = $2, sha256 = $3 WHERE id = $1 AND received = $4', [u.id, now, evidence.sha256, received])
  await fsp.rm(file, { force: true })
  return { id: u.id, size: Number(u.size), offset: now, done: true, evidence }
}

// ---------------------------------------------------------------- attaching and reading

export interface EvidenceLink {
  sha256: string
  ownerType: string
  ownerId: string
  areaCode: string
  capturedAt?: Date
  location?: { lng: number; lat: number }
  linkedBy: number | null
}

/** Attaches a stored file to an owner (a case); an unknown file is refused, a link made twice is kept once. */
export async function linkEvidence(tx: Sql, link: EvidenceLink): Promise<void> {
  const { rows } = await tx.query('SELECT 1 FROM evidence_files WHERE sha256 = $1', [link.sha256])
  if (!rows[0]) throw new AppError('evidence.unknown', { sha256: link.sha256.slice(0, 12), field: 'evidence' })
  await tx.query(
    `INSERT INTO evidence_links (sha256, owner_type, owner_id, area_code, captured_at, location, linked_by)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($6, $7::float8), 4326) END, $8)
     ON CONFLICT (sha256, owner_type, owner_id) DO NOTHING`,
    [link.sha256, link.ownerType, link.ownerId, link.areaCode, link.capturedAt ?? null, link.location?.lng ?? null, link.location?.lat ?? null, link.linkedBy],
  )
}

/** The SQL condition under which an actor sees the owner of link `l`, per owner type (cases register theirs). */
export type OwnerVisibility = (actor: Actor, params: unknown[]) => string
const owners = new Map<string, OwnerVisibility>()

export function registerEvidenceOwner(ownerType: string, visible: OwnerVisibility): void {
  owners.set(ownerType, visible)
}

// Who uploaded bytes someone else had uploaded first sees them as their own upload, nobody else.
registerEvidenceOwner('uploader', (actor, params) => `l.owner_id = $${params.push(String(actor.userId))}`)

function visibleLink(actor: Actor, params: unknown[]): string {
  const parts = [`(l.owner_type NOT IN (${[...owners.keys()].map((t) => `'${t}'`).join(', ') || "''"}) AND ${scopeFilter(actor, 'l.area_code', params)})`]
  for (const [type, visible] of owners) parts.push(`(l.owner_type = '${type}' AND ${visible(actor, params)})`)
  return parts.join(' OR ')
}

/** A file the actor may see: their own upload, or attached to something they see. Null otherwise (a 404 either way). */
export async function findVisibleEvidence(sql: Sql, actor: Actor, sha256: string): Promise<FileRow | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null
  const params: unknown[] = [sha256, actor.userId]
  const { rows } = await sql.query<FileRow>(
    `SELECT ${FILE_COLUMNS} FROM evidence_files f WHERE f.sha256 = $1
       AND (f.uploaded_by = $2 OR EXISTS (SELECT 1 FROM evidence_links l WHERE l.sha256 = f.sha256 AND (${visibleLink(actor, params)})))`,
    params,
  )
  return rows[0] ?? null
}

/**
 * Removes resumable uploads past their expiry that never completed, with their partial files; and
 * work files untouched for longer than any upload lives, which nothing will finish: those a server
 * killed mid-upload left behind (a one-shot upload's work file has no row to expire with).
 */
export async function dropExpiredUploads(db: Db, settings: EvidenceSettings): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    'DELETE FROM evidence_uploads WHERE expires_at < now() AND sha256 IS NULL RETURNING id')
  const store = evidenceStore(settings)
  for (const r of rows) await fsp.rm(uploadFile(store, r.id), { force: true })
  const before = Date.now() - UPLOAD_DAYS * 24 * 3600 * 1000
  for (const name of await fsp.readdir(store.workDir).catch(() => [] as string[])) {
    const file = path.join(store.workDir, name)
    const stat = await fsp.stat(file).catch(() => null)
    if (stat?.isFile() && stat.mtimeMs < before) await fsp.rm(file, { force: true })
  }
  return rows.length
}
