/**
 * A GB18030 encoder for tests, for the text Excel on a Chinese Windows saves: ASCII and every
 * character of GBK's two-byte range. Node reads GB18030 (TextDecoder) but cannot write it; the
 * table is built by decoding every two-byte sequence once.
 */
let table: Map<string, [number, number]> | null = null

function twoByteTable(): Map<string, [number, number]> {
  if (table) return table
  table = new Map()
  const decoder = new TextDecoder('gb18030', { fatal: true })
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      try {
        const ch = decoder.decode(Uint8Array.of(lead, trail))
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail])
      } catch {}
    }
  }
  return table
}

/** `text` as GB18030 bytes; throws on a character outside ASCII and GBK's two-byte range. */
export function encodeGb18030(text: string): Buffer {
  const bytes: number[] = []
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) {
      bytes.push(c)
      continue
    }
    const pair = twoByteTable().get(ch)
    if (!pair) throw new Error(`no two-byte GB18030 code for ${ch}`)
    bytes.push(...pair)
  }
  return Buffer.from(bytes)
}
