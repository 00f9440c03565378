import { describe, expect, it } from 'vitest'
import { fieldLabel } from './field-labels.ts'

describe('field labels', () => {
  it('names a field of a path or an array item by its last named segment, in the language asked', () => {
    expect(fieldLabel('fixes.0.recordedAt', 'zh-CN')).toBe('记录时间')
    expect(fieldLabel('usccs[0]', 'en')).toBe('Unified social credit code')
    expect(fieldLabel('grid', 'zh-CN')).toBe('网格编码')
    expect(fieldLabel('somethingInvented', 'en')).toBe('somethingInvented')
  })
})
