/**
 * Finding a business by the first characters of its USCC (issue 13 §5): in the search box (`q`) and
 * in the USCC filter (`uscc`), always inside the user's scope, with LIKE's wildcards and other
 * hostile text taken literally.
 */
import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { insertBusiness } from '../../../test/factories-businesses.ts'
import { makeUscc } from './uscc.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
const chief = await userWith(app, db, ['district_chief'], '05')
const west = await userWith(app, db, ['station_chief'], '0501')
const head = await userWith(app, db, ['grid_head'], '050201')

// Two businesses sharing a long USCC prefix, one in station 0501 (grid 050101), one in 0502 (grid 050201).
const inWest = makeUscc('enterprise', '610111', 731001)
const inEast = makeUscc('enterprise', '610111', 731002)
const prefix = commonPrefix(inWest, inEast)
await insertBusiness(db, { uscc: inWest, name: '前缀测试西店', location: { lng: 109.02, lat: 34.05 } })
await insertBusiness(db, { uscc: inEast, name: '前缀测试东店', location: { lng: 109.12, lat: 34.05 } })

function commonPrefix(a: string, b: string): string {
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return a.slice(0, i)
}

const found = async (client: typeof chief, query: Record<string, string>) => {
  const res = await client.get(`/api/businesses?${new URLSearchParams({ limit: '500', ...query })}`)
  expect(res.statusCode).toBe(200)
  return (res.json().items as Array<{ uscc: string }>).map((b) => b.uscc)
}

describe('USCC prefix search', () => {
  it('finds every business whose USCC starts with the typed characters, in q and in the USCC filter', async () => {
    expect(prefix.length).toBeGreaterThanOrEqual(8)
    for (const key of ['q', 'uscc']) {
      const short = prefix.slice(0, 8)
      expect(await found(chief, { [key]: short })).toEqual(expect.arrayContaining([inWest, inEast]))
      expect(await found(chief, { [key]: short.toLowerCase() })).toEqual(expect.arrayContaining([inWest, inEast]))
      expect(await found(chief, { [key]: inWest })).toEqual([inWest])
      expect(await found(chief, { [key]: ` ${inEast} ` })).toEqual([inEast])
    }
  })

  it('counts what it finds, so the pager and the list agree', async () => {
    const res = await chief.get(`/api/businesses/count?uscc=${prefix}`)
    expect(res.json()).toEqual({ total: 2, exact: true })
  })

  it('keeps the keyset paging over a prefix', async () => {
    const first = (await chief.get(`/api/businesses?uscc=${prefix}&limit=1`)).json()
    expect(first.items).toHaveLength(1)
    const second = (await chief.get(`/api/businesses?uscc=${prefix}&limit=1&after=${first.nextAfter}`)).json()
    expect(second.items).toHaveLength(1)
    expect(new Set([first.items[0].uscc, second.items[0].uscc])).toEqual(new Set([inWest, inEast]))
  })

  it('never finds a business outside the user’s scope', async () => {
    for (const key of ['q', 'uscc']) {
      expect(await found(west, { [key]: prefix })).toEqual([inWest])
      expect(await found(west, { [key]: inEast })).toEqual([])
      expect(await found(head, { [key]: prefix })).toEqual([inEast])
      expect(await found(head, { [key]: inWest })).toEqual([])
    }
    expect((await west.get(`/api/businesses/count?uscc=${prefix}`)).json()).toEqual({ total: 1, exact: true })
  })

  it('takes LIKE wildcards and backslashes literally', async () => {
    for (const key of ['q', 'uscc']) {
      for (const hostile of ['%', '_', '\\', '9%', '%1', prefix.slice(0, 6) + '%', prefix.slice(0, 6) + '_', '\\%', '____']) {
        expect(await found(chief, { [key]: hostile }), `${key}=${hostile}`).toEqual([])
      }
    }
  })

  it('refuses a NUL or other control character with a message in the user’s language, not a server error', async () => {
    for (const key of ['q', 'uscc']) {
      for (const lang of ['zh-CN', 'en']) {
        const res = await chief.get(`/api/businesses?${key}=${encodeURIComponent(prefix + '\u0000')}`, { 'accept-language': lang })
        expect(res.statusCode, `${key} ${lang}`).toBe(400)
        expect(res.json().error.code).toBe('request.invalidCharacters')
        expect(res.json().error.message).toMatch(lang === 'en' ? /[A-Za-z]/ : /[\u4e00-\u9fff]/)
      }
    }
  })
})
