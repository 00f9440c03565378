/**
 * Keeps the field app on the phone: registers the service worker that vite-plugin-pwa generates
 * (web/vite.config.ts), which holds the built app so that it starts with no signal; the tasks and
 * the outbox are in IndexedDB (store.ts). Browsers allow a service worker only in a secure context
 * (https, or localhost): on a plain-http intranet the app must be opened with a signal.
 */
export function keepAppOnPhone(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined)
}
