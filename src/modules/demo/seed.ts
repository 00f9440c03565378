/**
 * The demo district (Q1): Baqiao's area tree with exact boundaries, its personnel ledger, a business
 * ledger of any size and one demo account per role, generated from a seed (same seed, same data)
 * into an empty database. Used by `market-grid seed demo` and by the first start of an empty
 * embedded database.
 *
 * Everything is written in one transaction, bulk rows through COPY: a seed that fails leaves the
 * database empty, never half-seeded, and the next start simply tries again.
 */
import type { Db, Sql } from '../../db/connection.ts'
import { AppError } from '../../server/errors.ts'
import type { Role } from '../access/policy.ts'
import type { EvidenceSettings } from '../../config.ts'
import { seedDemoCases } from './cases.ts'
import { seedDemoPatrols } from './patrols.ts'
import { seedDemoMarketWork, writeDemoMarket } from './markets.ts'
import { recordAudit } from '../audit/service.ts'
import { insertUser } from '../auth/service.ts'
import { fillNameGrams } from '../businesses/name-grams.ts'
import { BUSINESS_COLUMNS, csvChunks } from './businesses.ts'
import './errors.ts'
import { planStaff, type Position, type StaffPlan } from './people.ts'
import { Random } from './prng.ts'
import { BAQIAO_CODE, MAX_CHILDREN, planTerritory, type TerritoryPlan } from './territory.ts'

export const DEFAULT_SEED = 20220615
/** Keeps the first start of the embedded database within seconds. */
export const DEFAULT_BUSINESSES = 3000
export const DEFAULT_GRIDS_PER_STATION: [number, number] = [8, 15]
/** One password for every demo account; it passes the password policy (checked by insertUser). */
export const DEMO_PASSWORD = 'Demo-Grid-2026!'
/** Who approves area codes (M1.4): the district grid office. */
export const APPROVED_BY = '灞桥区市场监管局网格办'

const MAX_BUSINESSES = 5_000_000
const MAX_TOTAL_GRIDS = 50_000
const ROWS_PER_CHUNK = 2000
/** PGlite takes COPY input as one blob: feed it in slices of this many rows. */
const PGLITE_ROWS_PER_COPY = 50_000
const SEED_LOCK = 727003

export interface SeedOptions {
  businesses?: number
  seed?: number
  /** grids per station, both included (demo mode) */
  gridsPerStation?: [number, number]
  /** grids in all, for benchmarks; overrides gridsPerStation and adds districts past 6 × 90 grids */
  totalGrids?: number
  log?: (msg: string) => void
  /** also file demo cases at every step of the loop, their evidence kept here (the served demo) */
  cases?: { evidence: EvidenceSettings }
  /** also give the demo station's grids registration-check tasks for the field app (the served demo) */
  patrols?: boolean
}

export interface DemoAccount {
  username: string
  password: string
  roles: Role[]
  scope: string
  displayName: string
}

export interface DemoSummary {
  districts: number
  stations: number
  grids: number
  businesses: number
  people: number
  accounts: DemoAccount[]
  ms: number
}

/** True when no area exists yet: the demo may be seeded. */
export async function isDatabaseEmpty(db: Sql): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM areas) AS found')
  return !rows[0].found
}

function checkOptions(opts: SeedOptions): Required<Omit<SeedOptions, 'log' | 'totalGrids' | 'cases' | 'patrols'>> & { totalGrids?: number } {
  const int = (v: number | undefined, option: string, min: number, max: number) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= min && v <= max)) {
      throw new AppError('demo.invalidOption', { option, rule: `${min}–${max}` })
    }
  }
  int(opts.businesses, 'businesses', 0, MAX_BUSINESSES)
  int(opts.seed, 'seed', 0, 2 ** 32 - 1)
  int(opts.totalGrids, 'totalGrids', 6, MAX_TOTAL_GRIDS)
  const range = opts.gridsPerStation ?? DEFAULT_GRIDS_PER_STATION
  int(range[0], 'gridsPerStation', 1, MAX_CHILDREN)
  int(range[1], 'gridsPerStation', 1, MAX_CHILDREN)
  if (range.length !== 2 || range[0] > range[1]) throw new AppError('demo.invalidOption', { option: 'gridsPerStation', rule: '[min, max], min ≤ max' })
  return {
    businesses: opts.businesses ?? DEFAULT_BUSINESSES, seed: opts.seed ?? DEFAULT_SEED, gridsPerStation: range,
    totalGrids: opts.totalGrids,
  }
}

/**
 * Generates the demo district into an empty database (`demo.databaseNotEmpty` otherwise) and
 * returns what it made, with the demo accounts to print.
 */
