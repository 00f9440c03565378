/**
 * The rules of co-governance (M4.4), pure: a month's bounds on Shanghai's clock, the sample a
 * draw takes and how a market's month is scored.
 */
import { createHash } from 'node:crypto'

/** The month `period` (YYYY-MM) as instants (Asia/Shanghai, UTC+8 all year) and as days. */
export function monthBounds(period: string): { from: Date; to: Date; firstDay: string; nextFirstDay: string } {
  const [y, m] = period.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  return {
    from: new Date(`${period}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`),
    firstDay: `${period}-01`, nextFirstDay: `${next}-01`,
  }
}

/** The month a Shanghai day (YYYY-MM-DD) lies in. */
export const monthOf = (day: string) => day.slice(0, 7)

/** The month before `period`. */
export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** How many of `population` findings a draw at `ratio` checks: rounded up, so any work is checked at least once. */
const sampleSize = (population: number, ratio: number) => Math.min(population, Math.ceil(population * ratio - 1e-9))

/** A finding's place in the draw: sha-256 of the seed and its id, as hex; the lowest are drawn. */
const drawKey = (seed: string, findingId: string) => createHash('sha256').update(`${seed}:${findingId}`).digest('hex')

/**
 * The findings a draw takes: the `sampleSize` lowest by drawKey. Anyone holding the seed and the
 * month's findings can redo it, and gets the same ones whatever order they were listed in.
 */
export function drawSample(seed: string, findingIds: readonly string[], ratio: number): string[] {
  const n = sampleSize(findingIds.length, ratio)
  return [...findingIds].map((id) => ({ id, key: drawKey(seed, id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, n).map((x) => x.id)
}

export interface AssessmentCounts {
  tasksDue: number
  doneOnTime: number
  overdue: number
  findings: number
  sampled: number
  checked: number
  confirmed: number
  discrepancies: number
}

/**
 * A market's month on 100: the share of its due tasks done on time, times the share of its checked
 * findings the check confirmed (1 while none is checked). Null with no task due: nothing to score.
 */
export function assess(c: AssessmentCounts): number | null {
  if (c.tasksDue === 0) return null
  const confirmedShare = c.checked === 0 ? 1 : c.confirmed / c.checked
  return Math.round(100 * (c.doneOnTime / c.tasksDue) * confirmedShare)
}
