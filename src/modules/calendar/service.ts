/**
 * The working-day calendar in use: the built-in one with the administrator's days over it. Each
 * server process keeps it in memory and looks every few seconds whether an administrator (on any
 * server) changed it, with one cheap query.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import { builtInCalendar } from './builtin.ts'
import { addWorkingDays, buildCalendar, isValidDay, MAX_DAYS, type Calendar, type DayEntry, type DayInfo } from './rules.ts'
import './errors.ts'

const CHECK_MS = 5000
let cache: { stamp: string; checkedAt: number; calendar: Calendar } | null = null

async function stampOf(sql: Sql): Promise<string> {
  const { rows } = await sql.query<{ stamp: string }>(
    `SELECT (SELECT count(*) FROM working_calendar) || '/' || coalesce((SELECT max(updated_at)::text FROM working_calendar), '') || '/' ||
       (SELECT count(*) FROM working_calendar_years) || '/' || coalesce((SELECT max(loaded_at)::text FROM working_calendar_years), '') AS stamp`,
  )
  return rows[0].stamp
}

/** The calendar in use, read again when an administrator changed it. */
export async function loadCalendar(sql: Sql): Promise<Calendar> {
  const now = Date.now()
  if (cache && now - cache.checkedAt < CHECK_MS) return cache.calendar
  const stamp = await stampOf(sql)
  if (cache && cache.stamp === stamp) {
    cache.checkedAt = now
    return cache.calendar
  }
  const [days, years] = await Promise.all([
    sql.query<{ day: string; working: boolean; name: string | null }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, working, name FROM working_calendar`),
    sql.query<{ year: number }>('SELECT year FROM working_calendar_years'),
  ])
  const own = new Map<string, DayEntry>(days.rows.map((r) => [r.day, { working: r.working, name: r.name }]))
  const built = builtInCalendar()
  const calendar = buildCalendar(built.days, built.years, own, new Set(years.rows.map((r) => r.year)))
  cache = { stamp, checkedAt: now, calendar }
  return calendar
}

/** Forgets the cached calendar (after a change on this server; tests). */
function forgetCalendar(): void {
  cache = null
}

/** The close of the `days`-th working day after `from` (the day of receipt not counted). */
export async function workingDeadline(sql: Sql, from: Date, days: number): Promise<Date> {
  return addWorkingDays(await loadCalendar(sql), from, days).endsAt
}

export async function workingDaysAfter(sql: Sql, from: Date, days: number) {
  if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) throw new AppError('calendar.daysOutOfRange', { field: 'days' })
  const result = addWorkingDays(await loadCalendar(sql), from, days)
  return { from: from.toISOString(), days, endsOn: result.day, endsAt: result.endsAt.toISOString(), nonWorkingDaysSkipped: result.skipped }
}

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('calendar.yearOutOfRange', { field: 'year' })
}

/** Every day of the year that differs from the weekly rule, or that an administrator set. */
export async function yearView(sql: Sql, year: number): Promise<{ year: number; announced: boolean; loadedByAdministrator: boolean; days: DayInfo[] }> {
  checkYear(year)
  const cal = await loadCalendar(sql)
  const { rows } = await sql.query('SELECT 1 FROM working_calendar_years WHERE year = $1', [year])
  const days: DayInfo[] = []
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86400_000) {
    const info = cal.dayInfo(new Date(t).toISOString().slice(0, 10))
    if (info.kind === 'holiday' || info.kind === 'adjustedWorkday' || info.source === 'administrator') days.push(info)
  }
  return { year, announced: cal.isAnnounced(year), loadedByAdministrator: rows.length > 0, days }
}

export interface DaySetting {
  day: string
  working: boolean
  name?: string | null
}

/**
 * Loads or corrects a year: the administrator's days of that year are replaced by `days` (the days
 * that differ from the weekly rule, as announced) and the year counts as announced. Audited with
 * the days before and after.
 */
export async function replaceYear(db: Db, actor: Actor, year: number, days: DaySetting[]) {
  authorize(actor, 'calendar.manage')
  checkYear(year)
  const seen = new Set<string>()
  for (const d of days) {
    if (!isValidDay(d.day)) throw new AppError('calendar.dayInvalid', { value: d.day.slice(0, 20), field: 'days' })
    if (Number(d.day.slice(0, 4)) !== year) throw new AppError('calendar.dayOutsideYear', { value: d.day, year, field: 'days' })
    if (seen.has(d.day)) throw new AppError('calendar.dayTwice', { value: d.day, field: 'days' })
    seen.add(d.day)
  }
  await db.transaction(async (tx) => {
    const { rows: before } = await tx.query<{ day: string; working: boolean; name: string | null }>(
      `DELETE FROM working_calendar WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1)
       RETURNING to_char(day, 'YYYY-MM-DD') AS day, working, name`, [year],
    )
    if (days.length) {
      await tx.query(
        `INSERT INTO working_calendar (day, working, name, updated_by)
         SELECT d::date, w, n, $4 FROM unnest($1::text[], $2::boolean[], $3::text[]) AS u(d, w, n)`,
        [days.map((d) => d.day), days.map((d) => d.working), days.map((d) => d.name?.trim() || null), actor.userId],
      )
    }
    await tx.query(
      `INSERT INTO working_calendar_years (year, loaded_by) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET loaded_by = EXCLUDED.loaded_by, loaded_at = now()`, [year, actor.userId],
    )
    await recordAudit(tx, actor, {
      action: 'calendar.yearLoaded', objectType: 'calendarYear', objectId: year,
      details: {
        changes: { days: { from: before.sort((a, b) => a.day.localeCompare(b.day)), to: [...days].sort((a, b) => a.day.localeCompare(b.day)) } },
      },
    })
  })
  forgetCalendar()
  return yearView(db, year)
}
