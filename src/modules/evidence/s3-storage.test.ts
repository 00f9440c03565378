import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { createHash } from 'node:crypto'
import type { LookupFunction } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import S3rver from 's3rver'
import sharp from 'sharp'
import type { S3Settings } from '../../config.ts'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { multipartFile } from '../../../test/factories-people.ts'
import { EMPTY_SHA256, S3EvidenceStorage, S3StoreError, signV4, uriEncode } from './s3-storage.ts'

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')
const read = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

describe('signing requests (AWS Signature V4)', () => {
  // The examples of the S3 API reference ("Signature Calculations for the Authorization Header:
  // Transferring Payload in a Single Chunk"), with its example key pair. s3rver checks the access
  // key id but not a V4 signature, so these are what proves the signature.
  const example = {
    region: 'us-east-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    now: new Date('2013-05-24T00:00:00Z'), host: 'examplebucket.s3.amazonaws.com',
  }
  const signatureOf = (headers: Record<string, string>) => /Signature=([0-9a-f]{64})$/.exec(headers.authorization)![1]

  it('signs GET Object with a range as the documented example', () => {
    const headers = signV4({ ...example, method: 'GET', path: '/test.txt', headers: { Range: 'bytes=0-9' }, payloadHash: EMPTY_SHA256 })
    expect(headers.authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,'
      + 'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41')
    expect(headers['x-amz-date']).toBe('20130524T000000Z')
  })

  it('signs PUT Object with its payload hash as the documented example (a $ in the key encoded)', () => {
    const payloadHash = sha256('Welcome to Amazon S3.')
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072')
    const headers = signV4({
      ...example, method: 'PUT', path: `/${uriEncode('test$file.text')}`, payloadHash,
      headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
    })
    expect(headers.authorization).toContain('SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,')
    expect(signatureOf(headers)).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd')
  })

  it('signs a query as the documented GET Bucket example', () => {
    const headers = signV4({ ...example, method: 'GET', path: '/', query: { prefix: 'J', 'max-keys': '2' }, headers: {}, payloadHash: EMPTY_SHA256 })
    expect(signatureOf(headers)).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7')
  })

  it('encodes keys the S3 way', () => {
    expect(uriEncode("mg/a b!'()*~.jpg")).toBe('mg/a%20b%21%27%28%29%2A~.jpg')
    expect(uriEncode('a/b', false)).toBe('a%2Fb')
    expect(uriEncode('证据')).toBe('%E8%AF%81%E6%8D%AE')
  })
})

/** A real S3-compatible server (s3rver) on a free port, storing in a temp folder. */
async function startS3(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-s3rver-')), port = 0) {
  const server = new S3rver({
    address: '127.0.0.1', port, silent: true, directory: dir, serviceEndpoint: 'localhost', configureBuckets: [{ name: 'evidence' }],
  })
  const { port: bound } = await server.run()
  return { server, dir, port: bound }
}

const settingsFor = (port: number, over: Partial<S3Settings> = {}): S3Settings => ({
  endpoint: `http://127.0.0.1:${port}`, bucket: 'evidence', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER',
  prefix: 'mg/', pathStyle: true, ...over,
})

