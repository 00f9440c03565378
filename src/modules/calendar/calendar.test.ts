import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import chineseDays from 'chinese-days'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { builtInCalendar } from './builtin.ts'
import { addWorkingDays, buildCalendar, nextDay, shanghaiDay, startOfDay, workingDaysBetween, type DayEntry } from './rules.ts'

const built = builtInCalendar()
const official = buildCalendar(built.days, built.years, new Map(), new Set())
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`)
const ends = (day: string) => startOfDay(nextDay(day)).toISOString()

describe('the official calendar', () => {
  it('agrees with the chinese-days package on every day of 2024–2026', () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2027, 0, 1); t += 86400_000) {
      const day = new Date(t).toISOString().slice(0, 10)
      expect(official.isWorkingDay(day), day).toBe(chineseDays.isWorkday(day))
    }
  })

  it('knows the 2025 Spring Festival and National Day: 1.28–2.4 and 10.1–10.8 off, 1.26, 2.8, 9.28, 10.11 working', () => {
    for (const day of ['2025-01-28', '2025-02-04', '2025-10-01', '2025-10-08']) expect(official.dayInfo(day)).toMatchObject({ working: false, kind: 'holiday' })
    for (const day of ['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11']) expect(official.dayInfo(day)).toMatchObject({ working: true, kind: 'adjustedWorkday' })
    expect(official.dayInfo('2025-01-29').name).toBe('春节')
    expect(official.dayInfo('2025-10-03').name).toMatch(/国庆/)
  })

  it('knows the 2026 Spring Festival and National Day: 2.15–2.23 and 10.1–10.7 off, 2.14, 2.28, 9.20, 10.10 working', () => {
    for (const day of ['2026-02-15', '2026-02-23', '2026-10-01', '2026-10-07']) expect(official.isWorkingDay(day), day).toBe(false)
    for (const day of ['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10']) expect(official.isWorkingDay(day), day).toBe(true)
    expect(official.isWorkingDay('2026-10-08')).toBe(true)
  })

  it('counts deadlines across the holidays, the day of receipt not counted', () => {
    // Received Friday 13 Feb 2026: 14 Feb (Sat, working) is day 1; 24, 25, 26 Feb are 2, 3, 4.
    expect(addWorkingDays(official, at('2026-02-13'), 4).day).toBe('2026-02-26')
    expect(addWorkingDays(official, at('2026-02-13'), 1).endsAt.toISOString()).toBe(ends('2026-02-14'))
    // Received on 30 Sep 2025: 9 and 10 Oct are days 1 and 2, 11 Oct (Sat, working) is day 3.
    expect(addWorkingDays(official, at('2025-09-30'), 3).day).toBe('2025-10-11')
    // Received on the National Day holiday 2026: 8 Oct is the first working day after it.
    expect(addWorkingDays(official, at('2026-10-02'), 1).day).toBe('2026-10-08')
    // Late in the evening UTC is already the next day in Shanghai.
    expect(addWorkingDays(official, new Date('2026-02-13T17:00:00Z'), 1).day).toBe('2026-02-24')
    expect(addWorkingDays(official, at('2026-02-13'), 0).day).toBe('2026-02-13')
    expect(() => addWorkingDays(official, at('2026-02-13'), -1)).toThrow()
    expect(workingDaysBetween(official, at('2026-02-13'), at('2026-02-24'))).toBe(2)
  })

  it('ends every deadline on a working day, later for a longer limit, with exactly n working days in between', () => {
    const days = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 31) }).map((t) => new Date(t))
    fc.assert(fc.property(days, fc.integer({ min: 1, max: 40 }), (from, n) => {
      const a = addWorkingDays(official, from, n)
      expect(official.isWorkingDay(a.day)).toBe(true)
      expect(a.day > shanghaiDay(from)).toBe(true)
      expect(addWorkingDays(official, from, n + 1).day > a.day).toBe(true)
      expect(workingDaysBetween(official, from, new Date(a.endsAt.getTime() - 1))).toBe(n)
      expect(a.endsAt.getTime() - startOfDay(a.day).getTime()).toBe(86400_000)
    }))
  })

  it('lets an administrator\'s day win, and says when a year is not announced', () => {
    const own = new Map<string, DayEntry>([['2026-02-14', { working: false, name: '更正' }]])
    const corrected = buildCalendar(built.days, built.years, own, new Set())
    expect(corrected.dayInfo('2026-02-14')).toMatchObject({ working: false, source: 'administrator' })
    expect(official.dayInfo('2031-02-03')).toMatchObject({ working: true, source: 'unannounced' })
    expect(official.isAnnounced(2031)).toBe(false)
  })
})

describe('the calendar API', async () => {
  const { app, db } = await setupTestApp()
  await seedSmallTree(db)
  const sysadmin = await userWith(app, db, ['system_admin'], '')
  const worker = await userWith(app, db, ['grid_worker'], '05')

  it('answers "N working days after D" for any user', async () => {
    const res = await worker.get('/api/calendar/working-days?from=2026-02-13&days=4')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ endsOn: '2026-02-26', endsAt: '2026-02-26T16:00:00.000Z', days: 4 })
    expect(res.json().nonWorkingDaysSkipped.map((d: any) => d.day)).toContain('2026-02-17')
    const bad = await worker.get('/api/calendar/working-days?from=2026-02-30&days=1', { 'accept-language': 'en' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toMatch(/not a valid date/)
  })

  it('loads a new year as the administrator, used at once, audited; others may not', async () => {
    const before = (await worker.get('/api/calendar/years/2031')).json()
    expect(before).toMatchObject({ announced: false, days: [] })
    const year = {
      days: [
        { day: '2031-01-01', working: false, name: '元旦' },
        { day: '2031-01-22', working: false, name: '春节' },
        { day: '2031-01-25', working: true, name: '春节调休' },
      ],
    }
    expect((await worker.put('/api/calendar/years/2031', year)).statusCode).toBe(403)
    const res = await sysadmin.put('/api/calendar/years/2031', year)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ announced: true, loadedByAdministrator: true })
    expect(res.json().days.map((d: any) => d.day)).toEqual(['2031-01-01', '2031-01-22', '2031-01-25'])
    // Tuesday 21 Jan 2031 → 22 Jan is a holiday, 23, 24 are days 1, 2, Saturday 25 (working) is day 3.
    expect((await worker.get('/api/calendar/working-days?from=2031-01-21&days=3')).json().endsOn).toBe('2031-01-25')
    const { rows } = await db.query(`SELECT details FROM audit_events WHERE action = 'calendar.yearLoaded' AND object_id = '2031'`)
    expect(rows).toHaveLength(1)
    expect(rows[0].details.changes.days.to).toHaveLength(3)
  })

  it('refuses a day outside the year or listed twice, in Chinese and English, changing nothing', async () => {
    const outside = await sysadmin.put('/api/calendar/years/2032', { days: [{ day: '2033-01-01', working: false }] })
    expect(outside.statusCode).toBe(400)
    expect(outside.json().error.message).toContain('不在 2032 年内')
    const twice = await sysadmin.put('/api/calendar/years/2032', { days: [{ day: '2032-01-01', working: false }, { day: '2032-01-01', working: true }] }, { 'accept-language': 'en' })
    expect(twice.json().error.message).toMatch(/listed twice/)
    expect((await sysadmin.put('/api/calendar/years/1999', { days: [] })).statusCode).toBe(400)
    expect((await worker.get('/api/calendar/years/2032')).json().announced).toBe(false)
  })
})
