/** Queries of the areas page: keys in one place so that a change invalidates what it affects. */
import { api, unwrap } from '../../lib/api/client'
import type { paths } from '../../lib/api/schema'

export type AreaSummary = paths['/api/areas']['get']['responses']['200']['content']['application/json']['items'][number]
export type AreaDetail = paths['/api/areas/{code}']['get']['responses']['200']['content']['application/json']
export type AreaCoverage = paths['/api/areas/{code}/coverage']['get']['responses']['200']['content']['application/json']

export const areaKeys = {
  all: ['areas'] as const,
  tree: () => ['areas', 'tree'] as const,
  detail: (code: string) => ['areas', 'detail', code] as const,
  versions: (code: string) => ['areas', 'versions', code] as const,
  coverage: (code: string) => ['areas', 'coverage', code] as const,
  nextCode: (parentCode: string) => ['areas', 'next-code', parentCode] as const,
}

/** Every live area the user can see, in tree order (paged through `after`). */
export async function fetchAllAreas(): Promise<AreaSummary[]> {
  const out: AreaSummary[] = []
  let after: string | undefined
  for (;;) {
    const page = await unwrap(api.GET('/api/areas', { params: { query: { limit: 5000, after, includeRetired: false } } }))
    out.push(...page.items)
    if (!page.nextAfter) return out
    after = page.nextAfter
  }
}

export const fetchArea = (code: string) => unwrap(api.GET('/api/areas/{code}', { params: { path: { code } } }))
export const fetchVersions = (code: string) => unwrap(api.GET('/api/areas/{code}/versions', { params: { path: { code } } }))
export const fetchCoverage = (code: string) => unwrap(api.GET('/api/areas/{code}/coverage', { params: { path: { code } } }))
export const fetchNextCode = (parentCode: string) => unwrap(api.GET('/api/areas/next-code', { params: { query: { parentCode } } }))
