/**
 * Rows and shapes for the areas tests: GeoJSON rectangles, businesses written straight to the
 * table at a point, and counts that prove a refused request changed nothing.
 */
import type { Sql } from '../src/db/connection.ts'
import { makeUscc } from '../src/modules/businesses/uscc.ts'

/** A GeoJSON Polygon: the rectangle with lower-left corner (x, y), w × h degrees. */
export function rect(x: number, y: number, w: number, h: number) {
  return {
    type: 'Polygon' as const,
    coordinates: [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]],
  }
}

/** The area in m² of a GeoJSON geometry, measured the way the server does (geography). */
export async function areaM2(sql: Sql, geometry: unknown): Promise<number> {
  const { rows } = await sql.query<{ m2: number }>(
    'SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography) AS m2', [JSON.stringify(geometry)],
  )
  return rows[0].m2
}

let serial = 0

/** A business at (lng, lat) placed in `gridCode` (or unplaced when null), written with SQL. */
export async function insertBusinessAt(sql: Sql, lng: number, lat: number, gridCode: string | null, areaCode = gridCode ?? '05'): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO businesses (uscc, name, kind, registered_address, location, grid_code, area_code, unplaced_reason)
     VALUES ($1, $2, 'enterprise', '测试地址', ST_SetSRID(ST_MakePoint($3, $4), 4326), $5, $6, $7) RETURNING id`,
    [makeUscc('enterprise', '610111', 9_000_000 + ++serial), `测试企业${serial}`, lng, lat, gridCode, areaCode,
      gridCode ? null : 'outsideGrids'],
  )
  return rows[0].id
}

/** Rows in the tables an area write touches, to assert that a refused request changed nothing. */
export async function areaTableCounts(sql: Sql) {
  const { rows } = await sql.query<{ areas: number; versions: number; audit: number; fingerprint: string }>(
    `SELECT (SELECT count(*) FROM areas)::int AS areas, (SELECT count(*) FROM area_versions)::int AS versions,
       (SELECT count(*) FROM audit_events WHERE action LIKE 'area.%' AND action <> 'area.exported')::int AS audit,
       (SELECT md5(string_agg(code || name || version || coalesce(retired_at::text, '') || coalesce(ST_AsText(boundary), ''), '|' ORDER BY code)) FROM areas) AS fingerprint`,
  )
  return rows[0]
}

/**
 * The access-matrix cases of the area routes (Q3), in the shape of test/access-control.test.ts;
 * that file spreads them into CASES. They run in any order on the matrix's database (the seeded
 * tree plus the target grid 050101): the seeded tree has no room left for a new area, so the create
 * draws a district of its own beside it, as an account over everything.
 */
export const areaAccessCases: Array<{
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  route: string
  url: (t: unknown) => string
  body?: (t: unknown) => unknown
  permission: 'area.read' | 'area.manage'
  scoped: boolean
  insiderScope?: string
  insiderStatus?: number[]
}> = [
  { method: 'GET', route: '/api/area-profiles', url: () => '/api/area-profiles', permission: 'area.read', scoped: false },
  { method: 'GET', route: '/api/areas', url: () => '/api/areas?limit=5000&includeRetired=true', permission: 'area.read', scoped: true },
  { method: 'GET', route: '/api/areas/{code}', url: () => '/api/areas/050101', permission: 'area.read', scoped: true },
  { method: 'GET', route: '/api/areas/{code}/versions', url: () => '/api/areas/050101/versions', permission: 'area.read', scoped: true },
  { method: 'GET', route: '/api/areas/next-code', url: () => '/api/areas/next-code?parentCode=0501', permission: 'area.read', scoped: true },
  { method: 'GET', route: '/api/areas/{code}/coverage', url: () => '/api/areas/0501/coverage', permission: 'area.read', scoped: true },
  { method: 'GET', route: '/api/coverage', url: () => '/api/coverage?under=0501', permission: 'area.read', scoped: true },
  { method: 'GET', route: '/api/areas/export.geojson', url: () => '/api/areas/export.geojson?under=0501', permission: 'area.read', scoped: true },
  {
    method: 'PATCH', route: '/api/areas/{code}', url: () => '/api/areas/050101', permission: 'area.manage', scoped: true,
    body: () => ({ name: '纺织城第一网格', reason: '矩阵' }),
  },
  {
    method: 'PUT', route: '/api/areas/{code}/boundary', url: () => '/api/areas/050101/boundary', permission: 'area.manage', scoped: true,
    body: () => ({ boundary: rect(109, 34, 0.05, 0.1), approvedBy: '网格办' }),
  },
  {
    method: 'POST', route: '/api/areas/import', url: () => '/api/areas/import?approvedBy=%E7%BD%91%E6%A0%BC%E5%8A%9E', permission: 'area.manage', scoped: true,
    body: () => ({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '050101', name: '纺织城第一网格' }, geometry: rect(109, 34, 0.05, 0.1) }] }),
  },
  {
    method: 'POST', route: '/api/areas/redivide', url: () => '/api/areas/redivide', permission: 'area.manage', scoped: true,
    body: () => ({ retire: ['050102'], create: [{ code: '050103', name: '矩阵拆分网格', boundary: rect(109.05, 34, 0.025, 0.1) }], approvedBy: '网格办' }),
  },
  {
    method: 'POST', route: '/api/areas', url: () => '/api/areas', permission: 'area.manage', scoped: true, insiderScope: '',
    body: () => ({ code: '07', name: '矩阵新片区', profileId: 'baqiao', boundary: rect(110, 34, 0.1, 0.1), approvedBy: '网格办' }),
  },
]
