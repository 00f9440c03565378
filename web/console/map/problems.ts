/**
 * Coverage problems (overlaps between siblings, gaps, parts outside the parent) as one GeoJSON
 * collection for the map's red layer.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type { Coverage } from './queries'

export interface ProblemProps {
  problem: true
  kind: 'overlap' | 'gap' | 'outside'
  /** the parent whose children were checked */
  parent: string
  codes: string
  areaM2: number
}

export function problemFeatures(reports: Coverage[]): FeatureCollection<Geometry, ProblemProps> {
  const features: Array<Feature<Geometry, ProblemProps>> = []
  const add = (geometry: unknown, props: Omit<ProblemProps, 'problem'>) => {
    if (geometry && typeof geometry === 'object' && 'type' in geometry) features.push({ type: 'Feature', geometry: geometry as Geometry, properties: { problem: true, ...props } })
  }
  for (const r of reports) {
    for (const o of r.overlaps) add(o.geometry, { kind: 'overlap', parent: r.code, codes: o.codes.join(', '), areaM2: o.areaM2 })
    for (const g of r.gaps) add(g.geometry, { kind: 'gap', parent: r.code, codes: r.code, areaM2: g.areaM2 })
    for (const o of r.outside) add(o.geometry, { kind: 'outside', parent: r.code, codes: o.code, areaM2: o.areaM2 })
  }
  return { type: 'FeatureCollection', features }
}

export function problemCounts(reports: Coverage[]) {
  return {
    overlaps: reports.reduce((n, r) => n + r.overlaps.length, 0),
    gaps: reports.reduce((n, r) => n + r.gaps.length, 0),
    outside: reports.reduce((n, r) => n + r.outside.length, 0),
  }
}
