import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { errorResponses } from '../../server/schemas.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { sendJsonCompressed } from '../../server/compressed-json.ts'
import { NewPatrolFinding, NewPatrolItem, PatrolFindingView, PatrolItemCode, PatrolItemHistory, PatrolItemRevision, PatrolItemView, PatrolTaskPage, PatrolTaskQuery } from './schemas.ts'
import { createPatrolItem, listPatrolItems, patrolItemHistory, revisePatrolItem } from './service.ts'
import { listPatrolTasks } from './tasks.ts'
import { getFinding, recordFinding } from './findings.ts'

const tags = ['patrol items']
const CodeParams = Type.Object({ code: PatrolItemCode })

export async function patrolRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get('/patrol-items', {
    schema: { tags, summary: '入格巡查事项目录 The patrol item catalogue (current versions)', response: { 200: Type.Object({ items: Type.Array(PatrolItemView) }), ...errorResponses } },
  }, async (req) => ({ items: await listPatrolItems(app.db, signedIn(req)) }))

  app.get('/patrol-items/:code', {
    schema: { tags, summary: '巡查事项及其全部版本 A patrol item with all its versions', params: CodeParams, response: { 200: PatrolItemHistory, ...errorResponses } },
  }, async (req) => patrolItemHistory(app.db, signedIn(req), req.params.code))

  app.post('/patrol-items', {
    schema: { tags, summary: '新增巡查事项（片区长）Add a patrol item (district chief)', body: NewPatrolItem, response: { 201: PatrolItemView, ...errorResponses } },
  }, async (req, reply) => {
    const created = await createPatrolItem(app.db, signedIn(req), req.body)
    return reply.code(201).send(created)
  })

  app.put('/patrol-items/:code', {
    schema: {
      tags, summary: '修订巡查事项：新版本或启用/停用（片区长；version 为编辑时看到的版本）Revise a patrol item: a new version, or switch it on or off',
      params: CodeParams, body: PatrolItemRevision, response: { 200: PatrolItemView, ...errorResponses },
    },
  }, async (req) => revisePatrolItem(app.db, signedIn(req), req.params.code, req.body))

  app.get('/patrol-tasks', {
    schema: {
      tags: ['patrol tasks'], summary: '巡查任务（本人辖区内；mine=true 仅本人的）Patrol tasks in the caller\'s area; mine=true: the caller\'s own',
      querystring: PatrolTaskQuery, response: { 200: PatrolTaskPage, ...errorResponses },
    },
  }, async (req, reply) => sendJsonCompressed(req, reply, await listPatrolTasks(app.db, signedIn(req), req.query, new Date())))

  app.post('/patrol-findings', {
    schema: {
      tags: ['patrol tasks'],
      summary: '提交巡查记录（编号由手机生成：同一编号同一内容只保存一次，内容不同则 409）Record a finding on a patrol task; the phone makes its id: the same id and content are stored once, other content is a 409',
      body: NewPatrolFinding, response: { 200: PatrolFindingView, 201: PatrolFindingView, ...errorResponses },
    },
  }, async (req, reply) => {
    const { finding, created } = await recordFinding(app.db, signedIn(req), req.body)
    return reply.code(created ? 201 : 200).send(finding)
  })

  app.get('/patrol-findings/:id', {
    schema: {
      tags: ['patrol tasks'], summary: '一条巡查记录 One finding', params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      response: { 200: PatrolFindingView, ...errorResponses },
    },
  }, async (req) => getFinding(app.db, signedIn(req), req.params.id))
}
