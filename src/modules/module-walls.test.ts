/**
 * The walls between modules (docs/decisions.md, "Module walls (issue 14 §5)"), read from the
 * source with regular expressions, no database:
 * - no module imports, through any chain, a module that imports it, but for the upward calls
 *   listed in UPWARD_CALLS;
 * - a module's SQL names another module's tables only where READS_ACROSS says why, and writes
 *   them only where WRITES_ACROSS does;
 * - every table and view of the migrations has an owning module.
 * A new cycle or a new read across a wall fails here until it is undone (call the owner's exported
 * function) or listed with its reason; a listed one that is gone fails too, so the lists stay true.
 * Only production sources count: a module's tests may reach anywhere to build their data.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const modulesDir = path.dirname(fileURLToPath(import.meta.url))
const migrationsDir = path.resolve(modulesDir, '../db/migrations')
const modules = fs.readdirSync(modulesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()

interface Source { module: string; file: string; text: string }

const sources: Source[] = modules.flatMap((module) =>
  fs.readdirSync(path.join(modulesDir, module), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mjs)$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => ({ module, file: `${module}/${f.split(path.sep).join('/')}`, text: fs.readFileSync(path.join(modulesDir, module, f), 'utf8') })))

// ---------------------------------------------------------------- imports

/**
 * Imports against the direction of the rest, each a reaction to an event in the same transaction.
 * Without them the modules form a layering with no cycle.
 */
const UPWARD_CALLS: Array<{ from: string; to: string; why: string }> = [
  {
    from: 'businesses', to: 'patrols',
    why: 'registering a business opens its first-visit patrol tasks, and recording annual reports closes their reminders, '
      + 'in the same transaction (patrols/tasks.ts); patrols reads the businesses\' rules and table',
  },
]

/** module → modules it imports → the files that do */
function importGraph(): Map<string, Map<string, Set<string>>> {
  const graph = new Map(modules.map((m) => [m, new Map<string, Set<string>>()]))
  for (const s of sources) {
    for (const m of s.text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.relative(modulesDir, path.resolve(modulesDir, path.dirname(s.file), m[1]))
      const other = target.split(path.sep)[0]
      if (target.startsWith('..') || other === s.module || !graph.has(other)) continue
      const edges = graph.get(s.module)!
      if (!edges.has(other)) edges.set(other, new Set())
      edges.get(other)!.add(s.file)
    }
  }
  return graph
}

/** The first cycle found, as the modules along it (the first repeated at the end), or null. */
function findCycle(next: (m: string) => string[]): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (m: string): string[] | null => {
    if (state.get(m) === 'done') return null
    if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m]
    state.set(m, 'open')
    stack.push(m)
    for (const n of next(m)) {
      const cycle = visit(n)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(m, 'done')
    return null
  }
  for (const m of modules) {
    const cycle = visit(m)
    if (cycle) return cycle
  }
  return null
}

describe('module walls: imports', () => {
  const graph = importGraph()
  const upward = (from: string, to: string) => UPWARD_CALLS.some((u) => u.from === from && u.to === to)

  it('no module imports a module that imports it, directly or through others (upward calls aside)', () => {
    const cycle = findCycle((m) => [...graph.get(m)!.keys()].filter((n) => !upward(m, n)))
    const described = cycle?.slice(1).map((to, i) => `${cycle[i]} → ${to} (${[...graph.get(cycle[i])!.get(to)!].join(', ')})`)
    expect(described ?? [], 'an import cycle between modules: give it a direction (docs/decisions.md, "Module walls")').toEqual([])
  })

  it('each listed upward call is still made', () => {
    expect(UPWARD_CALLS.filter((u) => !graph.get(u.from)?.has(u.to))).toEqual([])
  })
})

// ---------------------------------------------------------------- SQL

/** The module that owns each table and view: the only one whose SQL reads or writes it, but for the lists below. */
const OWNER: Record<string, string> = {
  areas: 'areas', area_versions: 'areas', area_profiles: 'areas', grids: 'areas',
  businesses: 'businesses', business_name_grams: 'businesses', business_name_gram_backlog: 'businesses', annual_reports: 'businesses',
  people: 'people', person_roles: 'people',
  users: 'auth', sessions: 'auth', login_failures: 'auth',
  audit_events: 'audit',
  cases: 'cases', case_categories: 'cases', case_contacts: 'cases', case_intake_keys: 'cases', case_routes: 'cases', case_steps: 'cases',
  departments: 'cases',
  intake_clients: 'portal',
  evidence_files: 'evidence', evidence_links: 'evidence', evidence_uploads: 'evidence',
  patrol_items: 'patrols', patrol_item_versions: 'patrols', patrol_tasks: 'patrols', patrol_task_runs: 'patrols', patrol_findings: 'patrols',
  markets: 'markets', market_businesses: 'markets', market_operators: 'markets', market_checks: 'markets', market_check_draws: 'markets',
  staff_positions: 'positions', staff_duty: 'positions',
  map_changes: 'map',
  working_calendar: 'calendar', working_calendar_years: 'calendar',
}

/** Tables of no one module, and why. */
const SHARED: Record<string, string> = {
  settings: 'one row per key, and each key is read and written only by its module (areas, cases, map)',
  rate_limits: 'the HTTP rate limiter of src/server',
}

/** The demo seeder writes a whole installation's rows straight into every table, for speed; it runs only from `market-grid seed` and the tests. */
const SEEDER = 'demo'

