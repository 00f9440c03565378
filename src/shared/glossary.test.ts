/**
 * One word per role, duty and duty state (issue 13 §5): the server's labels and the console's texts
 * are the glossary's, and the words it retired appear in no text of src/ or web/ (outside the
 * glossary itself and the import's list of synonyms).
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACCOUNT_ROLE_TERMS, DUTY_TERMS, OFF_DUTY, ON_DUTY, RETIRED_TERMS, termsIn } from './glossary.ts'
import { ROLE_LABELS as ACCOUNT_LABELS, ROLES } from '../modules/access/policy.ts'
import { PERSON_ROLES, ROLE_LABELS as DUTY_LABELS } from '../modules/people/rules.ts'
import { parseOnDuty, parseRole } from '../modules/ledger-io/people-columns.ts'
import { fieldLabel } from '../server/field-labels.ts'
import common from '../../web/lib/i18n/common.ts'
import people from '../../web/console/people/i18n.ts'
import map from '../../web/console/map/i18n.ts'

const zh = (terms: Record<string, { zh: string; en: string }>) => termsIn(terms, 'zh')
const en = (terms: Record<string, { zh: string; en: string }>) => termsIn(terms, 'en')

describe('the glossary', () => {
  it('names every account role and every duty, and the server uses its words', () => {
    expect(Object.keys(ACCOUNT_ROLE_TERMS).sort()).toEqual([...ROLES].sort())
    expect(Object.keys(DUTY_TERMS).sort()).toEqual([...PERSON_ROLES].sort())
    expect(ACCOUNT_LABELS).toEqual(ACCOUNT_ROLE_TERMS)
    expect(DUTY_LABELS).toEqual(DUTY_TERMS)
    expect(fieldLabel('onDuty', 'zh-CN', 'person')).toBe(ON_DUTY.zh)
  })

  it('gives a role the same word whether it is an account role or a duty', () => {
    for (const [key, term] of Object.entries(DUTY_TERMS)) {
      const account = (ACCOUNT_ROLE_TERMS as Record<string, unknown>)[key]
      if (account) expect(account, key).toEqual(term)
    }
    expect(ACCOUNT_ROLE_TERMS.district_chief.zh).toBe('片区长')
  })

  it('is what the console shows for roles, duties and duty state, in both languages', () => {
    expect(common['zh-CN'].roles).toEqual(zh(ACCOUNT_ROLE_TERMS))
    expect(common.en.roles).toEqual(en(ACCOUNT_ROLE_TERMS))
    expect(people['zh-CN'].roles).toEqual(zh(DUTY_TERMS))
    expect(people.en.roles).toEqual(en(DUTY_TERMS))
    expect(map['zh-CN'].roles).toEqual(zh(DUTY_TERMS))
    expect([people['zh-CN'].onDuty, people['zh-CN'].yes, people['zh-CN'].no, people['zh-CN'].offDuty]).toEqual([ON_DUTY.zh, ON_DUTY.zh, OFF_DUTY.zh, OFF_DUTY.zh])
    expect(map['zh-CN'].card.offDuty).toBe(OFF_DUTY.zh)
  })

  it('still reads the retired words in an imported file', () => {
    expect(parseOnDuty('离岗')).toBe(false)
    expect(parseOnDuty('不在岗')).toBe(false)
    expect(parseOnDuty('在岗')).toBe(true)
    expect(parseRole('分局局长')).toBe('district_chief')
    expect(parseRole('片区长')).toBe('district_chief')
    expect(parseRole('监管所所长')).toBe('station_chief')
  })

  it('leaves no retired word in a text of src/ or web/', () => {
    const allowed = new Set(['src/shared/glossary.ts', 'src/shared/glossary.test.ts'])
    const found: string[] = []
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name)
        if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== 'dist') walk(p); continue }
        if (!/\.(ts|tsx)$/.test(e.name) || allowed.has(p)) continue
        const text = fs.readFileSync(p, 'utf8')
        // 不在岗 contains 在岗 but not 离岗; 离岗 is searched as a word of its own.
        for (const word of Object.keys(RETIRED_TERMS)) if (text.includes(word)) found.push(`${p}: ${word}`)
      }
    }
    walk('src')
    walk('web')
    expect(found).toEqual([])
  })
})
