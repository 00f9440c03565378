/**
 * Vector tiles of the electronic map (M5.1) at city scale: a scripted pan/zoom sweep, zooms 10–17
 * across one district of the bench dataset (1,000,000 businesses, 10,000 grids), requested one at a
 * time from the real HTTP server (`market-grid serve`) as that district's chief, starting with a
 * cold tile cache; against the anchor measured in the same run: a bare ST_AsMVT of the raw business
 * points for the same tiles, run directly in PostgreSQL.
 * Targets: p95 < 50 ms per tile and every tile < 500 KB.
 *
 *   npm run bench -- tiles
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db } from '../src/db/connection.ts'
import { insertUser } from '../src/modules/auth/service.ts'
import { latToWorldY, lngToWorldX } from '../src/modules/map/tile-geometry.ts'
import { loadCells, loadAreas } from '../src/modules/map/snapshots.ts'
import { readVersions } from '../src/modules/map/versions.ts'
import { BENCH_DB } from './data.ts'
import { fmt, report, time, urlFor } from './lib.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PASSWORD = 'Bench-Tiles-Pass-2026'
const PORT = 18611
const PER_ZOOM = 40

async function start(env: Record<string, string>): Promise<ChildProcess> {
  // The server as `serve` builds it (buildApp on PostgreSQL, already migrated by the dataset step),
  // without serve's web-console build, which has nothing to do with tiles.
  const script = `
    import { loadConfig } from './src/config.ts'
    import { openDatabase } from './src/db/connection.ts'
    import { buildApp } from './src/server/app.ts'
    const config = loadConfig(process.env)
    const db = await openDatabase({ databaseUrl: config.databaseUrl })
    const app = await buildApp({ db, config })
    await app.listen({ port: config.port, host: config.host })`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root, env: { ...process.env, ...env, PORT: String(PORT), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).status === 200) return child
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error('server did not start')
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/** The sweep: at each zoom, up to PER_ZOOM tiles over the box, row by row (a pan across the district). */
export function sweep(box: { west: number; south: number; east: number; north: number }, zooms: number[]) {
  const tiles: Array<{ z: number; x: number; y: number }> = []
  for (const z of zooms) {
    const n = 2 ** z
    const [x0, x1] = [Math.floor(lngToWorldX(box.west) * n), Math.floor(lngToWorldX(box.east) * n)]
    const [y0, y1] = [Math.floor(latToWorldY(box.north) * n), Math.floor(latToWorldY(box.south) * n)]
    const all: Array<{ z: number; x: number; y: number }> = []
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) all.push({ z, x, y })
    const step = Math.max(1, all.length / PER_ZOOM)
    for (let k = 0; k < Math.min(PER_ZOOM, all.length); k++) tiles.push(all[Math.floor(k * step)])
  }
  return tiles
}

