import fs from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { filterTar, neededByRunningDatabase, runningPostgisBundle, stockPostgisBundle, tarEntries } from './postgis-bundle.ts'

const stock = gunzipSync(fs.readFileSync(stockPostgisBundle()))
const names = (tar: Buffer) => [...tarEntries(tar)].map((e) => e.name)

describe('the PostGIS bundle of the embedded database', () => {
  it('keeps the library, what CREATE EXTENSION reads and PROJ data; leaves out raster, topology, tiger and upgrades', () => {
    for (const name of ['lib/postgresql/postgis-3.so', 'share/postgresql/extension/postgis.control',
      'share/postgresql/extension/postgis--3.6.2.sql', 'share/proj/proj.db', 'share/proj/']) expect(neededByRunningDatabase(name), name).toBe(true)
    for (const name of ['lib/postgresql/postgis_raster-3.so', 'lib/postgresql/postgis_topology-3.so',
      'share/postgresql/extension/postgis--ANY--3.6.2.sql', 'share/postgresql/extension/postgis--3.5.0--3.6.2.sql',
      'share/postgresql/extension/postgis_tiger_geocoder--3.6.2.sql', 'share/postgresql/extension/postgis_raster.control',
      'share/postgresql/contrib/postgis-3.6/spatial_ref_sys.sql']) expect(neededByRunningDatabase(name), name).toBe(false)
  })

  it('cuts the package bundle to exactly the needed files, byte for byte', () => {
    const cut = filterTar(stock, neededByRunningDatabase)
    const want = [...tarEntries(stock)].filter((e) => (e.type === '0' || e.type === '5') && neededByRunningDatabase(e.name))
    expect(names(cut)).toEqual(want.map((e) => e.name))
    expect(names(cut)).toEqual(expect.arrayContaining(['lib/postgresql/postgis-3.so', 'share/postgresql/extension/postgis.control', 'share/proj/proj.db']))
    expect(names(cut).some((n) => n.includes('raster') || n.includes('topology') || n.includes('--ANY--'))).toBe(false)
    const library = (tar: Buffer) => [...tarEntries(tar)].find((e) => e.name === 'lib/postgresql/postgis-3.so')!.raw
    expect(library(cut).equals(library(stock))).toBe(true)
    expect(filterTar(cut, neededByRunningDatabase).equals(cut)).toBe(true)
    expect(cut.length).toBeLessThan(stock.length / 2)
  })

  it('refuses an archive cut short', () => {
    expect(() => filterTar(stock.subarray(0, 4096), () => true)).toThrow(/runs past the end/)
  })

  it('is made once and kept, unless the full bundle is asked for', () => {
    const path = runningPostgisBundle()
    expect(path).not.toBeNull()
    expect(names(gunzipSync(fs.readFileSync(path!)))).toEqual(names(filterTar(stock, neededByRunningDatabase)))
    expect(runningPostgisBundle()).toBe(path)
    process.env.POSTGIS_FULL_BUNDLE = 'true'
    try {
      expect(runningPostgisBundle()).toBeNull()
    } finally {
      delete process.env.POSTGIS_FULL_BUNDLE
    }
  })
})
