/**
 * The embedded data folder's lock: a second opener is refused naming the holder, a dead holder's
 * lock is taken over, and a real second process (`market-grid migrate`) exits with the message.
 */
import { execFile, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { DataDirLockedError, acquireDataDirLock, lockPath } from './data-lock.ts'

const run = promisify(execFile)
const dirs: string[] = []
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-lock-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

/** A PID that certainly belonged to a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

describe('data folder lock', () => {
  it('writes the holder (PID, command, start time) and removes the lock on release', () => {
    const dir = tempDir()
    const release = acquireDataDirLock(dir, 'server')
    const holder = JSON.parse(fs.readFileSync(lockPath(dir), 'utf8'))
    expect(holder).toMatchObject({ pid: process.pid, command: 'server' })
    expect(Number.isNaN(Date.parse(holder.startedAt))).toBe(false)
    release()
    expect(fs.existsSync(lockPath(dir))).toBe(false)
  })

  it('refuses a second opener while a live process holds the folder, naming it', () => {
    const dir = tempDir()
    // The parent of this test process is alive for as long as the test runs.
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: process.ppid, command: 'server', startedAt: new Date().toISOString() }))
    let err: unknown
    try {
      acquireDataDirLock(dir, 'market-grid import')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(DataDirLockedError)
    expect((err as Error).message).toMatch(
      new RegExp(`^the MarketGrid server \\(PID ${process.ppid}, started \\d\\d:\\d\\d\\) is using .*: stop it, or use the running server's API/console to import`),
    )
    // The holder's lock is left alone.
    expect(JSON.parse(fs.readFileSync(lockPath(dir), 'utf8')).pid).toBe(process.ppid)
  })

  it('takes over the lock of a process that is gone', () => {
    const dir = tempDir()
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: deadPid(), command: 'server', startedAt: '2026-01-01T00:00:00Z' }))
    const release = acquireDataDirLock(dir, 'market-grid migrate')
    expect(JSON.parse(fs.readFileSync(lockPath(dir), 'utf8')).pid).toBe(process.pid)
    release()
  })

  it('refuses a second opener in the same process, and takes over a lock with its own PID that it does not hold (a restarted container)', () => {
    const dir = tempDir()
    const release = acquireDataDirLock(dir, 'server')
    expect(() => acquireDataDirLock(dir, 'server')).toThrow(DataDirLockedError)
    release()
    // Left by an earlier process that had the same PID (kill -9, container restarted as PID 1).
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: process.pid, command: 'server', startedAt: '2026-01-01T00:00:00Z' }))
    const again = acquireDataDirLock(dir, 'server')
    expect(JSON.parse(fs.readFileSync(lockPath(dir), 'utf8')).startedAt).not.toBe('2026-01-01T00:00:00Z')
    again()
  })

  it('takes over a lock whose PID now belongs to a process started after the lock was written', () => {
    const dir = tempDir()
    // The parent process is alive, but the lock predates it: that PID was reused.
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: process.ppid, command: 'server', startedAt: '2000-01-01T00:00:00Z' }))
    const release = acquireDataDirLock(dir, 'market-grid import')
    expect(JSON.parse(fs.readFileSync(lockPath(dir), 'utf8')).pid).toBe(process.pid)
    release()
  })

  it('a real second process on a folder in use exits non-zero with the message, and writes nothing', async () => {
    const dir = tempDir()
    const release = acquireDataDirLock(dir, 'server')
    try {
      const result = await run(process.execPath, ['bin/market-grid.js', 'migrate'], {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (e) => ({ code: e.code as number, stderr: String(e.stderr) }),
      )
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`the MarketGrid server (PID ${process.pid}, started`)
      expect(result.stderr).toContain(`is using ${dir}`)
      expect(fs.existsSync(path.join(dir, 'db'))).toBe(false)
    } finally {
      release()
    }
    // Free again: the next opener gets it.
    acquireDataDirLock(dir, 'market-grid migrate')()
  }, 60_000)
})
