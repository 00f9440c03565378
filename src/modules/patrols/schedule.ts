/**
 * When patrol tasks fall due (M4.2), pure. A periodic item's cycle is shortened for businesses of a
 * higher risk class by a factor (a setting); each target's periods start on a day of its own within
 * the cycle, so that a grid's tasks are spread over the cycle instead of all falling on one day;
 * and a task goes to one of the grid's staff, spread evenly by target.
 *
 * The job applies the same arithmetic in SQL (tasks.ts); `isPeriodStart` is the rule its tests
 * compare with.
 */
import type { RiskClass } from '../businesses/rules.ts'

export type RiskFactors = Record<RiskClass, number>

/** By default a high-risk business is visited four times as often as a general one, a low-risk one half as often. */
export const DEFAULT_RISK_FACTORS: RiskFactors = { high: 0.25, higher: 0.5, general: 1, low: 2 }

/** The cycle in days of an item of `days` for a business of `risk` (at least a day). */
export function cycleDays(days: number, risk: RiskClass | null, factors: RiskFactors): number {
  return Math.max(1, Math.round(days * (risk ? factors[risk] : 1)))
}

/** Knuth's multiplicative hash constant (2^32 / golden ratio). */
export const SPREAD = 2654435761

/**
 * Target `n` (a business id, a grid code as a number) hashed to 16 bits: the upper half of n·SPREAD
 * mod 2^32 (Fibonacci hashing). Its low bits alone would repeat with n's own low bits, putting
 * every other business on the same day of a two-day cycle.
 */
function spread(n: number): number {
  return Number(((BigInt(n) * BigInt(SPREAD)) % 4294967296n) / 65536n)
}

/** The day in the cycle on which the periods of target `n` start. */
export function offsetOf(n: number, cycle: number): number {
  return spread(n) % cycle
}

/** Days since 1970-01-01 of a day 'YYYY-MM-DD'. */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000)
}

export function dayOf(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10)
}

/** Whether a period of target `n` starts on day number `d`. */
export function isPeriodStart(n: number, cycle: number, d: number): boolean {
  return ((d - offsetOf(n, cycle)) % cycle + cycle) % cycle === 0
}

/** The days after `after` up to `upTo` (day numbers) that a run generates: one on the first run. */
export function daysToGenerate(after: number | null, upTo: number, maxDays = 366): number[] {
  const from = after === null ? upTo : Math.max(after + 1, upTo - maxDays + 1)
  const out: number[] = []
  for (let d = from; d <= upTo; d++) out.push(d)
  return out
}

/** ANNUAL_REPORT_REMINDERS_FROM: the day (MM-DD) the annual-report season's reminders start; the season ends on 30 June. */
export const DEFAULT_ANNUAL_REMINDERS_FROM = '05-01'
