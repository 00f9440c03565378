/**
 * Working days (M3.5): the official calendar with its holidays and adjusted working weekends (调休),
 * and deadlines counted in it. Pure: the built-in calendar and the administrator's days are handed in.
 *
 * The rule of the issue: the day of receipt is not counted; a limit of N working days ends at the
 * close of the Nth working day after it, in Asia/Shanghai (UTC+8 all year, no daylight saving).
 */

type DaySource = 'builtIn' | 'administrator' | 'unannounced'

export interface DayInfo {
  day: string
  working: boolean
  /** weekday / weekend by the weekly rule; holiday / adjustedWorkday by the announced calendar */
  kind: 'weekday' | 'weekend' | 'holiday' | 'adjustedWorkday'
  name: string | null
  /** where the answer comes from: the built-in calendar, an administrator, or the weekly rule alone (year not announced) */
  source: DaySource
}

export interface DayEntry {
  working: boolean
  name: string | null
}

export interface Calendar {
  dayInfo(day: string): DayInfo
  isWorkingDay(day: string): boolean
  /** whether the year's holidays are known (built in or loaded by an administrator) */
  isAnnounced(year: number): boolean
}

const SHANGHAI_MS = 8 * 3600_000
const DAY_MS = 86400_000
export const MAX_DAYS = 3650

/** The calendar day (YYYY-MM-DD) of an instant in Asia/Shanghai. */
export const shanghaiDay = (instant: Date): string => new Date(instant.getTime() + SHANGHAI_MS).toISOString().slice(0, 10)

/** The instant a Shanghai day begins. */
export const startOfDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_MS)

export const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)

const isWeekend = (day: string) => {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay()
  return dow === 0 || dow === 6
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false
  const d = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day
}

/**
 * A calendar from the built-in days and the administrator's, the administrator's winning. A day
 * neither lists follows the weekly rule (Monday–Friday working).
 */
export function buildCalendar(
  builtIn: ReadonlyMap<string, DayEntry>, builtInYears: ReadonlySet<number>,
  administrator: ReadonlyMap<string, DayEntry>, administratorYears: ReadonlySet<number>,
): Calendar {
  const isAnnounced = (year: number) => builtInYears.has(year) || administratorYears.has(year)
  const dayInfo = (day: string): DayInfo => {
    const weekend = isWeekend(day)
    const own = administrator.get(day)
    const entry = own ?? builtIn.get(day)
    const source: DaySource = own ? 'administrator' : entry ? 'builtIn' : isAnnounced(Number(day.slice(0, 4))) ? 'builtIn' : 'unannounced'
    if (!entry || entry.working === !weekend) {
      return { day, working: entry ? entry.working : !weekend, kind: weekend ? 'weekend' : 'weekday', name: entry?.name ?? null, source }
    }
    return { day, working: entry.working, kind: entry.working ? 'adjustedWorkday' : 'holiday', name: entry.name, source }
  }
  return { dayInfo, isWorkingDay: (day) => dayInfo(day).working, isAnnounced }
}

/**
 * The deadline `n` working days after `from`: the day it ends and the instant it closes (the next
 * day's 00:00 in Shanghai). n = 0 closes with the day of receipt itself.
 */
export function addWorkingDays(cal: Calendar, from: Date, n: number): { day: string; endsAt: Date; skipped: DayInfo[] } {
  if (!Number.isInteger(n) || n < 0 || n > MAX_DAYS) throw new RangeError(`working days must be an integer 0–${MAX_DAYS}`)
  let day = shanghaiDay(from)
  const skipped: DayInfo[] = []
  for (let left = n; left > 0;) {
    day = nextDay(day)
    const info = cal.dayInfo(day)
    if (info.working) left--
    else skipped.push(info)
  }
  return { day, endsAt: startOfDay(nextDay(day)), skipped }
}

/**
 * Working days after `from`'s day up to and including `to`'s day (0 when `to` is not later): how
 * many working days a limit was missed by.
 */
export function workingDaysBetween(cal: Calendar, from: Date, to: Date): number {
  const last = shanghaiDay(to)
  let day = shanghaiDay(from)
  let count = 0
  for (let guard = 0; day < last && guard < MAX_DAYS * 2; guard++) {
    day = nextDay(day)
    if (cal.isWorkingDay(day)) count++
  }
  return count
}
