/**
 * The area routes' shapes, declared once: the routes validate and document them, and the service's
 * types are derived from them where it builds an answer (AreaSummary, AreaDetail, AreaVersionView).
 */
import { Type, type Static } from '@sinclair/typebox'
import { Crs } from '../../server/schemas.ts'

// Codes arrive as plain strings: the rules answer a malformed one with `area.codeMalformed` and
// the rule it breaks, clearer than a schema pattern failure.
export const CodeText = Type.String({ minLength: 1, maxLength: 24, description: 'area code: two digits per level (M1.2)' })
export const CodeParam = Type.Object({ code: CodeText })
const Geometry = Type.Unsafe<unknown>({ type: 'object', description: 'GeoJSON Polygon or MultiPolygon (or a Feature wrapping one)' })
const AnyGeoJson = Type.Unsafe<unknown>({ description: 'GeoJSON geometry (EPSG:4326)' })
const LevelName = Type.Object({ key: Type.String(), zh: Type.String(), en: Type.String() })
export const Profile = Type.Object({ id: Type.String(), nameZh: Type.String(), nameEn: Type.String(), levels: Type.Array(LevelName) })
const Placement = Type.Object({
  moved: Type.Integer({ description: 'businesses whose grid changed' }),
  unplaced: Type.Integer({ description: 'of those, left in no grid' }),
})
// Required for codes and boundaries (M1.4); optional in the schema so that its absence is answered
// with area.approvalRequired, which says who must approve, rather than a bare "required".
const ApprovedBy = Type.String({ maxLength: 100, description: 'who approved: the district grid office (网格办) or a named person (M1.4)' })
const ApprovalFields = {
  approvalRef: Type.Optional(Type.String({ maxLength: 200, description: 'approval document number' })),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
}
const Name = Type.String({ minLength: 1, maxLength: 100 })

/** An area in a list; childCount: the live child areas the actor can see. */
export const AreaSummary = Type.Object({
  code: Type.String(), name: Type.String(), level: Type.Integer(), levelName: Type.Union([LevelName, Type.Null()]),
  parentCode: Type.Union([Type.String(), Type.Null()]), profileId: Type.String(),
  areaKm2: Type.Union([Type.Number(), Type.Null()]), version: Type.Integer(), retired: Type.Boolean(),
  retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]), successorCodes: Type.Array(Type.String()),
  childCount: Type.Integer(),
})
export type AreaSummary = Static<typeof AreaSummary>
/**
 * One area; businessCount: the businesses in it (placed in its grids or left to it to resolve)
 * that the actor can see.
 */
export const AreaDetail = Type.Composite([AreaSummary, Type.Object({
  profile: Profile, boundary: Type.Union([AnyGeoJson, Type.Null()]), businessCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
})])
export type AreaDetail = Static<typeof AreaDetail>
const Notice = Type.Object({
  code: Type.Union([Type.Literal('area.alignedToNeighbour'), Type.Literal('area.alignedToParent')]),
  message: Type.String({ description: 'what was adjusted, in the request language' }),
  areaCode: Type.String({ description: 'the neighbouring area (or the parent) whose edge the boundary now follows' }),
  areaM2: Type.Number({ description: 'overlapM2 + gapM2' }),
  overlapM2: Type.Number({ description: 'cut off: it lay on the neighbour (or outside the parent)' }),
  gapM2: Type.Number({ description: 'added: it lay between the two' }),
})
export const AreaChange = Type.Object({
  area: AreaDetail, placement: Placement,
  notices: Type.Array(Notice, { description: 'adjustments made on save: overlaps and gaps narrower than the edge tolerance along a neighbour\'s edge (issue 13 §6)' }),
})

