/**
 * The outbox under a bad network (issue 15): 500 findings with 1,000 photos queued on the phone are
 * sent through a proxy that loses 10 % of the server's replies (the server did the work; the phone
 * never hears). The phone (headless Chromium running the field app) sends again until its outbox is
 * empty; then the database must hold exactly 500 findings and 1,000 photos, none twice. Counted,
 * not timed against a limit; the time is printed. The anchor: the same requests with no loss.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildApp } from '../src/server/app.ts'
import { DEMO_PASSWORD } from '../src/modules/demo/seed.ts'
import { loadConfig } from '../src/config.ts'
import { launchBrowser } from '../test/e2e/browser.ts'
import { dropDatabase, fmt, report } from './lib.ts'
import { fieldGrid, GRID } from './field-sync.ts'

const DB_NAME = 'mg_bench_field_outbox'
const FINDINGS = 500
const PHOTOS_EACH = 2
const LOSS = 0.1

/** A deterministic stream of numbers in [0, 1): the same replies are lost in every run. */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Forwards to `target`; loses the reply of `loss` of the API's writes after the server answered. */
function lossyProxy(target: number, loss: number) {
  const next = random(15)
  const counts = { forwarded: 0, lost: 0 }
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const chunks: Buffer[] = []
      up.on('data', (c: Buffer) => chunks.push(c))
      up.on('end', () => {
        counts.forwarded++
        const write = req.method === 'POST' && /^\/api\/(evidence|patrol-findings)/.test(req.url ?? '')
        if (write && next() < loss) {
          counts.lost++
          res.socket?.destroy()
          return
        }
        res.writeHead(up.statusCode ?? 502, up.headers)
        res.end(Buffer.concat(chunks))
      })
    })
    upstream.on('error', () => res.socket?.destroy())
    req.pipe(upstream)
  })
  return { server, counts }
}

/** 500 findings with two distinct small photos each, written into the phone's outbox (a string: the page runs no transpiled code). */
const FILL = (tasks: number[], salt: string) => `(async () => {
  const tasks = ${JSON.stringify(tasks)}
  const entries = []
  const canvas = new OffscreenCanvas(64, 48)
  const g = canvas.getContext('2d')
  for (let i = 0; i < tasks.length; i++) {
    const photos = []
    for (let p = 0; p < ${PHOTOS_EACH}; p++) {
      g.fillStyle = 'rgb(' + (i % 256) + ',' + (Math.floor(i / 256) * 64 + p * 16) + ',' + (p * 100 + 20) + ')'
      g.fillRect(0, 0, 64, 48)
      g.fillStyle = '#fff'
      g.fillText(${JSON.stringify(salt)} + i + '-' + p, 4, 24)
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })
      const hash = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
      const sha256 = [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('')
      photos.push({ blob, name: 'p' + i + '-' + p + '.jpg', sha256, capturedAt: new Date().toISOString() })
    }
    entries.push({ id: crypto.randomUUID(), taskId: tasks[i], answers: { displayed: true }, photos, recordedAt: new Date().toISOString(), state: 'waiting', attempts: 0 })
  }
  await new Promise((resolve, reject) => {
    const open = indexedDB.open('marketgrid-field')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      const tx = db.transaction('outbox', 'readwrite')
      for (const e of entries) tx.objectStore('outbox').add(e)
      tx.oncomplete = () => { db.close(); resolve(null) }
      tx.onerror = () => reject(tx.error)
    }
  })
  return entries.flatMap((e) => e.photos.map((p) => p.sha256))
})()`

