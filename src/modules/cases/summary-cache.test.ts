import { describe, expect, it } from 'vitest'
import type { CaseFeed, CaseNotice } from './feed.ts'
import type { CaseSummary } from './command-centre.ts'
import { SummaryCache } from './summary-cache.ts'

/** A feed whose notices the test sends by hand. */
function fakeFeed() {
  const listeners: Array<(n: CaseNotice) => void> = []
  const feed = { subscribe: async (fn: (n: CaseNotice) => void) => { listeners.push(fn); return () => {} } } as unknown as CaseFeed
  const notice = (n: Partial<CaseNotice>) => listeners.forEach((fn) => fn({
    id: 1, action: 'accept', state: 'verifying', holderCode: '050101', gridCode: '050101', departmentCode: null, emergency: false, ...n,
  }))
  return { feed, notice }
}

function counter() {
  const reads: string[] = []
  return { reads, read: (root: string) => async () => { reads.push(root); return { under: root } as CaseSummary } }
}

describe('summary cache', () => {
  it('shares one read between viewers and concurrent requests, until a notice about a case under the area drops it', async () => {
    const { feed, notice } = fakeFeed()
    const cache = new SummaryCache(feed)
    const { reads, read } = counter()
    await Promise.all([cache.get('05', 24, read('05')), cache.get('05', 24, read('05')), cache.get('0501', 24, read('0501'))])
    await cache.get('05', 24, read('05'))
    await cache.get('05', 48, read('05'))
    expect(reads).toEqual(['05', '0501', '05'])
    // a case in 050201: the district's summary changes, station 0501's does not
    notice({ holderCode: '050201', gridCode: '050201' })
    await cache.get('05', 24, read('05'))
    await cache.get('0501', 24, read('0501'))
    expect(reads).toEqual(['05', '0501', '05', '05'])
    // a case without a grid counts under its holder
    notice({ holderCode: '0501', gridCode: null })
    await cache.get('0501', 24, read('0501'))
    expect(reads.at(-1)).toBe('0501')
    cache.close()
  })

  it('drops the area a case left as well as the one it entered', async () => {
    const { feed, notice } = fakeFeed()
    const cache = new SummaryCache(feed)
    const { reads, read } = counter()
    await cache.get('0501', 24, read('0501'))
    await cache.get('0502', 24, read('0502'))
    notice({ action: 'dispatch', holderCode: '050201', gridCode: '050201', previousArea: '050101' })
    await cache.get('0501', 24, read('0501'))
    await cache.get('0502', 24, read('0502'))
    expect(reads).toEqual(['0501', '0502', '0501', '0502'])
    cache.close()
  })

  it('reads again after its time to live, and after a failed read', async () => {
    const { feed } = fakeFeed()
    let now = 1000
    const cache = new SummaryCache(feed, 5000, () => now)
    const { reads, read } = counter()
    await cache.get('05', 24, read('05'))
    now += 4999
    await cache.get('05', 24, read('05'))
    now += 1
    await cache.get('05', 24, read('05'))
    expect(reads).toEqual(['05', '05'])
    await expect(cache.get('06', 24, async () => { throw new Error('down') })).rejects.toThrow('down')
    await cache.get('06', 24, read('06'))
    expect(reads.at(-1)).toBe('06')
    cache.close()
  })
})
