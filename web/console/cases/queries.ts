/**
 * The case pages' server calls, through the typed client, and their TanStack Query keys (every key
 * starts with 'cases', so that the live feed refreshes them all at once).
 */
import { api, unwrap } from '../../lib/api/client'
import type { paths } from '../../lib/api/schema'
import { formatDateTime } from '../../../src/shared/dates.ts'

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never

export type Loop = Json<'/api/cases/loop', 'get'>
export type Transition = Loop['transitions'][number]
type CaseList = Json<'/api/cases', 'get'>
export type CaseRow = CaseList['items'][number]
export type CaseDetail = Json<'/api/cases/{id}', 'get'>
export type Summary = Json<'/api/cases/summary', 'get'>
export type NewCase = NonNullable<paths['/api/cases']['post']['requestBody']>['content']['application/json']
export type StepBody = NonNullable<paths['/api/cases/{id}/steps']['post']['requestBody']>['content']['application/json']
type CaseQuery = NonNullable<paths['/api/cases']['get']['parameters']['query']>
export type Evidence = Json<'/api/evidence', 'post'>

/** The list's filters (everything but paging). */
export type CaseFilters = Omit<CaseQuery, 'after' | 'limit'>

export const keys = {
  all: ['cases'] as const,
  loop: ['cases', 'loop'] as const,
  catalogue: ['cases', 'catalogue'] as const,
  page: (filters: CaseFilters) => ['cases', 'page', filters] as const,
  one: (id: number) => ['cases', 'one', id] as const,
  summary: ['cases', 'summary'] as const,
  points: ['cases', 'points'] as const,
}

export const PAGE_SIZE = 50

export const fetchLoop = () => unwrap(api.GET('/api/cases/loop'))
export const fetchCatalogue = () => unwrap(api.GET('/api/case-catalogue'))
export const fetchCases = (filters: CaseFilters, after?: number, limit = PAGE_SIZE) =>
  unwrap(api.GET('/api/cases', { params: { query: { ...filters, after, limit } } }))
export const fetchCase = (id: number) => unwrap(api.GET('/api/cases/{id}', { params: { path: { id } } }))
export const fetchSummary = () => unwrap(api.GET('/api/cases/summary', { params: { query: { dueWithinHours: 24 } } }))
export const fetchPoints = () => unwrap(api.GET('/api/cases/points', { params: { query: { limit: 5000 } } }))
export const revealContact = (id: number) => unwrap(api.GET('/api/cases/{id}/contact', { params: { path: { id } } }))

/** Files a case once however often it is sent: the key is made when the form opens. */
export const fileCase = (body: NewCase, idempotencyKey: string) =>
  unwrap(api.POST('/api/cases', { body, params: { header: { 'idempotency-key': idempotencyKey } } }))

/** A step of the loop, sent with the version the user saw (a stale one is a 409 with the case as it stands). */
export const takeStep = (id: number, body: StepBody, version: number) =>
  unwrap(api.POST('/api/cases/{id}/steps', { params: { path: { id } }, body, headers: { 'If-Match': `"${version}"` } }))

/** The name of a step or of another timeline event (filing, a missed deadline…) in the user's language. */
export function stepLabel(loop: Loop | undefined, action: string, lang: 'zh' | 'en'): string {
  return (loop?.transitions.find((x) => x.action === action) ?? loop?.events.find((x) => x.action === action))?.label[lang] ?? action
}

/**
 * A case time as the bureau reads it: in Asia/Shanghai whatever the browser's zone, since deadlines
 * close at midnight there (src/shared/dates.ts, the console's one format).
 */
export function caseTime(iso: string, lang: 'zh' | 'en'): string {
  return formatDateTime(iso, lang === 'en' ? 'en' : 'zh-CN')
}
