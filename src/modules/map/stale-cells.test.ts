/**
 * Tiles while the business cells are recounted after a change (service.ts, snapshot-slot.ts): with
 * every recount counted as slow, a zoomed-out tile is cut from the previous cells, tagged with their
 * version and not cached, until the recount is done; point tiles never wait for cells at all.
 */
import { describe, expect, it } from 'vitest'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader as Pbf } from 'pbf'
import { setupTestApp, type Client } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { insertBusinessAt } from '../../../test/factories-areas.ts'
import { latToWorldY, lngToWorldX } from './tile-geometry.ts'
import { resetMap, tileCacheStats } from './service.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)
resetMap(db, { staleCellsAfterMs: 0 })
const chief = await userWith(app, db, ['district_chief'], '05')
await insertBusinessAt(db, 109.01, 34.02, '050101')
await insertBusinessAt(db, 109.02, 34.03, '050101')

// Zoom 10 around the small tree: clusters, cut from the cells.
const z = 10
const x = Math.floor(lngToWorldX(109.02) * 2 ** z)
const y = Math.floor(latToWorldY(34.03) * 2 ** z)

/** The tile's ETag and the sum of its clusters' business counts. */
async function clusterTile(client: Client) {
  const res = await client.get(`/api/map/tiles/${z}/${x}/${y}`)
  expect(res.statusCode).toBe(200)
  const layer = new VectorTile(new Pbf(res.rawPayload)).layers.businesses
  let total = 0
  for (let i = 0; i < (layer?.length ?? 0); i++) total += Number(layer.feature(i).properties.count)
  return { etag: String(res.headers.etag), total }
}

describe('tiles while the business cells are recounted', () => {
  it('serve the previous counts, uncached, until the recount is done, then the new ones', async () => {
    const before = await clusterTile(chief)
    expect(before.total).toBe(2)

    await insertBusinessAt(db, 109.03, 34.04, '050101')
    const entries = tileCacheStats(db).entries
    const during = await clusterTile(chief)
    // The recount started by this request is still running: the old counts, under the old tag.
    expect(during).toEqual(before)
    // The lookup at the new version dropped the old entry; a tile cut from older cells is not stored.
    expect(tileCacheStats(db).entries).toBe(entries - 1)

    let after = during
    for (let i = 0; i < 100 && after.total === 2; i++) {
      await new Promise((r) => setTimeout(r, 50))
      after = await clusterTile(chief)
    }
    expect(after.total).toBe(3)
    expect(after.etag).not.toBe(before.etag)
  })
})
