/**
 * `npm run bench [-- names…]`: the benchmarks of docs/performance.md on PostgreSQL (BENCH_DATABASE_URL
 * or DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and the embedded start-up.
 * Each prints MarketGrid's figure, its anchor measured in the same run, and the ratio.
 */
import { benchDataset } from './data.ts'
import { figures } from './lib.ts'
import { benchPlacement } from './placement.ts'
import { benchReplacement } from './replacement.ts'
import { benchListApi } from './list-api.ts'
import { benchStartup } from './startup.ts'
import { benchTiles } from './tiles.ts'

const all = ['placement', 'replacement', 'list', 'tiles', 'import', 'startup', 'first-load', 'verify-audit', 'cases', 'staffing', 'field-sync', 'field-outbox']
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const run = chosen.length ? chosen : all
const businesses = Number(process.env.BENCH_BUSINESSES ?? 1_000_000)
const grids = Number(process.env.BENCH_GRIDS ?? 10_000)

const needsDataset = run.some((r) => ['placement', 'replacement', 'list', 'tiles'].includes(r))
const db = needsDataset ? await benchDataset({ grids, businesses, seed: 1 }) : null
try {
  if (run.includes('placement')) await benchPlacement(db!)
  if (run.includes('replacement')) await benchReplacement(db!)
  if (run.includes('list')) await benchListApi(db!)
  if (run.includes('tiles')) await benchTiles(db!)
  if (run.includes('import')) {
    const { runImportBench } = await import('./import.ts')
    await runImportBench({ rows: businesses })
  }
  if (run.includes('startup')) await benchStartup()
  if (run.includes('first-load')) {
    const { benchFirstLoad } = await import('./first-load.ts')
    await benchFirstLoad()
  }
  if (run.includes('cases')) {
    const { benchCases } = await import('./cases.ts')
    await benchCases()
  }
  if (run.includes('staffing')) {
    const { benchStaffing } = await import('./staffing.ts')
    await benchStaffing()
  }
  if (run.includes('field-sync')) {
    const { benchFieldSync } = await import('./field-sync.ts')
    await benchFieldSync()
  }
  if (run.includes('field-outbox')) {
    const { benchFieldOutbox } = await import('./field-outbox.ts')
    await benchFieldOutbox()
  }
  if (run.includes('verify-audit')) {
    const { benchVerifyAudit } = await import('./verify-audit.ts')
    await benchVerifyAudit()
  }
} finally {
  await db?.close()
}
console.log('\nsummary')
for (const f of figures) console.log(`  ${f.pass ? 'PASS' : 'MISS'}  ${f.ratio.toFixed(2).padStart(7)}  ${f.name}`)
process.exit(0)