describe('the S3 store, against s3rver', () => {
  let s3: Awaited<ReturnType<typeof startS3>>
  let store: S3EvidenceStorage
  const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-evidence-'))
  const objectFile = (key: string) => path.join(s3.dir, 'evidence', path.dirname(key), `${path.basename(key)}._S3rver_object`)
  const workFile = async (content: Buffer) => {
    const file = await store.tempPath()
    fs.writeFileSync(file, content)
    return file
  }

  beforeAll(async () => {
    s3 = await startS3()
    store = new S3EvidenceStorage(settingsFor(s3.port), workRoot)
  })
  afterAll(() => s3.server.close())

  it('keeps the work folder local and reaches the bucket', async () => {
    expect(store.workDir).toBe(path.join(workRoot, 'incoming'))
    await store.checkBucket()
  })

  it('puts a file under <prefix>ab/cd/<sha256>, removes the work file, and reads it whole and in ranges', async () => {
    const content = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251))
    const sha = sha256(content)
    expect(await store.has(sha)).toBe(false)
    const file = await workFile(content)
    await store.put(sha, file)
    expect(fs.existsSync(file)).toBe(false)
    expect(fs.readFileSync(objectFile(`mg/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`)).equals(content)).toBe(true)
    expect(await store.has(sha)).toBe(true)
    expect(await store.size(sha)).toBe(content.length)
    expect((await read(store.open(sha))).equals(content)).toBe(true)
    expect((await read(store.open(sha, { start: 0, end: 99 }))).equals(content.subarray(0, 100))).toBe(true)
    expect((await read(store.open(sha, { start: 99_990, end: 99_999 }))).equals(content.subarray(99_990))).toBe(true)
    expect((await read(store.open(sha, { start: 5, end: 5 }))).equals(content.subarray(5, 6))).toBe(true)
  })

  it('never overwrites an object: other bytes put under the same key leave the original', async () => {
    const original = Buffer.from('the photo taken on site')
    const sha = sha256(original)
    await store.put(sha, await workFile(original))
    const forged = await workFile(Buffer.from('something else entirely'))
    await store.put(sha, forged)
    expect(fs.existsSync(forged)).toBe(false)
    expect((await read(store.open(sha))).toString()).toBe('the photo taken on site')
  })

  it('says what is wrong when the store refuses or is out of reach', async () => {
    const stranger = new S3EvidenceStorage(settingsFor(s3.port, { accessKeyId: 'NOBODY' }), workRoot)
    const refused = await stranger.has(sha256('x')).catch((e) => e)
    // A HEAD answer has no body: the status alone names the cause.
    expect(refused).toBeInstanceOf(S3StoreError)
    expect(refused.message).toMatch(/403.*EVIDENCE_S3_ACCESS_KEY_ID/)
    const content = Buffer.from('refused upload')
    const stream = stranger.open(sha256(content))
    const err = await read(stream).catch((e) => e)
    expect(err.message).toMatch(/403 InvalidAccessKeyId.*check EVIDENCE_S3_ACCESS_KEY_ID/)
    await expect(new S3EvidenceStorage(settingsFor(s3.port, { bucket: 'nothing-here' }), workRoot).checkBucket())
      .rejects.toThrow(/404 \(no such bucket: check EVIDENCE_S3_BUCKET/)
    const missing = await read(store.open(sha256('never stored'))).catch((e) => e)
    expect(missing.message).toMatch(/404 NoSuchKey/)
    await expect(store.size(sha256('never stored'))).rejects.toThrow(/no object mg\//)
    const closed = http.createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const freePort = (closed.address() as { port: number }).port
    await new Promise((r) => closed.close(r))
    const away = new S3EvidenceStorage(settingsFor(freePort), workRoot)
    await expect(away.has(sha256('x'))).rejects.toThrow(new RegExp(`HEAD to http://127.0.0.1:${freePort} failed: .*ECONNREFUSED`))
  })

  it('addresses the bucket as a host name when path style is off (OSS, COS)', async () => {
    // evidence.s3.localhost is reached through an agent that resolves every name to this machine.
    const lookup = ((_host: string, options: { all?: boolean }, done: (...args: unknown[]) => void) =>
      options.all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)) as unknown as LookupFunction
    const agent = new http.Agent({ lookup } as http.AgentOptions)
    const vhost = new S3EvidenceStorage(settingsFor(s3.port, { endpoint: `http://s3.localhost:${s3.port}`, pathStyle: false, prefix: '' }), workRoot, agent)
    await vhost.checkBucket()
    const content = Buffer.from('addressed by host name')
    const sha = sha256(content)
    await vhost.put(sha, await workFile(content))
    expect(fs.existsSync(objectFile(`${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`))).toBe(true)
    expect((await read(vhost.open(sha, { start: 0, end: 8 }))).toString()).toBe('addressed')
    agent.destroy()
  })
})

