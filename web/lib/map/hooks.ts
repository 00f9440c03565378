/**
 * Data every console map needs: the basemap setting and the box of the user's area scope (where a
 * map with nothing else to show starts).
 */
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../api/client'
import { useSession } from '../session'
import { NO_BASEMAP, type Basemap } from './basemap'
import { unionBbox, type Bbox } from './createConsoleMap'

export const mapKeys = {
  settings: ['map', 'settings'] as const,
  scopeBounds: (scope: string) => ['map', 'scopeBounds', scope] as const,
  locate: (q: string) => ['map', 'locate', q] as const,
}

export function useBasemap(): { basemap: Basemap; loading: boolean } {
  const q = useQuery({
    queryKey: mapKeys.settings,
    queryFn: () => unwrap(api.GET('/api/map/settings')),
    staleTime: 5 * 60_000,
  })
  // A failed read must not keep the map away: draw it without a basemap.
  return { basemap: q.data?.basemap ?? NO_BASEMAP, loading: q.isLoading }
}

async function areaBbox(code: string): Promise<Bbox | null> {
  const { items } = await unwrap(api.GET('/api/map/locate', { params: { query: { q: code } } }))
  const hit = items.find((i) => i.kind === 'area' && i.code === code)
  return hit && hit.kind === 'area' ? (hit.bbox as Bbox | null) : null
}

/** The box around everything the user may see: their scope area, or the top-level areas. */
async function scopeBounds(scope: string | null | undefined): Promise<Bbox | null> {
  if (scope) return areaBbox(scope)
  const { items } = await unwrap(api.GET('/api/areas', { params: { query: { level: 1, includeRetired: false, limit: 50 } } }))
  return unionBbox(await Promise.all(items.map((a) => areaBbox(a.code))))
}

export function useScopeBounds(): { bounds: Bbox | null; loading: boolean } {
  const { me } = useSession()
  const scope = me?.scope ?? ''
  const q = useQuery({
    queryKey: mapKeys.scopeBounds(scope),
    queryFn: () => scopeBounds(scope),
    staleTime: 5 * 60_000,
    enabled: !!me,
  })
  return { bounds: q.data ?? null, loading: q.isLoading }
}
