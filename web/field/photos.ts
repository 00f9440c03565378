/**
 * A photo taken for a finding, made ready on the phone before it is queued: checked to be an image
 * by decoding it (not by its name or type), resized so that a day's photos fit a phone's storage
 * and a weak signal, hashed (sha256, checked by the server on upload), and stamped with when it was
 * taken. A file that is not an image or too large is refused here, before anything is queued.
 */
import type { QueuedPhoto } from './store'

/** The longest side kept: enough to read a licence on a wall. */
const MAX_SIDE = 1600
/** Larger than any phone camera's photo: beyond this the file is refused before decoding. */
const MAX_INPUT_BYTES = 40 * 1024 * 1024

export class PhotoRefused extends Error {
  constructor(readonly reason: 'notImage' | 'tooLarge') {
    super(reason)
  }
}

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('')

/**
 * The sha256 of the bytes that will be sent. crypto.subtle exists only in a secure context (https or
 * localhost): on a plain-http intranet the server's own hash is used, and the check is skipped.
 */
async function sha256Of(blob: Blob): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null
  return hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))
}

export async function preparePhoto(file: File, location?: QueuedPhoto['location']): Promise<QueuedPhoto> {
  if (file.size > MAX_INPUT_BYTES) throw new PhotoRefused('tooLarge')
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    throw new PhotoRefused('notImage')
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new PhotoRefused('notImage'))), 'image/jpeg', 0.85))
  return {
    blob,
    name: `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`,
    sha256: await sha256Of(blob),
    // the camera's file time is when the photo was taken; a picked file without one gets now
    capturedAt: new Date(file.lastModified || Date.now()).toISOString(),
    ...(location ? { location } : {}),
  }
}

/** How long the phone's position is waited for. */
const PLACE_WAIT_MS = 5_000

/**
 * The phone's position, if it gives one within a few seconds; a finding is kept without it. The
 * wait is our own: the API's `timeout` starts only once the user has answered the permission
 * prompt, so an unanswered prompt would hold the photo for ever.
 */
export function currentPlace(): Promise<QueuedPhoto['location'] | undefined> {
  if (!navigator.geolocation) return Promise.resolve(undefined)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), PLACE_WAIT_MS)
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer)
        resolve({ lng: p.coords.longitude, lat: p.coords.latitude, accuracy: Math.round(p.coords.accuracy) })
      },
      () => {
        clearTimeout(timer)
        resolve(undefined)
      },
      { enableHighAccuracy: true, timeout: PLACE_WAIT_MS, maximumAge: 60_000 },
    )
  })
}
