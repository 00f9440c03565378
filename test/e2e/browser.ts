/**
 * Headless Chromium for the page tests: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the
 * binary shipped by the npm package @sparticuz/chromium, so a fresh machine needs no system install.
 * WebGL runs in software (SwiftShader) so the map renders without a GPU.
 */
import fs from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

async function chromiumPath(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  const sparticuz = (await import('@sparticuz/chromium')).default
  return sparticuz.executablePath()
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      // This machine's network is closed: without these Chromium keeps trying to reach Google.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}
