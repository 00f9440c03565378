import type { Db, Sql } from './connection.ts'

/**
 * Small independent writes that arrive together share one transaction: while `concurrency`
 * transactions are being written, the writes that arrive wait, and the next transaction takes all
 * of them (at most `maxBatch`), one after another on its connection. One BEGIN, one audit-chain
 * claim, one COMMIT and one WAL flush then serve many writes: the hottest write, filing a case,
 * spent more on those than on its own rows (issue 12, docs/performance.md). Nothing waits on a timer:
 * a write that finds a free slot is sent at once, alone.
 *
 * Each write still commits or fails as a whole: if any write of a shared transaction fails, the
 * transaction rolls back and every write of it runs again alone, so that one filer's refusal is
 * never another's. A write must therefore be a function of the database alone, safe to run twice
 * when its first run rolled back.
 */
export class SharedTransactions {
  private waiting: Array<Pending<any>> = []
  private writing = 0

  constructor(private readonly db: Db, private readonly concurrency = 2, private readonly maxBatch = 32) {}

  run<T>(write: (tx: Sql) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ write, resolve, reject })
      this.next()
    })
  }

  private next(): void {
    while (this.writing < this.concurrency && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch)
      this.writing++
      void this.commit(batch).finally(() => {
        this.writing--
        this.next()
      })
    }
  }

  private async commit(batch: Array<Pending<any>>): Promise<void> {
    if (batch.length > 1) {
      let results: unknown[] | null = null
      try {
        results = await this.db.transaction(async (tx) => {
          const out: unknown[] = []
          for (const p of batch) out.push(await p.write(tx))
          return out
        })
      } catch {
        // one of them failed: below, each alone
      }
      if (results) {
        batch.forEach((p, i) => p.resolve(results![i]))
        return
      }
    }
    await Promise.all(batch.map((p) => this.db.transaction(p.write).then(p.resolve, p.reject)))
  }
}

interface Pending<T> {
  write: (tx: Sql) => Promise<T>
  resolve: (value: T) => void
  reject: (err: unknown) => void
}

const perDatabase = new WeakMap<Db, SharedTransactions>()

/** `write` in a transaction it may share with other writes of this database that arrive meanwhile. */
export function sharedTransaction<T>(db: Db, write: (tx: Sql) => Promise<T>): Promise<T> {
  let shared = perDatabase.get(db)
  if (!shared) perDatabase.set(db, (shared = new SharedTransactions(db)))
  return shared.run(write)
}
