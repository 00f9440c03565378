/**
 * The case pages' server calls, through the typed client, and their TanStack Query keys (every key
 * starts with 'cases', so that the live feed refreshes them all at once).
 */
import { api, unwrap } from '../../lib/api/client'
import type { paths } from '../../lib/api/schema'

export type Loop = paths['/api/cases/loop']['get']['responses']['200']['content']['application/json']
export type CaseList = paths['/api/cases']['get']['responses']['200']['content']['application/json']
export type CaseRow = CaseList['items'][number]
export type Summary = paths['/api/cases/summary']['get']['responses']['200']['content']['application/json']

export const keys = {
  all: ['cases'] as const,
  loop: ['cases', 'loop'] as const,
  page: (queue: 'mine' | 'all') => ['cases', 'page', queue] as const,
  summary: ['cases', 'summary'] as const,
}

export const fetchLoop = () => unwrap(api.GET('/api/cases/loop'))
export const fetchCases = (queue: 'mine' | 'all') => unwrap(api.GET('/api/cases', { params: { query: { queue, limit: 50 } } }))
export const fetchSummary = () => unwrap(api.GET('/api/cases/summary', { params: { query: { dueWithinHours: 24 } } }))
