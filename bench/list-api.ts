/**
 * The business list and search API at 16 concurrent connections (autocannon), against a minimal
 * Fastify + pg route running the same query on the same data in the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import type { Db } from '../src/db/connection.ts'
import { fmt, report, urlFor } from './lib.ts'
import { BENCH_DB } from './data.ts'
import { insertUser } from '../src/modules/auth/service.ts'

const BENCH_PASSWORD = 'Bench-City-Pass-2026'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

async function start(args: string[], env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] })
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (res.status === 200 || res.status === 404) return child
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error(`server ${args.join(' ')} did not start`)
}

interface Load {
  rps: number
  p99: number
  errors: number
  non2xx: number
}

async function load(port: number, paths: string[], headers: Record<string, string>, seconds: number): Promise<Load> {
  let i = 0
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 16,
    duration: seconds,
    headers,
    requests: [{ setupRequest: (req: any) => ({ ...req, path: paths[i++ % paths.length] }) }],
  })
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx }
}

export async function benchListApi(db: Db, seconds = 10) {
  const { rows: [{ maxId }] } = await db.query<{ maxId: number }>('SELECT max(id)::int AS "maxId" FROM businesses')
  // What people type: three characters of the trade name (字号), the part after the place prefix
  // (province, city, district and, for a cooperative, its street: src/modules/demo/businesses.ts).
  // The same 200 every run, so that runs compare.
  const { rows: names } = await db.query<{ frag: string }>(
    `SELECT substr(regexp_replace(name, '^(陕西|西安市?)?(灞桥区|压测片区[0-9]{2})?([^0-9]{2,3}街道|压测[0-9]{2}-[0-9]{2}街道)?', ''), 1, 3) AS frag
     FROM businesses TABLESAMPLE SYSTEM (1) REPEATABLE (1) ORDER BY id LIMIT 200`)
  // A city-level command-centre account: its scope covers every district of the dataset.
  await db.query(`DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = 'bench_city')`)
  await db.query(`DELETE FROM users WHERE username = 'bench_city'`)
  await db.transaction((tx) => insertUser(tx, { username: 'bench_city', displayName: '压测市级指挥中心', password: BENCH_PASSWORD, roles: ['command_operator'], scope: '' }))
  // Pages all over the table, and name searches with the fragments users type.
  const at = (k: number) => Math.floor(((k * 7919) % 1000) / 1000 * maxId)
  const pages = Array.from({ length: 1000 }, (_, k) => `/businesses?limit=50&after=${at(k)}`)
  const searches = names.map((r) => `/businesses?limit=50&q=${encodeURIComponent(r.frag)}`)
  // The other searches of the ledger (M2.2): a grid's businesses, a risk class or an industry paged
  // from anywhere in the table, and the first twelve characters of a USCC.
  const { rows: picks } = await db.query<{ grid: string; uscc: string }>(
    `SELECT grid_code AS grid, uscc FROM businesses TABLESAMPLE SYSTEM (1) REPEATABLE (2) WHERE grid_code IS NOT NULL ORDER BY id LIMIT 60`)
  const industries = ['餐饮服务', '食品销售', '药品零售', '特种设备使用']
  const filters = [
    ...picks.map((r) => `/businesses?limit=50&gridCode=${r.grid}`),
    ...picks.map((r) => `/businesses?limit=50&q=${r.uscc.slice(0, 12)}`),
    ...Array.from({ length: 40 }, (_, k) => `/businesses?limit=50&riskClass=${k % 2 ? 'high' : 'higher'}&after=${at(k)}`),
    ...Array.from({ length: 40 }, (_, k) => `/businesses?limit=50&industry=${encodeURIComponent(industries[k % 4])}&after=${at(k + 40)}`),
  ]

  const env = { DATABASE_URL: urlFor(BENCH_DB), LOG_LEVEL: 'warn' }
  const minimal = await start(['--import', 'tsx', 'bench/minimal-server.ts'], env, 18601)
  const ours = await start(['bin/market-grid.js', 'serve'], { ...env, SEED_DEMO: 'false' }, 18602)
  try {
    const login = await fetch('http://127.0.0.1:18602/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench_city', password: BENCH_PASSWORD }),
    })
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`)
    const token = (await login.json()).token as string
    const auth = { authorization: `Bearer ${token}` }

    for (const [label, paths] of [['keyset pages', pages], ['searches by grid, risk class, industry and USCC', filters], ['name search', searches]] as const) {
      await load(18601, paths, {}, 2) // warm-up
      await load(18602, paths.map((p) => '/api' + p), auth, 2)
      const a = await load(18601, paths, {}, seconds)
      const o = await load(18602, paths.map((p) => '/api' + p), auth, seconds)
      report({
        name: `business list API, ${label}, 16 connections, ${seconds} s`,
        ours: `${fmt(o.rps)} req/s, p99 ${o.p99} ms (errors ${o.errors}, non-2xx ${o.non2xx})`,
        anchor: `${fmt(a.rps)} req/s, p99 ${a.p99} ms (minimal Fastify + pg, same SQL)`,
        ratio: o.rps / a.rps,
        target: '≥ 0.60, p99 < 50 ms',
        pass: o.rps / a.rps >= 0.6 && o.p99 < 50 && o.errors === 0 && o.non2xx === 0,
      })
    }
  } finally {
    minimal.kill()
    ours.kill()
  }
}
