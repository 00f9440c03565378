import { describe, expect, it, vi } from 'vitest'
import type * as Rules from './rules.ts'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'

// The random tail of tracking numbers is replaced by a script: the first number drawn for the second
// filing is the one the first filing got.
const drawn = vi.hoisted(() => ({ script: [] as string[] }))
vi.mock('./rules.ts', async (real) => {
  const rules = await real<typeof Rules>()
  return { ...rules, newTrackingNo: (now: Date) => drawn.script.shift() ?? rules.newTrackingNo(now) }
})

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const operator = await userWith(app, db, ['command_operator'], '05', 'op05')
const filing = { source: 'patrol', categoryCode: 'food-safety', title: '价格标签不清', description: '巡查发现', location: { lng: 109.02, lat: 34.05 } }

describe('tracking numbers', () => {
  it('files a case whose first tracking number was already taken under a fresh one, instead of refusing it', async () => {
    drawn.script.push('MG20261205-AAAAAA')
    const first = await operator.post('/api/cases', filing)
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json().trackingNo).toBe('MG20261205-AAAAAA')

    drawn.script.push('MG20261205-AAAAAA', 'MG20261205-BBBBBB')
    const second = await operator.post('/api/cases', { ...filing, title: '同一天的另一件' })
    expect(second.statusCode, second.body).toBe(201)
    expect(second.json().trackingNo).toBe('MG20261205-BBBBBB')
    const { rows } = await db.query(`SELECT tracking_no FROM cases ORDER BY id`)
    expect(rows.map((r) => r.tracking_no)).toEqual(['MG20261205-AAAAAA', 'MG20261205-BBBBBB'])
  })
})