describe('evidence through the API, kept in an S3-compatible store', async () => {
  let s3 = await startS3()
  const { app, db, config } = await setupTestApp({}, { s3: settingsFor(s3.port, { prefix: 'city/' }) })
  afterAll(() => s3.server.close())
  await seedSmallTree(db)
  const worker = await userWith(app, db, ['grid_worker'], '050101')
  const objects = () => {
    const all: string[] = []
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name))
        else if (e.name.endsWith('._S3rver_object')) all.push(path.relative(path.join(s3.dir, 'evidence'), path.join(dir, e.name)))
      }
    }
    walk(path.join(s3.dir, 'evidence'))
    return all
  }
  const localFiles = () => fs.readdirSync(config.evidence.dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())

  it('stores a photo and its preview in the bucket, and serves it whole, in a range, and as a preview', async () => {
    const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#37a' } }).jpeg().toBuffer()
    const before = objects()
    const { payload, headers } = multipartFile(jpeg, '现场照片.jpg', 'file', 'image/jpeg')
    const res = await worker.request({ method: 'POST', url: '/api/evidence', payload, headers })
    expect(res.statusCode, res.body).toBe(200)
    const e = res.json()
    expect(e).toMatchObject({ sha256: sha256(jpeg), kind: 'image', width: 900, height: 600 })
    expect(objects()).toContain(`city/${e.sha256.slice(0, 2)}/${e.sha256.slice(2, 4)}/${e.sha256}._S3rver_object`)
    // the photo and its preview, beside whatever the other tests stored
    expect(objects().filter((o) => !before.includes(o))).toHaveLength(2)
    expect(localFiles()).toEqual([])
    const whole = await worker.get(e.url)
    expect(whole.statusCode).toBe(200)
    expect(whole.rawPayload.equals(jpeg)).toBe(true)
    const part = await worker.get(e.url, { range: 'bytes=100-1099' })
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${jpeg.length}`)
    expect(part.rawPayload.equals(jpeg.subarray(100, 1100))).toBe(true)
    const thumb = await worker.get(e.thumbnailUrl)
    expect(thumb.statusCode).toBe(200)
    expect(thumb.headers['content-type']).toBe('image/webp')
    const meta = await sharp(thumb.rawPayload).metadata()
    expect(Math.max(meta.width!, meta.height!)).toBe(320)
  })

  it('completes a resumable upload into the bucket, and again once the store is back after failing at the last chunk', async () => {
    const header = Buffer.from('\0\0\0\x18ftypisom\0\0\0\0isomiso2mp41', 'latin1')
    const video = Buffer.concat([header, Buffer.alloc(250_000, 3)])
    const upload = async (content: Buffer) => {
      const start = await worker.post('/api/evidence/uploads', { size: content.length, mediaType: 'video/mp4', name: '执法记录.mp4' })
      expect(start.statusCode, start.body).toBe(201)
      const id: string = start.json().id
      const chunk = (from: number, to: number) => worker.request({
        method: 'PATCH', url: `/api/evidence/uploads/${id}`, payload: content.subarray(from, to),
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(from) },
      })
      return { id, chunk }
    }
    const first = await upload(video)
    expect((await first.chunk(0, 100_000)).json()).toMatchObject({ offset: 100_000, done: false })
    const done = (await first.chunk(100_000, video.length)).json()
    expect(done).toMatchObject({ done: true, evidence: { sha256: sha256(video), size: video.length } })
    expect(objects()).toContain(`city/${done.evidence.sha256.slice(0, 2)}/${done.evidence.sha256.slice(2, 4)}/${done.evidence.sha256}._S3rver_object`)
    expect((await worker.get(done.evidence.url, { range: 'bytes=4-11' })).rawPayload.toString('latin1')).toBe('ftypisom')

    // The store goes away before the last chunk: the upload stays at the offset before it.
    const other = Buffer.concat([header, Buffer.alloc(120_000, 4)])
    const second = await upload(other)
    expect((await second.chunk(0, 60_000)).statusCode).toBe(200)
    await s3.server.close()
    const failed = await second.chunk(60_000, other.length)
    expect(failed.statusCode).toBe(500)
    const state = (await worker.get(`/api/evidence/uploads/${second.id}`)).json()
    expect(state).toMatchObject({ offset: 60_000, done: false })
    expect(localFiles().map((e) => e.name)).toEqual([`upload-${second.id}.part`])
    s3 = await startS3(s3.dir, s3.port)
    // What the console does after a failed chunk: ask where the upload stands, then send the rest again.
    const resumed = await second.chunk(60_000, other.length)
    expect(resumed.statusCode, resumed.body).toBe(200)
    expect(resumed.json()).toMatchObject({ done: true, evidence: { sha256: sha256(other) } })
    expect((await worker.get(resumed.json().evidence.url)).rawPayload.equals(other)).toBe(true)
    expect(localFiles()).toEqual([])
  })

  it('refuses a chunk on a server that does not hold the bytes already received, rather than fill them with zeros', async () => {
    const header = Buffer.from('\0\0\0\x18ftypisom\0\0\0\0isomiso2mp41', 'latin1')
    const video = Buffer.concat([header, Buffer.alloc(50_000, 5)])
    const { id } = (await worker.post('/api/evidence/uploads', { size: video.length, mediaType: 'video/mp4' })).json()
    const chunk = (from: number, to: number) => worker.request({
      method: 'PATCH', url: `/api/evidence/uploads/${id}`, payload: video.subarray(from, to),
      headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(from), 'accept-language': 'en' },
    })
    // Started on another server: the first chunk here starts the work file.
    fs.rmSync(path.join(config.evidence.dir, 'incoming', `upload-${id}.part`))
    expect((await chunk(0, 20_000)).json()).toMatchObject({ offset: 20_000 })
    // Its bytes so far are elsewhere (a work folder not shared): refused, nothing stored.
    fs.rmSync(path.join(config.evidence.dir, 'incoming', `upload-${id}.part`))
    const lost = await chunk(20_000, video.length)
    expect(lost.statusCode).toBe(409)
    expect(lost.json().error).toMatchObject({ code: 'evidence.uploadLost', message: expect.stringMatching(/upload the file again/) })
    expect(objects().some((o) => o.includes(sha256(video)))).toBe(false)
  })
})
