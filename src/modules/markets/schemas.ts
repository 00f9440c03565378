/**
 * The shapes of co-governance (M4.4), declared once: markets, the month's draw of a market's patrol
 * work for checking, and what each check found. The API validates and documents them; the types
 * are derived from them.
 */
import { Type, type Static } from '@sinclair/typebox'
import { AreaCode, Uscc } from '../../server/schemas.ts'

export const Period = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'a month, YYYY-MM (Asia/Shanghai)' })

const Username = Type.String({ minLength: 1, maxLength: 64 })
/** a name with something besides spaces in it */
const MarketName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })

export const NewMarket = Type.Object({
  name: MarketName,
  /** the grid the market lies in */
  gridCode: AreaCode,
  /** the market's businesses by code */
  usccs: Type.Optional(Type.Array(Uscc, { maxItems: 5000 })),
  /** the market's outline (GeoJSON Polygon or MultiPolygon, WGS-84): the grid's businesses placed inside it join the list */
  boundary: Type.Optional(Type.Unknown()),
  /** the accounts of the market's management (role market_operator, scoped to the market's grid or above) */
  operators: Type.Optional(Type.Array(Username, { maxItems: 50 })),
}, { additionalProperties: false })
export type NewMarket = Static<typeof NewMarket>

export const MarketChange = Type.Object({
  name: Type.Optional(MarketName),
  /** the whole list, replacing the one kept */
  usccs: Type.Optional(Type.Array(Uscc, { maxItems: 5000 })),
  operators: Type.Optional(Type.Array(Username, { maxItems: 50 })),
}, { additionalProperties: false })
export type MarketChange = Static<typeof MarketChange>

/** How a market's management did in a month: the figures its assessment is made of. */
const MarketAssessment = Type.Object({
  period: Period,
  /** tasks given to the market's management that fell due in the month */
  tasksDue: Type.Integer(),
  /** of them, completed by their due day */
  doneOnTime: Type.Integer(),
  /** of them, still open past their due day */
  overdue: Type.Integer(),
  /** findings the management recorded in the month */
  findings: Type.Integer(),
  /** findings drawn for checking, checked, confirmed by the check, and found wrong */
  sampled: Type.Integer(),
  checked: Type.Integer(),
  confirmed: Type.Integer(),
  discrepancies: Type.Integer(),
  /** 0–100: on-time share × confirmed share of the checked (docs/decisions.md); null with no task due */
  score: Type.Union([Type.Integer(), Type.Null()]),
})
type MarketAssessment = Static<typeof MarketAssessment>

export const DrawView = Type.Object({
  id: Type.Integer(),
  period: Period,
  ratio: Type.Number(),
  /** sha-256 ordering key: anyone can redo the selection from it (docs/co-governance.md) */
  seed: Type.String(),
  population: Type.Integer(),
  sampled: Type.Integer(),
  drawnBy: Type.Union([Type.String(), Type.Null()]),
  drawnAt: Type.String({ format: 'date-time' }),
})
export type DrawView = Static<typeof DrawView>

export const MarketView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  gridCode: Type.String(),
  gridName: Type.String(),
  hasBoundary: Type.Boolean(),
  businessCount: Type.Integer(),
  operators: Type.Array(Type.Object({ username: Type.String(), name: Type.String() })),
  assessment: MarketAssessment,
  draw: Type.Union([DrawView, Type.Null()]),
})
export type MarketView = Static<typeof MarketView>

export const MarketList = Type.Object({
  period: Period,
  /** MARKET_CHECK_RATIO: the share of a month's findings a draw takes */
  ratio: Type.Number(),
  items: Type.Array(MarketView),
})
export type MarketList = Static<typeof MarketList>

export const MarketQuery = Type.Object({ period: Type.Optional(Period) }, { additionalProperties: false })

const CheckResult = Type.Union([Type.Literal('confirmed'), Type.Literal('discrepancy')])

export const CheckView = Type.Object({
  findingId: Type.String({ format: 'uuid' }),
  business: Type.Union([Type.Object({ id: Type.Integer(), uscc: Type.String(), name: Type.String() }), Type.Null()]),
  item: Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() }),
  recordedAt: Type.String({ format: 'date-time' }),
  recordedBy: Type.String(),
  answers: Type.Record(Type.String(), Type.Union([Type.Boolean(), Type.Number(), Type.String()])),
  findingNote: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([CheckResult, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  checkedBy: Type.Union([Type.String(), Type.Null()]),
  checkedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type CheckView = Static<typeof CheckView>

export const DrawWithChecks = Type.Object({ draw: Type.Union([DrawView, Type.Null()]), items: Type.Array(CheckView) })
export type DrawWithChecks = Static<typeof DrawWithChecks>

export const NewDraw = Type.Object({ period: Period }, { additionalProperties: false })

export const CheckRecord = Type.Object({
  result: CheckResult,
  /** what the check found; required when it found the work wrong */
  note: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false })
export type CheckRecord = Static<typeof CheckRecord>
