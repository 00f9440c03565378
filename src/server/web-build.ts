/**
 * Builds the web console when its sources changed since the last build, so that `npm start` on a
 * fresh clone serves the console without a separate build step. The build is stamped with a hash of
 * the sources and the lockfile; an unchanged tree starts without building.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const webDir = path.join(root, 'web')
export const webDistDir = path.join(webDir, 'dist')
export const publicDir = path.join(root, 'public')
const stampFile = path.join(webDistDir, '.build-hash')

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...sourceFiles(full))
    else if (!entry.name.endsWith('.test.ts')) out.push(full)
  }
  return out.sort()
}

/** Server modules the console imports directly (shared rules and constants, e.g. the tile contract). */
function sharedServerFiles(webFiles: string[]): string[] {
  const found = new Set<string>()
  for (const f of webFiles) {
    if (!/\.tsx?$/.test(f)) continue
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/from '((?:\.\.\/)+src\/[^']+)'/g)) found.add(path.resolve(path.dirname(f), m[1]))
  }
  return [...found].sort()
}

/** The hash of everything the build reads: web sources, shared server modules, the lockfile, this step. */
function sourceHash(): string {
  const h = crypto.createHash('sha256')
  const web = sourceFiles(webDir)
  const files = [...web, ...sharedServerFiles(web), path.join(root, 'package-lock.json'), fileURLToPath(import.meta.url)]
  for (const f of files) {
    if (!fs.existsSync(f)) continue
    h.update(path.relative(root, f)).update('\0').update(fs.readFileSync(f)).update('\0')
  }
  return h.digest('hex')
}

function isWebBuildCurrent(): boolean {
  return fs.existsSync(path.join(webDistDir, 'index.html')) && fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8').trim() === sourceHash()
}

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)

/** Writes .gz and .br beside every text asset, served by @fastify/static's preCompressed option. */
async function precompress(dir: string) {
  for (const f of sourceFiles(dir)) {
    if (!/\.(m?js|css|html|json|svg|txt|map)$/.test(f)) continue
    const data = fs.readFileSync(f)
    if (data.length < 1024) continue
    fs.writeFileSync(f + '.gz', await gzip(data, { level: 9 }))
    fs.writeFileSync(f + '.br', await brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }))
  }
}

const lockDir = path.join(webDir, '.build-lock')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** One build at a time across processes (tests and a server may start together): mkdir is atomic. */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      fs.mkdirSync(lockDir)
      break
    } catch {
      // A lock older than 10 minutes belongs to a build that died.
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 10 * 60_000) fs.rmSync(lockDir, { recursive: true, force: true })
      await sleep(500)
    }
  }
  try {
    return await fn()
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true })
  }
}

/** Builds web/dist unless it is current; returns whether a build ran. */
export async function ensureWebBuilt(log: (msg: string) => void = () => {}): Promise<boolean> {
  if (isWebBuildCurrent()) return false
  return withBuildLock(() => buildWeb(log))
}

async function buildWeb(log: (msg: string) => void): Promise<boolean> {
  if (isWebBuildCurrent()) return false // built by another process while this one waited
  const hash = sourceHash()
  const started = Date.now()
  log('building the web console (web/dist) …')
  const { build } = await import('vite')
  // Always the production bundle, whoever builds: Vite takes React's build from NODE_ENV, which the
  // test runner sets to 'test', and the stamp below does not tell the two apart — a console built by
  // `npm test` would otherwise be served by `npm start` in React's development build.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  await precompress(webDistDir)
  fs.writeFileSync(stampFile, hash + '\n')
  log(`web console built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return true
}
