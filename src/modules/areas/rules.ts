/**
 * Area codes, levels and who may see or change which area (M1.1, M1.2, Q3). Pure: no I/O.
 */

/** M1.2 two digits per level, each pair 01–99 ("00" is never a sequence number). */
const CODE_PATTERN = /^(0[1-9]|[1-9][0-9])+$/
/** Deeper than any profile we know of (3 levels today); keeps codes short enough for map layer keys. */
export const MAX_CODE_LEVELS = 6

/**
 * Overlaps, gaps and outside parts smaller than this many square metres are floating-point noise,
 * not a drawing error: intersecting two polygons that share an edge (or whose shared vertices went
 * through a GCJ-02 → WGS-84 conversion, or a decimal such as 109.05 + 0.05) leaves slivers of about
 * 1e-6 m². One square metre is far above that noise and far below any real grid (≈ 0.1–10 km²), so
 * a real overlap is never hidden. Used by the boundary checks (M1.3) and by coverage. A shared edge
 * whose two drawings have different vertices bends apart in the GCJ-02 conversion by centimetres,
 * slivers of square metres: that is a width, aligned on save by edges.ts, not noise.
 */
export const SLIVER_TOLERANCE_M2 = 1

export interface LevelName {
  key: string
  zh: string
  en: string
}

/** M1.1 a level profile, from the table area_profiles: configuration, not code. */
export interface AreaProfile {
  id: string
  nameZh: string
  nameEn: string
  levels: LevelName[]
}

export function isWellFormedCode(code: string): boolean {
  return CODE_PATTERN.test(code) && code.length % 2 === 0 && code.length <= MAX_CODE_LEVELS * 2
}

/** The parent's code, or null for a top-level area. */
export function parentOf(code: string): string | null {
  return code.length > 2 ? code.slice(0, -2) : null
}

/** 1 for a top-level area, 2 for its children, … */
export function levelOf(code: string): number {
  return code.length / 2
}

/** The codes of every ancestor, top first: ancestorsOf('050101') = ['05', '0501']. */
export function ancestorsOf(code: string): string[] {
  const out: string[] = []
  for (let n = 2; n < code.length; n += 2) out.push(code.slice(0, n))
  return out
}

/** M1.2 a child's code is exactly its parent's code plus one two-digit sequence. */
export function extendsParent(code: string, parentCode: string | null): boolean {
  if (!isWellFormedCode(code)) return false
  return parentOf(code) === parentCode
}

/** The name of a level in a profile, or null when the profile has no such level. */
export function levelName(profile: Pick<AreaProfile, 'levels'>, level: number): LevelName | null {
  return profile.levels[level - 1] ?? null
}

/**
 * The next free child code under `parentCode` ('' for a top-level area): the lowest sequence
 * 01–99 that no area, live or retired, has ever used (M1.4: codes are never reused, old cases
 * keep pointing at them). Null when all 99 are taken.
 */
export function nextChildCode(parentCode: string, usedCodes: Iterable<string>): string | null {
  const used = new Set(usedCodes)
  for (let n = 1; n <= 99; n++) {
    const code = parentCode + String(n).padStart(2, '0')
    if (!used.has(code)) return code
  }
  return null
}

/** A refused code, with the details its message needs. */
export type CodeProblem =
  | { error: 'area.codeMalformed'; code: string; maxLevels: number }
  | { error: 'area.codeNotExtendingParent'; code: string; parentCode: string }
  | { error: 'area.codeDuplicate'; code: string }
  | { error: 'area.parentMissing'; parentCode: string }
  | { error: 'area.parentRetired'; parentCode: string }
  | { error: 'area.levelTooDeep'; code: string; level: number; maxLevel: number; profile: string }
  | { error: 'area.profileMismatch'; profileId: string; parentProfile: string }

/**
 * The parent of a new code: the one given, which the code must extend, or, when none is given,
 * the one the code implies. Returns a problem for a malformed code or one that does not extend
 * the given parent.
 */
