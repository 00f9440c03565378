/**
 * Issue 11 §7: a grid head learned the grid code of any point from the text of a 403 ("would lie in
 * area 050202"). The refusal now says only "outside your area".
 */
import { beforeAll, expect, it } from 'vitest'
import { setupTestApp, type Client, type TestContext } from '../helper.ts'
import { seedSmallTree, userWith } from '../factories.ts'
import { businessInput, insertBusiness } from '../factories-businesses.ts'

let t: TestContext
let gridHead: Client
let id: number

beforeAll(async () => {
  t = await setupTestApp()
  await seedSmallTree(t.db)
  gridHead = await userWith(t.app, t.db, ['grid_head'], '050101')
  id = await insertBusiness(t.db, { areaCode: '050101' })
})

const elsewhere = { lng: 109.175, lat: 34.05 } // inside grid 050202 of seedSmallTree

it('creating a business at a point in another grid is refused without naming that grid', async () => {
  for (const lang of ['zh-CN', 'en']) {
    const res = await gridHead.post('/api/businesses', businessInput({ location: elsewhere }), { 'accept-language': lang })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('business.outsideScope')
    expect(res.body).not.toMatch(/0502/)
  }
  expect((await gridHead.post('/api/businesses', businessInput({ location: elsewhere }), { 'accept-language': 'en' })).json().error.message).toBe('This location is outside your area')
})

it('moving a business to a point in another grid is refused without naming that grid', async () => {
  const res = await gridHead.patch(`/api/businesses/${id}`, { location: elsewhere })
  expect(res.statusCode).toBe(403)
  expect(res.body).not.toMatch(/0502/)
})