const ONE_STATEMENT = 'a join or subquery inside one statement'
const CASE_RECORD = 'the printed case record (record.ts) reads the case with its timeline, audit events and evidence in one transaction'
const MARKET_COUNTS = 'a market\'s list and monthly checks count tasks and findings by its operators in one statement'
const TASKS_IN_SQL = 'patrol tasks are made by INSERT … SELECT over the targets, the assignee chosen in the same statement; lists join names'

/** Reads across a wall: reading module → table → why it stays in SQL. */
const READS_ACROSS: Record<string, Record<string, string>> = {
  access: { market_businesses: `a market keeper's scope: ${ONE_STATEMENT} of every business read (M4.4)` },
  areas: {
    businesses: 'businesses counted per area (area detail, placement dashboard): an aggregate in the same statement; businesses cannot be called for it cheaply per area',
    users: `who changed each version: ${ONE_STATEMENT}`,
  },
  auth: { market_operators: 'the markets a market operator keeps are part of the actor, read with the session; auth sits below markets' },
  businesses: {
    areas: 'placement: the grid index and spatial lookups read every boundary at once; areas imports businesses (it re-places them when a boundary moves)',
    grids: 'placement, plates and the phone\'s own grids; areas imports businesses, so businesses does not import areas',
    patrol_tasks: `the phone's grids of the caller's open tasks: ${ONE_STATEMENT}`,
  },
  cases: {
    grids: 'filing finds the grid of a point inside the filing statement (one round trip per case)',
    businesses: CASE_RECORD, users: CASE_RECORD, audit_events: CASE_RECORD, evidence_files: CASE_RECORD, evidence_links: CASE_RECORD,
  },
  'ledger-io': { businesses: 'the export streams up to a million rows by id range; the import checks registered codes per chunk (Q5)' },
  map: {
    areas: 'vector tiles and snapshots read boundaries in bulk (ST_AsMVT); place search ranks areas by name with their extent',
    grids: 'the grid snapshot of the tiles', businesses: 'business points of the tiles and snapshots, in bulk',
  },
  markets: {
    areas: `the market's grid name: ${ONE_STATEMENT}`, businesses: `names in the lists: ${ONE_STATEMENT}`,
    users: `operators and checkers by name; operators validated with the market's own table: ${ONE_STATEMENT}`,
    patrol_tasks: MARKET_COUNTS, patrol_findings: MARKET_COUNTS, patrol_item_versions: MARKET_COUNTS,
  },
  patrols: {
    businesses: TASKS_IN_SQL, annual_reports: TASKS_IN_SQL, grids: TASKS_IN_SQL, users: TASKS_IN_SQL,
    market_businesses: TASKS_IN_SQL, market_operators: TASKS_IN_SQL, evidence_links: `a finding's evidence: ${ONE_STATEMENT}`,
  },
  people: { areas: `the staffing report's retired areas: ${ONE_STATEMENT}`, grids: `the staffing report by grid: ${ONE_STATEMENT}` },
  portal: {
    cases: 'the case loop\'s public face: a case by tracking number, Open311 requests; writes go through cases/filing.ts and cases/service.ts',
    case_categories: 'the categories the public may choose, and a case\'s category by name', case_steps: 'a case\'s public timeline',
  },
  positions: { users: `who is on duty where, by name and scope: ${ONE_STATEMENT}` },
}

/** Writes across a wall: writing module → table → why. */
const WRITES_ACROSS: Record<string, Record<string, string>> = {
  'ledger-io': { businesses: 'the import COPYs accepted rows straight into businesses (Q5: a million rows at ≥ 25 % of a bare COPY)' },
}

/** `${module} → ${table}` for each table another module owns that the module's SQL names with one of `patterns`. */
function crossings(patterns: RegExp[]): string[] {
  const found = new Set<string>()
  for (const s of sources) {
    if (s.module === SEEDER) continue
    for (const pattern of patterns) {
      for (const m of s.text.matchAll(pattern)) {
        const owner = OWNER[m[1]]
        if (owner && owner !== s.module) found.add(`${s.module} → ${m[1]}`)
      }
    }
  }
  return [...found].sort()
}

const listed = (lists: Record<string, Record<string, string>>) =>
  Object.entries(lists).flatMap(([module, tables]) => Object.keys(tables).map((t) => `${module} → ${t}`)).sort()

describe('module walls: SQL', () => {
  it('every table and view of the migrations has an owning module', () => {
    const names = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'))
      .flatMap((f) => [...fs.readFileSync(path.join(migrationsDir, f), 'utf8')
        .matchAll(/\bCREATE\s+(?:TABLE(?:\s+IF\s+NOT\s+EXISTS)?|(?:OR\s+REPLACE\s+)?(?:MATERIALIZED\s+)?VIEW)\s+([a-z_]+)/gi)].map((m) => m[1]))
    expect([...new Set(names)].filter((n) => !OWNER[n] && !SHARED[n])).toEqual([])
    expect(Object.values(OWNER).filter((m) => !modules.includes(m))).toEqual([])
  })

  it('a module reads another module\'s tables only where listed, with its reason', () => {
    expect(crossings([/\b(?:FROM|JOIN)\s+([a-z_]+)\b/g])).toEqual(listed(READS_ACROSS))
  })

  it('a module writes another module\'s tables only where listed: it calls the owner\'s function instead', () => {
    expect(crossings([/\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)\b/g, /\bcopyCsv\(\s*[`'"]([a-z_]+)/g])).toEqual(listed(WRITES_ACROSS))
  })
})
