/**
 * Business import at city scale (M2.4, Q5): a 1,000,000-row CSV of valid businesses over 10,000
 * grids, imported end to end by importBusinesses() (read, validate USCC, place, write with every
 * index, one audit event), against the anchor measured in the same run: a bare COPY of the same
 * file into a table with the same primary key (uscc text PRIMARY KEY, every other column text).
 * Target: ours ≥ 25 % of the anchor's rows/s.
 *
 *   npx tsx bench/import.ts [--rows N] [--keep] [--without-name-index]
 *
 * PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); the scratch
 * database and the file are removed at the end unless --keep is given.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Db } from '../src/db/connection.ts'
import type { Actor } from '../src/modules/access/policy.ts'
import { makeUscc, type BusinessKind } from '../src/modules/businesses/uscc.ts'
import { importBusinesses, importMaintenance, spoolUpload, type ImportReport } from '../src/modules/ledger-io/businesses-import.ts'
import { BUSINESS_COLUMNS, IGNORED_ON_IMPORT } from '../src/modules/ledger-io/businesses-columns.ts'
import { createDatabase, dropDatabase, fmt, report, time, urlFor } from './lib.ts'
import { mulberry32 } from '../src/modules/demo/prng.ts'

export interface ImportBenchOptions {
  rows?: number
  /** keep the scratch database and the CSV file (for looking at them afterwards) */
  keep?: boolean
  /** measure without the name-search index (0200), to see what it costs */
  withoutNameIndex?: boolean
  log?: (msg: string) => void
}

export interface ImportBenchResult {
  rows: number
  bytes: number
  grids: number
  ours: { ms: number; rowsPerSecond: number; report: ImportReport }
  /** hashing the file as the upload spool does, outside `ours` */
  spoolMs: number
  /** the name-index merge and ANALYZE that run after the import answered, outside `ours` */
  tidyMs: number
  anchor: { ms: number; rowsPerSecond: number }
  ratio: number
  pass: boolean
  /** 1-minute load average before and after, for reading the figures */
  load: [number, number]
}

const DB_NAME = 'mg_bench_import'
// The lattice: 100 × 100 square grids of 0.002° (≈ 200 m) near Xi'an, 4 districts × 50 stations × 50 grids.
const LNG0 = 109.0
const LAT0 = 34.2
const CELL = 0.002
const COLS = 100
const ROWS = 100
const STATION_COLS = 10
const STATION_ROWS = 5
const STATIONS_PER_DISTRICT = 50

