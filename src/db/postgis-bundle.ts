/**
 * The PostGIS bundle the embedded database loads at every start, cut down to what a running
 * database uses. The package's bundle (95 MB unpacked) also carries the raster and topology
 * libraries, the tiger geocoder and some 500 upgrade scripts; PGlite unpacks all of it into memory
 * on each start, which took 3.7 of a 4.8 s open on a 2-core machine. The cut bundle (34 MB: the
 * library, its install script and control file, PROJ's data) opens in 2.7 s. It is made once from
 * the installed package and kept in node_modules/.cache, named by the package bundle's size and time.
 *
 * Upgrading PostGIS inside an existing embedded database (`ALTER EXTENSION postgis UPDATE`) needs
 * the upgrade scripts left out here: set POSTGIS_FULL_BUNDLE=true for that start.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'

/** The files a running database needs: the library, what CREATE EXTENSION reads, and PROJ's data. */
export function neededByRunningDatabase(name: string): boolean {
  return /^(lib\/postgresql\/postgis-\d+\.so|share\/proj\/.*|share\/postgresql\/extension\/postgis(\.control|--\d+\.\d+\.\d+\.sql))$/.test(name)
}

const BLOCK = 512

function field(header: Buffer, from: number, length: number): string {
  const raw = header.subarray(from, from + length)
  const end = raw.indexOf(0)
  return raw.subarray(0, end === -1 ? length : end).toString('utf8')
}

export interface TarEntry {
  name: string
  /** '0' a file, '5' a directory, '2' a symbolic link … */
  type: string
  /** the entry as it stands in the archive: header, data and padding */
  raw: Buffer
}

/**
 * The entries of a tar archive, in order: POSIX ustar or GNU headers, as the package ships them.
 * GNU long names (an 'L' entry before the file) are not read: such a file would be seen by its
 * first 100 characters (the package's longest name has 73).
 */
export function* tarEntries(tar: Buffer): Generator<TarEntry> {
  let at = 0
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK)
    if (header.every((b) => b === 0)) return
    // Only POSIX ustar ("ustar\0") has a name prefix at 345; GNU tar ("ustar  ") keeps times there.
    const prefix = field(header, 257, 6) === 'ustar' ? field(header, 345, 155) : ''
    const name = (prefix ? prefix + '/' : '') + field(header, 0, 100)
    const size = parseInt(field(header, 124, 12).trim() || '0', 8)
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK
    if (end > tar.length) throw new Error(`tar entry ${name} runs past the end of the archive`)
    yield { name, type: String.fromCharCode(header[156] || 48), raw: tar.subarray(at, end) }
    at = end
  }
}

/** A new archive of the files and directories of `tar` that `keep` accepts by name; links go. */
export function filterTar(tar: Buffer, keep: (name: string) => boolean): Buffer {
  const kept = [...tarEntries(tar)].filter((e) => (e.type === '0' || e.type === '5') && keep(e.name))
  return Buffer.concat([...kept.map((e) => e.raw), Buffer.alloc(2 * BLOCK)])
}

/** The folder of the package's built files (its bundle lies beside them). */
function packageDist(): string {
  return path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis'))
}

export function stockPostgisBundle(): string {
  return path.join(packageDist(), 'postgis.tar.gz')
}

/** node_modules/.cache/market-grid, beside the installed packages. */
function cacheDir(): string {
  return path.join(packageDist(), '..', '..', '..', '.cache', 'market-grid')
}

/**
 * The path of the cut bundle, made from the stock one if this installation has not made it yet.
 * Null when it cannot be made or kept (a read-only installation): the stock bundle is used then.
 */
export function runningPostgisBundle(): string | null {
  if (process.env.POSTGIS_FULL_BUNDLE === 'true') return null
  try {
    const source = stockPostgisBundle()
    // Named by the installed file's size and time, so that a start reads 20 MB only to make it.
    const { size, mtimeMs } = fs.statSync(source)
    for (const dir of [cacheDir(), path.join(os.tmpdir(), 'market-grid-cache')]) {
      const target = path.join(dir, `postgis-running-${size}-${Math.round(mtimeMs)}.tar.gz`)
      if (fs.existsSync(target)) return target
      try {
        fs.mkdirSync(dir, { recursive: true })
        // Written aside and renamed: test workers starting together never read half a file.
        const temp = `${target}.${process.pid}.tmp`
        fs.writeFileSync(temp, gzipSync(filterTar(gunzipSync(fs.readFileSync(source)), neededByRunningDatabase), { level: 1 }))
        fs.renameSync(temp, target)
        return target
      } catch {
        // not writable: try the next place
      }
    }
    return null
  } catch {
    return null
  }
}
