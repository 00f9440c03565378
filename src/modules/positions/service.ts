/**
 * Staff positions (M5.1): while a user is on duty and has consented, the phone reports where they
 * are at an interval (a setting); the command centre sees the on-duty staff of its area live; the
 * positions are deleted after the retention period (a setting) by a daily job. Going on and off
 * duty is audited; each position is not (it is the data itself, kept only for its period).
 */
import type { Db } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import { authorize, scopeFilter, type Actor } from '../access/policy.ts'
import { recordAudit } from '../audit/service.ts'
import type { DutyChange, DutyView, LivePositions, PositionReceipt, PositionReport } from './schemas.ts'
import './errors.ts'

export interface PositionSettings {
  /** POSITION_INTERVAL_SECONDS: how often the phone reports while on duty */
  intervalSeconds: number
  /** POSITION_RETENTION_DAYS: how long positions are kept */
  retentionDays: number
}

/** A position is live for three intervals: a phone that missed two reports is still shown. */
const freshSeconds = (s: PositionSettings) => 3 * s.intervalSeconds

export async function dutyOf(db: Db, actor: Actor, settings: PositionSettings): Promise<DutyView> {
  authorize(actor, 'position.report')
  const { rows: [row] } = await db.query<{ on_duty: boolean; consented_at: Date | null }>(
    'SELECT on_duty, consented_at FROM staff_duty WHERE user_id = $1', [actor.userId])
  return {
    onDuty: row?.on_duty ?? false,
    consentedAt: row?.consented_at ? new Date(row.consented_at).toISOString() : null,
    intervalSeconds: settings.intervalSeconds,
    retentionDays: settings.retentionDays,
  }
}

/** On duty only with consent; off duty at any time, and the live map stops showing the user at once. */
export async function setDuty(db: Db, actor: Actor, change: DutyChange, settings: PositionSettings): Promise<DutyView> {
  authorize(actor, 'position.report')
  if (change.onDuty && change.consent !== true) throw new AppError('position.consentNeeded', { days: settings.retentionDays })
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO staff_duty (user_id, on_duty, consented_at) VALUES ($1, $2, CASE WHEN $2 THEN now() END)
       ON CONFLICT (user_id) DO UPDATE SET on_duty = EXCLUDED.on_duty,
         consented_at = coalesce(EXCLUDED.consented_at, staff_duty.consented_at), changed_at = now()`,
      [actor.userId, change.onDuty])
    await recordAudit(tx, actor, {
      action: change.onDuty ? 'position.onDuty' : 'position.offDuty', objectType: 'user', objectId: actor.userId, areaCode: actor.scope,
      details: change.onDuty ? { consent: true, intervalSeconds: settings.intervalSeconds, retentionDays: settings.retentionDays } : {},
    })
  })
  return dutyOf(db, actor, settings)
}

/** Fixes taken while on duty; refused (and nothing kept) when the user is off duty. */
export async function reportPositions(db: Db, actor: Actor, report: PositionReport, settings: PositionSettings): Promise<PositionReceipt> {
  authorize(actor, 'position.report')
  const { fixes } = report
  // One statement: the duty check and the insert see the same state, so a fix racing an "off duty"
  // is either before it or not kept.
  const { rowCount } = await db.query(
    `INSERT INTO staff_positions (user_id, recorded_at, location, accuracy_m)
     SELECT $1, f.at, ST_SetSRID(ST_MakePoint(f.lng, f.lat), 4326), f.acc
     FROM unnest($2::float8[], $3::float8[], $4::float8[], $5::timestamptz[]) AS f(lng, lat, acc, at)
     WHERE EXISTS (SELECT 1 FROM staff_duty WHERE user_id = $1 AND on_duty)`,
    [actor.userId, fixes.map((f) => f.lng), fixes.map((f) => f.lat), fixes.map((f) => f.accuracy ?? null), fixes.map((f) => f.recordedAt)])
  if (!rowCount) throw new AppError('position.offDuty')
  return { stored: rowCount, intervalSeconds: settings.intervalSeconds }
}

/** The last position of each on-duty user of the actor's area who reported within the fresh window. */
export async function livePositions(db: Db, actor: Actor, settings: PositionSettings): Promise<LivePositions> {
  authorize(actor, 'position.read')
  const params: unknown[] = [freshSeconds(settings)]
  const { rows } = await db.query<{
    user_id: number; name: string; roles: string[]; scope: string; lng: number; lat: number; accuracy_m: number | null; recorded_at: Date; received_at: Date
  }>(
    `SELECT u.id AS user_id, u.display_name AS name, u.roles, u.scope, ST_X(p.location) AS lng, ST_Y(p.location) AS lat, p.accuracy_m,
       p.recorded_at, p.received_at
     FROM staff_duty d
     JOIN users u ON u.id = d.user_id
     CROSS JOIN LATERAL (SELECT * FROM staff_positions s WHERE s.user_id = d.user_id ORDER BY s.received_at DESC LIMIT 1) p
     WHERE d.on_duty AND u.disabled_at IS NULL AND p.received_at > now() - make_interval(secs => $1)
       AND ${scopeFilter(actor, 'u.scope', params)}
     ORDER BY u.display_name, u.id`, params)
  return {
    items: rows.map((r) => ({
      userId: r.user_id, name: r.name, roles: r.roles, scope: r.scope, lng: r.lng, lat: r.lat, accuracy: r.accuracy_m,
      recordedAt: new Date(r.recorded_at).toISOString(), receivedAt: new Date(r.received_at).toISOString(),
    })),
    freshSeconds: freshSeconds(settings),
  }
}

/** The daily job: positions older than the retention period are deleted. */
export async function purgePositions(db: Db, retentionDays: number): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM staff_positions WHERE received_at < now() - make_interval(days => $1)`, [retentionDays])
  return rowCount ?? 0
}
