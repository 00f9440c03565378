import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import sharp from 'sharp'
import { setupTestApp, type Client } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { multipartFile } from '../../../test/factories-people.ts'
import { sniff, SNIFF_BYTES } from './rules.ts'
import { dropExpiredUploads, findVisibleEvidence } from './service.ts'

describe('reading the type from the first bytes', () => {
  const signatures: Array<[number[] | string, string]> = [
    [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
    ['GIF89a', 'image/gif'],
    ['\0\0\0\x18ftypheic', 'image/heic'],
    ['\0\0\0\x18ftypisom', 'video/mp4'],
    ['\0\0\0\x14ftypqt  ', 'video/quicktime'],
    ['\0\0\0\x20ftypM4A ', 'audio/mp4'],
    [[0x1a, 0x45, 0xdf, 0xa3], 'video/webm'],
    ['ID3\x04', 'audio/mpeg'],
    ['#!AMR\n', 'audio/amr'],
    ['OggS', 'audio/ogg'],
    ['%PDF-1.7', 'application/pdf'],
  ]
  const bytes = (sig: number[] | string) => Uint8Array.from(typeof sig === 'string' ? [...sig].map((c) => c.charCodeAt(0)) : sig)

  it('recognises each accepted type whatever follows its signature', () => {
    for (const [sig, type] of signatures) {
      fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: SNIFF_BYTES }), (tail) => {
        const head = new Uint8Array([...bytes(sig), ...tail]).subarray(0, Math.max(SNIFF_BYTES, bytes(sig).length))
        expect(sniff(head)?.mediaType).toBe(type)
      }), { numRuns: 30 })
    }
  })

  it('refuses HTML, SVG, scripts, executables and a bare zip', () => {
    for (const text of ['<!DOCTYPE html><html>', '<svg xmlns="http://www.w3.org/2000/svg">', '#!/bin/sh\nrm -rf /', 'MZ\x90\0', 'PK\x03\x04\x14\0']) {
      expect(sniff(bytes(text + ' '.repeat(SNIFF_BYTES)), 'photo.jpg')).toBeNull()
    }
    expect(sniff(bytes('PK\x03\x04\x14\0' + ' '.repeat(SNIFF_BYTES)), '现场笔录.docx')?.kind).toBe('document')
  })
})

