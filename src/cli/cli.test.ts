/**
 * The `market-grid` command as an operator runs it, on a fresh embedded data folder: migrate, seed
 * the demo, export, import back, verify the audit chain, and refuse bad usage.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-cli-'))
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

function cli(...args: string[]) {
  // Always the embedded database: this test must never touch the server's databases.
  return run(process.execPath, ['bin/market-grid.js', ...args], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, MG_ADMIN_PASSWORD: 'Install-Admin-2026!' },
    maxBuffer: 64 * 1024 * 1024,
  })
}

// The PostgreSQL pass of CI covers the same services; one embedded run is enough here.
describe.skipIf(Boolean(process.env.DATABASE_URL))('market-grid CLI', () => {
  it('prints its help', async () => {
    const { stdout } = await cli('--help')
    expect(stdout).toContain('verify-audit')
    expect(stdout).toContain('DATABASE_URL')
  })

  it('migrates, seeds the demo, exports, imports back, creates an administrator and verifies the audit chain', async () => {
    expect((await cli('migrate')).stdout).toMatch(/applied: 0001_core/)
    expect((await cli('migrate')).stdout).toContain('up to date')
    const seeded = await cli('seed', 'demo', '--businesses', '200', '--seed', '7')
    expect(seeded.stdout).toMatch(/200 businesses/)
    await expect(cli('seed', 'demo')).rejects.toMatchObject({ code: 1 })

    const out = path.join(dataDir, 'b.csv')
    await cli('export', 'businesses', '--under', '0502', '--out', out)
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n')
    expect(lines[0]).toContain('统一社会信用代码')
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.slice(1).every((l) => l.includes(',0502'))).toBe(true)

    // The same rows again: every one is a duplicate, so the all-or-nothing import refuses the file.
    const again = await cli('import', 'businesses', out).catch((e) => e)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('import.rowsRefused')

    await cli('create-admin', '--username', 'installer', '--role', 'security_admin')
    await expect(cli('create-admin', '--username', 'x2', '--role', 'district_chief')).rejects.toMatchObject({ code: 2 })

    const verified = await cli('verify-audit')
    expect(verified.stdout).toMatch(/\d+ events checked in \d+ chains? \(\d+ keyed, 0 unkeyed legacy\); head #\d+ [0-9a-f]{64}/)
    expect(verified.stdout).toContain('audit log intact')
  }, 180_000)
})
