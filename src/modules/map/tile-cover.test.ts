import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { boxOf, gridsSignature, KEPT_MAX_TILES, KEPT_TILES_FRESH_MS, tileKey, tilesCovering, tilesNeedRefresh, tilesOfZoom, type LngLatBox } from './tile-cover.ts'
import { tileLngLatBox } from './tile-geometry.ts'

// A grid of the demo district, about 1.2 × 0.9 km, east of Xi'an.
const GRID: LngLatBox = [109.06, 34.28, 109.073, 34.288]

describe('tiles covering an area', () => {
  it('takes one tile at a shallow zoom and the block of tiles the box touches at a deep one', () => {
    expect(tilesOfZoom(GRID, 12).length).toBeLessThanOrEqual(2)
    const z16 = tilesOfZoom(GRID, 16)
    const xs = new Set(z16.map((t) => t.x))
    const ys = new Set(z16.map((t) => t.y))
    expect(z16).toHaveLength(xs.size * ys.size)
    expect(xs.size).toBeGreaterThanOrEqual(2)
  })

  it('keeps whole zooms only, shallow first, within the cap', () => {
    const all = tilesCovering(GRID, 12, 16, 10_000)
    expect(new Set(all.map((t) => t.z))).toEqual(new Set([12, 13, 14, 15, 16]))
    const z16 = all.filter((t) => t.z === 16).length
    const capped = tilesCovering(GRID, 12, 16, all.length - 1)
    expect(capped).toHaveLength(all.length - z16)
    expect(capped.some((t) => t.z === 16)).toBe(false)
    // a city is too big for a phone's copy: only the shallow zooms, never over the cap
    expect(tilesCovering([108.7, 34.1, 109.3, 34.5]).length).toBeLessThanOrEqual(KEPT_MAX_TILES)
  })

  it('covers every point of the box at every kept zoom (property)', () => {
    const lng = fc.double({ min: 73, max: 135, noNaN: true })
    const lat = fc.double({ min: 18, max: 53, noNaN: true })
    const size = fc.double({ min: 0, max: 0.05, noNaN: true })
    fc.assert(fc.property(lng, lat, size, size, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      (w, s, dw, dh, fx, fy) => {
        const box: LngLatBox = [w, s, w + dw, s + dh]
        const kept = tilesCovering(box, 12, 16, 10_000)
        const keys = new Set(kept.map(tileKey))
        expect(keys.size).toBe(kept.length)
        const p = [w + dw * fx, s + dh * fy]
        for (let z = 12; z <= 16; z++) {
          const holder = kept.filter((t) => t.z === z).find((t) => {
            const b = tileLngLatBox(t.z, t.x, t.y, 4096, 0)
            // (within rounding: a point on a tile's edge belongs to either tile)
            const e = 1e-9
            return p[0] >= b.west - e && p[0] <= b.east + e && p[1] >= b.south - e && p[1] <= b.north + e
          })
          expect(holder).toBeDefined()
        }
      }), { numRuns: 200 })
  })
})

describe('the box of boundaries', () => {
  it('spans every ring of every polygon, and is null with none', () => {
    const a = { type: 'Polygon', coordinates: [[[1, 2], [3, 2], [3, 5], [1, 2]]] }
    const b = { type: 'MultiPolygon', coordinates: [[[[-1, 4], [0, 4], [0, 6], [-1, 4]]]] }
    expect(boxOf([a, null, b])).toEqual([-1, 2, 3, 6])
    expect(boxOf([null])).toBeNull()
  })
})

describe('when a phone asks for its tiles again', () => {
  const grids = gridsSignature([{ code: '050203', version: 4 }, { code: '050201', version: 1 }])
  const at = Date.parse('2026-12-05T08:00:00Z')
  const mark = { at, grids }
  it('trusts complete tiles made for the same boundaries within a day', () => {
    expect(grids).toBe('050201@1,050203@4')
    expect(tilesNeedRefresh(true, mark, grids, at + 3_600_000)).toBe(false)
  })
  it('asks when tiles are missing, never noted, a day old, the boundaries changed, or the clock went back', () => {
    expect(tilesNeedRefresh(false, mark, grids, at + 1)).toBe(true)
    expect(tilesNeedRefresh(true, null, grids, at + 1)).toBe(true)
    expect(tilesNeedRefresh(true, mark, grids, at + KEPT_TILES_FRESH_MS)).toBe(true)
    expect(tilesNeedRefresh(true, mark, gridsSignature([{ code: '050203', version: 5 }, { code: '050201', version: 1 }]), at + 1)).toBe(true)
    expect(tilesNeedRefresh(true, mark, grids, at - 1)).toBe(true)
  })
})
