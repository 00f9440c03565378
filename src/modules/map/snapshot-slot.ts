/**
 * One in-memory snapshot the map's tiles are cut from (the areas, or the business cells), kept at
 * the data version it was loaded at and loaded once however many requests ask at the same time.
 *
 * A slot may serve its previous snapshot while a newer one loads, when loading is slow: at a million
 * businesses the cell aggregate takes 3–6 s, and without this the first zoomed-out tile after any
 * business edit waited for all of it. The clusters then lag a change by about one rebuild. A slot
 * whose last load was quick (the demo district: milliseconds) always waits, so small installations
 * and tests see every change at once.
 */

interface Entry<T> {
  version: string
  promise: Promise<Loaded<T>>
  /** how long the load took, once it finished */
  loadMs?: number
}

export interface Loaded<T> {
  value: T
  /** the data version the value was loaded at (older than asked for while a newer one loads) */
  version: string
}

export class SnapshotSlot<T> {
  private current?: Entry<T>
  private loading?: Entry<T>

  /** @param staleWhileLoadingAfterMs serve the previous snapshot during a load when the previous load took at least this long */
  constructor(private readonly staleWhileLoadingAfterMs = Infinity, private readonly now: () => number = () => performance.now()) {}

  /** The snapshot at `version`; or the previous one, ready now, while that version loads slowly. */
  get(version: string, load: () => Promise<T>): Promise<Loaded<T>> {
    const current = this.current
    if (current?.version === version) return current.promise
    const servesStale = current?.loadMs !== undefined && current.loadMs >= this.staleWhileLoadingAfterMs
    if (this.loading?.version !== version) this.loading = this.start(version, load)
    if (servesStale) return current!.promise
    this.current = this.loading
    return this.current.promise
  }

  private start(version: string, load: () => Promise<T>): Entry<T> {
    const started = this.now()
    const entry: Entry<T> = { version, promise: Promise.resolve() as unknown as Promise<Loaded<T>> }
    entry.promise = load().then(
      (value) => {
        entry.loadMs = this.now() - started
        // A newer version asked for meanwhile replaces this one as `loading`: then this one is not promoted.
        if (this.loading === entry) {
          this.current = entry
          this.loading = undefined
        }
        return { value, version }
      },
      (err) => {
        // A failed load is forgotten, so that the next request tries again.
        if (this.loading === entry) this.loading = undefined
        if (this.current === entry) this.current = undefined
        throw err
      },
    )
    // A load served to nobody yet (the stale case) must not become an unhandled rejection.
    entry.promise.catch(() => {})
    return entry
  }
}
