import type { Db, Sql } from './connection.ts'

/**
 * Small independent writes that arrive together share one transaction: while `concurrency`
 * transactions are being written, the writes that arrive wait, and the next transaction takes all
 * of them (at most `maxBatch`), one after another on its connection. One BEGIN, one audit-chain
 * claim, one COMMIT and one WAL flush then serve many writes: the hottest write, filing a case,
 * spent more on those than on its own rows (issue 12, docs/performance.md). Nothing waits on a timer:
 * a write that finds a free slot is sent in the same turn of the event loop, with the writes that
 * arrived in that turn. Four transactions at a time kept two cores busiest on the filing benchmark
 * (two left a quarter of the time idle, six gave smaller batches and no more filings).
 *
 * Writes of one kind can go further and share a statement (`runTogether`): the transaction hands
 * all the items of that kind it took to one function, which writes them in one go — filing cases,
 * where a statement per case cost more in the database than the rows themselves.
 *
 * Each write still commits or fails as a whole: if any write of a shared transaction fails, the
 * transaction rolls back and every write of it runs again alone, so that one filer's refusal is
 * never another's. A write must therefore be a function of the database alone, safe to run twice
 * when its first run rolled back.
 */
export class SharedTransactions {
  private waiting: Pending[] = []
  private writing = 0
  private scheduled = false

  constructor(private readonly db: Db, private readonly concurrency = 4, private readonly maxBatch = 32) {}

  run<T>(write: (tx: Sql) => Promise<T>): Promise<T> {
    return this.enqueue({ key: null, item: null, writeAll: async (tx) => [await write(tx)] })
  }

  /** `item` written by `kind.writeAll` together with the other items of its kind that share its transaction. */
  runTogether<I, T>(kind: WriteKind<I, T>, item: I): Promise<T> {
    return this.enqueue({ key: kind, item, writeAll: (tx, items) => kind.writeAll(tx, items) })
  }

  private enqueue<T>(p: Omit<Pending, 'resolve' | 'reject'>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ ...p, resolve, reject } as Pending)
      this.schedule()
    })
  }

  /**
   * Starts transactions once the event loop has read what has arrived: requests read in the same
   * turn share one, where the first would otherwise have left alone and the rest waited for the
   * next free slot. setImmediate runs after the turn's I/O, not after a delay.
   */
  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.next()
    })
  }

  private next(): void {
    while (this.writing < this.concurrency && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch)
      this.writing++
      void this.commit(batch).finally(() => {
        this.writing--
        this.schedule()
      })
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    if (batch.length > 1) {
      const groups = groupByKind(batch)
      let results: unknown[][] | null = null
      try {
        results = await this.db.transaction(async (tx) => {
          const out: unknown[][] = []
          for (const g of groups) out.push(await g[0].writeAll(tx, g.map((p) => p.item)))
          return out
        })
      } catch {
        // one of them failed: below, each alone
      }
      if (results) {
        groups.forEach((g, k) => g.forEach((p, i) => p.resolve(results![k][i])))
        return
      }
    }
    await Promise.all(batch.map((p) => this.db.transaction((tx) => p.writeAll(tx, [p.item])).then((r) => p.resolve(r[0]), p.reject)))
  }
}

/** Writes of one kind that can share a statement: `writeAll` answers each item, in order. */
export interface WriteKind<I, T> {
  writeAll(tx: Sql, items: I[]): Promise<T[]>
}

interface Pending {
  /** the kind whose items are written together; null for a write of its own */
  key: WriteKind<any, any> | null
  item: any
  writeAll: (tx: Sql, items: any[]) => Promise<unknown[]>
  resolve: (value: any) => void
  reject: (err: unknown) => void
}

/** The batch in groups written one after another: each write alone, the items of a kind together where its first one stood. */
function groupByKind(batch: Pending[]): Pending[][] {
  const groups: Pending[][] = []
  const ofKind = new Map<WriteKind<any, any>, Pending[]>()
  for (const p of batch) {
    if (!p.key) groups.push([p])
    else if (ofKind.has(p.key)) ofKind.get(p.key)!.push(p)
    else {
      const g = [p]
      ofKind.set(p.key, g)
      groups.push(g)
    }
  }
  return groups
}

const perDatabase = new WeakMap<Db, SharedTransactions>()

function sharedOf(db: Db): SharedTransactions {
  let shared = perDatabase.get(db)
  if (!shared) perDatabase.set(db, (shared = new SharedTransactions(db)))
  return shared
}

/** `write` in a transaction it may share with other writes of this database that arrive meanwhile. */
export function sharedTransaction<T>(db: Db, write: (tx: Sql) => Promise<T>): Promise<T> {
  return sharedOf(db).run(write)
}

/** `item` written by `kind` in a transaction (and a statement) it may share with others that arrive meanwhile. */
export function writtenTogether<I, T>(db: Db, kind: WriteKind<I, T>, item: I): Promise<T> {
  return sharedOf(db).runTogether(kind, item)
}
