import { describe, expect, it } from 'vitest'
import { login, setupTestApp } from '../../../test/helper.ts'
import { DEMO_PASSWORD, seedDemo } from './seed.ts'

const { app, db } = await setupTestApp({ loginAttemptsPerIpPerMinute: 1000 })
await seedDemo(db, { businesses: 600, seed: 7, patrols: true })

describe('demo patrol tasks (the served demo)', () => {
  it('gives the demo grid worker registration checks of their own grid in the field app\'s list', async () => {
    const worker = await login(app, 'worker050203', DEMO_PASSWORD)
    const res = await worker.get('/api/patrol-tasks?state=open')
    expect(res.statusCode, res.body).toBe(200)
    const items = res.json().items as Array<{ gridCode: string; itemCode: string; business: { id: number } | null; dueOn: string }>
    expect(items.length).toBeGreaterThan(0)
    expect(items.length).toBeLessThanOrEqual(4)
    for (const t of items) expect(t).toMatchObject({ gridCode: '050203', itemCode: 'address-check' })
    expect(new Set(items.map((t) => t.business!.id)).size).toBe(items.length)
  })

  it('leaves the other stations to the hourly job', async () => {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM patrol_tasks WHERE grid_code NOT LIKE '0502%'`)
    expect(rows[0]!.n).toBe(0)
  })
})
