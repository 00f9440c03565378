/**
 * Evidence in an S3-compatible bucket (MinIO, Aliyun OSS, Tencent COS, AWS S3) for installations
 * with several app servers (issue 12 §5, docs/evidence.md). Requests are signed here with AWS
 * Signature V4 on node:crypto rather than through the AWS SDK, which would bring tens of packages
 * for four requests (HEAD, PUT, GET, and HEAD of the bucket at start).
 *
 * Objects are keyed as in the local folder, `<prefix>ab/cd/<sha256>`, and never overwritten: a PUT
 * comes after a HEAD that found nothing, and carries `If-None-Match: *`, which AWS and MinIO honour
 * (412: someone stored it meanwhile). Its signed payload hash is the object's own sha256, so a store
 * that checks `x-amz-content-sha256` (AWS, MinIO) refuses bytes other than the ones the key names;
 * two servers racing to store the same key can only write the same bytes.
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import path from 'node:path'
import { createHash, createHmac } from 'node:crypto'
import { PassThrough, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { S3Settings } from '../../config.ts'
import { objectPath, tempPathIn, type EvidenceStorage } from './storage.ts'

/** The sha256 of no bytes: the payload hash of HEAD and GET. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** S3's URI encoding: everything but A-Z a-z 0-9 - _ . ~ (and '/' in a path) as %XX of its UTF-8 bytes. */
export function uriEncode(text: string, keepSlash = true): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => {
    const c = String.fromCharCode(byte)
    return /[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/') ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }).join('')
}

export interface SignInput {
  method: string
  /** the Host header: the name, and the port when it is not the scheme's */
  host: string
  /** the path as sent, already encoded with `uriEncode` */
  path: string
  query?: Record<string, string>
  /** headers to send and sign besides host, x-amz-date and x-amz-content-sha256 */
  headers: Record<string, string>
  payloadHash: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  now: Date
}

const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest()

/**
 * AWS Signature V4 for S3 (docs.aws.amazon.com, "Signature Calculations for the Authorization
 * Header"): returns every header to send, `authorization` included, names in lower case.
 */
export function signV4(r: SignInput): Record<string, string> {
  const amzDate = r.now.toISOString().replace(/[-:]|\.\d{3}/g, '')
  const day = amzDate.slice(0, 8)
  const headers: Record<string, string> = { host: r.host, 'x-amz-content-sha256': r.payloadHash, 'x-amz-date': amzDate }
  for (const [name, value] of Object.entries(r.headers)) headers[name.toLowerCase()] = value
  const names = Object.keys(headers).sort()
  const signedHeaders = names.join(';')
  const canonicalQuery = Object.entries(r.query ?? {})
    .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`).join('&')
  const canonicalRequest = [
    r.method, r.path, canonicalQuery,
    ...names.map((n) => `${n}:${headers[n].trim().replace(/\s+/g, ' ')}`), '',
    signedHeaders, r.payloadHash,
  ].join('\n')
  const scope = `${day}/${r.region}/s3/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${r.secretAccessKey}`, day), r.region), 's3'), 'aws4_request')
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex')
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${r.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`
  return headers
}

/** A refusal or failure of the object store, with what to check when the cause is a setting. */
export class S3StoreError extends Error {
  constructor(readonly status: number, readonly s3Code: string | null, message: string) {
    super(message)
    this.name = 'S3StoreError'
  }
}

const HINTS: Record<string, string> = {
  InvalidAccessKeyId: 'check EVIDENCE_S3_ACCESS_KEY_ID',
  SignatureDoesNotMatch: 'check EVIDENCE_S3_SECRET_ACCESS_KEY',
  AccessDenied: 'check the key\'s rights on the bucket (it needs to read and write objects)',
  NoSuchBucket: 'check EVIDENCE_S3_BUCKET: the bucket must exist',
  AuthorizationHeaderMalformed: 'check EVIDENCE_S3_REGION',
  PermanentRedirect: 'check EVIDENCE_S3_ENDPOINT and EVIDENCE_S3_REGION: the bucket is elsewhere',
  SecondLevelDomainForbidden: 'set EVIDENCE_S3_PATH_STYLE=false: this store wants bucket.endpoint addresses',
}

/** Reads an error answer (an XML body with Code and Message; a HEAD has none) into an S3StoreError. */
async function failure(res: http.IncomingMessage, what: string): Promise<S3StoreError> {
  let body = ''
  for await (const chunk of res as AsyncIterable<Buffer>) if (body.length < 16_384) body += chunk.toString('utf8')
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? null
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1]
  const hint = (code && HINTS[code]) ?? (res.statusCode === 403 ? 'check EVIDENCE_S3_ACCESS_KEY_ID, EVIDENCE_S3_SECRET_ACCESS_KEY and the key\'s rights on the bucket' : null)
  return new S3StoreError(res.statusCode ?? 0, code,
    `evidence store: ${what} answered ${res.statusCode}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}${hint ? ` (${hint})` : ''}`)
}

/** No answer within this long after a request is sent is a failure; a body being read is not timed. */
const ANSWER_MS = 60_000

export class S3EvidenceStorage implements EvidenceStorage {
  readonly workDir: string
  private readonly endpoint: URL
  private readonly client: typeof http | typeof https

  /** `agent` carries connection settings (a proxy, a private CA); the tests use it to reach a bucket's host name. */
  constructor(private readonly s3: S3Settings, dir: string, private readonly agent?: http.Agent) {
    this.workDir = path.join(dir, 'incoming')
    this.endpoint = new URL(s3.endpoint)
    this.client = this.endpoint.protocol === 'https:' ? https : http
  }

  tempPath(): Promise<string> {
    return tempPathIn(this.workDir)
  }

