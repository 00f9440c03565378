/**
 * The map page's server reads (TanStack Query keys and fetchers in one place).
 */
import { api, unwrap } from '../../lib/api/client'
import type { paths } from '../../lib/api/schema'

type Json<P extends keyof paths, M extends 'get'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never

export type AreaSummary = Json<'/api/areas', 'get'>['items'][number]
export type Coverage = Json<'/api/areas/{code}/coverage', 'get'>
export type Person = Json<'/api/people', 'get'>['items'][number]

export const mapPageKeys = {
  areas: ['map', 'areas'] as const,
  area: (code: string) => ['map', 'area', code] as const,
  coverage: (code: string) => ['map', 'coverage', code] as const,
  staffing: (code: string) => ['map', 'staffing', code] as const,
  people: (code: string) => ['map', 'people', code] as const,
  business: (id: number) => ['map', 'business', id] as const,
  locate: (q: string) => ['map', 'locate', q] as const,
  problems: (codes: string) => ['map', 'problems', codes] as const,
}

/** Every live area in the user's scope, in tree order: the areas page's reader. */
export { fetchAllAreas as fetchAreas } from '../areas/queries'

export const fetchArea = (code: string) => unwrap(api.GET('/api/areas/{code}', { params: { path: { code } } }))
export const fetchCoverage = (code: string) => unwrap(api.GET('/api/areas/{code}/coverage', { params: { path: { code } } }))
export const fetchStaffing = (code: string) => unwrap(api.GET('/api/staffing', { params: { query: { under: code, violationsOnly: false } } }))
export const fetchBusiness = (id: number) => unwrap(api.GET('/api/businesses/{id}', { params: { path: { id } } }))
export const fetchLocate = (q: string) => unwrap(api.GET('/api/map/locate', { params: { query: { q } } }))
export type LocateItem = Awaited<ReturnType<typeof fetchLocate>>['items'][number]

/** The people who hold a role in this grid (at most 500: a grid has a handful). */
export async function fetchGridPeople(code: string): Promise<Person[]> {
  const page = await unwrap(api.GET('/api/people', { params: { query: { gridCode: code, limit: 500 } } }))
  return page.items
}
