// TEMPORARY placeholder until the calendar branch lands (replaced by it at merge).
import type { Sql } from '../../db/connection.ts'
import cd from 'chinese-days'

export async function workingDeadline(_sql: Sql, from: Date, days: number): Promise<Date> {
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  let t = new Date(Date.parse(day(from) + 'T00:00:00+08:00'))
  let left = days
  while (left > 0) {
    t = new Date(t.getTime() + 86400_000)
    if ((cd as any).isWorkday(day(t))) left--
  }
  return new Date(t.getTime() + 86400_000)
}
