/**
 * A small Mapbox Vector Tile 2.1 encoder (https://github.com/mapbox/vector-tile-spec/tree/master/2.1).
 * Pure: features in tile coordinates in, protobuf bytes out.
 *
 * Why our own: PGlite's PostGIS is built without protobuf-c (ST_AsMVT fails there), and one code
 * path must serve both databases, so SQL fetches the rows and this file writes the tile. The format
 * is small: a tile is repeated layers; a layer has a name, features, a shared key table and value
 * table, and an extent; a feature has tag pairs (key index, value index), a geometry type and
 * geometry commands (MoveTo / LineTo / ClosePath with zig-zag encoded deltas).
 */

type PropValue = string | number | boolean

interface PointFeature {
  type: 'point'
  id?: number
  /** one point [x, y] in tile coordinates (integers) */
  point: [number, number]
  properties: Record<string, PropValue | undefined>
}

interface PolygonFeature {
  type: 'polygon'
  id?: number
  /**
   * Rings in tile coordinates, without the closing point: each exterior ring (positive area by the
   * surveyor's formula, i.e. clockwise with y pointing down) followed by its holes (negative area).
   */
  rings: number[][]
  properties: Record<string, PropValue | undefined>
}

export type Feature = PointFeature | PolygonFeature

export interface Layer {
  name: string
  extent: number
  features: Feature[]
}

/** A growing byte buffer with the few protobuf writes the format needs. */
class Writer {
  buf = new Uint8Array(1024)
  pos = 0

  private ensure(n: number) {
    if (this.pos + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.pos + n) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buf.subarray(0, this.pos))
    this.buf = next
  }

  varint(v: number) {
    // Values stay far below 2^53; split into 7-bit groups without 32-bit bitwise truncation.
    this.ensure(10)
    let n = v
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80
      n = Math.floor(n / 0x80)
    }
    this.buf[this.pos++] = n
  }

  tag(field: number, wireType: number) {
    this.varint(field * 8 + wireType)
  }

  bytes(field: number, data: Uint8Array) {
    this.tag(field, 2)
    this.varint(data.length)
    this.ensure(data.length)
    this.buf.set(data, this.pos)
    this.pos += data.length
  }

  string(field: number, s: string) {
    this.bytes(field, new TextEncoder().encode(s))
  }

  double(field: number, v: number) {
    this.tag(field, 1)
    this.ensure(8)
    new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).setFloat64(0, v, true)
    this.pos += 8
  }

  packed(field: number, values: number[]) {
    if (values.length === 0) return
    const inner = new Writer()
    for (const v of values) inner.varint(v)
    this.bytes(field, inner.finish())
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos)
  }
}

const zigzag = (n: number) => (n < 0 ? -2 * n - 1 : 2 * n)
const command = (id: number, count: number) => (count << 3) | id
const MOVE_TO = 1
const LINE_TO = 2
const CLOSE_PATH = 7

const GEOM_POINT = 1
const GEOM_POLYGON = 3

function geometry(f: Feature): number[] {
  const out: number[] = []
  if (f.type === 'point') {
    out.push(command(MOVE_TO, 1), zigzag(f.point[0]), zigzag(f.point[1]))
    return out
  }
  // The cursor carries over from ring to ring within a feature.
  let cx = 0
  let cy = 0
  for (const ring of f.rings) {
    const n = ring.length / 2
    if (n < 3) continue
    out.push(command(MOVE_TO, 1), zigzag(ring[0] - cx), zigzag(ring[1] - cy))
    cx = ring[0]
    cy = ring[1]
    out.push(command(LINE_TO, n - 1))
    for (let i = 1; i < n; i++) {
      const x = ring[2 * i]
      const y = ring[2 * i + 1]
      out.push(zigzag(x - cx), zigzag(y - cy))
      cx = x
      cy = y
    }
    out.push(command(CLOSE_PATH, 1))
  }
  return out
}

function encodeValue(v: PropValue): Uint8Array {
  const w = new Writer()
  if (typeof v === 'string') w.string(1, v)
  else if (typeof v === 'boolean') {
    w.tag(7, 0)
    w.varint(v ? 1 : 0)
  } else if (Number.isInteger(v) && v >= 0) {
    w.tag(5, 0) // uint_value
    w.varint(v)
  } else if (Number.isInteger(v)) {
    w.tag(6, 0) // sint_value
    w.varint(zigzag(v))
  } else w.double(3, v)
  return w.finish()
}

function encodeLayer(layer: Layer): Uint8Array {
  const keys = new Map<string, number>()
  const values = new Map<string, number>()
  const valueList: PropValue[] = []
  const w = new Writer()
  w.tag(15, 0)
  w.varint(2) // version
  w.string(1, layer.name)
  for (const f of layer.features) {
    const geom = geometry(f)
    if (geom.length === 0) continue
    const tags: number[] = []
    for (const [k, v] of Object.entries(f.properties)) {
      if (v === undefined) continue
      let ki = keys.get(k)
      if (ki === undefined) keys.set(k, (ki = keys.size))
      const vk = typeof v + ':' + String(v)
      let vi = values.get(vk)
      if (vi === undefined) {
        values.set(vk, (vi = valueList.length))
        valueList.push(v)
      }
      tags.push(ki, vi)
    }
    const fw = new Writer()
    if (f.id !== undefined) {
      fw.tag(1, 0)
      fw.varint(f.id)
    }
    fw.packed(2, tags)
    fw.tag(3, 0)
    fw.varint(f.type === 'point' ? GEOM_POINT : GEOM_POLYGON)
    fw.packed(4, geom)
    w.bytes(2, fw.finish())
  }
  for (const k of keys.keys()) w.string(3, k)
  for (const v of valueList) w.bytes(4, encodeValue(v))
  w.tag(5, 0)
  w.varint(layer.extent)
  return w.finish()
}

/** The tile's bytes; layers without features are left out (an empty tile is zero bytes). */
export function encodeTile(layers: Layer[]): Uint8Array {
  const w = new Writer()
  for (const layer of layers) {
    if (layer.features.length === 0) continue
    w.bytes(3, encodeLayer(layer))
  }
  return w.finish()
}
