import { defineErrors } from '../../server/errors.ts'

export const CalendarErrors = defineErrors({
  'calendar.yearOutOfRange': { status: 400, zh: '年份须在 2000–2100 之间', en: 'The year must be between 2000 and 2100' },
  'calendar.dayInvalid': { status: 400, zh: '日期“{value}”不是有效日期（格式 YYYY-MM-DD）', en: '"{value}" is not a valid date (YYYY-MM-DD)' },
  'calendar.dayOutsideYear': { status: 400, zh: '日期 {value} 不在 {year} 年内', en: 'The date {value} is not in {year}' },
  'calendar.dayTwice': { status: 400, zh: '日期 {value} 出现了两次', en: 'The date {value} is listed twice' },
  'calendar.daysOutOfRange': {
    status: 400, zh: '工作日数须为 0–3650 的整数', en: 'The number of working days must be a whole number from 0 to 3650',
  },
})
