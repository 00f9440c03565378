/**
 * The field app's first sync over 3G (issue 15): a grid of 2,000 businesses and 200 open tasks for
 * the demo grid worker, the server on PostgreSQL, the phone a headless Chromium at 390 px with the
 * network emulated as 3G (Chrome DevTools' protocol: 300 ms latency, 750 kbit/s down, 250 kbit/s up).
 * Measured from opening /field, logged in, with a cold cache, until the tasks, the businesses and the
 * grid's map (its boundary and the vector tiles of zooms 12–16 over it, web/field/map-sync.ts) are
 * on the phone (IndexedDB): time and bytes transferred. Then a later sync after 20 businesses changed:
 * the bytes of the businesses' answer, against the first one's. The service worker is kept out of
 * this page (its requests are not throttled by the page's emulation); what it keeps for starting
 * with no signal is the precache, reported beside from the built files' brotli sizes.
 */
import fs from 'node:fs'
import path from 'node:path'
import { buildApp } from '../src/server/app.ts'
import { seedDemo, DEMO_PASSWORD } from '../src/modules/demo/seed.ts'
import { makeUscc } from '../src/modules/businesses/uscc.ts'
import { loadConfig } from '../src/config.ts'
import { launchBrowser } from '../test/e2e/browser.ts'
import { boxOf, tilesCovering } from '../src/modules/map/tile-cover.ts'
import { createDatabase, dropDatabase, fmt, report } from './lib.ts'

const DB_NAME = 'mg_bench_field'
export const GRID = '050203'
const BUSINESSES = 2000
const TASKS = 200
export const THREE_G = { offline: false, latency: 300, downloadThroughput: (750 * 1024) / 8, uploadThroughput: (250 * 1024) / 8 }

/** What the phone holds, read from its IndexedDB (a string: the console's CSP forbids eval of a function's source). */
const HELD = `new Promise((resolve) => {
  const open = indexedDB.open('marketgrid-field')
  open.onerror = () => resolve([0, 0, 0, 0])
  open.onsuccess = () => {
    const db = open.result
    try {
      const tx = db.transaction(['businesses', 'tasks', 'boundaries', 'tiles'])
      const b = tx.objectStore('businesses').count()
      const t = tx.objectStore('tasks').count()
      const g = tx.objectStore('boundaries').count()
      const m = tx.objectStore('tiles').count()
      tx.oncomplete = () => { db.close(); resolve([b.result, t.result, g.result, m.result]) }
    } catch { db.close(); resolve([0, 0, 0, 0]) }
  }
})`

/**
 * A fresh database `name` with the demo district, grid 050203 filled to `businesses` businesses and
 * `tasks` open licence-display tasks for worker050203 (its other tasks removed). Shared with
 * field-outbox.ts.
 */
export async function fieldGrid(name: string, businesses: number, tasks: number) {
  const db = await createDatabase(name)
  await seedDemo(db, { seed: 7 })
  const { rows: [{ n }] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM businesses WHERE grid_code = $1', [GRID])
  const more = businesses - n
  const codes = Array.from({ length: Math.max(0, more) }, (_, i) => makeUscc('individual', '610199', 9_000_000 + i))
  if (more > 0) {
    await db.query(
      `INSERT INTO businesses (uscc, name, kind, registered_address, location, industry, legal_representative, contact_phone, grid_code, area_code)
       SELECT c.uscc, '基准测试商户' || c.i, 'individual', '西安市灞桥区基准路' || c.i || '号', p.geom, '批发和零售业', '张三', '13812345678', $2, $2
       FROM unnest($1::text[]) WITH ORDINALITY AS c(uscc, i)
       JOIN (SELECT d.geom, d.i FROM areas a CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(a.boundary, $3, 7)) WITH ORDINALITY AS d(path, geom, i)
             WHERE a.code = $2) p ON p.i = c.i`,
      [codes, GRID, more])
  }
  await db.query(`DELETE FROM patrol_tasks WHERE grid_code = $1`, [GRID])
  await db.query(
    `INSERT INTO patrol_tasks (item_code, item_version, target_key, business_id, grid_code, period, due_on, assignee_id)
     SELECT 'licence-display', (SELECT version FROM patrol_items WHERE code = 'licence-display'), 'b' || b.id, b.id, $1, '2026-12', date '2026-12-31',
       (SELECT id FROM users WHERE username = 'worker050203')
     FROM (SELECT id FROM businesses WHERE grid_code = $1 ORDER BY id LIMIT $2) b`, [GRID, tasks])
  return db
}

/** The brotli size of what the service worker keeps (its precache manifest in web/dist/sw.js). */
function precacheBytes(): { files: number; bytes: number } {
  const dist = path.resolve('web/dist')
  const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8')
  const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1])
  let bytes = 0
  for (const u of urls) {
    const file = path.join(dist, u)
    bytes += fs.existsSync(file + '.br') ? fs.statSync(file + '.br').size : fs.existsSync(file) ? fs.statSync(file).size : 0
  }
  return { files: urls.length, bytes }
}

