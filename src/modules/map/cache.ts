/**
 * A least-recently-used cache bounded by the bytes it holds. Entries carry the data version they
 * were built at; a lookup with another version misses (and drops the stale entry).
 */
export class TileCache {
  private entries = new Map<string, { version: string; body: Uint8Array }>()
  private bytes = 0
  hits = 0
  misses = 0

  constructor(readonly maxBytes: number) {}

  get(key: string, version: string): Uint8Array | undefined {
    const e = this.entries.get(key)
    if (!e || e.version !== version) {
      if (e) this.delete(key)
      this.misses++
      return undefined
    }
    // Re-insert: Map keeps insertion order, so the first key is the least recently used.
    this.entries.delete(key)
    this.entries.set(key, e)
    this.hits++
    return e.body
  }

  set(key: string, version: string, body: Uint8Array) {
    if (body.length > this.maxBytes) return
    this.delete(key)
    this.entries.set(key, { version, body })
    this.bytes += body.length
    for (const [k] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.delete(k)
    }
  }

  private delete(key: string) {
    const e = this.entries.get(key)
    if (!e) return
    this.bytes -= e.body.length
    this.entries.delete(key)
  }

  get size() {
    return this.entries.size
  }

  get heldBytes() {
    return this.bytes
  }

  clear() {
    this.entries.clear()
    this.bytes = 0
  }
}
