/**
 * The business ledger's server calls and their TanStack Query keys (one place, so that a change
 * invalidates every list, count and detail it affects).
 */
import i18n from '../../lib/i18n'
import { api, unwrap } from '../../lib/api/client'
import type { paths } from '../../lib/api/schema'

type SearchQuery = NonNullable<paths['/api/businesses']['get']['parameters']['query']>
/** The search form's filters (also the count's and the export's); the order and the page come apart. */
export type Filters = Omit<SearchQuery, 'after' | 'limit' | 'sort' | 'cursor'>
/** A server-side order: `name`, `-name` (descending), …; none is registration order. */
export type BusinessSort = NonNullable<SearchQuery['sort']>
export type Business = paths['/api/businesses/{id}']['get']['responses']['200']['content']['application/json']
export type NewBusiness = NonNullable<paths['/api/businesses']['post']['requestBody']>['content']['application/json']
export type BusinessChange = NonNullable<paths['/api/businesses/{id}']['patch']['requestBody']>['content']['application/json']
export type UnplacedReason = NonNullable<Business['unplacedReason']>

export const KINDS = ['enterprise', 'individual', 'cooperative', 'other'] as const
export const OPERATING_STATES = ['operating', 'suspended', 'closed', 'deregistered'] as const
export const RISK_CLASSES = ['high', 'higher', 'general', 'low'] as const
export const KEY_DOMAINS = ['food', 'special_food', 'special_equipment', 'industrial_products'] as const
export const RISK_COLOURS: Record<string, string> = { high: 'red', higher: 'orange', general: 'gold', low: 'green' }

export const keys = {
  all: ['businesses'] as const,
  page: (filters: Filters, sort: BusinessSort | undefined, cursor: string, limit: number) => ['businesses', 'page', filters, sort, cursor, limit] as const,
  count: (filters: Filters & { reason?: UnplacedReason }) => ['businesses', 'count', filters] as const,
  one: (id: number) => ['businesses', 'one', id] as const,
  unplaced: (reason: UnplacedReason | undefined, after: number, limit: number) => ['businesses', 'unplaced', reason, after, limit] as const,
}

/** Leaves out empty filter values: the server refuses an empty grid code, and '' means "any". */
export function cleanFilters(f: Record<string, unknown>): Filters {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null || v === '') continue
    out[k] = typeof v === 'string' ? v.trim() : v
  }
  return out as Filters
}

/** A page of the ledger in `sort` order, after `cursor` (the previous page's nextCursor; '' for the first page). */
export const fetchPage = (filters: Filters, sort: BusinessSort | undefined, cursor: string, limit: number) =>
  unwrap(api.GET('/api/businesses', { params: { query: { ...filters, sort, cursor: cursor || undefined, limit } } }))

export const fetchCount = (filters: Filters & { reason?: UnplacedReason }) =>
  unwrap(api.GET('/api/businesses/count', { params: { query: filters } }))

export const fetchOne = (id: number) =>
  unwrap(api.GET('/api/businesses/{id}', { params: { path: { id } } }))

export const fetchUnplaced = (reason: UnplacedReason | undefined, after: number, limit: number) =>
  unwrap(api.GET('/api/businesses/unplaced', { params: { query: { reason, after, limit } } }))

export const createBusiness = (body: NewBusiness) => unwrap(api.POST('/api/businesses', { body }))

/**
 * Changes a business; `version` (the one the form was opened on) goes as If-Match, so that a change
 * made meanwhile by someone else is refused (409 record.versionConflict) rather than overwritten.
 */
export const changeBusiness = (id: number, body: BusinessChange, version?: number) =>
  unwrap(api.PATCH('/api/businesses/{id}', {
    params: { path: { id } }, body, headers: version === undefined ? undefined : { 'If-Match': `"${version}"` },
  }))

/**
 * The QR address plates of a grid (or of one of its businesses) as a PDF download: a plain link,
 * so the browser sends the session cookie and saves the file; the console's language goes along.
 */
export function platesHref(grid: string, uscc?: string): string {
  const q = new URLSearchParams({ grid, lang: i18n.language === 'en' ? 'en' : 'zh-CN' })
  if (uscc) q.set('uscc', uscc)
  return `/api/businesses/plates?${q}`
}
