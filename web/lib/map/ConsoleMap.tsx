/**
 * `<ConsoleMap>`: a console map as a React component. It waits for the basemap setting and (unless
 * given `bounds`) the box of the user's scope, then creates the map once and hands it to `onMap`.
 */
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react'
import { Spin } from 'antd'
import type { Map as MlMap } from 'maplibre-gl'
import { createConsoleMap, type Bbox, type ConsoleMapOptions } from './createConsoleMap'
import { useBasemap, useScopeBounds } from './hooks'

export interface ConsoleMapProps extends Omit<ConsoleMapOptions, 'basemap' | 'bounds'> {
  /** start fitted to this box; when left out, to the user's area scope */
  bounds?: Bbox | null
  /** called once with the map when it is created (and its style may still be loading) */
  onMap?: (map: MlMap) => void
  style?: CSSProperties
  className?: string
  /** overlays positioned over the map (the container is `position: relative`) */
  children?: ReactNode
  'aria-label'?: string
}

export default function ConsoleMap({ bounds, onMap, style, className, children, 'aria-label': ariaLabel, ...opts }: ConsoleMapProps) {
  const ref = useRef<HTMLDivElement>(null)
  const { basemap, loading: basemapLoading } = useBasemap()
  const scope = useScopeBounds()
  const ready = !basemapLoading && (bounds !== undefined || !scope.loading)
  const [map, setMap] = useState<MlMap | null>(null)
  const onMapRef = useRef(onMap)
  onMapRef.current = onMap

  useEffect(() => {
    if (!ready || !ref.current) return
    const m = createConsoleMap(ref.current, { ...opts, basemap, bounds: bounds !== undefined ? bounds : scope.bounds })
    setMap(m)
    onMapRef.current?.(m)
    return () => {
      m.remove()
      setMap(null)
    }
    // The map is created once; later option changes are applied by the page through the map itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, basemap])

  return (
    <div className={className} style={{ position: 'relative', width: '100%', height: '100%', ...style }}>
      <div ref={ref} role="region" aria-label={ariaLabel} style={{ position: 'absolute', inset: 0 }} data-testid="console-map" />
      {!map && <Spin style={{ position: 'absolute', top: '45%', left: '50%' }} />}
      {children}
    </div>
  )
}
