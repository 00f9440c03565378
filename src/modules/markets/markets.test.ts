/**
 * Co-governance (M4.4) through the API: a station chief sets up a market (by codes and by outline)
 * with its management's account; the management sees and corrects only its market's businesses,
 * gets the market's tasks and records findings on them; after the month the chief draws a sample
 * of that work once, the grid's staff record their checks, and the market's assessment counts it all.
 */
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { describe, expect, it, onTestFinished } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { businessInput, insertBusiness } from '../../../test/factories-businesses.ts'
import { multipartFile } from '../../../test/factories-people.ts'
import { shanghaiDay } from '../calendar/rules.ts'
import { generatePatrolTasks } from '../patrols/tasks.ts'
import { drawSample, monthOf, previousMonth } from './rules.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const en = { 'accept-language': 'en' }
const thisMonth = monthOf(shanghaiDay(new Date()))
const lastMonth = previousMonth(thisMonth)

const chief = await userWith(app, db, ['station_chief'], '0501', 'mkt_chief')
const operator = await userWith(app, db, ['market_operator'], '050101', 'mkt_op')
const gridWorker = await userWith(app, db, ['grid_worker'], '050101', 'mkt_worker')

/** A business of grid 050101 at (lng, 34.05); answers its id and code. */
async function business(lng: number, name: string): Promise<{ id: number; uscc: string }> {
  const input = businessInput({ name, location: { lng, lat: 34.05 } })
  return { id: await insertBusiness(db, input), uscc: input.uscc }
}

/** The market's four businesses (three by code, one by the outline around 109.04), and one outside it. */
const listed = [await business(109.01, '场内甲'), await business(109.011, '场内乙'), await business(109.012, '场内丙')]
const insideOutline = await business(109.04, '场内丁')
const outside = await business(109.03, '场外商户')
const outline = { type: 'Polygon', coordinates: [[[109.035, 34.04], [109.045, 34.04], [109.045, 34.06], [109.035, 34.06], [109.035, 34.04]]] }

const created = await chief.post('/api/markets', {
  name: '纺织城综合市场', gridCode: '050101', usccs: listed.map((b) => b.uscc), boundary: outline, operators: ['mkt_op'],
})
const marketId = (created.json() as { id: number }).id