export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<DemoSummary> {
  const started = Date.now()
  const log = opts.log ?? (() => {})
  const o = checkOptions(opts)
  // Independent streams, so that e.g. more businesses never change the map or the people.
  const root = new Random(o.seed)
  const territoryRng = root.fork(1)
  const staffRng = root.fork(2)
  const businessRng = root.fork(3)

  const plan = planTerritory({ gridsPerStation: o.gridsPerStation, totalGrids: o.totalGrids }, territoryRng)
  log(`demo: ${plan.districts.length} district(s), ${plan.stations.length} stations, ${plan.grids.length} grids ` +
    `on a ${plan.lattice.nx}×${plan.lattice.ny} lattice (${Date.now() - started} ms)`)

  const summary = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK])
    if (!(await isDatabaseEmpty(tx))) throw new AppError('demo.databaseNotEmpty')
    await writeAreas(tx, plan)
    log(`demo: areas written (${Date.now() - started} ms)`)

    const first = await tx.query<{ next: number }>('SELECT coalesce(max(id), 0) + 1 AS next FROM people')
    const staff = planStaff(plan, staffRng, first.rows[0].next)
    await writeStaff(tx, staff)
    log(`demo: ${staff.people.length} people written (${Date.now() - started} ms)`)

    // Codes of different seeds stay apart (31^8 serials are available; this uses < 8.1e11 of them).
    const serialBase = (o.seed % 400_000) * 2_000_000
    const chunks = csvChunks(plan, o.businesses, businessRng, serialBase, ROWS_PER_CHUNK)
    const perCopy = db.kind === 'pglite' ? PGLITE_ROWS_PER_COPY : o.businesses
    let written = 0
    async function* slice(rows: number) {
      for (let n = 0; n < rows; n += ROWS_PER_CHUNK) {
        const next = chunks.next()
        if (next.done) return
        yield next.value
        written += Math.min(ROWS_PER_CHUNK, rows - n)
        if (written % 100_000 === 0) log(`demo: ${written} businesses (${Date.now() - started} ms)`)
      }
    }
    for (let done = 0; done < o.businesses; done += perCopy) {
      await tx.copyCsv(`businesses (${BUSINESS_COLUMNS.join(', ')})`, slice(Math.min(perCopy, o.businesses - done)))
    }
    log(`demo: ${o.businesses} businesses written (${Date.now() - started} ms)`)

    const accounts = await writeAccounts(tx, staff, log)
    await writeDemoMarket(tx)
    const counts = {
      districts: plan.districts.length, stations: plan.stations.length, grids: plan.grids.length,
      businesses: o.businesses, people: staff.people.length,
    }
    await recordAudit(tx, null, {
      action: 'demo.seeded', objectType: 'area', objectId: BAQIAO_CODE,
      details: { seed: o.seed, ...counts, totalGrids: o.totalGrids ?? null, accounts: accounts.map((a) => a.username) },
    })
    return { ...counts, accounts }
  })
  // Fresh statistics, so that the first queries on a large seed plan well.
  await db.exec('ANALYZE areas; ANALYZE businesses; ANALYZE people; ANALYZE person_roles')
  // The grams name search reads (name-grams.ts): written here rather than left to a server, so that
  // a seeded database searches at full speed from its first request.
  await fillNameGrams(db)
  log(`demo: name grams written (${Date.now() - started} ms)`)
  if (opts.cases) await seedDemoCases(db, opts.cases.evidence, root.fork(4), log)
  if (opts.patrols) {
    await seedDemoPatrols(db, new Date(), log)
    await seedDemoMarketWork(db, new Date(), log)
  }
  const ms = Date.now() - started
  log(`demo: done in ${ms} ms`)
  return { ...summary, ms }
}

