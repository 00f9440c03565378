/**
 * The calendar built in: the holidays and adjusted working days the State Council announced, as the
 * `chinese-days` package ships them (its data file, read once). Entries look like
 * "Spring Festival,春节,4": the Chinese name is kept.
 */
import { createRequire } from 'node:module'
import type { DayEntry } from './rules.ts'

interface PackageData {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

let cached: { days: Map<string, DayEntry>; years: Set<number> } | null = null

const chineseName = (entry: string) => entry.split(',')[1] ?? entry

export function builtInCalendar(): { days: ReadonlyMap<string, DayEntry>; years: ReadonlySet<number> } {
  if (cached) return cached
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData
  const days = new Map<string, DayEntry>()
  const years = new Set<number>()
  for (const [day, entry] of Object.entries(data.holidays)) {
    days.set(day, { working: false, name: chineseName(entry) })
    years.add(Number(day.slice(0, 4)))
  }
  for (const [day, entry] of Object.entries(data.workdays)) days.set(day, { working: true, name: chineseName(entry) })
  cached = { days, years }
  return cached
}
