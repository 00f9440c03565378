/**
 * The live case feed (M5.2, issue 12 §6). Every case write NOTIFYs `mg_case_events` once its
 * transaction has committed (`announceCase`; sent in batches by the database handle, not inside the
 * writing transaction: connection.ts Notifier), and the notice reaches every server process on the
 * database: each process LISTENs once and fans the notices out to its connected consoles as
 * server-sent events, filtered by each viewer's scope.
 */
import type { FastifyReply } from 'fastify'
import type { Db, Sql } from '../../db/connection.ts'
import type { Actor } from '../access/policy.ts'
import { seesCase } from './rules.ts'

const CASE_CHANNEL = 'mg_case_events'

/** What a notice carries: enough to place it on the map and in the counts; details are read on demand. */
export interface CaseNotice {
  id: number
  action: string
  state: string
  holderCode: string
  gridCode: string | null
  departmentCode: string | null
  emergency: boolean
  /**
   * the case's area (its grid, or its holder while it has none) before this step, when the step
   * moved it to another one (dispatch): the counts of both areas changed
   */
  previousArea?: string
}

/** The row a notice is made from: a case as written. */
export interface AnnouncedRow {
  id: number
  state: string
  holder_code: string
  grid_code: string | null
  department_code: string | null
  emergency: boolean
}

type Listener = (n: CaseNotice) => void

/** Told of this process's own case writes at their commit, before the request answers; the database's notice follows. */
const committedHere = new Set<Listener>()

/** Listens to this process's own case writes as they commit (summary-cache.ts): until the returned function is called. */
export function onCaseCommittedHere(fn: Listener): () => void {
  committedHere.add(fn)
  return () => {
    committedHere.delete(fn)
  }
}

/** Tells live consoles (on every server process) that a case changed; sent once `tx` has committed, never if it rolls back. */
export function announceCase(tx: Sql, r: AnnouncedRow, action: string, previousArea?: string): void {
  const notice: CaseNotice = {
    id: r.id, action, state: r.state, holderCode: r.holder_code, gridCode: r.grid_code, departmentCode: r.department_code, emergency: r.emergency,
    ...(previousArea !== undefined && previousArea !== (r.grid_code ?? r.holder_code) ? { previousArea } : {}),
  }
  tx.notifyAfterCommit(CASE_CHANNEL, JSON.stringify(notice))
  tx.afterCommit(() => {
    for (const fn of committedHere) fn(notice)
  })
}

export class CaseFeed {
  private listeners = new Set<Listener>()
  private stop: (() => Promise<void>) | null = null
  private starting: Promise<void> | null = null

  constructor(private readonly db: Db) {}

  /** Adds a listener; the first one opens the database subscription. */
  async subscribe(fn: Listener): Promise<() => void> {
    this.listeners.add(fn)
    if (!this.stop) {
      this.starting ??= this.db.listen(CASE_CHANNEL, (payload) => this.dispatch(payload)).then((stop) => {
        this.stop = stop
      })
      await this.starting
    }
    return () => {
      this.listeners.delete(fn)
    }
  }

  private dispatch(payload: string): void {
    let notice: CaseNotice
    try {
      notice = JSON.parse(payload)
    } catch {
      return
    }
    for (const fn of this.listeners) fn(notice)
  }

  async close(): Promise<void> {
    this.listeners.clear()
    const stop = this.stop
    this.stop = null
    this.starting = null
    await stop?.()
  }
}

/**
 * Streams the feed to one console as server-sent events until it disconnects. A comment every 20 s
 * keeps proxies from closing an idle stream; `retry` tells the browser to reconnect after 2 s.
 */
export async function streamFeed(feed: CaseFeed, actor: Actor, reply: FastifyReply): Promise<void> {
  const raw = reply.raw
  reply.hijack()
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  })
  raw.write('retry: 2000\n: connected\n\n')
  const unsubscribe = await feed.subscribe((n) => {
    if (seesCase(actor, n)) raw.write(`event: case\ndata: ${JSON.stringify(n)}\n\n`)
  })
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 20_000)
  heartbeat.unref()
  raw.on('close', () => {
    clearInterval(heartbeat)
    unsubscribe()
  })
}
