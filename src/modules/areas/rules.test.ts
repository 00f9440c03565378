import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  ancestorsOf, checkNewArea, checkRedivideShape, extendsParent, isManageableBy, isVisibleTo, isWellFormedCode, levelName,
  levelOf, MAX_CODE_LEVELS, nextChildCode, parentOf, resolveParent, type AreaProfile,
} from './rules.ts'
import { parseBoundary } from './geometry.ts'

const baqiao: AreaProfile = {
  id: 'baqiao', nameZh: '灞桥模式', nameEn: 'Baqiao',
  levels: [{ key: 'district', zh: '管理片区', en: 'District' }, { key: 'station', zh: '管理单元', en: 'Station' }, { key: 'grid', zh: '管理网格', en: 'Grid' }],
}
const nancheng: AreaProfile = {
  id: 'nancheng', nameZh: '南城模式', nameEn: 'Nancheng',
  levels: [{ key: 'subdistrict', zh: '街道', en: 'Sub-district' }, { key: 'community', zh: '社区', en: 'Community' }, { key: 'grid', zh: '网格', en: 'Grid' }],
}

const pair = fc.integer({ min: 1, max: 99 }).map((n) => String(n).padStart(2, '0'))
const code = fc.array(pair, { minLength: 1, maxLength: MAX_CODE_LEVELS }).map((p) => p.join(''))

describe('area codes (M1.2)', () => {
  it('accepts two digits per level, each pair 01–99', () => {
    for (const ok of ['05', '0501', '050101', '99', '019901']) expect(isWellFormedCode(ok)).toBe(true)
    for (const bad of ['', '5', '050', '00', '0500', '050100', '05a1', ' 0501', '05-01', '01020304050607']) {
      expect(isWellFormedCode(bad), bad).toBe(false)
    }
  })

  it('finds the parent, the level and the ancestors', () => {
    expect(parentOf('05')).toBeNull()
    expect(parentOf('0501')).toBe('05')
    expect(parentOf('050101')).toBe('0501')
    expect(levelOf('050101')).toBe(3)
    expect(ancestorsOf('050101')).toEqual(['05', '0501'])
  })

  it('names levels from the profile, so a second profile needs no code', () => {
    expect(levelName(baqiao, 2)?.zh).toBe('管理单元')
    expect(levelName(nancheng, 2)?.zh).toBe('社区')
    expect(levelName(nancheng, 4)).toBeNull()
  })

  it('property: a child code always extends its parent and its parent is recovered', () => {
    fc.assert(fc.property(code, pair, (parent, seq) => {
      fc.pre(parent.length < MAX_CODE_LEVELS * 2)
      const child = parent + seq
      expect(isWellFormedCode(child)).toBe(true)
      expect(extendsParent(child, parent)).toBe(true)
      expect(parentOf(child)).toBe(parent)
      expect(levelOf(child)).toBe(levelOf(parent) + 1)
    }))
  })

  it('property: a code that is not the parent plus two digits is refused as not extending it', () => {
    fc.assert(fc.property(code, code, (parent, other) => {
      fc.pre(parentOf(other) !== parent)
      const result = resolveParent(other, parent)
      expect('error' in result && result.error).toBe('area.codeNotExtendingParent')
    }))
  })

  it('property: any string with a 00 pair, an odd length or a non-digit is malformed', () => {
    const bad = fc.oneof(
      fc.tuple(code, fc.constant('00'), fc.option(code)).map(([a, b, c]) => a + b + (c ?? '')),
      code.map((c) => c + '1'),
      fc.tuple(code, fc.constantFrom('a', ' ', '-', '１')).map(([c, x]) => c.slice(0, -1) + x),
    )
    fc.assert(fc.property(bad, (c) => {
      const result = resolveParent(c)
      expect('error' in result && result.error).toBe('area.codeMalformed')
    }))
  })

  it('suggests the lowest code never used, retired ones included', () => {
    expect(nextChildCode('0501', [])).toBe('050101')
    expect(nextChildCode('0501', ['050101', '050102', '050104'])).toBe('050103')
    expect(nextChildCode('', ['05', '01'])).toBe('02')
    const all = Array.from({ length: 99 }, (_, i) => '0501' + String(i + 1).padStart(2, '0'))
    expect(nextChildCode('0501', all)).toBeNull()
  })

  it('property: the suggested code is a fresh child of the parent', () => {
    fc.assert(fc.property(code, fc.uniqueArray(pair, { maxLength: 98 }), (parent, used) => {
      fc.pre(parent.length < MAX_CODE_LEVELS * 2)
      const suggestion = nextChildCode(parent, used.map((u) => parent + u))!
      expect(extendsParent(suggestion, parent)).toBe(true)
      expect(used.map((u) => parent + u)).not.toContain(suggestion)
    }))
  })
})

describe('new areas (M1.1, M1.2)', () => {
  const live = { code: '0501', retired: false, profileId: 'baqiao' }
  it('refuses a missing or retired parent, a duplicate and a level deeper than the profile', () => {
    expect(checkNewArea({ code: '050103', parentCode: '0501', parent: null, exists: false, profile: baqiao })?.error).toBe('area.parentMissing')
    expect(checkNewArea({ code: '050103', parentCode: '0501', parent: { ...live, retired: true }, exists: false, profile: baqiao })?.error).toBe('area.parentRetired')
    expect(checkNewArea({ code: '050103', parentCode: '0501', parent: live, exists: true, profile: baqiao })?.error).toBe('area.codeDuplicate')
    expect(checkNewArea({ code: '05010301', parentCode: '050103', parent: { ...live, code: '050103' }, exists: false, profile: baqiao }))
      .toMatchObject({ error: 'area.levelTooDeep', level: 4, maxLevel: 3 })
    expect(checkNewArea({ code: '050103', parentCode: '0501', parent: live, exists: false, profile: baqiao, requestedProfileId: 'nancheng' })?.error)
      .toBe('area.profileMismatch')
    expect(checkNewArea({ code: '050103', parentCode: '0501', parent: live, exists: false, profile: baqiao })).toBeNull()
    expect(checkNewArea({ code: '06', parentCode: null, parent: null, exists: false, profile: nancheng })).toBeNull()
  })
})

