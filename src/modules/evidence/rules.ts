/**
 * What evidence is accepted (issue 12 §5): the kind and type of a file are read from its first
 * bytes, never from the name or the Content-Type the client sent; the declared type must agree;
 * each kind has its size limit. Anything unrecognised (SVG, HTML, scripts, executables) is refused.
 * Pure: no I/O.
 */

export type EvidenceKind = 'image' | 'audio' | 'video' | 'document'

export interface Sniffed {
  kind: EvidenceKind
  mediaType: string
  extension: string
}

/** Bytes needed to recognise every accepted type. */
export const SNIFF_BYTES = 32

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to))
const starts = (b: Uint8Array, ...bytes: number[]) => bytes.every((x, i) => b[i] === x)

const OFFICE: Record<string, Sniffed> = {
  docx: { kind: 'document', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { kind: 'document', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pptx: { kind: 'document', mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' },
}

/**
 * The type of a file from its first bytes; `name` only tells apart the zip-based office formats
 * (which all begin alike). Null when the file is not a type we accept.
 */
export function sniff(head: Uint8Array, name?: string): Sniffed | null {
  if (starts(head, 0xff, 0xd8, 0xff)) return { kind: 'image', mediaType: 'image/jpeg', extension: 'jpg' }
  if (starts(head, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: 'image', mediaType: 'image/png', extension: 'png' }
  if (ascii(head, 0, 4) === 'GIF8') return { kind: 'image', mediaType: 'image/gif', extension: 'gif' }
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { kind: 'image', mediaType: 'image/webp', extension: 'webp' }
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE') return { kind: 'audio', mediaType: 'audio/wav', extension: 'wav' }
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12)
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return { kind: 'image', mediaType: 'image/heic', extension: 'heic' }
    if (brand === 'M4A ' || brand === 'M4B ') return { kind: 'audio', mediaType: 'audio/mp4', extension: 'm4a' }
    if (brand === 'qt  ') return { kind: 'video', mediaType: 'video/quicktime', extension: 'mov' }
    if (brand.startsWith('3g')) return { kind: 'video', mediaType: 'video/3gpp', extension: '3gp' }
    return { kind: 'video', mediaType: 'video/mp4', extension: 'mp4' }
  }
  if (starts(head, 0x1a, 0x45, 0xdf, 0xa3)) return { kind: 'video', mediaType: 'video/webm', extension: 'webm' }
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && (head[1] & 0xe6) === 0xe2)) return { kind: 'audio', mediaType: 'audio/mpeg', extension: 'mp3' }
  if (head[0] === 0xff && (head[1] & 0xf6) === 0xf0) return { kind: 'audio', mediaType: 'audio/aac', extension: 'aac' }
  if (ascii(head, 0, 5) === '#!AMR') return { kind: 'audio', mediaType: 'audio/amr', extension: 'amr' }
  if (ascii(head, 0, 4) === 'OggS') return { kind: 'audio', mediaType: 'audio/ogg', extension: 'ogg' }
  if (ascii(head, 0, 5) === '%PDF-') return { kind: 'document', mediaType: 'application/pdf', extension: 'pdf' }
  if (starts(head, 0x50, 0x4b, 0x03, 0x04)) {
    const ext = name?.toLowerCase().match(/\.(docx|xlsx|pptx)$/)?.[1]
    return ext ? OFFICE[ext] : null
  }
  return null
}

/** The kind a declared Content-Type names, or null when it names none we know. */
export function declaredKind(mediaType: string | undefined): EvidenceKind | null {
  if (!mediaType) return null
  const t = mediaType.toLowerCase().split(';')[0].trim()
  if (t.startsWith('image/')) return 'image'
  if (t.startsWith('audio/')) return 'audio'
  if (t.startsWith('video/')) return 'video'
  if (t === 'application/pdf' || t.startsWith('application/vnd.openxmlformats')) return 'document'
  return null
}
