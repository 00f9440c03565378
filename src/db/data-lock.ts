/**
 * The embedded database's folder lock. PGlite takes no lock of its own: two processes on one
 * DATA_DIR (`market-grid import` while the server runs) each write their own copy of the pages and
 * one's commits, audit events included, vanish without an error. So whoever opens DATA_DIR/db
 * first holds DATA_DIR/market-grid.lock (created with O_EXCL) until it closes, and any other
 * opener is refused with the holder's name. A lock whose process is gone (kill -9, power cut) is
 * taken over.
 */
import fs from 'node:fs'
import path from 'node:path'

export interface LockHolder {
  pid: number
  /** what holds it: "server" or the command, e.g. "market-grid import" */
  command: string
  /** ISO time the holder opened the folder */
  startedAt: string
}

/** Refusal to open a data folder that another live process holds. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(describeHolder(dataDir, holder))
    this.name = 'DataDirLockedError'
  }
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'market-grid.lock')
}

function hhmm(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return 'at an unknown time'
  const pad = (n: number) => String(n).padStart(2, '0')
  const today = new Date().toDateString() === d.toDateString()
  return (today ? '' : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `) + `${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function describeHolder(dataDir: string, h: LockHolder): string {
  const who = h.command === 'server' ? 'the MarketGrid server' : `\`${h.command}\``
  const what = h.command === 'server' ? "stop it, or use the running server's API/console to import" : 'wait for it to finish, or stop it'
  return `${who} (PID ${h.pid}, started ${hhmm(h.startedAt)}) is using ${dataDir}: ${what} (data folder lock ${lockPath(dataDir)})`
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Lock files this process holds: the same PID in a file it does not hold is a reused PID. */
const heldHere = new Set<string>()

/**
 * When the process with this PID started (Linux: /proc), or null where that cannot be read. A PID
 * is reused after a restart — in a container the server is often PID 1 every time — so a lock
 * older than the live process with its PID is stale.
 */
function processStartMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const startTicks = Number(fields[19])
    const btime = Number(/^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1])
    if (!Number.isFinite(startTicks) || !Number.isFinite(btime)) return null
    return btime * 1000 + (startTicks / 100) * 1000 // USER_HZ is 100 on Linux
  } catch {
    return null
  }
}

/** Whether the lock's holder still runs: its PID is alive and is not a newer process under that PID. */
function holderAlive(file: string, holder: LockHolder): boolean {
  if (holder.pid === process.pid) return heldHere.has(file)
  if (!isProcessAlive(holder.pid)) return false
  const started = processStartMs(holder.pid)
  const locked = Date.parse(holder.startedAt)
  // 5 s of slack for clock granularity: a process never locks before it starts.
  return started === null || Number.isNaN(locked) || started <= locked + 5000
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8'))
    return { pid: Number(h.pid), command: String(h.command ?? 'unknown'), startedAt: String(h.startedAt ?? '') }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    // Half-written or foreign content: no live holder can be named; treat as stale.
    return { pid: 0, command: 'unknown', startedAt: '' }
  }
}

/**
 * Takes the lock of `dataDir` for this process, or throws DataDirLockedError naming the holder.
 * Returns the release function (idempotent); the lock also goes at process exit and, when nothing
 * else handles them, on SIGINT/SIGTERM (a server's own handlers close the database, which releases).
 */
export function acquireDataDirLock(dataDir: string, command: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.resolve(lockPath(dataDir))
  const me: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString() }
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644)
      fs.writeSync(fd, JSON.stringify(me) + '\n')
      fs.closeSync(fd)
      heldHere.add(file)
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err
      const holder = readHolder(file)
      if (holder && holderAlive(file, holder)) throw new DataDirLockedError(dataDir, holder)
      // Stale (its process is gone, or its PID now belongs to a later process): take it over.
      fs.rmSync(file, { force: true })
    }
  }
  let released = false
  const onSignal = (signal: NodeJS.Signals) => {
    // Only when no one else handles the signal: then Node would have ended the process anyway.
    if (process.listenerCount(signal) > 1) return
    release()
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  const release = () => {
    if (released) return
    released = true
    heldHere.delete(file)
    process.off('exit', release)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    // Only our own: never remove a lock another process took over meanwhile.
    const holder = readHolder(file)
    if (holder && holder.pid === process.pid) fs.rmSync(file, { force: true })
  }
  process.on('exit', release)
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return release
}