  /** The host to connect to and the encoded path of an object (or of the bucket, `key` null). */
  private locate(key: string | null): { hostname: string; host: string; path: string } {
    const keyPath = key === null ? '' : uriEncode(key)
    const hostname = this.s3.pathStyle ? this.endpoint.hostname : `${this.s3.bucket}.${this.endpoint.hostname}`
    const host = this.endpoint.port ? `${hostname}:${this.endpoint.port}` : hostname
    return { hostname, host, path: this.s3.pathStyle ? `/${this.s3.bucket}${key === null ? '' : `/${keyPath}`}` : `/${keyPath}` }
  }

  private keyOf(sha256: string): string {
    return this.s3.prefix + objectPath(sha256)
  }

  /** Sends one signed request; resolves with the answer, whatever its status. */
  private send(method: 'HEAD' | 'GET' | 'PUT', key: string | null, o: { headers?: Record<string, string>; payloadHash?: string; body?: Readable; length?: number } = {}) {
    const where = this.locate(key)
    const headers = signV4({
      method, host: where.host, path: where.path, headers: o.headers ?? {}, payloadHash: o.payloadHash ?? EMPTY_SHA256,
      region: this.s3.region, accessKeyId: this.s3.accessKeyId, secretAccessKey: this.s3.secretAccessKey, now: new Date(),
    })
    if (o.length !== undefined) headers['content-length'] = String(o.length)
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = this.client.request({
        method, hostname: where.hostname, port: this.endpoint.port || undefined, path: where.path, headers, agent: this.agent,
      })
      const timer = setTimeout(() => req.destroy(new Error(`evidence store: no answer from ${this.s3.endpoint} within ${ANSWER_MS / 1000} s`)), ANSWER_MS)
      req.on('response', (res) => {
        clearTimeout(timer)
        resolve(res)
      })
      req.on('error', (err) => {
        clearTimeout(timer)
        reject(err.message.startsWith('evidence store') ? err : new Error(`evidence store: ${method} to ${this.s3.endpoint} failed: ${err.message}`, { cause: err }))
      })
      if (!o.body) return void req.end()
      o.body.on('error', (err) => req.destroy(err))
      o.body.pipe(req)
    })
  }

  /** Answers when the bucket can be reached with these settings; throws what is wrong otherwise (checked at start). */
  async checkBucket(): Promise<void> {
    const res = await this.send('HEAD', null)
    res.resume()
    if (res.statusCode === 200) return
    // A HEAD answer has no body to name the cause: the status has to.
    const hint = res.statusCode === 404 ? 'no such bucket: check EVIDENCE_S3_BUCKET and EVIDENCE_S3_PATH_STYLE'
      : res.statusCode === 403 ? 'check EVIDENCE_S3_ACCESS_KEY_ID, EVIDENCE_S3_SECRET_ACCESS_KEY and the key\'s rights on the bucket'
        : res.statusCode === 301 || res.statusCode === 400 ? 'check EVIDENCE_S3_REGION and EVIDENCE_S3_ENDPOINT' : null
    throw new S3StoreError(res.statusCode ?? 0, null,
      `evidence store: HEAD of bucket ${this.s3.bucket} at ${this.s3.endpoint} answered ${res.statusCode}${hint ? ` (${hint})` : ''}`)
  }

  private async head(sha256: string): Promise<number | null> {
    const res = await this.send('HEAD', this.keyOf(sha256))
    if (res.statusCode === 404) {
      res.resume()
      return null
    }
    if (res.statusCode !== 200) throw await failure(res, `HEAD ${this.keyOf(sha256)}`)
    res.resume()
    return Number(res.headers['content-length'])
  }

  async put(sha256: string, fromFile: string): Promise<void> {
    if ((await this.head(sha256)) === null) {
      const key = this.keyOf(sha256)
      const { size } = await fsp.stat(fromFile)
      const res = await this.send('PUT', key, {
        headers: { 'content-type': 'application/octet-stream', 'if-none-match': '*' },
        payloadHash: sha256, body: fs.createReadStream(fromFile), length: size,
      })
      // 412: stored meanwhile by another request; 409 (AWS): a concurrent write of the same key, which is there or not.
      if (res.statusCode === 409) {
        res.resume()
        if ((await this.head(sha256)) === null) throw new S3StoreError(409, 'ConditionalRequestConflict', `evidence store: PUT ${key} met a concurrent write; try again`)
      } else if (res.statusCode !== 200 && res.statusCode !== 412) {
        throw await failure(res, `PUT ${key}`)
      } else {
        res.resume()
      }
    }
    await fsp.rm(fromFile, { force: true })
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.head(sha256)) !== null
  }

  async size(sha256: string): Promise<number> {
    const size = await this.head(sha256)
    if (size === null) throw new S3StoreError(404, 'NoSuchKey', `evidence store: no object ${this.keyOf(sha256)}`)
    return size
  }

  /**
   * A stream at once, fed when the store answers (the routes hand it to the reply as they would a
   * file). A refusal, or a connection lost mid-way, fails the stream; closing the stream early
   * closes the request to the store.
   */
  open(sha256: string, range?: { start: number; end: number }): Readable {
    const key = this.keyOf(sha256)
    const out = new PassThrough()
    this.send('GET', key, { headers: range ? { range: `bytes=${range.start}-${range.end}` } : {} }).then(async (res) => {
      // A store that ignored the range would answer 200 with the whole object: not what was asked.
      if (res.statusCode !== (range ? 206 : 200)) return void out.destroy(await failure(res, `GET ${key}${range ? ` bytes=${range.start}-${range.end}` : ''}`))
      await pipeline(res, out)
    }).catch((err) => out.destroy(err))
    return out
  }
}
