/**
 * The shapes of the business ledger's API, declared once: the routes validate and document them,
 * and the types the service answers are derived from them (BusinessView).
 */
import { Type, type SchemaOptions, type Static, type TLiteral, type TUnion } from '@sinclair/typebox'
import { AreaCode, Crs, FileLang, Page, PageQuery } from '../../server/schemas.ts'
import { KEY_DOMAINS, KINDS, OPERATING_STATES, RISK_CLASSES } from './rules.ts'
import { BUSINESS_SORTS } from './sorting.ts'
import { COUNT_CAP } from './service.ts'
import { ON_PHONE_MAX } from './on-phone.ts'
import { ANNUAL_REPORTS_MAX } from './annual-reports.ts'

const literals = <T extends readonly string[]>(values: T, options?: SchemaOptions) =>
  Type.Union(values.map((v) => Type.Literal(v)), options) as TUnion<Array<TLiteral<T[number]>>>
const Kind = literals(KINDS)
const OperatingState = literals(OPERATING_STATES)
const RiskClass = literals(RISK_CLASSES)
const KeyDomain = literals(KEY_DOMAINS)
const Reason = Type.Union([Type.Literal('noLocation'), Type.Literal('outsideGrids')])
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

// Lengths, ranges and the USCC are checked by rules.ts so that the error names the broken rule;
// the schema only bounds the sizes a request may carry.
const Licence = Type.Object({
  type: Type.String({ maxLength: 200 }),
  number: Type.String({ maxLength: 200 }),
  validFrom: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }))),
  validTo: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }))),
}, { additionalProperties: false })
const Location = Type.Object({ lng: Type.Number(), lat: Type.Number() }, { additionalProperties: false, description: 'in `crs` (default WGS84), stored as WGS-84' })

const fields = {
  uscc: Type.String({ maxLength: 40, description: 'unified social credit code (GB 32100-2015)' }),
  name: Type.String({ maxLength: 1000 }),
  kind: Type.Optional(Type.Union([Kind, Type.Null()], { description: 'derived from the USCC when omitted' })),
  registeredAddress: Type.String({ maxLength: 1000 }),
  actualAddress: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  location: Type.Optional(Type.Union([Location, Type.Null()])),
  industry: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  licences: Type.Optional(Type.Array(Licence, { maxItems: 200 })),
  keyDomains: Type.Optional(Type.Array(KeyDomain, { maxItems: 10 })),
  operatingState: Type.Optional(OperatingState),
  riskClass: Type.Optional(RiskClass),
  legalRepresentative: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  crs: Type.Optional(Crs),
}
export const NewBusiness = Type.Object(fields, { additionalProperties: false })
export const BusinessChange = Type.Partial(Type.Object(fields), { additionalProperties: false })

export const BusinessView = Type.Object({
  id: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  kind: Kind,
  registeredAddress: Type.String(),
  actualAddress: Nullable(Type.String()),
  location: Type.Union([Type.Object({ lng: Type.Number(), lat: Type.Number() }), Type.Null()]),
  industry: Nullable(Type.String()),
  licences: Type.Array(Type.Object({
    type: Type.String(), number: Type.String(),
    validFrom: Type.Optional(Nullable(Type.String())), validTo: Type.Optional(Nullable(Type.String())),
  })),
  keyDomains: Type.Array(Type.String()),
  operatingState: Type.String(),
  riskClass: Type.String(),
  legalRepresentative: Nullable(Type.String({ description: 'masked (张*) without person.readPersonal' })),
  contactPhone: Nullable(Type.String({ description: 'masked (138****1234) without person.readPersonal' })),
  personalMasked: Type.Boolean(),
  usccWarnings: Type.Array(Type.Literal('orgCodeCheck'), { description: 'doubts that do not refuse the code: orgCodeCheck = its GB 11714 organisation-code check character (17th) does not check' }),
  gridCode: Nullable(Type.String()),
  areaCode: Type.String(),
  unplacedReason: Type.Union([Reason, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'raised by every change; the ETag. Send it back as If-Match to change the business safely' }),
})

/** The filters of a business search, shared by the ledger's export (ledger-io). */
export const BusinessFilters = {
  q: Type.Optional(Type.String({ maxLength: 100, description: 'name contains, or USCC prefix when it looks like one' })),
  uscc: Type.Optional(Type.String({ maxLength: 24, description: 'USCC or its first characters (prefix search)' })),
  address: Type.Optional(Type.String({ maxLength: 100, description: 'registered or actual address contains' })),
  gridCode: Type.Optional(AreaCode),
  under: Type.Optional(AreaCode),
  industry: Type.Optional(Type.String({ maxLength: 100 })),
  riskClass: Type.Optional(RiskClass),
  kind: Type.Optional(Kind),
  operatingState: Type.Optional(OperatingState),
  placed: Type.Optional(Type.Boolean()),
}
export const SearchQuery = Type.Object({
  ...BusinessFilters, ...PageQuery,
  sort: Type.Optional(literals(BUSINESS_SORTS, {
    description: 'name, riskClass (high first), updatedAt or gridCode; a leading - sorts descending; absent: registration order. Page a sort with cursor.',
  })),
  cursor: Type.Optional(Type.String({ maxLength: 2000, description: 'nextCursor of the previous page, in the same sort' })),
}, { additionalProperties: false })
export const ListPage = Type.Object({
  ...Page(BusinessView).properties,
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'cursor of the next page in this order (also unsorted); null after the last' }),
})
export const CountQuery = Type.Object({ ...BusinessFilters, reason: Type.Optional(Reason) }, { additionalProperties: false })
export const Count = Type.Object({
  total: Type.Integer({ description: `matching businesses, counted up to ${COUNT_CAP}` }),
  exact: Type.Boolean({ description: 'false when more than `total` match' }),
})
export const UnplacedQuery = Type.Object({ reason: Type.Optional(Reason), under: Type.Optional(AreaCode), ...PageQuery }, { additionalProperties: false })
export const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) })

const Int4 = (minimum: number) => Type.Integer({ minimum, maximum: 2_147_483_647 })
export const OnPhoneBody = Type.Object({
  known: Type.Array(Type.Tuple([Int4(1), Int4(0)]), { maxItems: ON_PHONE_MAX, description: '[id, version] of each business the phone holds' }),
}, { additionalProperties: false })
export const OnPhoneSync = Type.Object({
  grids: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  changed: Type.Array(BusinessView, { description: 'new or changed since the versions sent' }),
  removed: Type.Array(Type.Integer(), { description: 'ids the phone should drop' }),
  total: Type.Integer(),
})
export const AnnualReportsBody = Type.Object({
  usccs: Type.Array(Type.String({ maxLength: 40 }), { maxItems: ANNUAL_REPORTS_MAX, description: 'the codes of the businesses that filed the report on `year`' }),
}, { additionalProperties: false })
export const AnnualReportsRecorded = Type.Object({
  year: Type.Integer(), recorded: Type.Integer(), unknown: Type.Array(Type.String()), remindersClosed: Type.Integer(),
})
export const Year = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) })

export const PlatesQuery = Type.Object({
  grid: AreaCode,
  uscc: Type.Optional(Type.String({ maxLength: 18, description: 'one business, to replace its plate' })),
  lang: FileLang,
}, { additionalProperties: false })

export type BusinessView = Static<typeof BusinessView>
export type NewBusiness = Static<typeof NewBusiness>
export type BusinessChange = Static<typeof BusinessChange>
