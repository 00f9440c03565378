/**
 * The date formatter of the console, the portal and the printed record (src/shared/dates.ts): Shanghai whatever the machine's zone, one format
 * per language (issue 13 §5). The instants are chosen so that a formatter in any zone but
 * Shanghai's (UTC on CI and here) would show another date.
 */
import { describe, expect, it } from 'vitest'
import dayjs from 'dayjs'
import { formatDate, formatDateTime, fromShanghaiWallClock, toShanghaiWallClock } from './dates.ts'

describe('formatDateTime / formatDate', () => {
  it('shows the Shanghai date of a UTC instant just before midnight UTC (08:30 the next day there)', () => {
    expect(formatDateTime('2026-12-04T23:59:30Z', 'zh-CN')).toBe('2026-12-05 07:59:30')
    expect(formatDateTime('2026-12-04T16:30:09Z', 'zh-CN')).toBe('2026-12-05 00:30:09')
    expect(formatDate('2026-12-04T16:30:09Z', 'zh-CN')).toBe('2026-12-05')
    expect(formatDateTime('2026-12-04T16:30:09Z', 'en')).toBe('5 Dec 2026 00:30')
    expect(formatDate('2026-12-04T16:30:09Z', 'en')).toBe('5 Dec 2026')
  })

  it('shows an instant just before midnight in Shanghai on that day, not the next', () => {
    expect(formatDateTime('2026-12-04T15:59:59Z', 'zh-CN')).toBe('2026-12-04 23:59:59')
    expect(formatDateTime(new Date('2026-12-04T15:59:59Z'), 'en')).toBe('4 Dec 2026 23:59')
  })

  it('keeps a calendar date as it is, and leaves an empty value empty', () => {
    expect(formatDate('2026-12-04', 'zh-CN')).toBe('2026-12-04')
    expect(formatDate('2026-12-04', 'en')).toBe('4 Dec 2026')
    expect(formatDateTime(null, 'zh-CN')).toBe('')
    expect(formatDate(undefined, 'en')).toBe('')
  })

})

describe('picker values on Shanghai wall-clock time', () => {
  // A picker works in the machine's zone (UTC here and on CI): reading its wall clock as local time
  // would be 8 hours off, which both expectations below would show.
  it('shows an instant as the Shanghai wall clock, and reads a picked wall clock as Shanghai time', () => {
    const picked = toShanghaiWallClock('2026-12-04T16:00:00Z')
    expect(picked.format('YYYY-MM-DD HH:mm')).toBe('2026-12-05 00:00')
    expect(fromShanghaiWallClock(picked)).toBe('2026-12-04T16:00:00.000Z')
    expect(fromShanghaiWallClock(dayjs('2026-01-01T08:30:00'))).toBe('2026-01-01T00:30:00.000Z')
  })
})
