/**
 * The field app's two directions of travel. Down: the user's open tasks and their items, and the
 * businesses of the user's own grids (only those new or changed since the versions the phone
 * holds), fetched whenever there is a signal and kept on the phone. Up: the outbox, sent one finding at a time in
 * the order it was recorded — photos first, then the finding that names them — and removed only
 * once the server holds it. The finding's id is made on the phone, so sending again after a lost
 * reply stores nothing twice (the server answers 200 with what it has); stopping at the first
 * failure that may pass (no signal, server down, session ended) keeps later findings from
 * overtaking earlier ones. A refusal that sending again cannot change (the task is closed, an
 * answer is invalid) is kept with the server's message for the user to see.
 */
import { api, ApiError, unwrap } from '../lib/api/client'
import { send } from '../lib/api/send'
import { conflictOf } from '../lib/ConflictDialog'
import { store, type Business, type EditEntry, type OutboxEntry, type Task } from './store'

/** Fetches the open tasks in the user's area and the items they were made with. */
export async function refreshTasks(): Promise<void> {
  const tasks: Task[] = []
  let after: number | undefined
  do {
    const page = await unwrap(api.GET('/api/patrol-tasks', { params: { query: { state: 'open', limit: 500, ...(after ? { after } : {}) } } }))
    tasks.push(...page.items)
    after = page.nextCursor ?? undefined
  } while (after && tasks.length < 5_000)
  const codes = [...new Set(tasks.map((t) => t.itemCode))]
  const items = await Promise.all(codes.map((code) => unwrap(api.GET('/api/patrol-items/{code}', { params: { path: { code } } }))))
  await store.transaction('rw', store.tasks, store.items, async () => {
    await store.tasks.clear()
    await store.tasks.bulkPut(tasks)
    await store.items.bulkPut(items)
  })
}

/** Brings the businesses of the user's own grids up to date: the server sends only what changed. */
export async function refreshBusinesses(): Promise<void> {
  const known = (await store.businesses.toArray()).map((b): [number, number] => [b.id, b.version])
  const sync = await unwrap(api.POST('/api/businesses/on-phone', { body: { known } }))
  await store.transaction('rw', store.businesses, store.grids, async () => {
    // Changed ones are deleted first: a code that moved from one business to another must not collide.
    await store.businesses.bulkDelete([...sync.removed, ...sync.changed.map((b) => b.id)])
    await store.businesses.bulkPut(sync.changed)
    await store.grids.clear()
    await store.grids.bulkPut(sync.grids)
  })
}

/** A refusal the same request will always get: kept for the user rather than sent again. */
const isFinal = (e: unknown) => e instanceof ApiError && e.status >= 400 && e.status < 500 && ![401, 408, 429].includes(e.status)

type Outcome = 'sent' | 'refused' | 'stopped'

async function sendEntry(entry: OutboxEntry): Promise<Outcome> {
  try {
    const photos = []
    for (const photo of entry.photos) {
      const body = new FormData()
      body.append('file', photo.blob, photo.name)
      const stored = await send<{ sha256: string }>('/api/evidence', {
        method: 'POST', body, headers: photo.sha256 ? { 'X-Content-Sha256': photo.sha256 } : {},
      })
      photos.push({ sha256: stored.sha256, capturedAt: photo.capturedAt, ...(photo.location ? { location: photo.location } : {}) })
    }
    const finding = {
      id: entry.id, taskId: entry.taskId, answers: entry.answers, photos, recordedAt: entry.recordedAt, sentAt: new Date().toISOString(),
      ...(entry.note ? { note: entry.note } : {}), ...(entry.location ? { location: entry.location } : {}),
    }
    await send('/api/patrol-findings', { method: 'POST', body: JSON.stringify(finding), headers: { 'content-type': 'application/json' } })
    await store.transaction('rw', store.outbox, store.tasks, async () => {
      await store.outbox.delete(entry.seq!)
      await store.tasks.delete(entry.taskId)
    })
    return 'sent'
  } catch (e) {
    if (isFinal(e)) {
      await store.outbox.update(entry.seq!, { state: 'refused', refusal: (e as ApiError).message, attempts: entry.attempts + 1 })
      return 'refused'
    }
    await store.outbox.update(entry.seq!, { attempts: entry.attempts + 1 })
    return 'stopped'
  }
}

export interface SendResult {
  sent: number
  refused: number
  /** findings still waiting: no signal, or the server could not take them now */
  waiting: number
}

let running: Promise<SendResult> | null = null

/** Sends the outbox in recorded order; one run at a time (a second call joins the running one). */
export function sendOutbox(): Promise<SendResult> {
  running ??= (async () => {
    const result = { sent: 0, refused: 0, waiting: 0 }
    const entries = await store.outbox.where('state').equals('waiting').sortBy('seq')
    for (const entry of entries) {
      const outcome = await sendEntry(entry)
      if (outcome === 'stopped') break
      result[outcome]++
    }
    result.waiting = await store.outbox.where('state').equals('waiting').count()
    return result
  })().finally(() => { running = null })
  return running
}

/**
 * Sends the corrections of businesses in the order they were made, each on the version it was made
 * on. A business changed on the server meanwhile comes back as a conflict with its current record,
 * kept for the user to resolve (`resolveEdit`); nothing is overwritten unseen.
 */
export async function sendEdits(): Promise<void> {
  const edits = await store.edits.where('state').equals('waiting').sortBy('seq')
  for (const edit of edits) {
    try {
      const saved = await send<Business>(`/api/businesses/${edit.businessId}`, {
        method: 'PATCH', body: JSON.stringify(edit.changes), headers: { 'content-type': 'application/json', 'if-match': `"${edit.baseVersion}"` },
      })
      await store.transaction('rw', store.edits, store.businesses, async () => {
        await store.edits.delete(edit.seq!)
        await store.businesses.put(saved)
      })
    } catch (e) {
      const current = conflictOf<Business>(e)
      if (current) {
        await store.transaction('rw', store.edits, store.businesses, async () => {
          await store.edits.update(edit.seq!, { state: 'conflict', current })
          await store.businesses.put(current)
        })
      } else if (isFinal(e)) {
        await store.edits.update(edit.seq!, { state: 'refused', refusal: (e as ApiError).message })
      } else {
        return
      }
    }
  }
}

/** The user's choice on a conflict: make the correction again on the current version, or drop it. */
export async function resolveEdit(edit: EditEntry, choice: 'apply' | 'discard'): Promise<void> {
  if (choice === 'discard' || !edit.current) {
    await store.edits.delete(edit.seq!)
    return
  }
  await store.edits.update(edit.seq!, { state: 'waiting', baseVersion: edit.current.version, current: undefined })
}