export const ListQuery = Type.Object({
  parentCode: Type.Optional(CodeText),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
  includeRetired: Type.Boolean({ default: false }),
  after: Type.Optional(CodeText),
  limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
}, { additionalProperties: false })
export const NewArea = Type.Object({
  code: Type.Optional(CodeText),
  parentCode: Type.Optional(CodeText),
  name: Name,
  boundary: Geometry,
  crs: Type.Optional(Crs),
  profileId: Type.Optional(Type.String({ maxLength: 40 })),
  approvedBy: Type.Optional(ApprovedBy),
  ...ApprovalFields,
}, { additionalProperties: false })
export const Rename = Type.Object({ name: Name, approvedBy: Type.Optional(ApprovedBy), ...ApprovalFields }, { additionalProperties: false })
export const NewBoundary = Type.Object({ boundary: Geometry, crs: Type.Optional(Crs), approvedBy: Type.Optional(ApprovedBy), ...ApprovalFields }, { additionalProperties: false })
export const Redivide = Type.Object({
  retire: Type.Array(CodeText, { minItems: 1, maxItems: 200 }),
  create: Type.Array(Type.Object({ code: CodeText, name: Name, boundary: Geometry }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
  crs: Type.Optional(Crs),
  approvedBy: Type.Optional(ApprovedBy),
  ...ApprovalFields,
}, { additionalProperties: false })
export const RedivideResult = Type.Object({ retired: Type.Array(AreaDetail), created: Type.Array(AreaDetail), placement: Placement })
/** M1.4 one version of an area, as its history lists it. */
export const AreaVersionView = Type.Object({
  version: Type.Integer(), change: Type.String(), name: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]),
  boundary: Type.Union([AnyGeoJson, Type.Null()]), approvedBy: Type.Union([Type.String(), Type.Null()]),
  approvalRef: Type.Union([Type.String(), Type.Null()]), reason: Type.Union([Type.String(), Type.Null()]),
  changedBy: Type.Union([Type.Object({ id: Type.Integer(), username: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  changedAt: Type.String({ format: 'date-time' }),
})
export type AreaVersionView = Static<typeof AreaVersionView>
export const Coverage = Type.Object({
  code: Type.String(), name: Type.String(), level: Type.Integer(), areaKm2: Type.Union([Type.Number(), Type.Null()]),
  childCount: Type.Integer(), coveragePercent: Type.Union([Type.Number(), Type.Null()]),
  overlaps: Type.Array(Type.Object({ codes: Type.Array(Type.String()), areaM2: Type.Number(), geometry: AnyGeoJson })),
  gaps: Type.Array(Type.Object({
    areaM2: Type.Number(),
    neighbours: Type.Array(Type.String(), { description: 'codes of the child areas touching the gap' }),
    geometry: AnyGeoJson,
  })),
  outside: Type.Array(Type.Object({ code: Type.String(), areaM2: Type.Number(), geometry: AnyGeoJson })),
  toleranceM2: Type.Number(),
})
export const CoverageRow = Type.Object({
  code: Type.String(), name: Type.String(), level: Type.Integer(), childCount: Type.Integer(),
  coveragePercent: Type.Union([Type.Number(), Type.Null()]), overlapCount: Type.Integer(), gapCount: Type.Integer(),
  outsideCount: Type.Integer(), areaKm2: Type.Union([Type.Number(), Type.Null()]),
})
export const UnderQuery = Type.Object({ under: Type.Optional(CodeText) }, { additionalProperties: false })
export const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  // Members GIS tools add (QGIS writes name and crs); the coordinates are read as `crs` below says.
  name: Type.Optional(Type.String()),
  crs: Type.Optional(Type.Unsafe<unknown>({})),
  bbox: Type.Optional(Type.Array(Type.Number())),
  features: Type.Array(Type.Object({
    type: Type.Literal('Feature'),
    id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    bbox: Type.Optional(Type.Array(Type.Number())),
    properties: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
    geometry: Type.Unsafe<unknown>({}),
  }, { additionalProperties: false }), { maxItems: 100_000 }),
}, { additionalProperties: false })
export const ImportQuery = Type.Object({
  crs: Type.Optional(Crs),
  approvedBy: Type.Optional(ApprovedBy),
  ...ApprovalFields,
}, { additionalProperties: false })
export const ImportResult = Type.Object({
  created: Type.Array(Type.String()), updated: Type.Array(Type.String()), unchanged: Type.Integer(), placement: Placement,
})
