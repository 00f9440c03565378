/**
 * Command-centre summaries kept in the server per area (issue 12: the counts answer in under 50 ms
 * at p99 with 16 consoles asking). A summary depends only on its area and its horizon, not on who
 * asks (the scope is checked before the cache), so every console over one station shares it.
 *
 * It stays right across server processes because it is dropped by the live feed's notices, which
 * every process receives from the database (feed.ts): a case written anywhere drops, everywhere,
 * the summaries of every area it lies in now or lay in before the step. The notice leaves after the
 * commit, so a summary read after it sees the change; the process that wrote drops its own at the
 * commit, before answering, so that its writer's next read never finds the old counts. A read that began before a notice and ends
 * after it is not kept (its entry was dropped meanwhile). Notices can be lost (a listener
 * reconnecting, a writer dying between its commit and the send) and the "due soon" list moves
 * with the clock alone, so an entry is also read again after SUMMARY_TTL_MS.
 */
import { onCaseCommittedHere, type CaseFeed, type CaseNotice } from './feed.ts'
import type { CaseSummary } from './command-centre.ts'

/** At most this old, whatever the notices say: a lost notice is repaired within it. */
const SUMMARY_TTL_MS = 5000
const MAX_ENTRIES = 10_000

interface Entry {
  root: string
  /** when its read began */
  at: number
  value: Promise<CaseSummary>
}

export class SummaryCache {
  private entries = new Map<string, Entry>()
  private subscribed: Promise<unknown> | null = null
  private readonly stopLocal: () => void

  constructor(private readonly feed: CaseFeed, private readonly ttlMs = SUMMARY_TTL_MS, private readonly now = () => Date.now()) {
    this.stopLocal = onCaseCommittedHere((n) => this.drop(n))
  }

  close(): void {
    this.stopLocal()
    this.entries.clear()
  }

  /**
   * The summary of `root` over `hours`, from the cache or from `read`. Concurrent requests for one
   * summary share one read.
   */
  async get(root: string, hours: number, read: () => Promise<CaseSummary>): Promise<CaseSummary> {
    // Listening before the first read, so that no change made after a read goes unseen.
    try {
      await (this.subscribed ??= this.feed.subscribe((n) => this.drop(n)))
    } catch {
      this.subscribed = null
      return read()
    }
    const key = `${root} ${hours}`
    const hit = this.entries.get(key)
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear()
    const entry: Entry = { root, at: this.now(), value: read() }
    this.entries.set(key, entry)
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key)
    })
    return entry.value
  }

  /** Drops the summaries of every area the noticed case lies in, or lay in before this step. */
  drop(n: Pick<CaseNotice, 'holderCode' | 'gridCode' | 'previousArea'>): void {
    const now = n.gridCode ?? n.holderCode
    for (const [key, e] of this.entries) {
      if (now.startsWith(e.root) || (n.previousArea !== undefined && n.previousArea.startsWith(e.root))) this.entries.delete(key)
    }
  }
}
