/**
 * A small map drawn with a basemap that is not saved yet (the settings form's values), the area
 * outlines on top for orientation. Loaded only when asked for, since it brings MapLibre; `<MiniMap>`
 * would draw the saved basemap instead.
 */
import { useEffect, useRef } from 'react'
import { createConsoleMap } from '../../lib/map/createConsoleMap'
import { useScopeBounds } from '../../lib/map/hooks'
import type { Basemap } from './queries'

export default function BasemapPreview({ basemap, height = 280 }: { basemap: Basemap; height?: number }) {
  const ref = useRef<HTMLDivElement>(null)
  const scope = useScopeBounds()

  useEffect(() => {
    if (scope.loading || !ref.current) return
    const map = createConsoleMap(ref.current, { basemap, bounds: scope.bounds, businesses: false })
    return () => map.remove()
  }, [basemap, scope.loading, scope.bounds])

  return <div ref={ref} style={{ position: 'relative', width: '100%', height }} data-testid="basemap-preview" />
}
