/**
 * The loop's settings (row `cases` of the settings table, merged over the defaults): working days
 * per step, what happens to a point outside every grid, and what counts as a likely duplicate.
 */
import type { Sql } from '../../db/connection.ts'
import { DEFAULT_STEP_DAYS, type CaseState } from './loop.ts'

export interface CaseSettings {
  /** working days allowed for each step (null: no deadline) */
  stepDays: Record<CaseState, number | null>
  /** a point outside every grid: refused, or filed for the command centre to place by hand */
  outsideGrid: 'refuse' | 'commandCentre'
  /** a new report this close to an open case of the same category is offered as a duplicate */
  duplicateRadiusM: number
  duplicateWindowHours: number
}

const DEFAULT_CASE_SETTINGS: CaseSettings = {
  stepDays: DEFAULT_STEP_DAYS,
  outsideGrid: 'commandCentre',
  duplicateRadiusM: 200,
  duplicateWindowHours: 72,
}

const CASE_SETTINGS_KEY = 'cases'

// Read on every case write; a few seconds' staleness across server processes is harmless.
let cached: { at: number; value: CaseSettings } | null = null
const CACHE_MS = 5000

export async function caseSettings(sql: Sql): Promise<CaseSettings> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value
  const { rows } = await sql.query<{ value: Partial<CaseSettings> | string }>('SELECT value FROM settings WHERE key = $1', [CASE_SETTINGS_KEY])
  const stored = rows[0] ? (typeof rows[0].value === 'string' ? JSON.parse(rows[0].value) : rows[0].value) : {}
  const value: CaseSettings = {
    ...DEFAULT_CASE_SETTINGS, ...stored, stepDays: { ...DEFAULT_CASE_SETTINGS.stepDays, ...(stored.stepDays ?? {}) },
  }
  cached = { at: Date.now(), value }
  return value
}

/** Forgets the cached settings (after a change, and in tests that change them). */
export function forgetCaseSettings(): void {
  cached = null
}
