/**
 * Issue 12: "the server killed during an upload or a transition, then restarted → the case is
 * either fully at the new step or fully at the old one, and no evidence is lost". The real server
 * runs as a child process (`market-grid serve`) and is killed with SIGKILL in the middle of a case
 * step and of evidence uploads, then started again on the same data: an embedded PGlite folder
 * (the crash trial users meet), or a database of its own on PostgreSQL when DATABASE_URL is set.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { insertUser } from '../../src/modules/auth/service.ts'
import { installAuditKeys } from '../../src/modules/audit/keys.ts'
import { AUDIT_CHAINS, verifyAudit } from '../../src/modules/audit/service.ts'
import { seedSmallTree, TEST_PASSWORD } from '../factories.ts'
import { multipartFile } from '../factories-people.ts'
import { newInstallation, ServerProcess, type InFlight, type Installation, type Response } from './child-server.ts'

const onServer = Boolean(process.env.DATABASE_URL)
const MB = 1024 * 1024
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const IN_050101 = { lng: 109.02, lat: 34.05 }

/** Bytes an MP4 starts with, then noise: a "video" the server stores without decoding it. */
const MP4_HEAD = Buffer.from('\0\0\0\x18ftypisom\0\0\0\0isomiso2mp41', 'latin1')
const video = (size: number) => Buffer.concat([MP4_HEAD, randomBytes(size - MP4_HEAD.length)])
/** A small PDF-looking document, different each time. */
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2000)])

/** Fails with the server's answer when the request in flight ends before what the test waits for. */
const unanswered = (what: string, inFlight: InFlight) =>
  inFlight.result.then((answer) => {
    const told = answer instanceof Error ? answer.message : `${answer.status} ${answer.body.toString().slice(0, 300)}`
    throw new Error(`the request ended while waiting for ${what}: ${told}\n${server.log}`)
  })

async function until(check: () => boolean | Promise<boolean>, what: string, inFlight?: InFlight): Promise<void> {
  let ended: unknown
  if (inFlight) unanswered(what, inFlight).catch((err) => (ended = err))
  const end = Date.now() + 20_000
  while (!(await check())) {
    if (ended) throw ended
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Resolves at the first event in `dir` whose file name passes `match`. */
function watchFor(dir: string, match: (name: string) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const watcher = fs.watch(dir, (_event, name) => {
      if (name && match(name)) {
        watcher.close()
        resolve()
      }
    })
  })
}

let inst: Installation
let server: ServerProcess
let worker: string
let auditor: string
/** evidence stored before any kill, by sha256: must survive every one of them */
const stored = new Map<string, Buffer>()
/** the cases a step was killed on, with their version before the step */
const killedCases = new Map<number, number>()
/** the sha256 of a file whose one-shot upload was killed half way: never evidence */
let halfSent = ''

