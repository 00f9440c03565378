/**
 * `market-grid import` and `export`: the same services as the HTTP routes, run by the operator of
 * the machine as the system administrator of the whole installation, and audited as user "cli".
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import type { Db } from '../db/connection.ts'
import type { Actor } from '../modules/access/policy.ts'
import { exportAreas, importAreas, type ImportFeature } from '../modules/areas/geojson-io.ts'
import type { InputCrs } from '../modules/areas/geometry.ts'
import { exportBusinesses } from '../modules/ledger-io/businesses-export.ts'
import { importBusinesses, importMaintenance } from '../modules/ledger-io/businesses-import.ts'
import { exportPeople } from '../modules/ledger-io/people-export.ts'
import { importPeople } from '../modules/ledger-io/people-import.ts'
import type { TabularFormat } from '../server/tabular.ts'

// The host's operator imports and exports with a leader's rights over the whole installation; not as
// the system administrator, who reads no business data (三员分立, docs/admin-guide.md).
const CLI_ACTOR: Actor = { userId: 0, username: 'cli', displayName: '命令行 command line', roles: ['district_chief'], scope: '', ip: 'local' }
const LEDGERS = ['businesses', 'people', 'areas']

async function fileFacts(file: string): Promise<{ sha256: string; bytes: number; head: Buffer }> {
  const hash = createHash('sha256')
  let bytes = 0
  const headParts: Buffer[] = []
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk)
    if (bytes < 8192) headParts.push(chunk)
    bytes += chunk.length
  }
  return { sha256: hash.digest('hex'), bytes, head: Buffer.concat(headParts).subarray(0, 8192) }
}

export async function runImport(db: Db, args: string[], values: Record<string, unknown>): Promise<number> {
  const [ledger, file] = args
  if (!LEDGERS.includes(ledger) || !file) {
    console.error('usage: market-grid import businesses|people|areas FILE [--mode all|valid] [--dry-run] [--approved-by NAME]')
    return 2
  }
  const mode = values.mode === 'valid' ? 'valid' : 'all'
  const dryRun = Boolean(values['dry-run'])
  let report: unknown
  if (ledger === 'businesses') {
    report = await importBusinesses(db, CLI_ACTOR, { path: file, ...(await fileFacts(file)) }, { mode, dryRun, crs: 'WGS84', lang: 'zh-CN' })
    // The index upkeep a server would do after answering (name grams among it): done before exiting.
    await importMaintenance()
  } else if (ledger === 'people') {
    report = await importPeople(db, CLI_ACTOR, fs.createReadStream(file), { mode, dryRun, lang: 'zh-CN' })
  } else {
    const collection = JSON.parse(await fs.promises.readFile(file, 'utf8')) as { features?: ImportFeature[] }
    report = await importAreas(db, CLI_ACTOR, collection.features ?? [],
      { approvedBy: (values['approved-by'] as string) ?? '', crs: ((values.crs as InputCrs) ?? 'WGS84') }, 'zh-CN')
  }
  console.log(JSON.stringify(report, null, 2))
  return 0
}

export async function runExport(db: Db, args: string[], values: Record<string, unknown>): Promise<number> {
  const [ledger] = args
  if (!LEDGERS.includes(ledger)) {
    console.error('usage: market-grid export businesses|people|areas [--format csv|xlsx] [--under CODE] [--out FILE]')
    return 2
  }
  const under = values.under as string | undefined
  const format: TabularFormat = values.format === 'xlsx' ? 'xlsx' : 'csv'
  let stream: Readable
  if (ledger === 'businesses') stream = (await exportBusinesses(db, CLI_ACTOR, { under }, format, 'zh-CN')).stream
  else if (ledger === 'people') stream = (await exportPeople(db, CLI_ACTOR, { format, under, lang: 'zh-CN' })).stream
  else stream = Readable.from(await exportAreas(db, CLI_ACTOR, under))
  const out = values.out ? fs.createWriteStream(values.out as string) : process.stdout
  await pipeline(stream, out)
  return 0
}
