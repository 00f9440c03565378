import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { etagOf, parseIfMatch } from '../audit/changes.ts'
import { errorResponses, Page } from '../../server/schemas.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { IdParams, NewPerson, PeopleQuery, PersonChange, PersonView, StaffingQuery, StaffingReport } from './schemas.ts'
import { createPerson, getPerson, listPeople, updatePerson } from './service.ts'
import { staffingReport } from './staffing.ts'

/** M2.3 personnel ledger and staffing report; its import and export (M2.4) are ledger-io's routes. */
export async function peopleRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['people']

  app.get('/people', {
    schema: { tags, summary: '人员台账 List people', querystring: PeopleQuery, response: { 200: Page(PersonView), ...errorResponses } },
  }, (req) => listPeople(app.db, signedIn(req), req.query))

  app.post('/people', {
    schema: { tags, summary: '新增人员 Add a person', body: NewPerson, response: { 200: PersonView, ...errorResponses } },
  }, (req) => createPerson(app.db, signedIn(req), req.body))

  app.get('/people/:id', {
    schema: {
      tags, summary: '人员详情（有权限时显示完整电话并记录审计）Get a person', params: IdParams,
      response: { 200: PersonView, ...errorResponses },
    },
  }, async (req, reply) => {
    const view = await getPerson(app.db, signedIn(req), req.params.id)
    reply.header('etag', etagOf(view.version))
    return view
  })

  app.patch('/people/:id', {
    schema: {
      tags, summary: '修改人员；不在岗：onDuty=false 且 roles=[] Change a person (no deletion)', params: IdParams,
      body: PersonChange, response: { 200: PersonView, ...errorResponses },
    },
  }, async (req, reply) => {
    const view = await updatePerson(app.db, signedIn(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']))
    reply.header('etag', etagOf(view.version))
    return view
  })

  app.get('/staffing', {
    schema: {
      tags, summary: '网格人员配置检查 Staffing of the grids (M2.3)', querystring: StaffingQuery,
      response: { 200: StaffingReport, ...errorResponses },
    },
  }, (req) => staffingReport(app.db, signedIn(req), req.query))
}