export async function benchTiles(db: Db) {
  // The district with the most grids, and its chief.
  const { rows: [d] } = await db.query<{ code: string; name: string; grids: number; west: number; south: number; east: number; north: number }>(
    `SELECT a.code, a.name, (SELECT count(*) FROM grids g WHERE g.code LIKE a.code || '%')::int AS grids,
       ST_XMin(a.boundary) AS west, ST_YMin(a.boundary) AS south, ST_XMax(a.boundary) AS east, ST_YMax(a.boundary) AS north
     FROM areas a WHERE a.level = 1 AND a.retired_at IS NULL ORDER BY 3 DESC, 1 LIMIT 1`)
  const { rows: [{ n: districtBusinesses }] } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM businesses WHERE area_code LIKE $1`, [d.code + '%'])
  for (const username of ['bench_tiles_district', 'bench_tiles_city']) {
    await db.query(`DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = $1)`, [username])
    await db.query(`DELETE FROM users WHERE username = $1`, [username])
  }
  await db.transaction(async (tx) => {
    await insertUser(tx, { username: 'bench_tiles_district', displayName: '压测片区长', password: PASSWORD, roles: ['district_chief'], scope: d.code })
    await insertUser(tx, { username: 'bench_tiles_city', displayName: '压测市级', password: PASSWORD, roles: ['command_operator'], scope: '' })
  })
  const tiles = sweep(d, [10, 11, 12, 13, 14, 15, 16, 17])
  console.log(`\ntiles: district ${d.code} ${d.name} (${fmt(d.grids)} grids, ${fmt(districtBusinesses)} businesses), ${tiles.length} tiles over zooms 10–17`)

  // What a change of the data costs the first tile after it: rebuilding the snapshots.
  const v = await readVersions(db)
  const cellsLoad = await time(() => loadCells(db, v.businesses))
  const areasLoad = await time(() => loadAreas(db, v.areas))
  console.log(`  snapshot rebuilds (direct): business cells ${fmt(cellsLoad.ms)} ms (${fmt(cellsLoad.result.count.length)} cells), areas ${fmt(areasLoad.ms)} ms (${fmt(areasLoad.result.areas.length)} areas)`)

  const server = await start({ DATABASE_URL: urlFor(BENCH_DB), LOG_LEVEL: 'warn', SEED_DEMO: 'false' })
  try {
    const login = async (username: string) => {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
      })
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
      return { authorization: `Bearer ${(await res.json()).token}` }
    }
    const get = async (auth: Record<string, string>, t: { z: number; x: number; y: number }) => {
      const t0 = process.hrtime.bigint()
      const res = await fetch(`http://127.0.0.1:${PORT}/api/map/tiles/${t.z}/${t.x}/${t.y}`, { headers: auth })
      const body = new Uint8Array(await res.arrayBuffer())
      const ms = Number(process.hrtime.bigint() - t0) / 1e6
      if (res.status !== 200) throw new Error(`tile ${t.z}/${t.x}/${t.y}: ${res.status}`)
      return { ms, bytes: body.length }
    }
    const district = await login('bench_tiles_district')
    const run = async () => {
      const out: Array<{ z: number; ms: number; bytes: number }> = []
      for (const t of tiles) out.push({ z: t.z, ...(await get(district, t)) })
      return out
    }
    const cold = await run()
    const warm = await run()

    // Largest tiles a whole-city user can ask for at the lowest zooms of the sweep (all grids drawn).
    const city = await login('bench_tiles_city')
    const { rows: [c] } = await db.query<{ west: number; south: number; east: number; north: number }>(
      `SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north FROM (SELECT ST_Extent(boundary) AS e FROM areas WHERE level = 1) s`)
    let cityMaxBytes = 0
    let cityMaxMs = 0
    for (const t of sweep(c, [10, 11])) {
      const r = await get(city, t)
      cityMaxBytes = Math.max(cityMaxBytes, r.bytes)
      cityMaxMs = Math.max(cityMaxMs, r.ms)
    }

    // A zoomed-out tile right after one business changes, and how long until it shows the change:
    // the change makes the server recount the business cells (snapshot-slot.ts).
    const first = tiles.find((t) => t.z === 11)!
    const etagOf = async () => (await fetch(`http://127.0.0.1:${PORT}/api/map/tiles/${first.z}/${first.x}/${first.y}`, { headers: district })).headers.get('etag')
    const etagBefore = await etagOf()
    await db.query(`UPDATE businesses SET risk_class = CASE risk_class WHEN 'low' THEN 'general' ELSE 'low' END
      WHERE id = (SELECT id FROM businesses WHERE area_code LIKE $1 AND location IS NOT NULL LIMIT 1)`, [d.code + '%'])
    const changed = Date.now()
    const afterChange = await get(district, first)
    while ((await etagOf()) === etagBefore && Date.now() - changed < 60_000) await new Promise((r) => setTimeout(r, 100))
    const showsChangeMs = Date.now() - changed
    console.log(`  z11 tile right after a business change: ${fmt(afterChange.ms, 1)} ms; the change shows after ${fmt(showsChangeMs, 0)} ms`)

    // Anchor: a bare ST_AsMVT of the raw points of the same tiles, in PostgreSQL.
    const anchor: Array<{ z: number; ms: number; bytes: number }> = []
    for (const t of tiles) {
      const { ms, result } = await time(() => db.query<{ n: number }>(
        `SELECT coalesce(length(ST_AsMVT(q, 'businesses')), 0)::int AS n FROM (
           SELECT id, name, risk_class, ST_AsMVTGeom(ST_Transform(location, 3857), ST_TileEnvelope($1, $2, $3)) AS geom
           FROM businesses WHERE location && ST_Transform(ST_TileEnvelope($1, $2, $3), 4326)) q`, [t.z, t.x, t.y]))
      anchor.push({ z: t.z, ms, bytes: result.rows[0].n })
    }

    const summary = (rs: Array<{ ms: number; bytes: number }>) => {
      const ms = rs.map((r) => r.ms).sort((a, b) => a - b)
      return { p50: pct(ms, 50), p95: pct(ms, 95), max: ms[ms.length - 1], maxKb: Math.max(...rs.map((r) => r.bytes)) / 1024 }
    }
    const o = summary(cold)
    const w = summary(warm)
    const a = summary(anchor)
    for (const z of [10, 11, 12, 13, 14, 15, 16, 17]) {
      const oz = summary(cold.filter((r) => r.z === z))
      const az = summary(anchor.filter((r) => r.z === z))
      console.log(`  z${z}: ours cold p95 ${fmt(oz.p95, 1)} ms, max ${fmt(oz.maxKb, 1)} KB | anchor p95 ${fmt(az.p95, 1)} ms, max ${fmt(az.maxKb, 1)} KB`)
    }
    console.log(`  whole-city user, z10–11 tiles over the city: max ${fmt(cityMaxBytes / 1024, 1)} KB, max ${fmt(cityMaxMs, 1)} ms`)
    report({
      name: `vector tiles, pan/zoom sweep z10–17 over district ${d.code} (${tiles.length} tiles, one at a time over HTTP, cold cache; 2 cores shared with other work)`,
      ours: `p50 ${fmt(o.p50, 1)} ms, p95 ${fmt(o.p95, 1)} ms, max ${fmt(o.max, 1)} ms, largest tile ${fmt(o.maxKb, 1)} KB (warm cache: p95 ${fmt(w.p95, 1)} ms)`,
      anchor: `bare ST_AsMVT of raw points in PostgreSQL: p50 ${fmt(a.p50, 1)} ms, p95 ${fmt(a.p95, 1)} ms, max ${fmt(a.max, 1)} ms, largest tile ${fmt(a.maxKb, 0)} KB`,
      ratio: a.p95 / o.p95,
      target: 'p95 < 50 ms, every tile < 500 KB',
      pass: o.p95 < 50 && o.maxKb < 500 && cityMaxBytes < 500 * 1024,
    })
  } finally {
    server.kill()
  }
}
