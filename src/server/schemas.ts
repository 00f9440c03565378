/**
 * Shared formats of the HTTP contract (TypeBox → JSON Schema → OpenAPI). A format is declared once
 * here and used by every capability's routes.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox'

/** M1.2 two digits per level, each pair 01–99 */
export const AreaCode = Type.String({ pattern: '^(0[1-9]|[1-9][0-9])+$', minLength: 2, maxLength: 12, description: 'area code: two digits per level (M1.2)' })
/** A scope: an area code, or '' for the whole installation */
export const Scope = Type.String({ pattern: '^(0[1-9]|[1-9][0-9])*$', maxLength: 12 })
/** GB 32100-2015 character set; the check character is verified by the business rules */
export const Uscc = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$', description: 'unified social credit code (18 characters)' })
/** A file's sha256 in lower-case hex: how evidence is named (content-addressed) */
export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', minLength: 64, maxLength: 64, description: 'sha256 of an evidence file (POST /api/evidence), lower-case hex' })
const Longitude = Type.Number({ minimum: -180, maximum: 180 })
const Latitude = Type.Number({ minimum: -90, maximum: 90 })
export const Coordinates = Type.Object({ lng: Longitude, lat: Latitude }, { additionalProperties: false })
/** Input coordinate systems converted to WGS-84 on the way in (Q4) */
/**
 * The language of a file the browser downloads through a link, which cannot set Accept-Language:
 * the console passes its own choice; without it the header decides.
 */
export const FileLang = Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { description: 'language of the column headings; default from Accept-Language' }))

export const Crs = Type.Union([Type.Literal('WGS84'), Type.Literal('GCJ02'), Type.Literal('BD09')], { default: 'WGS84' })
export const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) })
/** A row of an import file that is refused or warned about: where, which column, why in words (M2.4). */
export const ImportRowNote = Type.Object({ row: Type.Integer(), field: Type.String(), column: Type.String(), rule: Type.String(), message: Type.String() })
/** A field an import row changes, from what to what, as the file writes values (issue 13 §1). */
export const ImportFieldChange = Type.Object({ field: Type.String(), column: Type.String(), from: Type.String(), to: Type.String() })

/** A file answered as a stream or bytes: a string in the OpenAPI document, not serialised. */
export const FileResponse = (description: string) => Type.Unsafe<unknown>({ type: 'string', description })

export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Any()) }),
})

/** Responses every authenticated route can give besides its success. */
export const errorResponses = {
  400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody,
}

/** Keyset paging: `after` is the last id of the previous page. */
export const PageQuery = {
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
}

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextAfter: Type.Union([Type.Integer(), Type.Null()]) })
}

export type AreaCode = Static<typeof AreaCode>
