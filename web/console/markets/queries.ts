/**
 * The markets page's server calls (M4.4 co-governance), typed from the API's schema.
 */
import { api, unwrap } from '../../lib/api/client'
import type { paths } from '../../lib/api/schema'

type MarketList = paths['/api/markets']['get']['responses']['200']['content']['application/json']
export type Market = MarketList['items'][number]
type DrawWithChecks = paths['/api/markets/{id}/checks']['get']['responses']['200']['content']['application/json']
export type Check = DrawWithChecks['items'][number]
export type NewMarket = paths['/api/markets']['post']['requestBody']['content']['application/json']
export type CheckRecord = paths['/api/market-checks/{findingId}']['put']['requestBody']['content']['application/json']

export const marketKeys = {
  all: ['markets'] as const,
  list: (period: string) => ['markets', 'list', period] as const,
  checks: (id: number, period: string) => ['markets', 'checks', id, period] as const,
}

export const fetchMarkets = (period: string) => unwrap(api.GET('/api/markets', { params: { query: { period } } }))
export const fetchChecks = (id: number, period: string) =>
  unwrap(api.GET('/api/markets/{id}/checks', { params: { path: { id }, query: { period } } }))
export const createMarket = (body: NewMarket) => unwrap(api.POST('/api/markets', { body }))
export const drawChecks = (id: number, period: string) => unwrap(api.POST('/api/markets/{id}/draws', { params: { path: { id } }, body: { period } }))
export const recordCheck = (findingId: string, body: CheckRecord) =>
  unwrap(api.PUT('/api/market-checks/{findingId}', { params: { path: { findingId } }, body }))
