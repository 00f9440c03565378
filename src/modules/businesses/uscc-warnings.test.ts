import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { businessCsv, businessInput, importRow } from '../../../test/factories-businesses.ts'
import { makeUscc, orgCodeCheckCharacter, usccCheckCharacter } from './uscc.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const chief = await userWith(app, db, ['district_chief'], '05')

/** A code GB 32100 accepts whose organisation code fails GB 11714's check character. */
function doubtfulUscc(serial: number): string {
  const good = makeUscc('enterprise', '610111', serial)
  const first17 = good.slice(0, 16) + (good[16] === '0' ? '1' : '0')
  return first17 + usccCheckCharacter(first17)
}

describe('a USCC whose organisation code does not check (GB 11714), as issued by some authorities', () => {
  it('is registered, with the doubt on the record for whoever reads it', async () => {
    const uscc = doubtfulUscc(4242)
    const res = await chief.post('/api/businesses', businessInput({ uscc }))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().usccWarnings).toEqual(['orgCodeCheck'])
    expect((await chief.get(`/api/businesses/${res.json().id}`)).json().usccWarnings).toEqual(['orgCodeCheck'])
    const normal = await chief.post('/api/businesses', businessInput())
    expect(normal.json().usccWarnings).toEqual([])
  })

  it('is imported from a ledger file', async () => {
    const uscc = doubtfulUscc(4343)
    const boundary = '----mgtest'
    const csv = businessCsv([importRow(businessInput({ uscc }))])
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(csv), Buffer.from(`\r\n--${boundary}--\r\n`)])
    const res = await chief.request({ method: 'POST', url: '/api/businesses/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })
    expect(res.json()).toMatchObject({ accepted: 1, refused: 0, warningsTotal: 1 })
    // The import report carries the doubt too, in words.
    expect(res.json().warnings[0]).toMatchObject({ row: 2, rule: 'orgCodeCheck', column: '统一社会信用代码' })
    expect(res.json().warnings[0].message).toContain('请向登记机关核实')
    expect((await db.query('SELECT count(*)::int AS n FROM businesses WHERE uscc = $1', [uscc])).rows[0].n).toBe(1)
  })

  it('files a code of another authority as an other organisation when no kind is given (issue 13 §6)', async () => {
    const org = 'MB7654321'.slice(0, 8)
    const first17 = '12' + '610111' + org + orgCodeCheckCharacter(org)
    const uscc = first17 + usccCheckCharacter(first17)
    const { kind: _kind, ...input } = businessInput({ uscc })
    const res = await chief.post('/api/businesses', input)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().kind).toBe('other')
    expect((await db.query('SELECT kind FROM businesses WHERE uscc = $1', [uscc])).rows[0].kind).toBe('other')
  })
})
