import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { catalogEntries, formatMessage } from './errors.ts'

// Every module that declares error codes, loaded so that the catalogue is whole.
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const declaring = fs.readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .filter((f) => /defineErrors\(\{/.test(fs.readFileSync(path.join(src, f), 'utf8')))

beforeAll(async () => {
  for (const f of declaring) await import(path.join(src, f))
})

/** Names a user should never read: camelCase and snake_case keys, dotted codes, unfilled placeholders. */
const IDENTIFIER = [/\b[a-z]+[A-Z][A-Za-z0-9]*\b/, /\b[a-z0-9]+_[a-z0-9_]+\b/, /\b[a-z]+\.[a-z][A-Za-z]+\b/, /\{\w+\}/]

/** The field keys the API's messages are given (details.field), each of which must read as a label. */
const FIELDS = ['name', 'uscc', 'kind', 'registeredAddress', 'actualAddress', 'contactPhone', 'legalRepresentative', 'keyDomains', 'operatingState',
  'riskClass', 'licences', 'location', 'position', 'phone', 'roles', 'onDuty', 'areaCode', 'gridCode', 'parentCode', 'boundary', 'title', 'description',
  'categoryCode', 'departmentCode', 'note', 'evidence', 'url', 'attribution', 'maxZoom', 'definition', 'contact.phone', 'licences.0.type']

/** A realistic value for each other placeholder, by its name. */
function sample(key: string): string {
  if (key.endsWith('Zh')) return '示例说明'
  if (key.endsWith('En')) return 'an example'
  if (/^(row|index|max|min|limit|limitMb|size|seconds|areaM2|position|year|x|y|z|refused|rows|expected|version|firstRow|retryAfter|days)$/.test(key)) return '3'
  return '050101'
}

describe('messages people read (issue 13 §2)', () => {
  it('loads every module that declares messages', () => {
    expect(declaring.length).toBeGreaterThan(10)
    expect(catalogEntries().length).toBeGreaterThan(150)
  })

  it('names no internal identifier in any message of the catalogue, in either language, whatever field it is about', () => {
    const found: string[] = []
    for (const [code, spec] of catalogEntries()) {
      const keys = [...new Set([...`${spec.zh} ${spec.en}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))]
      for (const field of keys.includes('field') ? FIELDS : [FIELDS[0]]) {
        const details = Object.fromEntries(keys.map((k) => [k, k === 'field' ? field : sample(k)]))
        for (const lang of ['zh-CN', 'en'] as const) {
          const text = formatMessage(code, lang, details)
          const hit = IDENTIFIER.map((re) => re.exec(text)?.[0]).find(Boolean)
          if (hit) found.push(`${code} (${lang}, ${field}): “${hit}” in ${text}`)
        }
      }
    }
    expect([...new Set(found)]).toEqual([])
  })

  it('finds the identifiers it is there to find', () => {
    for (const text of ['字段 contactPhone 格式不正确', '（见 details.refusals）', 'rule check_character', '{field} 不能为空']) {
      expect(IDENTIFIER.some((re) => re.test(text)), text).toBe(true)
    }
    expect(IDENTIFIER.some((re) => re.test('“联系电话”格式不正确：请填写 7 到 20 位'))).toBe(false)
  })
})
