import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkBusiness, type BusinessInput, type BusinessRecord } from '../businesses/rules.ts'
import { makeUscc } from '../businesses/uscc.ts'
import { CHANGEABLE, changedFields, describeChanges, mergeFileRow, repeatsMasked } from './business-changes.ts'

const input: BusinessInput = {
  uscc: makeUscc('enterprise', '610111', 4242), name: '灞桥商行', registeredAddress: '西安市灞桥区纺织城正街1号',
  location: { lng: 109.025, lat: 34.05 }, riskClass: 'general', keyDomains: ['food', 'special_equipment'],
  legalRepresentative: '张三', contactPhone: '13812341234',
}
const record = (b: BusinessInput): BusinessRecord => {
  const r = checkBusiness(b, 'WGS84').record
  if (!r) throw new Error('invalid test input')
  return r
}

describe('what an update row changes (issue 13 §1)', () => {
  it('finds no change in a record compared with itself, whatever order its key domains come in', () => {
    const a = record(input)
    expect(changedFields(a, a)).toEqual([])
    expect(changedFields(a, record({ ...input, keyDomains: ['special_equipment', 'food'] }))).toEqual([])
  })

  it('takes a location moved by less than a centimetre (Excel rounding) as the same place, and more as a move', () => {
    fc.assert(fc.property(fc.double({ min: -9e-8, max: 9e-8, noNaN: true }), (d) => {
      const moved = record({ ...input, location: { lng: 109.025 + d, lat: 34.05 - d } })
      expect(changedFields(record(input), moved)).toEqual([])
    }))
    expect(changedFields(record(input), record({ ...input, location: { lng: 109.0251, lat: 34.05 } }))).toEqual(['location'])
    expect(changedFields(record(input), record({ ...input, location: null }))).toEqual(['location'])
  })

  it('keeps the stored value of every field whose column the file lacks', () => {
    fc.assert(fc.property(fc.subarray([...CHANGEABLE]), (inFile) => {
      const file: BusinessInput = { ...input, name: '新名称', riskClass: 'high', location: null, contactPhone: '13900000000' }
      const merged = record(mergeFileRow(input, file, (f) => inFile.includes(f)))
      const expected = new Set(['name', 'riskClass', 'location', 'contactPhone'].filter((f) => inFile.includes(f as never)))
      expect(new Set(changedFields(record(input), merged))).toEqual(expected)
    }))
  })

  it('describes changes with labels in the file language, personal values masked for who sees them masked', () => {
    const after = record({ ...input, riskClass: 'higher', contactPhone: '13900001111' })
    const heading = (f: string) => f
    expect(describeChanges(record(input), after, heading, 'zh-CN', false)).toEqual([
      { field: 'riskClass', column: 'riskClass', from: '一般风险', to: '较高风险' },
      { field: 'contactPhone', column: 'contactPhone', from: '13812341234', to: '13900001111' },
    ])
    expect(describeChanges(record(input), after, heading, 'en', true)[1]).toMatchObject({ from: '138****1234', to: '139****1111' })
  })

  it('reads a masked value written back as no change, and any other value as a change', () => {
    expect(repeatsMasked('contactPhone', '138****1234', '13812341234')).toBe(true)
    expect(repeatsMasked('legalRepresentative', '张*', '张三')).toBe(true)
    expect(repeatsMasked('legalRepresentative', '李四', '张三')).toBe(false)
    expect(repeatsMasked('contactPhone', '', null)).toBe(true)
  })
})
