/**
 * Requests the typed client does not carry: a file as multipart form data, or raw bytes (a chunk of
 * a resumable upload). Same language header, same session-expiry signal and same ApiError as
 * `unwrap` (client.ts), so a page handles their refusals like any other.
 */
import i18n from '../i18n'
import { ApiError, SESSION_EXPIRED } from './client'

export async function send<T>(url: string, init: { method: string; body?: BodyInit; headers?: Record<string, string> }): Promise<T> {
  const res = await fetch(url, {
    method: init.method, body: init.body, credentials: 'same-origin',
    headers: { 'Accept-Language': i18n.language === 'en' ? 'en' : 'zh-CN', ...init.headers },
  })
  // The session ended: the console's re-login dialog opens (see client.ts).
  if (res.status === 401) window.dispatchEvent(new Event(SESSION_EXPIRED))
  const json = await res.json().catch(() => null) as ({ error?: { code?: string; message?: string; details?: Record<string, unknown> } } & T) | null
  if (res.ok && json) return json as T
  throw new ApiError(res.status, json?.error?.code ?? 'request.failed', json?.error?.message ?? `${res.status} ${res.statusText}`, json?.error?.details ?? {})
}

/** POSTs one file as the multipart field `file`. */
export function sendFile<T>(url: string, file: Blob, name: string): Promise<T> {
  const body = new FormData()
  body.append('file', file, name)
  return send<T>(url, { method: 'POST', body })
}

/** POSTs one file as the multipart field `file` and answers the file the server sends back. */
export async function sendFileForFile(url: string, file: Blob, name: string): Promise<{ blob: Blob; filename: string }> {
  const body = new FormData()
  body.append('file', file, name)
  const res = await fetch(url, {
    method: 'POST', body, credentials: 'same-origin',
    headers: { 'Accept-Language': i18n.language === 'en' ? 'en' : 'zh-CN' },
  })
  if (res.status === 401) window.dispatchEvent(new Event(SESSION_EXPIRED))
  if (!res.ok) {
    const json = await res.json().catch(() => null) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null
    throw new ApiError(res.status, json?.error?.code ?? 'request.failed', json?.error?.message ?? `${res.status} ${res.statusText}`, json?.error?.details ?? {})
  }
  const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'file'
  return { blob: await res.blob(), filename }
}
