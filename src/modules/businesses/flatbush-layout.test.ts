import fs from 'node:fs'
import Flatbush from 'flatbush'
import { describe, expect, it } from 'vitest'

// placement.ts walks flatbush's tree itself, reading its private arrays (_boxes, _indices,
// _levelBounds) to place points without allocating: about twice as fast as search() with a filter
// (docs/performance.md). The version is pinned exactly in package.json; an upgrade must fail here
// first, so that whoever upgrades re-reads flatbush's source and the benchmark.
const LAYOUT_CHECKED_FOR = '4.7.0'

describe('the flatbush internals placement.ts reads', () => {
  it('is the exact version whose layout placement.ts was written for, pinned in package.json', () => {
    const manifest = (file: string) => JSON.parse(fs.readFileSync(new URL(file, import.meta.url), 'utf8'))
    expect(manifest('../../../node_modules/flatbush/package.json').version).toBe(LAYOUT_CHECKED_FOR)
    expect(manifest('../../../package.json').dependencies.flatbush).toBe(LAYOUT_CHECKED_FOR)
  })

  it('keeps boxes as [minX, minY, maxX, maxY] per item then per node, with the level ends and the item order', () => {
    const tree = new Flatbush(3, 2) as Flatbush & { _boxes: Float64Array; _indices: Uint16Array | Uint32Array; _levelBounds: number[] }
    tree.add(0, 0, 1, 1)
    tree.add(10, 10, 11, 12)
    tree.add(5, 5, 6, 6)
    tree.finish()
    // Items come first, sorted along the Hilbert curve; _indices tells which item each box is.
    const items = Array.from({ length: 3 }, (_, k) => ({ index: tree._indices[k], box: Array.from(tree._boxes.subarray(4 * k, 4 * k + 4)) }))
    expect(items.sort((a, b) => a.index - b.index)).toEqual([
      { index: 0, box: [0, 0, 1, 1] }, { index: 1, box: [10, 10, 11, 12] }, { index: 2, box: [5, 5, 6, 6] },
    ])
    // Level ends are offsets into _boxes (4 numbers a box); the last level is the root, whose box bounds all.
    expect(tree._levelBounds[0]).toBe(12)
    expect(tree._levelBounds.at(-1)).toBe(tree._boxes.length)
    expect(Array.from(tree._boxes.subarray(tree._boxes.length - 4))).toEqual([0, 0, 11, 12])
    expect([tree.nodeSize, tree.numItems]).toEqual([2, 3])
  })
})
