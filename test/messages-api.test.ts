import { describe, expect, it } from 'vitest'
import { setupTestApp } from './helper.ts'
import { seedSmallTree, userWith } from './factories.ts'
import { businessInput } from './factories-businesses.ts'

// Messages of refused requests, as the console shows them: fields by their labels, what to do, in
// the user's language (issue 13 §2). The catalogue itself is scanned in src/server/messages.test.ts.
const { app, db } = await setupTestApp()
await seedSmallTree(db)
const chief = await userWith(app, db, ['district_chief'], '05')
const en = { 'accept-language': 'en' }
const IDENTIFIER = /\b[a-z]+[A-Z][A-Za-z0-9]*\b|\b[a-z0-9]+_[a-z0-9_]+\b|\bdetails\.\w+/

describe('messages of refused requests', () => {
  it('names schema problems by the fields\' labels and says what is wanted, in Chinese or English', async () => {
    const cases: Array<[Record<string, unknown>, RegExp, RegExp, string]> = [
      [{ name: '名'.repeat(300) }, /^“名称”须为 1 到 200 个字$/, /^“Name” must have 1 to 200 characters$/, 'name'],
      [{ riskClass: 'extreme' }, /^“风险等级”只能是：高风险、较高风险、一般风险、低风险$/, /^Risk class must be one of: High risk, Elevated risk, General risk, Low risk$/, 'riskClass'],
      [{ location: { lng: 'east', lat: 34 } }, /^“经度”应为数字$/, /^Longitude must be a number$/, 'location.lng'],
    ]
    for (const [bad, zh, english, field] of cases) {
      const body = { ...businessInput(), ...bad }
      const res = (await chief.post('/api/businesses', body)).json().error
      expect(res.message).toMatch(zh)
      // the key stays in details, for a form to mark its field
      expect(res.details.field ?? res.details.fields.map((f: any) => f.field).join()).toBe(field)
      expect((await chief.post('/api/businesses', body, en)).json().error.message).toMatch(english)
    }
  })

  it('names the rules\' problems by labels and values by their names', async () => {
    const phone = (await chief.post('/api/businesses', { ...businessInput(), contactPhone: 'call me' })).json().error
    expect(phone.message).toMatch(/^“联系电话”格式不正确/)
    const person = await chief.post('/api/people', { name: '王五', position: 'supervision_officer', areaCode: '0501', phone: '123' })
    expect(person.json().error.message).toMatch(/联系电话“123”格式不正确/)
    expect(person.json().error.message).not.toMatch(IDENTIFIER)
  })

  it('says what is taken when a value must be unique, not the constraint\'s name', async () => {
    const b = businessInput()
    await chief.post('/api/businesses', b)
    const again = (await chief.post('/api/businesses', b)).json().error
    expect(again.message).toContain(b.uscc)
    expect(again.message).not.toMatch(IDENTIFIER)
  })
})
