import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { definitionProblems, transfersFor } from './rules.ts'
import type { PatrolItemDefinition } from './schemas.ts'

const base: PatrolItemDefinition = {
  name: { zh: '测试事项', en: 'Test item' }, targets: {}, cycle: { kind: 'periodic', days: 30 }, duties: ['grid_worker'],
  checklist: [
    { key: 'found', text: { zh: '找到', en: 'Found' }, answer: 'yesNo', required: true },
    { key: 'trade', text: { zh: '行业', en: 'Trade' }, answer: 'choice', required: false, options: [
      { value: 'general', label: { zh: '一般', en: 'General' } }, { value: 'licensed', label: { zh: '许可', en: 'Licensed' } },
    ] },
    { key: 'note', text: { zh: '说明', en: 'Note' }, answer: 'text', required: false },
  ],
  evidence: { minPhotos: 0, video: false },
  transfers: [
    { question: 'found', answers: [false], categoryCode: 'clue-not-found' },
    { question: 'trade', answers: ['general'], categoryCode: 'clue-unlicensed-general' },
    { question: 'trade', answers: ['licensed'], categoryCode: 'clue-unlicensed-licensed' },
  ],
}
const categories = new Set(['clue-not-found', 'clue-unlicensed-general', 'clue-unlicensed-licensed'])

describe('patrol item rules', () => {
  it('finds nothing wrong with a coherent definition', () => {
    expect(definitionProblems(base, categories)).toEqual([])
  })

  it('names each incoherence by the question\'s text', () => {
    const bad: PatrolItemDefinition = {
      ...base,
      checklist: [...base.checklist, { key: 'found', text: { zh: '又一个', en: 'Another' }, answer: 'number', required: false, options: [] }],
      transfers: [
        { question: 'note', answers: ['x'], categoryCode: 'clue-not-found' },
        { question: 'missing', answers: [true], categoryCode: 'clue-not-found' },
        { question: 'trade', answers: ['other', true], categoryCode: 'retired' },
      ],
    }
    expect(definitionProblems(bad, categories).map((p) => p.code)).toEqual([
      'patrol.questionTwice', 'patrol.optionsMisplaced',
      'patrol.transferNotDecidable', 'patrol.transferQuestionUnknown',
      'patrol.transferAnswerUnknown', 'patrol.transferAnswerUnknown', 'patrol.categoryUnknown',
    ])
  })

  it('turns a finding into the cases its answers call for, and into none otherwise (property)', () => {
    fc.assert(fc.property(
      fc.option(fc.boolean(), { nil: undefined }), fc.option(fc.constantFrom('general', 'licensed', 'unknown'), { nil: undefined }),
      (found, trade) => {
        const expected = [
          ...(found === false ? ['clue-not-found'] : []),
          ...(trade === 'general' ? ['clue-unlicensed-general'] : trade === 'licensed' ? ['clue-unlicensed-licensed'] : []),
        ]
        expect(transfersFor(base, { found, trade, note: 'free text' })).toEqual(expected)
      },
    ))
  })
})
