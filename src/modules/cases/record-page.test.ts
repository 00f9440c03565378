import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { escapeHtml, renderCaseRecord } from './record-page.ts'
import type { CaseRecord } from './record.ts'

/** Strings a hostile writer sends: NUL, lone surrogates, bidi overrides, ANSI escapes, markup, anything in UTF-16. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\ud800', '\udfff', '\u0000', '\u202e', '\u2066', '\x1b[31m', '\x85', '<', '>', '&', '"', "'", '😀', 'a', '名', '\n') }),
)

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const DECEPTIVE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/

describe('escaping for the record page', () => {
  it('leaves no markup character, control, bidi override or lone surrogate in any string', () => {
    fc.assert(fc.property(hostileString, (s) => {
      const out = escapeHtml(s)
      return !/[<>"']/.test(out) && !/&(?!(amp|lt|gt|quot|#39);)/.test(out) && !DECEPTIVE.test(out) && !LONE_SURROGATE.test(out)
    }))
  })

  it('changes nothing in ordinary text', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', '名', ' ', '\n', '\t', '😀', '。', '-') }), (s) => escapeHtml(s) === s))
  })

  it('shows what was hidden as its code point', () => {
    expect(escapeHtml('a\u0000b\u202ec\ud800d')).toBe('a⟨U+0000⟩b⟨U+202E⟩c⟨U+D800⟩d')
    expect(escapeHtml('<script>&"\'')).toBe('&lt;script&gt;&amp;&quot;&#39;')
  })
})

describe('times on the record', () => {
  it("are Beijing time across the date line, in the console's format of each language", () => {
    const at = '2026-01-01T16:30:05.123Z'
    const r = { ...record('x'), createdAt: at }
    expect(renderCaseRecord(r, 'zh-CN')).toContain('2026-01-02 00:30:05')
    expect(renderCaseRecord(r, 'en')).toContain('2 Jan 2026 00:30')
  })
})

const SHA = (c: string) => c.repeat(64)

function record(hostile: string): CaseRecord {
  return {
    id: 7, trackingNo: 'MG20260105-ABCDEF', title: hostile, description: hostile, source: 'complaint',
    category: { code: 'food-safety', zh: '食品安全', en: 'Food safety' }, emergency: true, state: 'handling',
    grid: { code: '050101', name: hostile }, holder: { code: '0501', name: '纺织城' },
    areaChain: [{ code: '05', name: '测试片区' }, { code: '0501', name: '纺织城' }, { code: '050101', name: hostile }],
    department: { code: 'health', zh: hostile, en: hostile }, address: hostile, location: { lng: 109.02, lat: 34.05 },
    business: { id: 1, name: hostile, uscc: '91610111000000000X' },
    contact: { name: hostile, phone: '139****5678', email: null },
    createdAt: '2026-01-05T01:00:00Z', dueAt: '2026-01-06T16:00:00Z', overdueAt: null, overdueLevel: 0, closedAt: null,
    mergedInto: null, rating: null, version: 3,
    steps: [{
      id: 1, action: hostile, fromState: null, toState: 'new', at: '2026-01-05T01:00:00Z',
      actor: { userId: 2, name: hostile, username: hostile, roles: ['grid_worker'], scope: '050101' },
      note: hostile, changes: { [hostile]: { from: hostile, to: { nested: hostile } }, gridCode: { from: null, to: hostile } },
      dueAt: null, location: null,
      evidence: [{ sha256: SHA('a'), name: hostile, kind: 'image', mediaType: hostile, size: 2048, capturedAt: null, location: null, stored: true }],
    }],
    otherEvidence: [{ sha256: SHA('b'), name: hostile, kind: '', mediaType: '', size: 0, capturedAt: null, location: null, stored: false }],
    audit: [{
      id: 9, at: '2026-01-05T01:00:00.123456Z', userId: 2, username: hostile, action: hostile, result: hostile,
      details: { note: hostile }, prevHash: SHA('c'), hash: SHA('d'), keyId: hostile,
    }],
    areaNames: { '050101': hostile }, departmentNames: {}, caseNumbers: {},
    generated: { at: '2026-01-05T02:00:00Z', userId: 2, username: hostile, displayName: hostile, eventId: 10, hash: SHA('e') },
  }
}

describe('the record page', () => {
  it('prints no markup, control or broken character from any field, in either language', () => {
    fc.assert(fc.property(hostileString, fc.constantFrom('zh-CN' as const, 'en' as const), (s, lang) => {
      const page = renderCaseRecord(record(`<script>alert(1)</script>${s}`), lang)
      return !/<script/i.test(page) && !DECEPTIVE.test(page) && !LONE_SURROGATE.test(page) && page.match(/<\/html>/g)!.length === 1
    }), { numRuns: 200 })
  })

  it('marks the hidden characters visibly wherever they were written', () => {
    const page = renderCaseRecord(record('x\u0000y\ud800z\u202ew<b>'), 'zh-CN')
    expect(page).toContain('<td class="text">x⟨U+0000⟩y⟨U+D800⟩z⟨U+202E⟩w&lt;b&gt;</td>')
    expect(page).not.toContain('<b>')
    for (const c of ['a', 'b', 'c', 'd', 'e']) expect(page).toContain(SHA(c))
    expect(page).toContain('（证据库中无此文件记录）')
  })
})