const auth = (token: string) => ({ authorization: `Bearer ${token}` })
const get = (token: string, url: string) => server.request('GET', url, undefined, auth(token))
const post = (token: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
  server.request('POST', url, body as object, { ...auth(token), ...headers })
const ok = (res: Response, what: string) => {
  expect(res.status, `${what}: ${res.body.toString().slice(0, 500)}\n${res.status >= 500 ? server.log : ''}`).toBeLessThan(300)
  return res.json()
}

async function login(username: string): Promise<string> {
  return ok(await server.request('POST', '/api/auth/login', { username, password: TEST_PASSWORD }), 'login').token
}

async function upload(token: string, content: Buffer, name: string, type: string) {
  const { payload, headers } = multipartFile(content, name, 'file', type)
  return ok(await server.request('POST', '/api/evidence', payload, { ...auth(token), ...headers }), `upload ${name}`)
}

/** Every file stored before the kills, read back whole through the restarted server. */
async function expectStoredIntact() {
  for (const [sha, bytes] of stored) {
    const res = await get(worker, `/api/evidence/${sha}`)
    expect(res.status, sha).toBe(200)
    expect(sha256(res.body)).toBe(sha256(bytes))
  }
}

/** The audit chain, checked by the restarted server against its signed checkpoints. */
async function expectAuditIntact() {
  const v = ok(await get(auditor, '/api/audit-events/verify'), 'verify')
  expect(v.breaks).toEqual([])
  expect(v.checkpoints.missingTail).toBeUndefined()
  expect(v.ok).toBe(true)
}

/** A checkpoint of the chain's head, outside the database: a committed event lost in the crash would show as a missing tail. */
const checkpoint = async () => ok(await post(auditor, '/api/audit-events/checkpoints', {}), 'checkpoint')

beforeAll(async () => {
  inst = await newInstallation(async (db) => {
    await seedSmallTree(db)
    await db.transaction(async (tx) => {
      await insertUser(tx, { username: 'worker050101', displayName: '网格员', password: TEST_PASSWORD, roles: ['grid_worker'], scope: '050101' })
      await insertUser(tx, { username: 'auditor', displayName: '审计员', password: TEST_PASSWORD, roles: ['audit_admin'], scope: '' })
    })
  })
  // This file verifies the chain itself too: with the keys the server signs with (outside the database).
  installAuditKeys(path.join(inst.dataDir, 'audit-keys'), true)
  server = new ServerProcess(inst)
  await server.start()
  worker = await login('worker050101')
  auditor = await login('auditor')
}, 180_000)

afterAll(async () => {
  await server?.kill()
  await inst?.remove()
})

/** 30 documents for a report step to attach: 60 more statements inside its transaction, a wider window to kill it in. */
const attachments: string[] = []

beforeAll(async () => {
  for (let i = 0; i < 30; i++) {
    const bytes = pdf()
    const e = await upload(worker, bytes, `整改材料${i}.pdf`, 'application/pdf')
    attachments.push(e.sha256)
    stored.set(e.sha256, bytes)
  }
}, 60_000)

/** A case filed and taken to 'handling' (accepted, verified with evidence), as the API returns it. */
async function caseInHandling() {
  const filed = ok(await post(worker, '/api/cases', {
    source: 'patrol', categoryCode: 'food-safety', title: '后厨卫生脏乱', description: '巡查发现后厨地面积水', location: IN_050101,
  }), 'file')
  const accepted = ok(await post(worker, `/api/cases/${filed.id}/steps`, { action: 'accept' }, { 'if-match': `"${filed.version}"` }), 'accept')
  return ok(await post(worker, `/api/cases/${filed.id}/steps`, { action: 'verify', note: '属实', evidence: [attachments[0]] },
    { 'if-match': `"${accepted.version}"` }), 'verify')
}

const report = (c: { id: number; version: number }) => ({
  url: `/api/cases/${c.id}/steps`,
  body: Buffer.from(JSON.stringify({ action: 'report', note: '已整改，复查合格', evidence: attachments })),
  headers: { ...auth(worker), 'content-type': 'application/json', 'if-match': `"${c.version}"` },
})

/**
 * The case after the restart, wholly at its old step or wholly at the new one: its state and
 * version, its timeline, the step's evidence links and its audit event agree. Returns which.
 */
async function expectWhole(before: any): Promise<'old' | 'new'> {
  const after = ok(await get(worker, `/api/cases/${before.id}`), 'read case')
  const events = ok(await get(auditor, `/api/audit-events?objectType=case&objectId=${before.id}&action=case.report`), 'audit')
  if (after.version === before.version) {
    expect(after.state).toBe('handling')
    expect(after.steps).toEqual(before.steps)
    expect(events).toEqual([])
    // Nothing half-done holds the case: the step can be taken again.
    const again = await server.request('POST', report(before).url, report(before).body, report(before).headers)
    expect(again.status, again.body.toString()).toBe(200)
    return 'old'
  }
  expect(after.version).toBe(before.version + 1)
  expect(after.state).toBe('reviewing')
  expect(after.steps.slice(0, -1)).toEqual(before.steps)
  const step = after.steps.at(-1)
  expect(step).toMatchObject({ action: 'report', fromState: 'handling', toState: 'reviewing' })
  expect([...step.evidence].sort()).toEqual([...attachments].sort())
  expect(events).toHaveLength(1)
  expect(events[0].details.version).toBe(before.version + 1)
  // The client never heard back; its retry with the old version is refused, not taken twice.
  const again = await server.request('POST', report(before).url, report(before).body, report(before).headers)
  expect(again.status).toBe(409)
  return 'new'
}

/**
 * Kills the server `fraction` of the way through a report step on a case of its own, starts it
 * again, and checks that the case is wholly at one step and the audit chain whole. The fraction is
 * of the time the same step takes this server right now.
 */
async function killDuringReport(fraction: number) {
  // Probes on other cases: how long this server takes for the same step right now (the
  // quicker of two, as a first request after a start is slow).
  let took = Infinity
  for (let i = 0; i < 2; i++) {
    const r = report(await caseInHandling())
    const t0 = performance.now()
    ok(await server.request('POST', r.url, r.body, r.headers), 'probe report')
    took = Math.min(took, performance.now() - t0)
  }

  const before = await caseInHandling()
  killedCases.set(before.id, before.version)
  await checkpoint()
  const step = report(before)
  const { req, result } = server.begin('POST', step.url, { ...step.headers, 'content-length': step.body.length })
  req.end(step.body)
  await new Promise((r) => setTimeout(r, took * fraction))
  await server.kill()
  const answer = await result
  await server.start()
  const outcome = await expectWhole(before)
  // The server answered before it died: then the step must be there.
  if (!(answer instanceof Error) && answer.status === 200) expect(outcome).toBe('new')
  await expectAuditIntact()
}

describe('a server killed in the middle of a case step', () => {
  it('killed at points spread over the step\'s request: after the restart the case is wholly at one step, its audit chain whole', async () => {
    // Each kill costs a restart (seconds on PGlite): two points, early and late in the request.
    for (const fraction of [0.4, 0.75]) await killDuringReport(fraction)
  }, 180_000)

  it.skipIf(!onServer)('PostgreSQL: killed while the step\'s writes wait uncommitted for the audit chain, none of them stays', async () => {
    const before = await caseInHandling()
    killedCases.set(before.id, before.version)
    const holder = new pg.Client({ connectionString: inst.databaseUrl })
    await holder.connect()
    try {
      // Every audit chain's lock (audit/service.ts CHAIN_LOCK, one per chain): the step claims a
      // chain after writing the case row, its timeline row and its evidence links, and waits here.
      await holder.query('SELECT pg_advisory_lock(727002, c) FROM generate_series(0, $1::int - 1) c', [AUDIT_CHAINS])
      const step = report(before)
      const inFlight = server.begin('POST', step.url, { ...step.headers, 'content-length': step.body.length })
      inFlight.req.end(step.body)
      let waiting = 0
      await until(async () => {
        const { rows } = await holder.query(
          `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 727002 AND objsubid = 2 AND NOT granted
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)
        waiting = rows[0]?.pid ?? 0
        return waiting !== 0
      }, 'the step to wait for the audit chain', inFlight)
      const { rows: written } = await holder.query(
        `SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = $1 AND l.mode = 'RowExclusiveLock' ORDER BY 1`, [waiting])
      expect(written.map((r) => r.relname)).toEqual(expect.arrayContaining(['case_steps', 'cases', 'evidence_links']))
      await server.kill()
      expect(await inFlight.result).toBeInstanceOf(Error)
      await holder.query('SELECT pg_advisory_unlock_all()')
      await until(async () => (await holder.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [waiting])).rowCount === 0, 'the orphaned backend to end')
    } finally {
      await holder.end()
    }
    await server.start()
    expect(await expectWhole(before)).toBe('old')
    await expectAuditIntact()
  }, 120_000)
})

describe('a server killed in the middle of evidence uploads', () => {
  const incoming = () => path.join(inst.dataDir, 'evidence', 'incoming')
  const partOf = (id: string) => path.join(incoming(), `upload-${id}.part`)
  const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : -1)

  const patch = (id: string, bytes: Buffer, offset: number) =>
    server.request('PATCH', `/api/evidence/uploads/${id}`, bytes, {
      ...auth(worker), 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset),
    })

  /**
   * What a client does after a restart: ask where the upload stands, send the rest from there. An
   * upload is done or still short of its size: never received whole but not stored.
   */
  async function resume(id: string, source: Buffer) {
    const state = ok(await get(worker, `/api/evidence/uploads/${id}`), 'upload state')
    if (state.done) return state
    expect(state.offset).toBeLessThan(source.length)
    return ok(await patch(id, source.subarray(state.offset), state.offset), 'resume')
  }

  async function expectStored(sha: string, source: Buffer) {
    const res = await get(worker, `/api/evidence/${sha}`)
    expect(res.status).toBe(200)
    expect(sha256(res.body)).toBe(sha256(source))
    // The object itself, as backups and `sha256sum` see it.
    expect(sha256(fs.readFileSync(path.join(inst.dataDir, 'evidence', sha.slice(0, 2), sha.slice(2, 4), sha)))).toBe(sha)
  }

  it('killed while a chunk and a one-shot upload are being received: the upload resumes at its last recorded offset, the half file is not evidence', async () => {
    const before = pdf()
    stored.set((await upload(worker, before, '询问笔录.pdf', 'application/pdf')).sha256, before)

    const first = video(8 * MB)
    const firstId = ok(await post(worker, '/api/evidence/uploads', { size: first.length, mediaType: 'video/mp4', name: '执法记录.mp4' }), 'start').id
    expect(ok(await patch(firstId, first.subarray(0, 3 * MB), 0), 'chunk 1').offset).toBe(3 * MB)

    // The second chunk: half of it sent, and written past the recorded offset, when the server dies.
    const chunk = server.begin('PATCH', `/api/evidence/uploads/${firstId}`, {
      ...auth(worker), 'content-type': 'application/offset+octet-stream', 'upload-offset': 3 * MB, 'content-length': 3 * MB,
    })
    chunk.req.write(first.subarray(3 * MB, 4.5 * MB))
    // Meanwhile a one-shot upload of another file, half sent.
    const whole = video(6 * MB)
    halfSent = sha256(whole)
    const { payload, headers } = multipartFile(whole, '现场视频.mp4', 'file', 'video/mp4')
    const known = new Set(fs.readdirSync(incoming()))
    const oneShot = server.begin('POST', '/api/evidence', { ...auth(worker), ...headers, 'content-length': payload.length })
    oneShot.req.write(payload.subarray(0, 3 * MB))
    await until(() => sizeOf(partOf(firstId)) > 3 * MB, 'the chunk to reach the disk', chunk)
    await until(() => fs.readdirSync(incoming()).some((f) => !known.has(f) && sizeOf(path.join(incoming(), f)) > MB), 'the one-shot upload to reach the disk', oneShot)
    await server.kill()
    expect(await chunk.result).toBeInstanceOf(Error)
    expect(await oneShot.result).toBeInstanceOf(Error)

    await server.start()
    const state = ok(await get(worker, `/api/evidence/uploads/${firstId}`), 'upload state')
    expect(state).toMatchObject({ offset: 3 * MB, done: false })
    // Bytes written but never recorded lie past the offset; the next chunk cuts them off.
    expect(sizeOf(partOf(firstId))).toBeGreaterThan(3 * MB)
    // The half one-shot file is nobody's evidence.
    expect((await get(worker, `/api/evidence/${halfSent}`)).status).toBe(404)
    await expectStoredIntact()
  }, 120_000)

  it('killed as the last chunk is being stored: after the restart the upload completes, to the same sha256', async () => {
    // An upload of its own with its first chunk received; the rest is sent whole, and the server
    // dies as soon as it starts copying the file into the store.
    const first = video(8 * MB)
    const firstId = ok(await post(worker, '/api/evidence/uploads', { size: first.length, mediaType: 'video/mp4', name: '执法记录2.mp4' }), 'start').id
    expect(ok(await patch(firstId, first.subarray(0, 3 * MB), 0), 'chunk 1').offset).toBe(3 * MB)
    const known = new Set(fs.readdirSync(incoming()))
    const state = ok(await get(worker, `/api/evidence/uploads/${firstId}`), 'upload state')
    const last = server.begin('PATCH', `/api/evidence/uploads/${firstId}`, {
      ...auth(worker), 'content-type': 'application/offset+octet-stream', 'upload-offset': state.offset, 'content-length': first.length - state.offset,
    })
    const copying = watchFor(incoming(), (name) => !known.has(name) && !name.startsWith('upload-'))
    last.req.end(first.subarray(state.offset))
    await Promise.race([copying, unanswered('the copy into the store to begin', last)])
    await server.kill()
    await last.result

    await server.start()
    const done = await resume(firstId, first)
    expect(done).toMatchObject({ done: true, offset: first.length })
    expect(done.evidence.sha256).toBe(sha256(first))
    await expectStored(done.evidence.sha256, first)
    stored.set(done.evidence.sha256, first)
    await expectStoredIntact()
  }, 120_000)

  it('killed the moment the upload\'s work file is removed: the file is not lost', async () => {
    // The work file used to be removed before the file was stored: a kill in between lost the upload.
    const second = video(6 * MB)
    const id = ok(await post(worker, '/api/evidence/uploads', { size: second.length, mediaType: 'video/mp4', name: '复查视频.mp4' }), 'start').id
    const last = server.begin('PATCH', `/api/evidence/uploads/${id}`, {
      ...auth(worker), 'content-type': 'application/offset+octet-stream', 'upload-offset': 0, 'content-length': second.length,
    })
    const cleared = watchFor(incoming(), (name) => name === `upload-${id}.part` && !fs.existsSync(partOf(id)))
    last.req.end(second)
    await Promise.race([cleared, unanswered('the work file to be removed', last)])
    await server.kill()
    await last.result

    await server.start()
    const done = await resume(id, second)
    expect(done).toMatchObject({ done: true, offset: second.length })
    expect(done.evidence.sha256).toBe(sha256(second))
    await expectStored(done.evidence.sha256, second)
    stored.set(done.evidence.sha256, second)
    await expectStoredIntact()
    await expectAuditIntact()
  }, 120_000)
})

describe('after every kill, read straight from the database', () => {
  it('each killed case\'s row, timeline, evidence links and audit event agree; every stored file has its row; the chain verifies', async () => {
    // A kill of its own, beside whatever the other tests killed before it.
    await killDuringReport(0.5)
    // The embedded database is the server's alone: stop it, then open the folder here, and start
    // the server again afterwards for the tests that run after this one.
    await server.stop()
    const db = await inst.open()
    try {
      expect(killedCases.size).toBeGreaterThan(0)
      for (const [id, version] of killedCases) {
        const { rows: [c] } = await db.query(
          `SELECT c.state, c.version,
             (SELECT count(*) FROM case_steps s WHERE s.case_id = c.id AND s.action = 'report')::int AS reports,
             (SELECT count(*) FROM audit_events a WHERE a.object_type = 'case' AND a.object_id = c.id::text AND a.action = 'case.report')::int AS audited,
             (SELECT count(*) FROM evidence_links l WHERE l.owner_type = 'case' AND l.owner_id = c.id::text)::int AS links
           FROM cases c WHERE c.id = $1`, [id])
        // Each was reported exactly once in the end: by the killed request, or by the retry after it.
        expect(c, `case ${id}`).toEqual({ state: 'reviewing', version: version + 1, reports: 1, audited: 1, links: 30 })
      }
      const { rows: files } = await db.query<{ sha256: string; size: number }>('SELECT sha256, size FROM evidence_files')
      const sizes = new Map(files.map((f) => [f.sha256, Number(f.size)]))
      for (const [sha, bytes] of stored) expect(sizes.get(sha), sha).toBe(bytes.length)
      expect(sizes.has(halfSent)).toBe(false)
      const v = await verifyAudit(db, { checkpointDir: path.join(inst.dataDir, 'audit-checkpoints') })
      expect(v.breaks).toEqual([])
      expect(v.ok).toBe(true)
    } finally {
      await db.close()
      await server.start()
    }
  }, 180_000)
})