async function sendAll(port: number, tasks: number[], salt: string): Promise<{ ms: number; shas: string[]; presses: number }> {
  const browser = await launchBrowser()
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' })
    const page = await context.newPage()
    page.setDefaultTimeout(600_000)
    const url = `http://127.0.0.1:${port}`
    await page.goto(url + '/')
    await page.locator('#login_username').fill('worker050203')
    await page.locator('#login_password').fill(DEMO_PASSWORD)
    await page.locator('form#login button[type=submit]').click()
    await page.getByTestId('scope').waitFor()
    // The outbox is filled behind the app's back (it sends on opening, on the signal's return, on
    // its timer and on the button), then the app is opened again and finds all 500 waiting.
    await page.goto(url + '/field')
    await page.getByTestId('field-task').first().waitFor()
    const shas = await page.evaluate(FILL(tasks, salt)) as string[]
    const started = Date.now()
    await page.reload()
    await page.getByTestId('field-outbox').filter({ hasNotText: '待发送 0 条' }).waitFor()
    // The phone tries again by itself every 30 s; the user's button is quicker.
    let presses = 0
    for (;;) {
      await page.getByTestId('field-send').waitFor({ state: 'visible' })
      const left = await page.getByTestId('field-outbox').innerText()
      if (left === '待发送 0 条') break
      if (!(await page.getByTestId('field-send').isDisabled())) {
        await page.getByTestId('field-send').click()
        presses++
      }
      await new Promise((r) => setTimeout(r, 200))
    }
    return { ms: Date.now() - started, shas, presses }
  } finally {
    await browser.close()
  }
}

export async function benchFieldOutbox() {
  console.log(`building the outbox bench: ${FINDINGS} tasks in grid ${GRID} …`)
  const db = await fieldGrid(DB_NAME, FINDINGS * 2, FINDINGS * 2)
  const config = loadConfig({ DATA_DIR: '/nonexistent', SEED_DEMO: 'false', WEB_BUILD: 'false', LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv)
  config.security = { ...config.security, loginAttemptsPerIpPerMinute: 10_000 }
  const app = await buildApp({ db, config })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const appPort = (app.server.address() as AddressInfo).port
  try {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM patrol_tasks WHERE grid_code = $1 ORDER BY id`, [GRID])
    const ids = rows.map((r) => Number(r.id))
    const run = async (tasks: number[], loss: number) => {
      const proxy = lossyProxy(appPort, loss)
      await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', () => r()))
      try {
        const sent = await sendAll((proxy.server.address() as AddressInfo).port, tasks, `${loss}:`)
        const { rows: [stored] } = await db.query<{ findings: number; links: number; files: number }>(
          `SELECT (SELECT count(*)::int FROM patrol_findings WHERE task_id = ANY($1::bigint[])) AS findings,
                  (SELECT count(*)::int FROM evidence_links l JOIN patrol_findings f ON l.owner_type = 'patrolFinding' AND l.owner_id = f.id::text
                    WHERE f.task_id = ANY($1::bigint[])) AS links,
                  (SELECT count(*)::int FROM evidence_files WHERE sha256 = ANY($2::text[])) AS files`, [tasks, sent.shas])
        return { ...sent, ...stored, ...proxy.counts }
      } finally {
        proxy.server.close()
      }
    }
    const anchor = await run(ids.slice(FINDINGS), 0)
    const lossy = await run(ids.slice(0, FINDINGS), LOSS)
    const exact = lossy.findings === FINDINGS && lossy.links === FINDINGS * PHOTOS_EACH && lossy.files === FINDINGS * PHOTOS_EACH
    report({
      name: `field outbox: ${FINDINGS} findings with ${FINDINGS * PHOTOS_EACH} photos through a proxy losing ${LOSS * 100} % of replies`,
      ours: `${lossy.findings} findings, ${lossy.links} photos linked, ${lossy.files} photo files stored; ${lossy.lost} replies lost of ${fmt(lossy.forwarded)}; ${fmt(lossy.ms / 1000, 1)} s, ${lossy.presses} presses of Send`,
      anchor: `no loss: ${anchor.findings} findings, ${anchor.links} photos in ${fmt(anchor.ms / 1000, 1)} s`,
      ratio: anchor.ms / lossy.ms,
      target: `exactly ${FINDINGS} and ${FINDINGS * PHOTOS_EACH}, no duplicates`,
      pass: exact,
    })
  } finally {
    await app.close()
    await db.close()
    await dropDatabase(DB_NAME)
  }
}
