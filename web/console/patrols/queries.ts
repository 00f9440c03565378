/**
 * The patrol page's server calls (M4.1 catalogue, M4.2 tasks), typed from the API's schema.
 */
import { api, unwrap } from '../../lib/api/client'
import type { paths } from '../../lib/api/schema'

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put'> =
  paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T
    : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer T } } } } ? T : never

export type PatrolItem = Json<'/api/patrol-items', 'get'>['items'][number]
export type Definition = PatrolItem['definition']
export type Question = Definition['checklist'][number]
type TaskPage = Json<'/api/patrol-tasks', 'get'>
export type Task = TaskPage['items'][number]
export type TaskFilters = NonNullable<paths['/api/patrol-tasks']['get']['parameters']['query']>

export const patrolKeys = {
  items: ['patrols', 'items'] as const,
  history: (code: string) => ['patrols', 'items', code] as const,
  tasks: (filters: TaskFilters) => ['patrols', 'tasks', filters] as const,
}

export const fetchItems = () => unwrap(api.GET('/api/patrol-items'))
export const fetchHistory = (code: string) => unwrap(api.GET('/api/patrol-items/{code}', { params: { path: { code } } }))
export const createItem = (code: string, definition: Definition) => unwrap(api.POST('/api/patrol-items', { body: { code, definition } }))
export const reviseItem = (code: string, version: number, change: { definition?: Definition; active?: boolean }) =>
  unwrap(api.PUT('/api/patrol-items/{code}', { params: { path: { code } }, body: { version, ...change } }))
export const fetchTasks = (filters: TaskFilters) => unwrap(api.GET('/api/patrol-tasks', { params: { query: filters } }))
