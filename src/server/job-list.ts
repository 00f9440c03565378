/**
 * The installation's jobs, in one place: `serve` starts these, `market-grid migrate` creates their
 * queues. A capability adds its job here (the case loop: 'cases.deadlines', every minute).
 */
import type { Config } from '../config.ts'
import { writeCheckpoint } from '../modules/audit/checkpoints.ts'
import { sweepDeadlines } from '../modules/cases/deadlines.ts'
import { dropExpiredUploads } from '../modules/evidence/service.ts'
import { generatePatrolTasks } from '../modules/patrols/tasks.ts'
import { purgePositions } from '../modules/positions/service.ts'
import type { JobDefinition } from './jobs.ts'

/**
 * AUDIT_CHECKPOINT_MINUTES as a cron slot (0: not scheduled). Under an hour: every N minutes from
 * the full hour (`*\/N`, so with N not dividing 60 the last gap of an hour is shorter); from an
 * hour up: every round(N/60) hours from midnight.
 */
export function checkpointCron(minutes: number): string | undefined {
  if (!minutes) return undefined
  const m = Math.max(1, Math.round(minutes))
  if (m < 60) return m === 1 ? '* * * * *' : `*/${m} * * * *`
  const h = Math.min(24, Math.round(m / 60))
  return h >= 24 ? '0 0 * * *' : h === 1 ? '0 * * * *' : `0 */${h} * * *`
}

export const JOBS: JobDefinition[] = [
  {
    // Staff positions are kept for POSITION_RETENTION_DAYS (M5.1), then deleted: once a night.
    name: 'positions.purge',
    cron: '20 3 * * *',
    retryLimit: 2,
    expireInSeconds: 1800,
    async handler(ctx) {
      const deleted = await purgePositions(ctx.db, ctx.config.positions.retentionDays)
      if (deleted) ctx.log.info({ deleted }, 'staff positions past their retention deleted')
    },
  },
  {
    // One signed checkpoint per interval for the whole installation, not one per server.
    name: 'audit.checkpoint',
    cron: (config: Config) => checkpointCron(config.audit.checkpointMinutes),
    retryLimit: 1,
    expireInSeconds: 300,
    async handler(ctx) {
      await writeCheckpoint(ctx.db, ctx.config.audit.checkpointDir)
    },
  },
  {
    // Nothing stalls silently (issue 12): missed working-day deadlines flagged, then escalated. The
    // sweep covers everything overdue since its last run, so a missed slot costs nothing.
    name: 'cases.deadlines',
    cron: '* * * * *',
    retryLimit: 2,
    expireInSeconds: 600,
    async handler(ctx) {
      const swept = await sweepDeadlines(ctx.db)
      if (swept.flagged || swept.escalated) ctx.log.info(swept, 'case deadlines swept')
    },
  },
  {
    // Patrol tasks of the periods starting today (M4.2); a run catches up every day since the last.
    name: 'patrols.tasks',
    cron: '5 * * * *',
    retryLimit: 2,
    expireInSeconds: 1800,
    async handler(ctx) {
      const made = await generatePatrolTasks(ctx.db, new Date(), ctx.config.patrols.riskFactors, ctx.config.patrols.annualRemindersFrom)
      if (made.created) ctx.log.info(made, 'patrol tasks generated')
    },
  },
  {
    // Resumable uploads abandoned for a week: their rows and partial files.
    name: 'evidence.expiredUploads',
    cron: '17 * * * *',
    retryLimit: 1,
    expireInSeconds: 600,
    async handler(ctx) {
      await dropExpiredUploads(ctx.db, ctx.config.evidence)
    },
  },
]