describe('scope (Q3)', () => {
  it('shows one’s own subtree and the path above it, and manages strictly below it', () => {
    expect(isVisibleTo('050101', '05')).toBe(true)
    expect(isVisibleTo('050101', '0501')).toBe(true)
    expect(isVisibleTo('050101', '050102')).toBe(false)
    expect(isVisibleTo('0501', '0502')).toBe(false)
    expect(isManageableBy('0501', '050101')).toBe(true)
    expect(isManageableBy('0501', '0501')).toBe(false)
    expect(isManageableBy('0501', '05')).toBe(false)
    expect(isManageableBy('', '06')).toBe(true)
  })

  it('property: what one manages one also sees, and siblings are neither', () => {
    fc.assert(fc.property(code, code, (scope, target) => {
      if (isManageableBy(scope, target)) expect(isVisibleTo(scope, target)).toBe(true)
      const sibling = (parentOf(scope) ?? '') + (scope.slice(-2) === '99' ? '98' : String(Number(scope.slice(-2)) + 1).padStart(2, '0'))
      expect(isVisibleTo(scope, sibling + target.slice(0, 2))).toBe(false)
    }))
  })
})

describe('redivision shape (M1.4)', () => {
  it('needs siblings, children of their parent, and no code twice', () => {
    expect(checkRedivideShape(['050101'], ['050103', '050104'])).toEqual({ parentCode: '0501' })
    expect(checkRedivideShape(['050101', '050201'], ['050103'])).toMatchObject({ error: 'area.redivideNotSiblings' })
    expect(checkRedivideShape(['050101'], ['050201'])).toMatchObject({ error: 'area.codeNotExtendingParent', parentCode: '0501' })
    expect(checkRedivideShape(['050101'], ['050101'])).toMatchObject({ error: 'area.codeRepeated' })
    expect(checkRedivideShape(['050101'], ['0501x3'])).toMatchObject({ error: 'area.codeMalformed' })
  })
})

describe('boundary shape (M1.3, Q4)', () => {
  const square = [[109, 34], [109.1, 34], [109.1, 34.1], [109, 34.1], [109, 34]]
  it('accepts a Polygon, a MultiPolygon and a Feature, always answering a MultiPolygon', () => {
    for (const input of [
      { type: 'Polygon', coordinates: [square] },
      { type: 'MultiPolygon', coordinates: [[square]] },
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square] } },
    ]) {
      expect(parseBoundary(input)).toEqual({ geometry: { type: 'MultiPolygon', coordinates: [[square]] } })
    }
  })

  it('refuses what is not a closed, in-range polygon, naming the place', () => {
    expect(parseBoundary({ type: 'Point', coordinates: [109, 34] })).toMatchObject({ error: 'area.geometryNotPolygon', type: 'Point' })
    expect(parseBoundary(null)).toMatchObject({ error: 'area.geometryNotPolygon' })
    expect(parseBoundary({ type: 'MultiPolygon', coordinates: [] })).toMatchObject({ error: 'area.geometryEmpty' })
    expect(parseBoundary({ type: 'Polygon', coordinates: [[]] })).toMatchObject({ error: 'area.geometryEmpty', path: 'coordinates[0]' })
    expect(parseBoundary({ type: 'Polygon', coordinates: [square.slice(0, 4)] })).toMatchObject({ error: 'area.ringNotClosed', path: 'coordinates[0]' })
    expect(parseBoundary({ type: 'Polygon', coordinates: [[[109, 34], [109.1, 34], [109, 34]]] })).toMatchObject({ error: 'area.ringTooShort' })
    expect(parseBoundary({ type: 'Polygon', coordinates: [[[109, 34], [189, 34], [109.1, 34.1], [109, 34]]] }))
      .toMatchObject({ error: 'area.coordinatesOutOfRange', path: 'coordinates[0][1]' })
    expect(parseBoundary({ type: 'Polygon', coordinates: [[[109, 34], ['109', 34], [109.1, 34.1], [109, 34]]] }))
      .toMatchObject({ error: 'area.coordinatesMalformed', path: 'coordinates[0][1]' })
  })

  it('property: WGS-84 input comes out unchanged and every ring stays closed after conversion', () => {
    const lng = fc.double({ min: 73, max: 135, noNaN: true })
    const lat = fc.double({ min: 18, max: 53, noNaN: true })
    fc.assert(fc.property(lng, lat, fc.constantFrom('WGS84', 'GCJ02', 'BD09') as fc.Arbitrary<'WGS84' | 'GCJ02' | 'BD09'>, (x, y, crs) => {
      const ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y]]
      const out = parseBoundary({ type: 'Polygon', coordinates: [ring] }, crs)
      if (!('geometry' in out)) throw new Error(JSON.stringify(out))
      const r = out.geometry.coordinates[0][0]
      expect(r[0]).toEqual(r[r.length - 1])
      if (crs === 'WGS84') expect(r).toEqual(ring)
    }))
  })
})
