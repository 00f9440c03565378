/**
 * A seeded pseudo-random generator for the demo district: the same seed gives the same district,
 * people and businesses on every machine (Q1). Pure.
 */

/** mulberry32: 32-bit state, fast, good enough for generated data (not for draws or secrets). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A hash of integers to [0, 1): derives independent seeds (see `Random.fork`). */
function hashUnit(...ints: number[]): number {
  let h = 0x9e3779b9
  for (const n of ints) {
    h = Math.imul(h ^ (n | 0), 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
  }
  return (h >>> 0) / 4294967296
}

export class Random {
  readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** A number in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** One of `items`, with probability proportional to its weight. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0
    for (const [, w] of items) total += w
    let r = this.next() * total
    for (const [item, w] of items) {
      r -= w
      if (r < 0) return item
    }
    return items[items.length - 1][0]
  }

  /** A new array in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice()
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[out[i], out[j]] = [out[j], out[i]]
    }
    return out
  }

  /** A derived generator, so that adding draws to one part does not shift another part's data. */
  fork(label: number): Random {
    return new Random(Math.floor(hashUnit(Math.floor(this.next() * 4294967296), label) * 4294967296))
  }
}

/**
 * Picks indices in proportion to fixed weights in O(log n) per draw (a million businesses over
 * ten thousand grids).
 */
export class WeightedIndex {
  private cumulative: Float64Array
  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length)
    let sum = 0
    weights.forEach((w, i) => (this.cumulative[i] = sum += w))
  }

  draw(unit: number): number {
    const c = this.cumulative
    const target = unit * c[c.length - 1]
    let lo = 0
    let hi = c.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (c[mid] > target) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}
