/**
 * The real server (`market-grid serve`) as a child process, on an installation that outlives it:
 * a DATA_DIR holding the embedded database, or (DATABASE_URL set) a database of its own on the
 * PostgreSQL server, cloned from the run's template. For the tests that kill it with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { inject } from 'vitest'
import { openDatabase, openPglite, openPostgres, type Db } from '../../src/db/connection.ts'
import { clonePgTemplate } from '../helper.ts'
import { createAuditKeys } from '../../src/modules/audit/keys.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface Installation {
  dataDir: string
  /** the server's database on PostgreSQL; undefined: the embedded one in dataDir/db */
  databaseUrl?: string
  /** The database, opened by the test. Embedded: only while no server runs (the folder's lock refuses otherwise). */
  open(): Promise<Db>
  remove(): Promise<void>
}

/** A fresh installation from the run's migrated template, with `seed` written into its database. */
export async function newInstallation(seed: (db: Db) => Promise<void>): Promise<Installation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-kill-'))
  // The audit keys live on the host, made before the first start (docs/deployment.md): on PGlite the
  // server would make its own, on PostgreSQL it refuses to start without them.
  createAuditKeys(path.join(dataDir, 'audit-keys'))
  if (inject('pgTemplateUrl')) {
    const clone = await clonePgTemplate('kill')
    const databaseUrl = clone.url
    const open = () => openPostgres(databaseUrl, 2)
    const db = await open()
    await seed(db)
    await db.close()
    return {
      dataDir, databaseUrl, open,
      async remove() {
        await clone.drop()
        fs.rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  const db = await openPglite(path.join(dataDir, 'db'), new Blob([fs.readFileSync(inject('pgliteDump'))]))
  await seed(db)
  await db.close()
  return {
    dataDir,
    open: () => openDatabase({ dataDir, holder: 'kill-server test' }),
    async remove() {
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function freePort(): Promise<number> {
  const srv = net.createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const { port } = srv.address() as net.AddressInfo
  await new Promise((resolve) => srv.close(resolve))
  return port
}

export interface Response {
  status: number
  body: Buffer
  json(): any
}

/** An HTTP request on a connection of its own (none is kept alive into a server that gets killed). */
export interface InFlight {
  /** the request: write the body to it, or part of it */
  req: http.ClientRequest
  /** the answer, or the error when the server died first */
  result: Promise<Response | Error>
}

/** One server process at a time on the installation, always on the same port. */
export class ServerProcess {
  private child: ChildProcess | undefined
  private output = ''
  private port = 0

  constructor(
    private readonly inst: Installation,
    private readonly env: Record<string, string> = {},
  ) {}

  get running(): boolean {
    return this.child !== undefined
  }

  /** The end of what the server printed (its log at LOG_LEVEL warn), for failure messages. */
  get log(): string {
    return this.output
  }

  /** Starts `market-grid serve` and waits until it answers; a server that dies first fails with its output. */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.child) throw new Error('the server is already running')
    if (!this.port) this.port = await freePort()
    this.output = ''
    const child = spawn(process.execPath, ['bin/market-grid.js', 'serve'], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: this.inst.dataDir,
        DATABASE_URL: this.inst.databaseUrl ?? '',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        WEB_BUILD: 'false',
        LOG_LEVEL: 'warn',
        AUDIT_KEY_DIR: path.join(this.inst.dataDir, 'audit-keys'),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    // A test worker torn down mid-test (a timeout) must not leave a server running on its own.
    const reap = () => child.kill('SIGKILL')
    process.once('exit', reap)
    child.once('exit', () => process.off('exit', reap))
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000)
    }
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const end = Date.now() + timeoutMs
    for (;;) {
      const res = await Promise.race([this.request('GET', '/healthz').catch(() => null), exited.then(() => 'exited' as const)])
      if (res === 'exited') {
        this.child = undefined
        throw new Error(`the server did not start on its data:\n${this.output}`)
      }
      if (res && res.status === 200) return
      if (Date.now() > end) throw new Error(`the server did not answer within ${timeoutMs} ms:\n${this.output}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  /** kill -9: no handler runs, nothing is closed or flushed by the server. */
  async kill(): Promise<void> {
    await this.end('SIGKILL')
  }

  /** A clean stop (SIGTERM): the server closes its database and releases the data folder. */
  async stop(): Promise<void> {
    await this.end('SIGTERM')
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child
    if (!child) return
    this.child = undefined
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }

  /** Starts a request and returns at once; the caller writes the body and ends it, or not. */
  begin(method: string, url: string, headers: Record<string, string | number> = {}): InFlight {
    const req = http.request({ host: '127.0.0.1', port: this.port, method, path: url, headers, agent: false })
    const result = new Promise<Response | Error>((resolve) => {
      req.on('error', resolve)
      req.on('response', (res) => {
        const parts: Buffer[] = []
        res.on('data', (c: Buffer) => parts.push(c))
        res.on('error', resolve)
        res.on('end', () => {
          const body = Buffer.concat(parts)
          resolve({ status: res.statusCode!, body, json: () => JSON.parse(body.toString()) })
        })
      })
    })
    return { req, result }
  }

  async request(method: string, url: string, body?: Buffer | string | object, headers: Record<string, string> = {}): Promise<Response> {
    const raw = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
    const h: Record<string, string | number> = { ...headers }
    if (raw) {
      h['content-length'] = raw.length
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json'
    }
    const { req, result } = this.begin(method, url, h)
    req.end(raw)
    const res = await result
    if (res instanceof Error) throw res
    return res
  }
}