/** 10,000 square grids under 200 stations under 4 districts, written with three INSERT … SELECTs. */
async function buildLattice(db: Db): Promise<number> {
  const stationsAcross = COLS / STATION_COLS // 10
  // cell (i, j) → station s = floor(j / 5) * 10 + floor(i / 10) (0…199), district s / 50, grid index in station.
  const cells = `SELECT i, j, (j / ${STATION_ROWS}) * ${stationsAcross} + i / ${STATION_COLS} AS s,
      (j % ${STATION_ROWS}) * ${STATION_COLS} + i % ${STATION_COLS} AS k
    FROM generate_series(0, ${COLS - 1}) i, generate_series(0, ${ROWS - 1}) j`
  const dcode = (s: string) => `lpad(((${s}) / ${STATIONS_PER_DISTRICT} + 1)::text, 2, '0')`
  const scode = (s: string) => `${dcode(s)} || lpad(((${s}) % ${STATIONS_PER_DISTRICT} + 1)::text, 2, '0')`
  const env = (x0: string, y0: string, x1: string, y1: string) =>
    `ST_Multi(ST_MakeEnvelope(${LNG0} + (${x0}) * ${CELL}, ${LAT0} + (${y0}) * ${CELL}, ${LNG0} + (${x1}) * ${CELL}, ${LAT0} + (${y1}) * ${CELL}, 4326))`
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO areas (code, parent_code, level, name, profile_id, boundary)
       SELECT ${dcode('s')}, NULL, 1, '片区' || ${dcode('s')}, 'baqiao',
         ST_Multi(ST_Union(${env('i', 'j', 'i + 1', 'j + 1')}))
       FROM (${cells}) c GROUP BY 1`,
    )
    await tx.query(
      `INSERT INTO areas (code, parent_code, level, name, profile_id, boundary)
       SELECT ${scode('s')}, ${dcode('s')}, 2, '监管所' || ${scode('s')}, 'baqiao',
         ${env('min(i)', 'min(j)', 'max(i) + 1', 'max(j) + 1')}
       FROM (${cells}) c GROUP BY s`,
    )
    await tx.query(
      `INSERT INTO areas (code, parent_code, level, name, profile_id, boundary)
       SELECT ${scode('s')} || lpad((k + 1)::text, 2, '0'), ${scode('s')}, 3, '网格' || ${scode('s')} || lpad((k + 1)::text, 2, '0'), 'baqiao',
         ${env('i', 'j', 'i + 1', 'j + 1')}
       FROM (${cells}) c`,
    )
    await tx.query('UPDATE areas SET area_km2 = ST_Area(boundary::geography) / 1e6')
  })
  await db.exec('ANALYZE areas')
  return COLS * ROWS
}

const TRADES = ['鑫盛', '华泰', '永安', '宏达', '盛源', '金瑞', '恒信', '天成', '福源', '聚鑫', '博雅', '嘉禾', '瑞丰', '长青', '秦川', '灞柳']
const WORDS = ['商贸', '餐饮', '食品', '建材', '电子', '科技', '物流', '服饰', '五金', '药业', '文化', '农业']
const SUFFIX = ['有限公司', '有限责任公司', '商行', '经营部', '便利店', '小吃店']
const STREETS = ['纺织城正街', '半坡路', '灞桥街', '洪庆路', '席王街', '狄寨路', '长乐东路', '浐河东路']
const INDUSTRIES = ['餐饮服务', '食品销售', '药品零售', '批发零售', '住宿', '美容美发', '工业产品生产']
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']
const GIVEN = ['伟', '芳', '娜', '秀', '敏', '静', '丽', '强', '磊', '军', '洋', '勇']
const RISKS = ['一般', '一般', '一般', '低', '较高', '高']
const DOMAINS = ['', '', '食品', '特种设备', '食品;特殊食品', '重点工业产品']

/** Writes `rows` valid businesses (Chinese names and addresses, every location inside a grid). */
async function writeCsv(file: string, rows: number): Promise<number> {
  const rnd = mulberry32(20260101)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]
  const header = BUSINESS_COLUMNS.filter((c) => !IGNORED_ON_IMPORT.has(c.key)).map((c) => c.zh)
  const out = fs.createWriteStream(file)
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())))
  await write(header.join(',') + '\n')
  let lines: string[] = []
  for (let n = 1; n <= rows; n++) {
    const r = rnd()
    const kind: BusinessKind = r < 0.55 ? 'enterprise' : r < 0.97 ? 'individual' : 'cooperative'
    const uscc = makeUscc(kind, '610111', n)
    const name = `西安${pick(TRADES)}${pick(WORDS)}${kind === 'enterprise' ? pick(SUFFIX.slice(0, 2)) : pick(SUFFIX)}${n}`
    const address = `西安市灞桥区${pick(STREETS)}${1 + Math.floor(rnd() * 999)}号`
    // Inside a cell, away from its edges: placement is unambiguous.
    const i = Math.floor(rnd() * COLS)
    const j = Math.floor(rnd() * ROWS)
    const lng = (LNG0 + (i + 0.05 + 0.9 * rnd()) * CELL).toFixed(6)
    const lat = (LAT0 + (j + 0.05 + 0.9 * rnd()) * CELL).toFixed(6)
    const industry = pick(INDUSTRIES)
    const licence = rnd() < 0.4 ? `食品经营许可证:JY1610111${String(n).padStart(7, '0')}:2024-01-01:2029-01-01` : ''
    const person = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.5 ? pick(GIVEN) : '')
    const phone = '13' + String(Math.floor(rnd() * 1e9)).padStart(9, '0')
    lines.push([uscc, name, kind === 'enterprise' ? '企业' : kind === 'individual' ? '个体工商户' : '农民专业合作社', address, address,
      lng, lat, industry, licence, pick(DOMAINS), '在营', pick(RISKS), person, phone].join(','))
    if (lines.length === 5000) {
      await write(lines.join('\n') + '\n')
      lines = []
    }
  }
  if (lines.length) await write(lines.join('\n') + '\n')
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))
  return fs.statSync(file).size
}

/** The anchor: a bare COPY of the file into a table keyed by the USCC, every other column text. */
async function anchorCopy(file: string): Promise<number> {
  const client = new pg.Client({ connectionString: urlFor(DB_NAME) })
  await client.connect()
  try {
    await client.query(`DROP TABLE IF EXISTS anchor_businesses`)
    await client.query(`CREATE TABLE anchor_businesses (uscc text PRIMARY KEY, name text, kind text, registered_address text,
      actual_address text, lng text, lat text, industry text, licences text, key_domains text, operating_state text, risk_class text,
      legal_representative text, contact_phone text)`)
    await client.query('CHECKPOINT')
    const { ms } = await time(() => pipeline(fs.createReadStream(file, { highWaterMark: 1 << 18 }),
      client.query(copyFrom('COPY anchor_businesses FROM STDIN (FORMAT csv, HEADER true)'))))
    await client.query('DROP TABLE anchor_businesses')
    return ms
  } finally {
    await client.end()
  }
}

export async function runImportBench(opts: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const rows = opts.rows ?? 1_000_000
  const log = opts.log ?? ((m: string) => console.log(m))
  const load0 = os.loadavg()[0]
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-bench-import-'))
  const file = path.join(dir, 'businesses.csv')
  let db: Db | null = null
  try {
    log(`import bench: ${fmt(rows)} rows, scratch database ${DB_NAME}`)
    db = await createDatabase(DB_NAME)
    if (opts.withoutNameIndex) await db.exec('DROP INDEX businesses_name_trgm_idx')
    const grids = await buildLattice(db)
    const { ms: csvMs, result: bytes } = await time(() => writeCsv(file, rows))
    log(`  ${fmt(grids)} grids; CSV ${fmt(bytes / 1048576, 1)} MB written in ${fmt(csvMs / 1000, 1)} s`)

    const anchorMs = await anchorCopy(file)
    log(`  anchor COPY: ${fmt(anchorMs / 1000, 2)} s`)

    const { ms: spoolMs, result: upload } = await time(() => spoolUpload(fs.createReadStream(file), Number.MAX_SAFE_INTEGER))
    await upload.remove()
    const actor: Actor = { userId: 0, username: 'bench', displayName: 'bench', roles: ['district_chief'], scope: '' }
    await db.query('CHECKPOINT')
    const ours = await time(() => importBusinesses(db!, actor, { path: file, sha256: upload.sha256, bytes: upload.bytes, head: upload.head, filename: 'businesses.csv' },
      { mode: 'all', dryRun: false, crs: 'WGS84', lang: 'zh-CN' }))
    const r = ours.result
    const { ms: tidyMs } = await time(() => importMaintenance())
    if (r.accepted !== rows || r.placed !== rows) throw new Error(`import answered ${JSON.stringify({ ...r, refusals: r.refusals.slice(0, 3) })}`)
    log(`  importBusinesses: ${fmt(ours.ms / 1000, 2)} s (${fmt(r.accepted)} accepted, ${fmt(r.placed)} placed); hashing the upload ${fmt(spoolMs / 1000, 2)} s more`)
    log(`  after the commit, off the request: name-index merge, ANALYZE and the name grams ${fmt(tidyMs / 1000, 2)} s`)

    const oursRate = rows / (ours.ms / 1000)
    const anchorRate = rows / (anchorMs / 1000)
    const ratio = oursRate / anchorRate
    const load: [number, number] = [load0, os.loadavg()[0]]
    report({
      name: `business import of ${fmt(rows)} rows (CSV, ${fmt(grids)} grids), end to end${opts.withoutNameIndex ? ', without the name index' : ''}`,
      ours: `${fmt(oursRate)} rows/s (${fmt(ours.ms / 1000, 2)} s)`,
      anchor: `${fmt(anchorRate)} rows/s (${fmt(anchorMs / 1000, 2)} s bare COPY, uscc text PRIMARY KEY); load ${load0.toFixed(2)} → ${load[1].toFixed(2)}`,
      ratio,
      target: '≥ 0.25',
      pass: ratio >= 0.25,
    })
    return {
      rows, bytes, grids, spoolMs, tidyMs, ratio, pass: ratio >= 0.25, load,
      ours: { ms: ours.ms, rowsPerSecond: oursRate, report: r },
      anchor: { ms: anchorMs, rowsPerSecond: anchorRate },
    }
  } finally {
    await db?.close()
    if (!opts.keep) {
      await dropDatabase(DB_NAME)
      fs.rmSync(dir, { recursive: true, force: true })
    } else {
      log(`  kept database ${DB_NAME} and ${file}`)
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--rows')
  const rows = at > 0 ? Number(process.argv[at + 1]) : 1_000_000
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows needs a positive whole number')
  await runImportBench({ rows, keep: process.argv.includes('--keep'), withoutNameIndex: process.argv.includes('--without-name-index') })
  process.exit(0)
}
