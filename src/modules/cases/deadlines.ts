/**
 * Nothing stalls silently (issue 12): a step whose working-day deadline passed is flagged on the
 * case and in its timeline (the holder's queue and the command centre show it at once); if it is
 * still not done `escalateAfterDays` working days later, it is escalated to the level above, whose
 * summary lists it. For a referral this is M3.4's rule: a department that has not started within 5
 * working days, or has not reported for 15, is flagged and then escalated.
 *
 * The sweep runs as a durable job every minute (src/server/job-list.ts). Each case is changed by a
 * conditional UPDATE in its own transaction, so a sweep killed half-way, or two sweeps at once,
 * flag each missed deadline exactly once.
 */
import type { Db } from '../../db/connection.ts'
import { recordAudit } from '../audit/service.ts'
import { workingDeadline } from '../calendar/service.ts'
import { announceCase } from './feed.ts'
import type { CaseState } from './loop.ts'

/** Working days after a missed deadline before the level above is called in. */
export const ESCALATE_AFTER_DAYS = 2
const BATCH = 500

interface DueRow {
  id: number
  state: CaseState
  holder_code: string
  grid_code: string | null
  department_code: string | null
  emergency: boolean
  due_at: Date
  overdue_at: Date | null
  overdue_level: number
}

export interface SweepResult {
  flagged: number
  escalated: number
}

/** Marks one missed deadline (level 1) or escalates it (level 2); false when someone got there first. */
async function mark(db: Db, r: DueRow, level: 1 | 2, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    // The level moves 0 → 1 → 2 once each; a step taken meanwhile resets it to 0 with a new
    // deadline, which the conditions then see.
    const { rowCount } = await tx.query(
      `UPDATE cases SET overdue_at = coalesce(overdue_at, due_at), overdue_level = $3
       WHERE id = $1 AND overdue_level = $3 - 1 AND due_at < $2 AND closed_at IS NULL`,
      [r.id, now, level],
    )
    if (rowCount === 0) return false
    const action = level === 1 ? 'deadlineMissed' : 'overdueEscalated'
    const note = level === 1
      ? `办理期限 ${r.due_at.toISOString()} 已过`
      : `超期 ${ESCALATE_AFTER_DAYS} 个工作日仍未办理，已提请上级督办`
    await tx.query(
      `INSERT INTO case_steps (case_id, action, from_state, to_state, user_id, actor_name, note, changes, due_at, at)
       VALUES ($1, $2, $3, $3, NULL, NULL, $4, $5, $6, $7)`,
      [r.id, action, r.state, note, JSON.stringify({ overdueLevel: { from: level - 1, to: level } }), r.due_at, now],
    )
    await recordAudit(tx, null, {
      action: `case.${action}`, objectType: 'case', objectId: r.id, areaCode: r.grid_code ?? r.holder_code,
      details: { state: r.state, dueAt: new Date(r.due_at).toISOString(), overdueLevel: level, departmentCode: r.department_code },
    })
    announceCase(tx, r, action)
    return true
  })
}

/**
 * Flags every open case whose deadline passed before `now`, and escalates those flagged more than
 * ESCALATE_AFTER_DAYS working days ago. Batches until nothing is left, so a backlog (a server that
 * was down over a holiday) is worked off in one run.
 */
export async function sweepDeadlines(db: Db, now = new Date()): Promise<SweepResult> {
  const result: SweepResult = { flagged: 0, escalated: 0 }
  const columns = 'id, state, holder_code, grid_code, department_code, emergency, due_at, overdue_at, overdue_level'
  for (;;) {
    const { rows } = await db.query<DueRow>(
      `SELECT ${columns} FROM cases WHERE closed_at IS NULL AND overdue_at IS NULL AND due_at < $1 ORDER BY due_at LIMIT ${BATCH}`, [now],
    )
    for (const r of rows) if (await mark(db, { ...r, due_at: new Date(r.due_at) }, 1, now)) result.flagged++
    if (rows.length < BATCH) break
  }
  let afterId = 0
  for (;;) {
    const { rows } = await db.query<DueRow>(
      `SELECT ${columns} FROM cases WHERE closed_at IS NULL AND overdue_level = 1 AND id > $1 ORDER BY id LIMIT ${BATCH}`, [afterId],
    )
    for (const r of rows) {
      afterId = r.id
      // due_at is the close of the last allowed day; the days after it are counted from that day.
      const escalateAt = await workingDeadline(db, new Date(new Date(r.due_at).getTime() - 1), ESCALATE_AFTER_DAYS)
      if (escalateAt <= now && (await mark(db, { ...r, due_at: new Date(r.due_at) }, 2, now))) result.escalated++
    }
    if (rows.length < BATCH) break
  }
  return result
}
