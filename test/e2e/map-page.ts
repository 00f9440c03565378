/** The console's main map as page tests reach it: the page exposes its MapLibre map as `window.__mgMap`. */
import type { Page } from 'playwright-core'
import type { Map as MaplibreMap } from 'maplibre-gl'

declare global {
  interface Window {
    __mgMap?: MaplibreMap
  }
}

/** Waits until the main map has loaded its style and drawn everything it asked for. */
export async function mapIdle(page: Page) {
  await page.waitForFunction(() => !!window.__mgMap && window.__mgMap.isStyleLoaded() && !!window.__mgMap.getLayer('mg-grids-fill'), undefined, { timeout: 120_000 })
  // A string, not a function: a transpiler's helpers (esbuild's __name) do not exist in the page.
  await page.evaluate(`new Promise((resolve) => {
    const m = window.__mgMap
    const done = () => (m.areTilesLoaded() && !m.isMoving() ? resolve() : m.once('idle', done))
    m.once('idle', done)
    m.triggerRepaint()
  })`)
}
