import { describe, expect, it } from 'vitest'
import { openTestDb } from '../../test/helper.ts'

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10))
}

describe('notices after commit (connection.ts Notifier)', () => {
  it('sends a transaction\'s notices once it has committed, in order, and none of a rolled-back one', async () => {
    const db = await openTestDb()
    try {
      const got: string[] = []
      const stop = await db.listen('mg_test_notices', (p) => got.push(p))
      await db.transaction(async (tx) => {
        tx.notifyAfterCommit('mg_test_notices', 'a1')
        tx.notifyAfterCommit('mg_test_notices', 'a2')
        // not yet: the transaction is still open
        await new Promise((r) => setTimeout(r, 50))
        expect(got).toEqual([])
      })
      await expect(db.transaction(async (tx) => {
        tx.notifyAfterCommit('mg_test_notices', 'rolled back')
        throw new Error('refused')
      })).rejects.toThrow('refused')
      db.notifyAfterCommit('mg_test_notices', 'b')
      // many transactions at once: batched, none lost
      await Promise.all(Array.from({ length: 20 }, (_, i) => db.transaction(async (tx) => tx.notifyAfterCommit('mg_test_notices', `c${i}`))))
      await until(() => got.length >= 23)
      expect(got.slice(0, 3)).toEqual(['a1', 'a2', 'b'])
      expect(got.slice(3).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`).sort())
      await new Promise((r) => setTimeout(r, 100))
      expect(got).not.toContain('rolled back')
      await stop()
    } finally {
      await db.close()
    }
  })
})
