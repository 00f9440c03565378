/**
 * Issue 11 §4: hostile characters and out-of-range integers are a 400 naming the field, refused in
 * one place before any handler; zero-width characters are removed from stored text.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { setupTestApp, type TestContext, type Client } from '../helper.ts'
import { seedSmallTree, userWith } from '../factories.ts'
import { businessInput } from '../factories-businesses.ts'
import { checkText, findRefusedCharacter, guardValue } from '../../src/server/input-guard.ts'
import { readCellBatches } from '../../src/server/tabular.ts'
import { Readable } from 'node:stream'

let t: TestContext
let chief: Client

beforeAll(async () => {
  t = await setupTestApp()
  await seedSmallTree(t.db)
  chief = await userWith(t.app, t.db, ['district_chief'], '05')
})

describe('the text rule', () => {
  it('refuses NUL, lone surrogates, C0/C1 controls and bidi overrides; keeps tab, newlines, emoji, RTL marks', () => {
    for (const bad of ['a\u0000b', '\ud800', 'x\udc00', 'a\u001b[31mred', '\u202Egnp.exe', '\u2066x\u2069', 'a\u0085b', 'a\u007fb']) {
      expect(findRefusedCharacter(bad), JSON.stringify(bad)).not.toBeNull()
    }
    for (const good of ['a\tb\nc\r\n', '😀 家', '\u200Fمرحبا', '西安市']) expect(findRefusedCharacter(good)).toBeNull()
    expect(checkText('灞\u200B桥\uFEFF区\u2060', 'name')).toBe('灞桥区')
  })

  it('property: any string either is refused or comes back free of zero-width characters and well-formed', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      try {
        const out = checkText(s, 'f')
        expect(out).not.toMatch(/[\u200B-\u200D\u2060\uFEFF\u0000]/)
        expect(findRefusedCharacter(out)).toBeNull()
      } catch (e: any) {
        expect(e.code).toBe('request.invalidCharacters')
      }
    }))
  })
})

describe('the walk over a request', () => {
  it('checks parsed JSON and query objects, and leaves a streamed body or a Buffer alone (a socket\'s cycles overflowed the stack)', () => {
    expect(() => guardValue({ a: [{ b: 'x\u0000' }] }, '')).toThrow(expect.objectContaining({ code: 'request.invalidCharacters' }))
    expect(guardValue(Object.assign(Object.create(null), { q: '灞\u200B桥' }), '')).toEqual({ q: '灞桥' })
    // As a real request stream is: it refers to itself through its socket.
    const stream: any = Readable.from([])
    stream.socket = { request: stream, note: 'x\u0000' }
    expect(guardValue(stream, '')).toBe(stream)
    const bytes = Buffer.from('\u0000\u202E')
    expect(guardValue(bytes, '')).toBe(bytes)
  })
})

describe('requests', () => {
  it('a NUL or lone surrogate in the login username is a 400, not a 500', async () => {
    for (const username of ['ad\u0000min', '\ud800']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'whatever-Pass-1' } })
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('request.invalidCharacters')
      expect(res.json().error.details.field).toBe('username')
    }
  })

  it('NUL in a query parameter or a path parameter is a 400 naming the field', async () => {
    const q = await chief.get('/api/businesses?q=%00x', { 'accept-language': 'en' })
    expect(q.statusCode).toBe(400)
    expect(q.json().error.code).toBe('request.invalidCharacters')
    expect(q.json().error.message).toContain('“Search” has a character that cannot be sent')
    const p = await chief.get('/api/areas/05%00')
    expect(p.statusCode).toBeLessThan(500)
  })

  it('ids, limits and cursors beyond int4 are a 400', async () => {
    for (const url of ['/api/businesses/2147483648', '/api/businesses?limit=99999999999', '/api/businesses?after=2147483648', '/api/businesses/1e309']) {
      const res = await chief.get(url)
      expect(res.statusCode, url).toBe(400)
    }
    const cursor = Buffer.from(JSON.stringify(['id', 99999999999])).toString('base64url')
    expect((await chief.get(`/api/businesses?cursor=${cursor}`)).statusCode).toBe(400)
  })

  it('a business name with an RTL override or ANSI escape is refused; zero-width characters are removed', async () => {
    for (const name of ['\u202E司公限有', 'a\u001b[2Jb']) {
      const res = await chief.post('/api/businesses', businessInput({ name }))
      expect(res.statusCode).toBe(400)
      expect(res.json().error.details.field).toBe('name')
    }
    const res = await chief.post('/api/businesses', businessInput({ name: '灞桥\u200B零售\u200D商店' }))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().name).toBe('灞桥零售商店')
  })
})

describe('imported cells', () => {
  const columns = [{ key: 'name', zh: '名称', en: 'Name', required: true }, { key: 'note', zh: '备注', en: 'Note' }]
  const read = async (csv: string) => {
    const out: string[][] = []
    for await (const b of readCellBatches(Readable.from([Buffer.from(csv)]), 'csv', columns)) out.push(...b.rows.map((r) => r.cells))
    return out
  }

  it('follow the request rule: zero-width removed, an RTL override or escape refuses the file naming row and column', async () => {
    expect(await read('名称,备注\n灞\u200B桥商店,第一行\n')).toEqual([['灞桥商店', '第一行']])
    await expect(read('名称,备注\n好商店,ok\n\u202E店商,x\n')).rejects.toMatchObject({ code: 'request.invalidCharacters', details: { field: '3:name' } })
    await expect(read('名称,备注\na,\u001b[31m\n')).rejects.toMatchObject({ code: 'request.invalidCharacters', details: { field: '2:note' } })
  })
})
