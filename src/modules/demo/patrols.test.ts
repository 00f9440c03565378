import { describe, expect, it } from 'vitest'
import { login, setupTestApp } from '../../../test/helper.ts'
import { shanghaiDay } from '../calendar/rules.ts'
import { monthOf, previousMonth } from '../markets/rules.ts'
import { DEMO_PASSWORD, seedDemo } from './seed.ts'

const { app, db } = await setupTestApp({ loginAttemptsPerIpPerMinute: 1000 })
await seedDemo(db, { businesses: 600, seed: 7, patrols: true })

describe('demo patrol tasks (the served demo)', () => {
  it('gives the demo grid worker registration checks of their own grid in the field app\'s list', async () => {
    const worker = await login(app, 'worker050203', DEMO_PASSWORD)
    const res = await worker.get('/api/patrol-tasks?state=open')
    expect(res.statusCode, res.body).toBe(200)
    const all = res.json().items as Array<{ gridCode: string; itemCode: string; business: { id: number } | null; dueOn: string; assignee: { name: string } | null }>
    // the grid's list holds the market's tasks too, given to the market's management (the next test)
    const items = all.filter((t) => !t.assignee?.name.includes('市场管理方'))
    expect(items.length).toBeGreaterThan(0)
    expect(items.length).toBeLessThanOrEqual(4)
    for (const t of items) expect(t).toMatchObject({ gridCode: '050203', itemCode: 'address-check' })
    expect(new Set(items.map((t) => t.business!.id)).size).toBe(items.length)
  })

  it('leaves the other stations to the hourly job', async () => {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM patrol_tasks WHERE grid_code NOT LIKE '0502%'`)
    expect(rows[0]!.n).toBe(0)
  })

  it('gives the demo market\'s management its businesses and this month\'s checks, and the station last month\'s work to draw', async () => {
    // twelve in the served demo; a small seed's grid may hold fewer
    const { rows: [{ n }] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM market_businesses')
    expect(n).toBeGreaterThan(2)
    const market = await login(app, 'market050203', DEMO_PASSWORD)
    const phone = (await market.post('/api/businesses/on-phone', { known: [] })).json() as { changed: unknown[] }
    expect(phone.changed).toHaveLength(n)
    const tasks = (await market.get('/api/patrol-tasks?state=open')).json().items as Array<{ itemCode: string }>
    expect(tasks).toHaveLength(n) // this month's, and last month's that was never done
    for (const t of tasks) expect(t.itemCode).toBe('licence-display')
    const station = await login(app, 'station0502', DEMO_PASSWORD)
    const last = previousMonth(monthOf(shanghaiDay(new Date())))
    const list = (await station.get(`/api/markets?period=${last}`)).json() as { items: Array<{ name: string; assessment: Record<string, unknown> }> }
    expect(list.items.map((m) => m.name)).toEqual(['席王综合农贸市场'])
    expect(list.items[0].assessment).toMatchObject({ tasksDue: n, doneOnTime: n - 1, overdue: 1, findings: n - 1, sampled: 0, score: Math.round(100 * (n - 1) / n) })
  })
})
