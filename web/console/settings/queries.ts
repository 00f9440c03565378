/**
 * The settings page's server calls. The map settings share their query key with `useBasemap`
 * (web/lib/map/hooks.ts), so that what this page saves is what every map draws next.
 */
import { api, unwrap } from '../../lib/api/client'
import type { paths } from '../../lib/api/schema'
import { mapKeys } from '../../lib/map/hooks'

export type MapSettings = paths['/api/map/settings']['get']['responses']['200']['content']['application/json']
export type Basemap = MapSettings['basemap']
export type BasemapKind = Basemap['kind']
/** The body's basemap: one loose object, the server's rules (src/modules/map/rules.ts) decide. */
export type BasemapInput = NonNullable<paths['/api/map/settings']['put']['requestBody']>['content']['application/json']['basemap']

export const BASEMAP_KINDS: readonly BasemapKind[] = ['none', 'tianditu', 'xyz', 'pmtiles']

export const settingsKeys = {
  map: mapKeys.settings,
}

export const fetchMapSettings = () => unwrap(api.GET('/api/map/settings'))

export const saveBasemap = (basemap: BasemapInput) => unwrap(api.PUT('/api/map/settings', { body: { basemap } }))
