import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { definitionProblems } from './rules.ts'
import type { PatrolItemDefinition } from './schemas.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const chief = await userWith(app, db, ['district_chief'], '05')
const worker = await userWith(app, db, ['grid_worker'], '050101')
const sysadmin = await userWith(app, db, ['system_admin'], '')
const en = { 'accept-language': 'en' }

const item = (over: Partial<PatrolItemDefinition> = {}): PatrolItemDefinition => ({
  name: { zh: '燃气安全巡查', en: 'Gas safety patrol' },
  targets: { operatingStates: ['operating'] },
  cycle: { kind: 'periodic', days: 60 },
  duties: ['grid_worker'],
  checklist: [
    { key: 'cylinders', text: { zh: '气瓶存放合规', en: 'Cylinders stored as required' }, answer: 'yesNo', required: true },
    { key: 'alarm', text: { zh: '报警器状态', en: 'Alarm state' }, answer: 'choice', required: true, options: [
      { value: 'working', label: { zh: '正常', en: 'Working' } }, { value: 'missing', label: { zh: '未安装', en: 'Missing' } },
    ] },
  ],
  evidence: { minPhotos: 1, video: false },
  transfers: [{ question: 'alarm', answers: ['missing'], categoryCode: 'special-equipment' }],
  ...over,
})

let n = 0
const freshCode = () => `gas-${++n}-${Date.now() % 100000}`

// The catalogue as the migrations seed it, on a database of its own: the tests below add items.
const seeded = await setupTestApp()
await seedSmallTree(seeded.db)
const seededWorker = await userWith(seeded.app, seeded.db, ['grid_worker'], '050101')

describe('the patrol item catalogue (M4.1)', () => {
  it('holds the six items of the seed, each coherent, for every member of staff', async () => {
    const res = await seededWorker.get('/api/patrol-items')
    expect(res.statusCode, res.body).toBe(200)
    const items = res.json().items
    expect(items.map((i: any) => i.code).sort()).toEqual(['address-check', 'annual-report', 'licence-check', 'licence-display', 'opening-check', 'unlicensed-patrol'])
    const { rows } = await seeded.db.query<{ code: string }>('SELECT code FROM case_categories WHERE active')
    const categories = new Set(rows.map((r) => r.code))
    for (const i of items) expect(definitionProblems(i.definition, categories), i.code).toEqual([])
    // the four kinds of clue of the seed are reachable from the catalogue
    const reached = new Set(items.flatMap((i: any) => i.definition.transfers.map((t: any) => t.categoryCode)))
    for (const clue of ['clue-not-found', 'clue-address-mismatch', 'clue-unlicensed-general', 'clue-unlicensed-licensed']) expect(reached).toContain(clue)
  })

  it('adds an item, refuses its code twice, and keeps it from users who may not change the catalogue', async () => {
    const code = freshCode()
    const created = await chief.post('/api/patrol-items', { code, definition: item() })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ code, version: 1, active: true })
    const again = await chief.post('/api/patrol-items', { code, definition: item() }, en)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toContain(code)
    for (const other of [worker, sysadmin]) {
      expect((await other.post('/api/patrol-items', { code: freshCode(), definition: item() })).statusCode).toBe(403)
      expect((await other.put(`/api/patrol-items/${code}`, { version: 1, active: false })).statusCode).toBe(403)
    }
    const { rows } = await db.query(`SELECT action, details FROM audit_events WHERE object_type = 'patrolItem' AND object_id = $1`, [code])
    expect(rows.map((r) => r.action)).toEqual(['patrolItem.created'])
  })

  it('revises an item into a new version, keeping the old one, audited with both; a stale revision is refused with the item as it stands', async () => {
    const code = freshCode()
    await chief.post('/api/patrol-items', { code, definition: item() })
    const revised = item({ cycle: { kind: 'periodic', days: 30 } })
    const res = await chief.put(`/api/patrol-items/${code}`, { version: 1, definition: revised })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ version: 2, definition: { cycle: { days: 30 } } })

    const history = (await worker.get(`/api/patrol-items/${code}`)).json()
    expect(history.versions.map((v: any) => [v.version, v.definition.cycle.days])).toEqual([[2, 30], [1, 60]])

    // someone who opened version 1 and saves now
    const stale = await chief.put(`/api/patrol-items/${code}`, { version: 1, active: false })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error.details.current).toMatchObject({ version: 2, active: true })

    const off = await chief.put(`/api/patrol-items/${code}`, { version: 2, active: false })
    expect(off.json()).toMatchObject({ version: 2, active: false })
    const { rows } = await db.query(`SELECT details FROM audit_events WHERE object_id = $1 AND action = 'patrolItem.revised' ORDER BY id`, [code])
    expect(rows.map((r) => r.details.changes)).toEqual([
      { definition: { from: item(), to: revised }, version: { from: 1, to: 2 } },
      { active: { from: true, to: false } },
    ])
  })

  it('refuses an incoherent definition in the user\'s words, changing nothing', async () => {
    const code = freshCode()
    await chief.post('/api/patrol-items', { code, definition: item() })
    const cases: Array<[PatrolItemDefinition, RegExp, RegExp]> = [
      [item({ transfers: [{ question: 'alarm', answers: ['broken'], categoryCode: 'special-equipment' }] }), /报警器状态.*broken/, /Alarm state.*broken/],
      [item({ transfers: [{ question: 'cylinders', answers: [false], categoryCode: 'no-such-category' }] }), /no-such-category/, /no-such-category/],
      [item({ checklist: [...item().checklist, { key: 'cylinders', text: { zh: '气瓶数量', en: 'Cylinders' }, answer: 'number', required: false }] }), /气瓶数量/, /Cylinders/],
    ]
    for (const [definition, zh, english] of cases) {
      const res = await chief.put(`/api/patrol-items/${code}`, { version: 1, definition })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().error.message).toMatch(zh)
      expect((await chief.put(`/api/patrol-items/${code}`, { version: 1, definition }, en)).json().error.message).toMatch(english)
    }
    // the shape is checked by the schema: an unknown answer kind, a cycle of no days
    expect((await chief.put(`/api/patrol-items/${code}`, { version: 1, definition: { ...item(), cycle: { kind: 'periodic', days: 0 } } })).statusCode).toBe(400)
    const history = (await chief.get(`/api/patrol-items/${code}`)).json()
    expect(history.versions).toHaveLength(1)
  })

  it('answers 404 for an item that does not exist', async () => {
    expect((await worker.get('/api/patrol-items/no-such-item')).statusCode).toBe(404)
    expect((await chief.put('/api/patrol-items/no-such-item', { version: 1, active: false })).statusCode).toBe(404)
  })
})