describe('storing and serving evidence', async () => {
  const { app, db, config } = await setupTestApp()
  await seedSmallTree(db)
  const worker = await userWith(app, db, ['grid_worker'], '050101')
  const other = await userWith(app, db, ['grid_worker'], '050201')
  const station = await userWith(app, db, ['station_chief'], '0501')
  const en = { 'accept-language': 'en' }

  const upload = (client: Client, content: Buffer, name: string, type: string, headers: Record<string, string> = {}) => {
    const { payload, headers: h } = multipartFile(content, name, 'file', type)
    return client.request({ method: 'POST', url: '/api/evidence', payload, headers: { ...h, ...headers } })
  }
  const storedFiles = () => {
    const all: string[] = []
    const walk = (dir: string) => {
      if (!fs.existsSync(dir)) return
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name))
        else all.push(path.join(dir, e.name))
      }
    }
    walk(config.evidence.dir)
    return all
  }

  it('stores a photo under its sha256 with a preview, once for the same bytes', async () => {
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7' } }).jpeg().toBuffer()
    const res = await upload(worker, jpeg, '现场照片.jpg', 'image/jpeg')
    expect(res.statusCode, res.body).toBe(200)
    const e = res.json()
    expect(e).toMatchObject({ kind: 'image', mediaType: 'image/jpeg', width: 1200, height: 800, size: jpeg.length, name: '现场照片.jpg' })
    expect(e.sha256).toBe((await import('node:crypto')).createHash('sha256').update(jpeg).digest('hex'))
    const again = await upload(worker, jpeg, 'copy.jpg', 'image/jpeg')
    expect(again.json().sha256).toBe(e.sha256)
    const { rows } = await db.query('SELECT count(*)::int AS n FROM evidence_files WHERE sha256 = $1', [e.sha256])
    expect(rows[0].n).toBe(1)
    const file = await worker.get(e.url)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('image/jpeg')
    expect(file.headers['x-content-type-options']).toBe('nosniff')
    expect(file.rawPayload.equals(jpeg)).toBe(true)
    const thumb = await worker.get(e.thumbnailUrl)
    expect(thumb.headers['content-type']).toBe('image/webp')
    const meta = await sharp(thumb.rawPayload).metadata()
    expect(Math.max(meta.width!, meta.height!)).toBe(320)
    const part = await worker.get(e.url, { range: 'bytes=0-99' })
    expect(part.statusCode).toBe(206)
    expect(part.rawPayload.equals(jpeg.subarray(0, 100))).toBe(true)
  })

  it('checks the sender\'s sha256 when given: the same bytes are stored, other bytes refused and nothing kept', async () => {
    const { createHash } = await import('node:crypto')
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a37' } }).jpeg().toBuffer()
    const sha = createHash('sha256').update(jpeg).digest('hex')
    const ok = await upload(worker, jpeg, 'p.jpg', 'image/jpeg', { 'x-content-sha256': sha })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().sha256).toBe(sha)

    const before = storedFiles().length
    const damaged = Buffer.from(jpeg)
    damaged[damaged.length - 10] ^= 0xff
    const bad = await upload(worker, damaged, 'p.jpg', 'image/jpeg', { 'x-content-sha256': sha, ...en })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toMatch(/checksum the phone computed/)
    const badSha = createHash('sha256').update(damaged).digest('hex')
    expect((await db.query('SELECT 1 FROM evidence_files WHERE sha256 = $1', [badSha])).rows).toHaveLength(0)
    expect(storedFiles().length).toBe(before)
    const malformed = await upload(worker, jpeg, 'p.jpg', 'image/jpeg', { 'x-content-sha256': 'not-a-hash' })
    expect(malformed.statusCode).toBe(400)
  })

  it('refuses a page disguised as a photo, a type that lies, a broken image, and an oversize file, storing nothing', async () => {
    const before = storedFiles().length
    const html = await upload(worker, Buffer.from('<html><script>alert(1)</script></html>'), 'photo.jpg', 'image/jpeg', en)
    expect(html.statusCode).toBe(415)
    expect(html.json().error.message).toMatch(/not accepted/)
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer()
    const lying = await upload(worker, png, 'voice.mp3', 'audio/mpeg', en)
    expect(lying.statusCode).toBe(415)
    expect(lying.json().error.message).toMatch(/image\/png.*audio\/mpeg/)
    const broken = await upload(worker, Buffer.concat([png.subarray(0, 40), Buffer.alloc(200)]), 'x.png', 'image/png')
    expect(broken.statusCode).toBe(415)
    const big = Buffer.concat([png.subarray(0, 16), Buffer.alloc(config.evidence.maxMb.image * 1024 * 1024 + 10)])
    const over = await upload(worker, big, 'big.png', 'image/png', en)
    expect(over.statusCode).toBe(413)
    expect(over.json().error.message).toMatch(/\(20 MB\)/)
    expect(storedFiles().length).toBe(before)
  })

  it('shows a file to its uploader and to those who see the case it is attached to, and to nobody else', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#a00' } }).png().toBuffer()
    const e = (await upload(worker, png, 'a.png', 'image/png')).json()
    expect((await other.get(e.url)).statusCode).toBe(404)
    expect((await station.get(e.url)).statusCode).toBe(404)
    const filed = await worker.post('/api/cases', {
      source: 'patrol', categoryCode: 'other', title: '附证据', description: '附证据', gridCode: '050101', evidence: [e.sha256],
    })
    expect(filed.statusCode, filed.body).toBe(201)
    expect((await station.get(e.url)).statusCode).toBe(200)
    expect((await other.get(e.url)).statusCode).toBe(404)
    expect((await other.get(`/api/evidence/${'f'.repeat(64)}`)).statusCode).toBe(404)
  })

  it('takes a large file in chunks, refuses a wrong offset, and resumes after bytes written but never recorded', async () => {
    const header = Buffer.from('\0\0\0\x18ftypisom\0\0\0\0isomiso2mp41', 'latin1')
    const video = Buffer.concat([header, Buffer.alloc(300_000, 7)])
    const start = await worker.post('/api/evidence/uploads', { size: video.length, mediaType: 'video/mp4', name: '执法记录.mp4' })
    expect(start.statusCode, start.body).toBe(201)
    const { id } = start.json()
    const chunk = (from: number, to: number, offset = from) => worker.request({
      method: 'PATCH', url: `/api/evidence/uploads/${id}`, payload: video.subarray(from, to),
      headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
    })
    expect((await chunk(0, 100_000)).json()).toMatchObject({ offset: 100_000, done: false })
    const wrong = await chunk(150_000, 200_000)
    expect(wrong.statusCode).toBe(409)
    expect(wrong.json().error.details.offset).toBe(100_000)
    // A server killed between writing a chunk and recording it leaves bytes past the offset.
    const part = fs.readdirSync(path.join(config.evidence.dir, 'incoming')).find((f) => f.includes(id))!
    fs.appendFileSync(path.join(config.evidence.dir, 'incoming', part), Buffer.alloc(5000, 9))
    expect((await worker.get(`/api/evidence/uploads/${id}`)).json().offset).toBe(100_000)
    expect((await other.get(`/api/evidence/uploads/${id}`)).statusCode).toBe(404)
    expect((await chunk(100_000, 200_000)).json().offset).toBe(200_000)
    const last = (await chunk(200_000, video.length)).json()
    expect(last).toMatchObject({ done: true, offset: video.length })
    expect(last.evidence).toMatchObject({ kind: 'video', mediaType: 'video/mp4', size: video.length })
    expect(last.evidence.sha256).toBe((await import('node:crypto')).createHash('sha256').update(video).digest('hex'))
    expect((await worker.get(last.evidence.url)).rawPayload.equals(video)).toBe(true)
  })

  it('sweeps work files nothing will finish (left by a killed server) once no upload can still be continued', async () => {
    const work = path.join(config.evidence.dir, 'incoming')
    fs.mkdirSync(work, { recursive: true })
    const left = path.join(work, 'killed-mid-upload.part')
    const fresh = path.join(work, 'being-received.part')
    fs.writeFileSync(left, 'half a video')
    fs.writeFileSync(fresh, 'a video arriving')
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000)
    fs.utimesSync(left, eightDaysAgo, eightDaysAgo)
    await dropExpiredUploads(db, config.evidence)
    expect(fs.existsSync(left)).toBe(false)
    expect(fs.existsSync(fresh)).toBe(true)
  })

  it('lets whoever uploaded the same bytes use them, and nobody else who did not', async () => {
    const png = await sharp({ create: { width: 5, height: 5, channels: 3, background: '#123456' } }).png().toBuffer()
    const sha = (await upload(worker, png, 'a.png', 'image/png')).json().sha256
    expect((await upload(station, png, 'b.png', 'image/png')).json().sha256).toBe(sha)
    expect((await station.get(`/api/evidence/${sha}`)).statusCode).toBe(200)
    expect((await other.get(`/api/evidence/${sha}`)).statusCode).toBe(404)
    expect((await findVisibleEvidence(db, { userId: -1, roles: ['grid_worker'], scope: '050201' } as never, sha))).toBeNull()
  })

  it('refuses an upload bigger than its kind allows before taking any byte', async () => {
    const res = await worker.post('/api/evidence/uploads', { size: 3 * 1024 * 1024 * 1024, mediaType: 'video/mp4' }, en)
    expect(res.statusCode).toBe(413)
    expect((await worker.post('/api/evidence/uploads', { size: 10, mediaType: 'text/html' })).statusCode).toBe(415)
  })
})