export async function benchFieldSync() {
  console.log(`building the field bench: the demo district, ${fmt(BUSINESSES)} businesses and ${TASKS} tasks in grid ${GRID} …`)
  const db = await fieldGrid(DB_NAME, BUSINESSES, TASKS)
  const config = loadConfig({ DATA_DIR: '/nonexistent', SEED_DEMO: 'false', WEB_BUILD: 'false', LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv)
  config.security = { ...config.security, loginAttemptsPerIpPerMinute: 10_000 }
  const app = await buildApp({ db, config })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const browser = await launchBrowser()
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' })
    const page = await context.newPage()
    page.setDefaultTimeout(300_000)
    await page.goto(url + '/')
    await page.locator('#login_username').fill('worker050203')
    await page.locator('#login_password').fill(DEMO_PASSWORD)
    await page.locator('form#login button[type=submit]').click()
    await page.getByTestId('scope').waitFor()

    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.clearBrowserCache')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', THREE_G)
    const urls = new Map<string, string>()
    let transferred = 0
    const byUrl = new Map<string, number>()
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => urls.set(e.requestId, e.request.url))
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      transferred += e.encodedDataLength
      const u = new URL(urls.get(e.requestId) ?? url).pathname
      byUrl.set(u, (byUrl.get(u) ?? 0) + e.encodedDataLength)
    })

    const { rows: [grid] } = await db.query<{ boundary: string }>('SELECT ST_AsGeoJSON(boundary) AS boundary FROM areas WHERE code = $1', [GRID])
    const tiles = tilesCovering(boxOf([JSON.parse(grid!.boundary)])!).length
    const started = Date.now()
    await page.goto(url + '/field')
    await page.getByTestId('field-task').first().waitFor()
    for (;;) {
      const [b, t, g, m] = await page.evaluate(HELD) as [number, number, number, number]
      if (b >= BUSINESSES && t >= TASKS && g >= 1 && m >= tiles) break
      if (Date.now() - started > 300_000) throw new Error(`first sync not done in 300 s: ${b} businesses, ${t} tasks, ${g} boundaries, ${m} of ${tiles} tiles`)
      await new Promise((r) => setTimeout(r, 100))
    }
    const firstMs = Date.now() - started
    const firstBytes = transferred
    const firstBusinessBytes = byUrl.get('/api/businesses/on-phone') ?? 0
    const bytesUnder = (prefix: string) => [...byUrl].filter(([u]) => u.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0)
    const firstTiles = bytesUnder('/api/map/tiles/')
    const firstBoundary = bytesUnder('/api/areas/')
    report({
      name: `field app first sync over 3G: ${fmt(BUSINESSES)} businesses, ${TASKS} tasks and the grid's map (${tiles} tiles) onto the phone, app included (cold cache)`,
      ours: `${fmt(firstMs / 1000, 1)} s, ${fmt(firstBytes / 1024)} KB (businesses ${fmt(firstBusinessBytes / 1024)} KB, tasks ${fmt((byUrl.get('/api/patrol-tasks') ?? 0) / 1024)} KB, ` +
        `boundary ${fmt(firstBoundary / 1024, 1)} KB, tiles ${fmt(firstTiles / 1024)} KB)`,
      anchor: '30 s and 15 MB (the limits)',
      ratio: Math.max(firstMs / 30_000, firstBytes / (15 * 1024 * 1024)),
      target: '≤ 1',
      pass: firstMs < 30_000 && firstBytes < 15 * 1024 * 1024,
    })

    // A later sync: 20 businesses changed on the server; the phone asks again on opening.
    await db.query(`UPDATE businesses SET industry = '住宿和餐饮业', version = version + 1, updated_at = now()
                    WHERE id IN (SELECT id FROM businesses WHERE grid_code = $1 ORDER BY id DESC LIMIT 20)`, [GRID])
    byUrl.clear()
    await page.reload()
    await page.getByTestId('field-task').first().waitFor()
    while (!byUrl.has('/api/businesses/on-phone')) await new Promise((r) => setTimeout(r, 100))
    const laterBytes = byUrl.get('/api/businesses/on-phone')!
    report({
      name: 'field app later sync: the businesses\' answer after 20 of 2,000 changed',
      ours: `${fmt(laterBytes / 1024, 1)} KB`,
      anchor: `${fmt(firstBusinessBytes / 1024, 1)} KB (the first sync's)`,
      ratio: laterBytes / firstBusinessBytes,
      target: 'only the changes',
      pass: laterBytes < firstBusinessBytes / 10,
    })
    // The map: the boundary is asked for again; the tiles are not, being complete, less than a day
    // old and made for the same boundary (web/field/map-sync.ts: their ETags follow every business
    // saved anywhere, so asking would fetch them all again after the 20 changes above).
    while (!byUrl.has(`/api/areas/${GRID}`)) await new Promise((r) => setTimeout(r, 100))
    await new Promise((r) => setTimeout(r, 3000))
    const laterMapBytes = bytesUnder('/api/areas/') + bytesUnder('/api/map/tiles/')
    report({
      name: `field app later sync: the grid's map (boundary again, ${tiles} tiles kept)`,
      ours: `${fmt(laterMapBytes / 1024, 1)} KB (tiles ${fmt(bytesUnder('/api/map/tiles/') / 1024, 1)} KB)`,
      anchor: `${fmt((firstTiles + firstBoundary) / 1024, 1)} KB (the first sync's)`,
      ratio: laterMapBytes / (firstTiles + firstBoundary),
      target: 'the boundary only',
      pass: bytesUnder('/api/map/tiles/') === 0,
    })
    const kept = precacheBytes()
    console.log(`  (kept by the service worker for starting with no signal, fetched once in the background: ${kept.files} files, ${fmt(kept.bytes / 1024)} KB brotli)`)
    await context.close()
  } finally {
    await browser.close()
    await app.close()
    await db.close()
    await dropDatabase(DB_NAME)
  }
}
