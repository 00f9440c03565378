/**
 * What the field app keeps on the phone (M4.3), in IndexedDB through Dexie: the user's open tasks
 * and the patrol items they were made with (so a task opens with no signal), the businesses of the
 * user's own grids (so a business opens from its QR plate with no signal), and the outbox of
 * findings with their photos until the server has them. Nothing in the outbox is deleted before the
 * server has answered that it holds the finding. The map of the user's own grids (v4): each grid's
 * boundary, and the server's vector tiles over them for a few zooms (web/field/map-sync.ts), so the
 * in-app map draws with no signal.
 */
import Dexie, { type EntityTable } from 'dexie'
import type { Schemas } from '../lib/api/client'

type Json<P extends keyof Schemas, M extends 'get' | 'post'> = Schemas[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never

export type Task = Json<'/api/patrol-tasks', 'get'>['items'][number]
type ItemHistory = Json<'/api/patrol-items/{code}', 'get'>
export type ItemDefinition = ItemHistory['versions'][number]['definition']
export type Business = Json<'/api/businesses/{id}', 'get'>
type OwnGrid = Json<'/api/businesses/on-phone', 'post'>['grids'][number]
type NewFinding = Schemas['/api/patrol-findings']['post']['requestBody']['content']['application/json']
export type Answer = NewFinding['answers'][string]

interface Place {
  lng: number
  lat: number
  accuracy?: number
}

/** A photo as the phone keeps it: already resized, with its sha256 when the browser can compute one. */
export interface QueuedPhoto {
  blob: Blob
  name: string
  sha256: string | null
  capturedAt: string
  location?: Place
}

type OutboxState = 'waiting' | 'refused'

/** A finding waiting to be sent; `seq` is the order it was recorded in, and the order it is sent in. */
export interface OutboxEntry {
  seq?: number
  id: string
  taskId: number
  answers: Record<string, Answer>
  note?: string
  photos: QueuedPhoto[]
  location?: Place
  recordedAt: string
  state: OutboxState
  /** the server's message when it refused the finding, for the user to act on */
  refusal?: string
  attempts: number
}

/** What a grid head may correct on the spot: where the business really is, how to reach it, whether it trades. */
export type Correction = Partial<Pick<Business, 'actualAddress' | 'contactPhone' | 'operatingState'>>
export const CORRECTABLE = ['actualAddress', 'contactPhone', 'operatingState'] as const

/**
 * A correction of a business waiting to be sent, made on the version the phone held. Sent with that
 * version as If-Match: when someone changed the business meanwhile the server refuses it, and the
 * entry waits in `conflict` with the server's current record for the user to decide.
 */
export interface EditEntry {
  seq?: number
  businessId: number
  businessName: string
  baseVersion: number
  changes: Correction
  recordedAt: string
  state: 'waiting' | 'conflict' | 'refused'
  /** the business as the server now has it (state `conflict`) */
  current?: Business
  refusal?: string
}

/** The boundary of one of the user's own grids, as GET /api/areas/{code} answers it. */
export interface GridBoundary {
  code: string
  name: string
  version: number
  /** GeoJSON Polygon or MultiPolygon (EPSG:4326); null when the grid has none drawn */
  boundary: GeoJSON.Geometry | null
}

/** One vector tile of the server's map (`/api/map/tiles/{z}/{x}/{y}`) kept on the phone; `key` is `z/x/y`. */
export interface KeptTile {
  key: string
  z: number
  x: number
  y: number
  /** the MVT bytes; empty for a tile with nothing in it */
  bytes: ArrayBuffer
  /** the server's ETag, sent back as If-None-Match so that an unchanged tile is not fetched again */
  etag: string | null
  fetchedAt: string
}

class FieldStore extends Dexie {
  tasks!: EntityTable<Task, 'id'>
  items!: EntityTable<ItemHistory, 'code'>
  outbox!: EntityTable<OutboxEntry, 'seq'>
  businesses!: EntityTable<Business, 'id'>
  grids!: EntityTable<OwnGrid, 'code'>
  edits!: EntityTable<EditEntry, 'seq'>
  boundaries!: EntityTable<GridBoundary, 'code'>
  tiles!: EntityTable<KeptTile, 'key'>

  constructor() {
    super('marketgrid-field')
    this.version(1).stores({ tasks: 'id, dueOn', items: 'code', outbox: '++seq, &id, taskId, state' })
    this.version(2).stores({ businesses: 'id, &uscc', grids: 'code' })
    this.version(3).stores({ edits: '++seq, businessId, state' })
    this.version(4).stores({ boundaries: 'code', tiles: 'key' })
  }
}

export const store = new FieldStore()

/** The definition a task was made with (a revised item does not change a task in hand). */
export async function definitionOf(task: Task): Promise<ItemDefinition | null> {
  const item = await store.items.get(task.itemCode)
  return item?.versions.find((v) => v.version === task.itemVersion)?.definition ?? null
}