export function resolveParent(code: string, givenParent?: string | null): { parentCode: string | null } | CodeProblem {
  if (!isWellFormedCode(code)) return { error: 'area.codeMalformed', code, maxLevels: MAX_CODE_LEVELS }
  if (givenParent === undefined || givenParent === null) return { parentCode: parentOf(code) }
  if (!extendsParent(code, givenParent)) return { error: 'area.codeNotExtendingParent', code, parentCode: givenParent }
  return { parentCode: givenParent }
}

/** What the database knows about the parent of a new area (null: no such area, or not visible). */
export interface ParentFacts {
  code: string
  retired: boolean
  profileId: string
}

/**
 * M1.1/M1.2 the first rule a new area breaks, or null. `parent` is null for a top-level area;
 * `parentMissing` says the code has a parent that could not be found.
 */
export function checkNewArea(input: {
  code: string
  parentCode: string | null
  parent: ParentFacts | null
  exists: boolean
  profile: AreaProfile
  requestedProfileId?: string
}): CodeProblem | null {
  const { code, parentCode, parent, profile } = input
  if (parentCode !== null && !parent) return { error: 'area.parentMissing', parentCode }
  if (parent?.retired) return { error: 'area.parentRetired', parentCode: parent.code }
  if (parent && input.requestedProfileId && input.requestedProfileId !== parent.profileId) {
    return { error: 'area.profileMismatch', profileId: input.requestedProfileId, parentProfile: parent.profileId }
  }
  if (input.exists) return { error: 'area.codeDuplicate', code }
  const level = levelOf(code)
  if (level > profile.levels.length) {
    return { error: 'area.levelTooDeep', code, level, maxLevel: profile.levels.length, profile: profile.id }
  }
  return null
}

/**
 * Q3 reading: an actor sees every area inside their scope and the ancestors of their scope (the
 * path from the top down to it), nothing of sibling branches.
 */
export function isVisibleTo(scope: string, code: string): boolean {
  return code.startsWith(scope) || scope.startsWith(code)
}

/**
 * Q3 managing: only areas strictly below one's scope. A station chief of 0501 draws its grids but
 * not 0501 itself, which the district above approved; scope '' may create top-level areas.
 */
export function isManageableBy(scope: string, code: string): boolean {
  return code.startsWith(scope) && code !== scope
}

export type RedivideProblem =
  | { error: 'area.redivideNotSiblings'; codes: string }
  | { error: 'area.codeRepeated'; code: string }
  | CodeProblem

/**
 * M1.4 the shape of a split/merge: the retired areas share one parent and every new code is a
 * well-formed child of that parent, with no code named twice. Returns the parent or a problem.
 */
export function checkRedivideShape(retire: string[], create: string[]): { parentCode: string | null } | RedivideProblem {
  const seen = new Set<string>()
  for (const code of [...retire, ...create]) {
    if (seen.has(code)) return { error: 'area.codeRepeated', code }
    seen.add(code)
  }
  for (const code of retire) {
    if (!isWellFormedCode(code)) return { error: 'area.codeMalformed', code, maxLevels: MAX_CODE_LEVELS }
  }
  const parents = new Set(retire.map(parentOf))
  if (parents.size !== 1) return { error: 'area.redivideNotSiblings', codes: retire.join(', ') }
  const parentCode = parentOf(retire[0])
  for (const code of create) {
    if (!isWellFormedCode(code)) return { error: 'area.codeMalformed', code, maxLevels: MAX_CODE_LEVELS }
    if (!extendsParent(code, parentCode)) {
      return parentCode === null
        ? { error: 'area.redivideNotSiblings', codes: [...retire, code].join(', ') }
        : { error: 'area.codeNotExtendingParent', code, parentCode }
    }
  }
  return { parentCode }
}

/**
 * Overlay functions (ST_Intersection, ST_Difference, ST_Union) run in fixed precision on a grid of
 * 1e-9° (≈ 0.1 mm). Floating-point overlay of shared edges can fail: PGlite's PostGIS returned no
 * row at all for ST_Difference(station, union of its grids) on the demo district, and GEOS may
 * throw a TopologyException on a server. Snapping to a grid far finer than any survey makes the
 * overlay robust on both (PostGIS 3.1+ with GEOS 3.9+).
 */
export const OVERLAY_GRID = 1e-9
