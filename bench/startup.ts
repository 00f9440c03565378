/**
 * Embedded start-up on an existing data folder: from `market-grid serve` to the first API request
 * answered, against bare PGlite opening the same folder in the same run. Target: under 10 s.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openPglite } from '../src/db/connection.ts'
import { fmt, report, time } from './lib.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

async function serveUntilFirstRequest(dataDir: string, port: number): Promise<number> {
  const started = Date.now()
  const child = spawn(process.execPath, ['bin/market-grid.js', 'serve'], {
    cwd: root, env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      if (Date.now() - started > 300_000) throw new Error('server did not start in 300 s')
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'chief', password: 'Demo-Grid-2026!' }),
        })
        if (res.status === 200) return Date.now() - started
      } catch {}
      await new Promise((r) => setTimeout(r, 50))
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}

export async function benchStartup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-startup-'))
  try {
    const first = await serveUntilFirstRequest(dataDir, 18701)
    const again = await serveUntilFirstRequest(dataDir, 18702)
    const openBare = () => time(async () => {
      const db = await openPglite(path.join(dataDir, 'db'))
      await db.query('SELECT 1')
      await db.close()
    })
    const bare = await openBare()
    // The same with the package's whole PostGIS bundle (src/db/postgis-bundle.ts).
    process.env.POSTGIS_FULL_BUNDLE = 'true'
    const whole = await openBare().finally(() => delete process.env.POSTGIS_FULL_BUNDLE)
    report({
      name: 'embedded start-up on an existing data folder, to the first API request answered',
      ours: `${fmt(again)} ms (the very first start, which also builds the demo district: ${fmt(first)} ms)`,
      anchor: `${fmt(bare.ms)} ms (bare PGlite + PostGIS opening the same folder; with the package's whole PostGIS bundle: ${fmt(whole.ms)} ms)`,
      ratio: again / 10_000,
      target: '≤ 1 (of the 10 s limit)',
      pass: again <= 10_000,
    })
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