const csvField = (v: string | number | boolean | null) => {
  if (v === null) return ''
  const s = String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
const csvRows = (rows: Array<Array<string | number | boolean | null>>) => rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n'

async function copyRows(tx: Sql, target: string, rows: Array<Array<string | number | boolean | null>>, perCopy = 20_000) {
  for (let k = 0; k < rows.length; k += perCopy) await tx.copyCsv(target, csvRows(rows.slice(k, k + perCopy)))
}

/** Areas parents first, their sizes, and version 1 of each, approved by the grid office (M1.4). */
async function writeAreas(tx: Sql, plan: TerritoryPlan): Promise<void> {
  const all = [...plan.districts, ...plan.stations, ...plan.grids]
  await copyRows(tx, 'areas (code, parent_code, level, name, profile_id, boundary)',
    all.map((a) => [a.code, a.parentCode, a.level, a.name, 'baqiao', a.ewkt]), 2000)
  await tx.query('UPDATE areas SET area_km2 = ST_Area(boundary::geography) / 1e6 WHERE area_km2 IS NULL')
  await tx.query(
    `INSERT INTO area_versions (area_code, version, change, name, parent_code, boundary, approved_by, approval_ref, reason)
     SELECT code, 1, 'created', name, parent_code, boundary, $1, $2, $3 FROM areas ORDER BY code`,
    [APPROVED_BY, '灞市监网格〔2022〕1号（演示）', '演示数据：按灞桥区市场监管网格化管理实施方案划分'],
  )
}

async function writeStaff(tx: Sql, staff: StaffPlan): Promise<void> {
  await copyRows(tx, 'people (id, name, position, phone, organisation, area_code, on_duty)',
    staff.people.map((p) => [p.id, p.name, p.position, p.phone, p.organisation, p.areaCode, p.onDuty]))
  await copyRows(tx, 'person_roles (person_id, role, area_code)', staff.roles.map((r) => [r.personId, r.role, r.areaCode]))
  // Ids were given explicitly (roles refer to them); the sequence must continue after them.
  await tx.query(`SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT max(id) FROM people))`)
}

interface AccountSpec {
  username: string
  roles: Role[]
  scope: string
  label: string
  /** the person behind the account: the first holder of this role in this area (with this position) */
  person?: { role: string; area: string; position?: Position }
  /** the department a liaison acts for (cases referred to it) */
  departmentCode?: string
}

const ACCOUNTS: AccountSpec[] = [
  { username: 'chief', roles: ['district_chief'], scope: '05', label: '片区长', person: { role: 'district_chief', area: '05' } },
  { username: 'operator', roles: ['command_operator'], scope: '05', label: '指挥中心', person: { role: 'command_operator', area: '05' } },
  { username: 'station0502', roles: ['station_chief'], scope: '0502', label: '席王所所长', person: { role: 'station_chief', area: '0502' } },
  { username: 'head050203', roles: ['grid_head'], scope: '050203', label: '网格长', person: { role: 'grid_head', area: '050203' } },
  { username: 'worker050203', roles: ['grid_worker'], scope: '050203', label: '网格管理员', person: { role: 'grid_manager', area: '050203', position: 'coordinator' } },
  { username: 'overseer050203', roles: ['overseer'], scope: '050203', label: '网格监督员', person: { role: 'overseer', area: '050203' } },
  // the management of the demo's market (markets.ts): not the bureau's staff, no person in its ledger
  { username: 'market050203', roles: ['market_operator'], scope: '050203', label: '席王综合农贸市场管理方' },
  { username: 'credit', roles: ['credit_officer'], scope: '05', label: '信用监管', person: { role: 'credit_officer', area: '05' } },
  { username: 'liaison', roles: ['department_liaison'], scope: '05', label: '卫健局联络员', person: { role: 'department_liaison', area: '05' }, departmentCode: 'health' },
  { username: 'sysadmin', roles: ['system_admin'], scope: '', label: '系统管理员' },
  { username: 'secadmin', roles: ['security_admin'], scope: '', label: '安全管理员' },
  { username: 'auditor', roles: ['audit_admin'], scope: '', label: '审计管理员' },
]

/** One demo account per role (is_demo), linked to its person; a name already taken is left alone. */
async function writeAccounts(tx: Sql, staff: StaffPlan, log: (msg: string) => void): Promise<DemoAccount[]> {
  const byId = new Map(staff.people.map((p) => [p.id, p]))
  const accounts: DemoAccount[] = []
  for (const spec of ACCOUNTS) {
    const wanted = spec.person
    const holder = wanted && staff.roles.find((r) => r.role === wanted.role && r.areaCode === wanted.area &&
      (!wanted.position || byId.get(r.personId)!.position === wanted.position))
    if (spec.person && !holder) throw new Error(`demo: nobody holds ${spec.person.role} in ${spec.person.area}`)
    const displayName = holder ? `${byId.get(holder.personId)!.name}（${spec.label}）` : `${spec.label}（演示）`
    try {
      await insertUser(tx, {
        username: spec.username, displayName, password: DEMO_PASSWORD, roles: spec.roles, scope: spec.scope,
        personId: holder?.personId ?? null, isDemo: true,
      })
    } catch (err) {
      if (err instanceof AppError && err.code === 'user.usernameTaken') {
        log(`demo: account ${spec.username} exists already, left as it is`)
        continue
      }
      throw err
    }
    if (spec.departmentCode) await tx.query('UPDATE users SET department_code = $2 WHERE username = $1', [spec.username, spec.departmentCode])
    accounts.push({ username: spec.username, password: DEMO_PASSWORD, roles: spec.roles, scope: spec.scope, displayName })
  }
  return accounts
}
