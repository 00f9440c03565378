/**
 * The area tree's settings (row `areas` of the settings table, merged over the defaults). Today one:
 * how narrow an overlap or gap along a neighbour's edge may be and still be aligned on save rather
 * than refused (issue 13 §6, docs/admin-guide.md#areas).
 */
import type { Sql } from '../../db/connection.ts'

export interface AreaSettings {
  /**
   * Overlaps and gaps narrower than this many metres along a live sibling's edge (or the parent's
   * outline) are taken for the same edge drawn twice and aligned on save; 0 turns alignment off.
   */
  edgeToleranceM: number
}

const DEFAULT_AREA_SETTINGS: AreaSettings = { edgeToleranceM: 0.5 }

const AREA_SETTINGS_KEY = 'areas'

/**
 * The largest tolerance read from the table. Wider would let a save move a boundary by whole metres
 * without anyone drawing it; a stored value above it is capped, a negative or non-numeric one ignored.
 */
const MAX_EDGE_TOLERANCE_M = 5

// Read on every boundary save; a few seconds' staleness across server processes is harmless.
let cached: { at: number; value: AreaSettings } | null = null
const CACHE_MS = 5000

/** The settings in force: the stored row over the defaults, the tolerance kept within 0..MAX_EDGE_TOLERANCE_M. */
export async function areaSettings(sql: Sql): Promise<AreaSettings> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value
  const { rows } = await sql.query<{ value: Partial<AreaSettings> | string }>('SELECT value FROM settings WHERE key = $1', [AREA_SETTINGS_KEY])
  const stored: Partial<AreaSettings> = rows[0] ? (typeof rows[0].value === 'string' ? JSON.parse(rows[0].value) : rows[0].value) : {}
  const tolerance = stored.edgeToleranceM
  const value: AreaSettings = {
    edgeToleranceM: typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance >= 0
      ? Math.min(tolerance, MAX_EDGE_TOLERANCE_M) : DEFAULT_AREA_SETTINGS.edgeToleranceM,
  }
  cached = { at: Date.now(), value }
  return value
}

/** Forgets the cached settings (after a change, and in tests that change them). */
export function forgetAreaSettings(): void {
  cached = null
}
