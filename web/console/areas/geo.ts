/** Small GeoJSON helpers of the areas page: read a file, pick out the geometries a refusal names. */
import type { Feature, FeatureCollection, Geometry } from 'geojson'

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'])

function isGeometry(value: unknown): value is Geometry {
  return !!value && typeof value === 'object' && GEOMETRY_TYPES.has((value as { type?: unknown }).type as string)
}

/**
 * Every geometry inside a refusal's details (details.overlaps[].geometry, details.outside,
 * details.location, …), whatever the rule: these are the parts to draw red.
 */
export function problemGeometries(details: unknown, depth = 0): Geometry[] {
  if (depth > 6 || !details || typeof details !== 'object') return []
  if (isGeometry(details)) return [details]
  const values = Array.isArray(details) ? details : Object.values(details)
  return values.flatMap((v) => problemGeometries(v, depth + 1))
}

export function feature(geometry: Geometry, properties: Record<string, unknown> = {}): Feature {
  return { type: 'Feature', properties, geometry }
}

export function collection(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features }
}

/**
 * What a boundary file holds, as the body to send: a FeatureCollection of one feature is that
 * feature; anything else is sent as it is and the server says what is wrong with it.
 */
export function boundaryFromFile(text: string): unknown {
  const value = JSON.parse(text) as { type?: string; features?: unknown[] }
  if (value && value.type === 'FeatureCollection' && Array.isArray(value.features) && value.features.length === 1) return value.features[0]
  return value
}

/** The geometry to preview from a boundary body (a geometry, or a Feature wrapping one). */
export function previewGeometry(body: unknown): Geometry | null {
  if (isGeometry(body)) return body
  const f = body as { type?: string; geometry?: unknown } | null
  if (f && f.type === 'Feature' && isGeometry(f.geometry)) return f.geometry
  return null
}

/** A polygon from clicked points (closed), or null with fewer than three. */
export function polygonFromPoints(points: Array<{ lng: number; lat: number }>): Geometry | null {
  if (points.length < 3) return null
  const ring = points.map((p) => [p.lng, p.lat])
  ring.push([points[0].lng, points[0].lat])
  return { type: 'Polygon', coordinates: [ring] }
}