/** A task on a business given to `assignee`, due on `dueOn`. */
async function task(businessId: number, assignee: number, dueOn: string, item = 'annual-report'): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on, assignee_id)
     SELECT code, version, 'b' || $1::int, $1, '050101', $4, $2::date, $3 FROM patrol_items WHERE code = $5 RETURNING id`,
    [businessId, dueOn, assignee, `t${randomUUID()}`, item])
  return Number(rows[0].id)
}
const userId = async (username: string) => (await db.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [username])).rows[0].id

describe('co-governance: markets', () => {
  it('sets up a market from codes and an outline, with its management, and refuses what does not fit', async () => {
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ name: '纺织城综合市场', gridCode: '050101', hasBoundary: true, businessCount: 4, operators: [{ username: 'mkt_op' }] })

    const notOperator = await chief.post('/api/markets', { name: '第二市场', gridCode: '050101', operators: ['mkt_worker'] }, en)
    expect(notOperator.statusCode, notOperator.body).toBe(400)
    expect(notOperator.json().error.message).toContain('Account “mkt_worker” cannot keep this market')
    const taken = await chief.post('/api/markets', { name: '第二市场', gridCode: '050101', usccs: [listed[0].uscc] })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().error.message).toContain('场内甲（纺织城综合市场）')
    const twice = await chief.post('/api/markets', { name: '纺织城综合市场', gridCode: '050101' })
    expect(twice.statusCode).toBe(409)
    const unknown = await chief.post('/api/markets', { name: '第三市场', gridCode: '050101', usccs: ['91610111MA6TG1XX0X'] })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.message).toContain('91610111MA6TG1XX0X')
    // hostile names: blank, NUL, a lone surrogate — a clear refusal, nothing written
    for (const name of ['   ', 'a\u0000b', 'x\ud800y']) {
      const res = await chief.post('/api/markets', { name, gridCode: '050101' })
      expect(res.statusCode, `${JSON.stringify(name)}: ${res.body}`).toBe(400)
    }
    expect((await chief.get('/api/markets?period=2026-13')).statusCode).toBe(400)
    for (const url of ['/api/markets/99999999999/checks?period=2026-01', '/api/markets/0/checks?period=2026-01']) {
      expect((await chief.get(url)).statusCode, url).toBeLessThan(500)
    }
    expect((await gridWorker.put('/api/market-checks/not-a-uuid', { result: 'confirmed' })).statusCode).toBe(400)
    expect((await gridWorker.put('/api/market-checks/00000000-0000-0000-0000-000000000000', { result: 'maybe' })).statusCode).toBe(400)
    const bowtie = { type: 'Polygon', coordinates: [[[109.01, 34.01], [109.02, 34.02], [109.02, 34.01], [109.01, 34.02], [109.01, 34.01]]] }
    expect((await chief.post('/api/markets', { name: '第四市场', gridCode: '050101', boundary: bowtie })).json().error.code).toBe('market.boundaryInvalid')
    // another station's chief neither sets one up in this grid nor sees this one
    const other = await userWith(app, db, ['station_chief'], '0502')
    expect((await other.post('/api/markets', { name: '越界市场', gridCode: '050101' })).statusCode).toBe(400)
    expect((await other.get('/api/markets')).json().items).toEqual([])
    expect((await other.patch(`/api/markets/${marketId}`, { name: '改名' })).statusCode).toBe(404)
    // the management does not manage markets
    expect((await operator.post('/api/markets', { name: '自设市场', gridCode: '050101' })).statusCode).toBe(403)
    const { rows } = await db.query(`SELECT 1 FROM markets WHERE name <> '纺织城综合市场'`)
    expect(rows).toEqual([])
  })

  it('lets the management see and correct its market\'s businesses only, and nothing else of the bureau\'s', async () => {
    const page = (await operator.get('/api/businesses?limit=100')).json() as { items: Array<{ name: string }> }
    expect(page.items.map((b) => b.name).sort()).toEqual(['场内丁', '场内丙', '场内乙', '场内甲'])
    expect((await operator.get(`/api/businesses/${outside.id}`)).statusCode).toBe(404)
    const phone = (await operator.post('/api/businesses/on-phone', { known: [] })).json() as { changed: Array<{ id: number }> }
    expect(phone.changed.map((b) => b.id).sort()).toEqual([...listed.map((b) => b.id), insideOutline.id].sort())

    const corrected = await operator.patch(`/api/businesses/${listed[0].id}`, { actualAddress: '纺织城综合市场 A 区 12 号', operatingState: 'suspended' })
    expect(corrected.statusCode, corrected.body).toBe(200)
    expect(corrected.json()).toMatchObject({ actualAddress: '纺织城综合市场 A 区 12 号', operatingState: 'suspended' })
    const credit = await operator.patch(`/api/businesses/${listed[0].id}`, { riskClass: 'low' })
    expect(credit.statusCode).toBe(403)
    expect(credit.json().error.message).toContain('“风险等级”由市场监管部门维护')
    expect((await operator.patch(`/api/businesses/${outside.id}`, { actualAddress: 'x' })).statusCode).toBe(404)
    expect((await operator.post('/api/businesses', { ...businessInput(), location: { lng: 109.01, lat: 34.05 } })).statusCode).toBe(403)
    // a market operator no market names sees no business at all
    const unassigned = await userWith(app, db, ['market_operator'], '050101')
    expect((await unassigned.get('/api/businesses?limit=100')).json().items).toEqual([])
    for (const url of ['/api/people', `/api/cases`, '/api/businesses/export?format=csv', '/api/businesses/plates?grid=050101', '/api/coverage/placement']) {
      expect((await operator.get(url)).statusCode, url).toBe(403)
    }
  })

  it('gives the market\'s tasks to its management and the grid\'s others to the grid\'s staff', async () => {
    const district = await userWith(app, db, ['district_chief'], '05')
    const items = (await district.get('/api/patrol-items')).json() as { items: Array<{ code: string; version: number; definition: { duties: string[] } }> }
    const item = items.items.find((i) => i.code === 'licence-display')!
    const revised = await district.put('/api/patrol-items/licence-display', {
      version: item.version, definition: { ...item.definition, duties: ['grid_worker', 'market_operator'] },
    })
    expect(revised.statusCode, revised.body).toBe(200)
    // a run that catches up a whole cycle: every target of the item gets its task
    await db.query(`INSERT INTO patrol_task_runs (id, last_day) VALUES (1, current_date - 100) ON CONFLICT (id) DO UPDATE SET last_day = EXCLUDED.last_day`)
    await generatePatrolTasks(db, new Date(), { high: 0.25, higher: 0.5, general: 1, low: 2 })
    const { rows } = await db.query<{ business_id: number; assignee: string | null }>(
      `SELECT t.business_id, u.username AS assignee FROM patrol_tasks t LEFT JOIN users u ON u.id = t.assignee_id
       WHERE t.item_code = 'licence-display' AND t.business_id = ANY($1::int[])`, [[...listed.map((b) => b.id), insideOutline.id, outside.id]])
    const byBusiness = new Map(rows.map((r) => [r.business_id, r.assignee]))
    // every operating business of the grid got its check (场内甲 is suspended now: not a target)
    for (const b of [listed[1], listed[2], insideOutline]) expect(byBusiness.get(b.id), String(b.id)).toBe('mkt_op')
    expect(byBusiness.get(outside.id)).toBe('mkt_worker')
    const mine = (await operator.get('/api/patrol-tasks?limit=100')).json() as { items: Array<{ businessId: number }> }
    expect(mine.items.map((t) => t.businessId)).not.toContain(outside.id)
    expect(mine.items.length).toBeGreaterThan(0)
  })

  it('draws a month\'s sample of the management\'s findings once, records the checks, and scores the market', async () => {
    const op = await userId('mkt_op')
    const findings: string[] = []
    const market = [...listed, insideOutline]
    for (let i = 0; i < 12; i++) {
      const t = await task(market[i % 4].id, op, `${lastMonth}-20`)
      const id = randomUUID()
      const res = await operator.post('/api/patrol-findings', { id, taskId: t, answers: { reminded: true }, photos: [], recordedAt: `${lastMonth}-10T02:00:00Z` })
      expect(res.statusCode, res.body).toBe(201)
      findings.push(id)
    }
    await task(market[0].id, op, `${lastMonth}-21`) // never done: overdue
    // the management records on its own tasks only
    const notMine = await task(outside.id, await userId('mkt_worker'), `${lastMonth}-20`)
    expect((await operator.post('/api/patrol-findings', { id: randomUUID(), taskId: notMine, answers: { reminded: true }, photos: [], recordedAt: `${lastMonth}-10T02:00:00Z` })).statusCode).toBe(404)

    expect((await chief.post(`/api/markets/${marketId}/draws`, { period: thisMonth }, en)).json().error.message).toContain('has not ended yet')
    expect((await gridWorker.post(`/api/markets/${marketId}/draws`, { period: lastMonth })).statusCode).toBe(403)
    const drawn = await chief.post(`/api/markets/${marketId}/draws`, { period: lastMonth })
    expect(drawn.statusCode, drawn.body).toBe(201)
    const { draw, items } = drawn.json() as { draw: { seed: string; population: number; ratio: number; sampled: number }; items: Array<{ findingId: string; recordedBy: string }> }
    expect(draw).toMatchObject({ population: 12, ratio: 0.1, sampled: 2 })
    // anyone with the seed and the month's findings redoes the draw
    expect(items.map((c) => c.findingId).sort()).toEqual(drawSample(draw.seed, findings.reverse(), 0.1).sort())
    expect(items[0].recordedBy).toBe('mkt_op')
    const again = await chief.post(`/api/markets/${marketId}/draws`, { period: lastMonth })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toContain('不能重新抽取')

    const [first, second] = items.map((c) => c.findingId)
    expect((await gridWorker.put(`/api/market-checks/${first}`, { result: 'confirmed' })).json()).toMatchObject({ result: 'confirmed', checkedBy: 'mkt_worker' })
    expect((await gridWorker.put(`/api/market-checks/${second}`, { result: 'discrepancy' })).json().error.code).toBe('market.noteNeeded')
    expect((await operator.put(`/api/market-checks/${second}`, { result: 'confirmed' })).statusCode).toBe(403)
    await gridWorker.put(`/api/market-checks/${second}`, { result: 'discrepancy', note: '现场未见提醒记录，商户称未接到通知' })
    const changed = await gridWorker.put(`/api/market-checks/${first}`, { result: 'discrepancy', note: '改' })
    expect(changed.statusCode).toBe(409)
    expect((await gridWorker.put(`/api/market-checks/${findings.find((f) => f !== first && f !== second)}`, { result: 'confirmed' })).statusCode).toBe(404)

    const list = (await chief.get(`/api/markets?period=${lastMonth}`)).json() as { items: Array<{ assessment: Record<string, number | null> }> }
    expect(list.items[0].assessment).toEqual({
      period: lastMonth, tasksDue: 13, doneOnTime: 12, overdue: 1, findings: 12, sampled: 2, checked: 2, confirmed: 1, discrepancies: 1,
      score: Math.round(100 * (12 / 13) * (1 / 2)),
    })
    const checks = (await gridWorker.get(`/api/markets/${marketId}/checks?period=${lastMonth}`)).json() as { items: Array<{ result: string }> }
    expect(checks.items.map((c) => c.result).sort()).toEqual(['confirmed', 'discrepancy'])
    const { rows } = await db.query<{ action: string }>(`SELECT action FROM audit_events WHERE action LIKE 'market%' ORDER BY id`)
    expect(rows.map((r) => r.action)).toEqual(['market.created', 'marketCheck.drawn', 'marketCheck.recorded', 'marketCheck.recorded'])
  })

  it('files a clue the management finds as a case in the loop, which it does not then read', async () => {
    const op = await userId('mkt_op')
    // a stall of its own (the others may hold an open check of the item already), in the market for
    // this test only: the other tests read the market's four
    const stall = await business(109.013, '场内戊')
    await db.query('INSERT INTO market_businesses (business_id, market_id) VALUES ($1, $2)', [stall.id, marketId])
    onTestFinished(() => db.query('DELETE FROM market_businesses WHERE business_id = $1', [stall.id]).then(() => undefined))
    const t = await task(stall.id, op, `${thisMonth}-28`, 'licence-display')
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#468' } }).jpeg().toBuffer()
    const { payload, headers } = multipartFile(jpeg, 'IMG_0002.jpg', 'file', 'image/jpeg')
    const upload = await operator.request({ method: 'POST', url: '/api/evidence', payload, headers })
    expect(upload.statusCode, upload.body).toBe(200)
    const sha256 = (upload.json() as { sha256: string }).sha256
    const res = await operator.post('/api/patrol-findings', {
      id: randomUUID(), taskId: t, answers: { displayed: false }, photos: [{ sha256 }], recordedAt: new Date().toISOString(),
    })
    expect(res.statusCode, res.body).toBe(201)
    const [caseId] = (res.json() as { caseIds: number[] }).caseIds
    expect(caseId).toBeGreaterThan(0)
    expect((await operator.get(`/api/cases/${caseId}`)).statusCode).toBe(403)
    expect((await gridWorker.get(`/api/cases/${caseId}`)).json()).toMatchObject({ gridCode: '050101', source: 'patrol' })
  })
})
