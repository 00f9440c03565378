/**
 * The one way the console and the portal show a date or a time (issue 13 §5): always in
 * Asia/Shanghai, whatever the browser's zone (deadlines close at midnight there; a deadline read in
 * UTC shows as 16:00 the day before), and one format per language: zh-CN `2026-12-05 00:30:00`,
 * English `5 Dec 2026 00:30`. A calendar date without a time (`2026-12-05`) is shown as that date,
 * never moved by a zone.
 */
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc.js'
import timezone from 'dayjs/plugin/timezone.js'

dayjs.extend(utc)
dayjs.extend(timezone)

const BUREAU_ZONE = 'Asia/Shanghai'

/** zh for any language but English (the console's languages are zh-CN and en). */
type Lang = string

const FORMATS = {
  zh: { dateTime: 'YYYY-MM-DD HH:mm:ss', date: 'YYYY-MM-DD' },
  en: { dateTime: 'D MMM YYYY HH:mm', date: 'D MMM YYYY' },
} as const

const formatsOf = (lang: Lang) => (lang === 'en' || lang.startsWith('en-') ? FORMATS.en : FORMATS.zh)
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/

type When = string | number | Date

/** An instant (ISO text, epoch ms or Date) as date and time in Shanghai; '' for an empty value. */
export function formatDateTime(value: When | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return ''
  return dayjs(value).tz(BUREAU_ZONE).format(formatsOf(lang).dateTime)
}

/** An instant to the minute in UTC, for a message that names when something happened in either language. */
export const utcMinute = (value: When) => new Date(value).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'

/** The Shanghai date of an instant, or a calendar date (`YYYY-MM-DD`) as it is. */
export function formatDate(value: When | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) return dayjs(value, 'YYYY-MM-DD').format(formatsOf(lang).date)
  return dayjs(value).tz(BUREAU_ZONE).format(formatsOf(lang).date)
}

const WALL_CLOCK = 'YYYY-MM-DDTHH:mm:ss.SSS'

/**
 * An instant as a picker value in the browser's zone that shows Shanghai's wall clock: date pickers
 * (antd's) work in the browser's zone, and a user abroad or on a UTC machine must see and pick the
 * bureau's times.
 */
export function toShanghaiWallClock(value: When): Dayjs {
  return dayjs(dayjs(value).tz(BUREAU_ZONE).format(WALL_CLOCK))
}

/** A picker's wall-clock value read as Shanghai time: the instant (ISO) it names there. */
export function fromShanghaiWallClock(value: Dayjs): string {
  return dayjs.tz(value.format(WALL_CLOCK), BUREAU_ZONE).toISOString()
}
