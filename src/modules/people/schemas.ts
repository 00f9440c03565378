/**
 * The personnel ledger's shapes, declared once (M2.3): the routes validate and document them, and
 * the service's types are derived from them.
 */
import { Type, type Static } from '@sinclair/typebox'
import { AreaCode, PageQuery } from '../../server/schemas.ts'
import { PERSON_ROLES, POSITIONS, VIOLATION_CODES } from './rules.ts'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
const PositionName = literals(POSITIONS)
// Role names are checked by the rules (person.roleUnknown), so that API and import refuse alike.
const RoleAssignment = Type.Object({
  role: Type.String({ minLength: 1, maxLength: 40, description: PERSON_ROLES.join(' | ') }),
  areaCode: AreaCode,
}, { additionalProperties: false })
const Phone = Type.Union([Type.String({ maxLength: 30, description: 'mobile 13800138000 or landline 029-83123456' }), Type.Null()])
const Organisation = Type.Union([Type.String({ maxLength: 200 }), Type.Null()])

export const NewPerson = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  position: PositionName,
  phone: Type.Optional(Phone),
  organisation: Type.Optional(Organisation),
  areaCode: AreaCode,
  onDuty: Type.Optional(Type.Boolean({ default: true })),
  roles: Type.Optional(Type.Array(RoleAssignment, { maxItems: 50 })),
}, { additionalProperties: false })

export const PersonChange = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  position: Type.Optional(PositionName),
  phone: Type.Optional(Phone),
  organisation: Type.Optional(Organisation),
  areaCode: Type.Optional(AreaCode),
  onDuty: Type.Optional(Type.Boolean()),
  roles: Type.Optional(Type.Array(RoleAssignment, { maxItems: 50, description: 'replaces the duties inside your scope' })),
}, { additionalProperties: false })

export const PersonView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  position: Type.String(),
  /** masked (138****5678) unless the view was asked for with 'person.readPersonal' */
  phone: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Boolean(),
  organisation: Type.Union([Type.String(), Type.Null()]),
  /** home unit */
  areaCode: Type.String(),
  onDuty: Type.Boolean(),
  /** the duties inside the viewer's scope */
  roles: Type.Array(Type.Object({ role: Type.String(), areaCode: Type.String() })),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'raised by every change, duties included; the ETag. Send it back as If-Match to change the person safely' }),
})
/** A person as the API answers it; the phone is masked unless asked for with 'person.readPersonal'. */
export type PersonView = Static<typeof PersonView>

export const PeopleQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  role: Type.Optional(literals(PERSON_ROLES)),
  under: Type.Optional(AreaCode),
  gridCode: Type.Optional(AreaCode),
  onDuty: Type.Optional(Type.Boolean()),
  ...PageQuery,
}, { additionalProperties: false })

const PersonRef = Type.Object({ id: Type.Integer(), name: Type.String() })
const GridStaffing = Type.Object({
  code: Type.String(),
  name: Type.String(),
  counts: Type.Object({
    gridHead: Type.Integer(), gridManager: Type.Integer(), informant: Type.Integer(), overseer: Type.Integer(),
    offDuty: Type.Integer({ description: 'people holding a duty here while off duty; they count in no rule' }),
  }),
  gridHeads: Type.Array(PersonRef),
  overseers: Type.Array(PersonRef),
  violations: Type.Array(Type.Object({
    code: literals(VIOLATION_CODES), zh: Type.String(), en: Type.String(), people: Type.Array(PersonRef),
  })),
})
export const StaffingReport = Type.Object({
  under: Type.String(),
  grids: Type.Array(GridStaffing),
  retiredDuties: Type.Array(Type.Object({
    areaCode: Type.String(), areaName: Type.String(), successorCodes: Type.Array(Type.String()), role: Type.String(),
    person: Type.Object({ id: Type.Integer(), name: Type.String() }),
  }), { description: 'duties still held on retired (split, merged) grids, to re-assign' }),
  summary: Type.Object({
    grids: Type.Integer(), gridsOk: Type.Integer(), gridsWithViolations: Type.Integer(),
    violations: Type.Object(Object.fromEntries(VIOLATION_CODES.map((c) => [c, Type.Integer()]))),
  }),
})
export const StaffingQuery = Type.Object({
  under: Type.Optional(AreaCode),
  violationsOnly: Type.Boolean({ default: false }),
}, { additionalProperties: false })

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })
