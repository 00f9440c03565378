import { describe, expect, it } from 'vitest'
import { SnapshotSlot } from './snapshot-slot.ts'

/** A load the test finishes by hand, on a clock the test moves. */
function harness(staleAfterMs: number) {
  let clock = 0
  const slot = new SnapshotSlot<string>(staleAfterMs, () => clock)
  const pending = new Map<string, { resolve: (v: string) => void; reject: (e: Error) => void }>()
  let loads = 0
  const load = (version: string) => () => {
    loads++
    return new Promise<string>((resolve, reject) => pending.set(version, { resolve, reject }))
  }
  const finish = async (version: string, tookMs: number) => {
    clock += tookMs
    pending.get(version)!.resolve(`snapshot ${version}`)
    await new Promise((r) => setTimeout(r, 0))
  }
  const get = (version: string) => slot.get(version, load(version))
  return { get, finish, fail: (v: string) => pending.get(v)!.reject(new Error('load failed')), loads: () => loads }
}

/** Whether `p` has settled once pending callbacks have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false
  void p.then(() => (done = true), () => (done = true))
  await new Promise((r) => setTimeout(r, 0))
  return done
}

describe('SnapshotSlot', () => {
  it('loads a version once however many ask while it loads', async () => {
    const h = harness(1000)
    const a = h.get('v1')
    const b = h.get('v1')
    await h.finish('v1', 10)
    expect(await a).toEqual({ value: 'snapshot v1', version: 'v1' })
    expect(await b).toEqual({ value: 'snapshot v1', version: 'v1' })
    expect(h.loads()).toBe(1)
  })

  it('waits for a new version when the last load was quick', async () => {
    const h = harness(1000)
    const first = h.get('v1')
    await h.finish('v1', 999)
    await first
    const second = h.get('v2')
    expect(await settled(second)).toBe(false)
    await h.finish('v2', 5)
    expect(await second).toEqual({ value: 'snapshot v2', version: 'v2' })
  })

  it('serves the previous snapshot while a slow one reloads, then the new one, loading it once', async () => {
    const h = harness(1000)
    const first = h.get('v1')
    await h.finish('v1', 4000)
    await first
    expect(await h.get('v2')).toEqual({ value: 'snapshot v1', version: 'v1' })
    expect(await h.get('v2')).toEqual({ value: 'snapshot v1', version: 'v1' })
    expect(h.loads()).toBe(2)
    await h.finish('v2', 4000)
    expect(await h.get('v2')).toEqual({ value: 'snapshot v2', version: 'v2' })
    expect(h.loads()).toBe(2)
  })

  it('waits for the very first load, however slow loads are', async () => {
    const h = harness(0)
    const first = h.get('v1')
    expect(await settled(first)).toBe(false)
    await h.finish('v1', 1)
    expect((await first).version).toBe('v1')
  })

  it('keeps the previous snapshot when a reload fails, and tries again on the next request', async () => {
    const h = harness(1000)
    const first = h.get('v1')
    await h.finish('v1', 4000)
    await first
    expect((await h.get('v2')).version).toBe('v1')
    h.fail('v2')
    await new Promise((r) => setTimeout(r, 0))
    expect((await h.get('v2')).version).toBe('v1')
    expect(h.loads()).toBe(3)
    await h.finish('v2', 10)
    expect((await h.get('v2')).version).toBe('v2')
  })

  it('forgets a failed first load, so the next request tries again', async () => {
    const h = harness(1000)
    const first = h.get('v1')
    h.fail('v1')
    await expect(first).rejects.toThrow('load failed')
    const again = h.get('v1')
    await h.finish('v1', 10)
    expect((await again).version).toBe('v1')
    expect(h.loads()).toBe(2)
  })
})
