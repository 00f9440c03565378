import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { etagOf, parseIfMatch } from '../audit/changes.ts'
import { AreaCode, errorResponses, Page, PageQuery } from '../../server/schemas.ts'
import { PERSON_ROLES, POSITIONS, VIOLATION_CODES } from './rules.ts'
import { createPerson, getPerson, listPeople, updatePerson } from './service.ts'
import { staffingReport } from './staffing.ts'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
const PositionName = literals(POSITIONS)
// Role names are checked by the rules (person.roleUnknown), so that API and import refuse alike.
const RoleAssignment = Type.Object({
  role: Type.String({ minLength: 1, maxLength: 40, description: PERSON_ROLES.join(' | ') }),
  areaCode: AreaCode,
}, { additionalProperties: false })
const Phone = Type.Union([Type.String({ maxLength: 30, description: 'mobile 13800138000 or landline 029-83123456' }), Type.Null()])
const Organisation = Type.Union([Type.String({ maxLength: 200 }), Type.Null()])

const NewPerson = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  position: PositionName,
  phone: Type.Optional(Phone),
  organisation: Type.Optional(Organisation),
  areaCode: AreaCode,
  onDuty: Type.Optional(Type.Boolean({ default: true })),
  roles: Type.Optional(Type.Array(RoleAssignment, { maxItems: 50 })),
}, { additionalProperties: false })

const PersonChange = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  position: Type.Optional(PositionName),
  phone: Type.Optional(Phone),
  organisation: Type.Optional(Organisation),
  areaCode: Type.Optional(AreaCode),
  onDuty: Type.Optional(Type.Boolean()),
  roles: Type.Optional(Type.Array(RoleAssignment, { maxItems: 50, description: 'replaces the duties inside your scope' })),
}, { additionalProperties: false })

const PersonView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  position: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Boolean(),
  organisation: Type.Union([Type.String(), Type.Null()]),
  areaCode: Type.String(),
  onDuty: Type.Boolean(),
  roles: Type.Array(Type.Object({ role: Type.String(), areaCode: Type.String() })),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'raised by every change, duties included; the ETag. Send it back as If-Match to change the person safely' }),
})

const PeopleQuery = Type.Object({
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
const StaffingReport = Type.Object({
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
const StaffingQuery = Type.Object({
  under: Type.Optional(AreaCode),
  violationsOnly: Type.Boolean({ default: false }),
}, { additionalProperties: false })

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })

/** M2.3 personnel ledger and staffing report; its import and export (M2.4) are ledger-io's routes. */
export async function peopleRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['people']

  app.get('/people', {
    schema: { tags, summary: '人员台账 List people', querystring: PeopleQuery, response: { 200: Page(PersonView), ...errorResponses } },
  }, (req) => listPeople(app.db, req.actor!, req.query))

  app.post('/people', {
    schema: { tags, summary: '新增人员 Add a person', body: NewPerson, response: { 200: PersonView, ...errorResponses } },
  }, (req) => createPerson(app.db, req.actor!, req.body))

  app.get('/people/:id', {
    schema: {
      tags, summary: '人员详情（有权限时显示完整电话并记录审计）Get a person', params: IdParams,
      response: { 200: PersonView, ...errorResponses },
    },
  }, async (req, reply) => {
    const view = await getPerson(app.db, req.actor!, req.params.id)
    reply.header('etag', etagOf(view.version))
    return view
  })

  app.patch('/people/:id', {
    schema: {
      tags, summary: '修改人员；不在岗：onDuty=false 且 roles=[] Change a person (no deletion)', params: IdParams,
      body: PersonChange, response: { 200: PersonView, ...errorResponses },
    },
  }, async (req, reply) => {
    const view = await updatePerson(app.db, req.actor!, req.params.id, req.body, parseIfMatch(req.headers['if-match']))
    reply.header('etag', etagOf(view.version))
    return view
  })

  app.get('/staffing', {
    schema: {
      tags, summary: '网格人员配置检查 Staffing of the grids (M2.3)', querystring: StaffingQuery,
      response: { 200: StaffingReport, ...errorResponses },
    },
  }, (req) => staffingReport(app.db, req.actor!, req.query))
}
