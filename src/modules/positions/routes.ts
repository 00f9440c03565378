import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { errorResponses } from '../../server/schemas.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { DutyChange, DutyView, LivePositions, PositionReceipt, PositionReport } from './schemas.ts'
import { dutyOf, livePositions, reportPositions, setDuty } from './service.ts'

const tags = ['staff positions']

export async function positionRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const settings = app.config.positions

  app.get('/positions/duty', {
    schema: { tags, summary: '本人是否在岗（共享位置）Whether the caller is on duty, sharing their position', response: { 200: DutyView, ...errorResponses } },
  }, (req) => dutyOf(app.db, signedIn(req), settings))

  app.put('/positions/duty', {
    schema: {
      tags, summary: '上岗（须同意共享位置）或结束在岗 Go on duty (with consent to share the position) or off duty',
      body: DutyChange, response: { 200: DutyView, ...errorResponses },
    },
  }, (req) => setDuty(app.db, signedIn(req), req.body, settings))

  app.post('/positions', {
    schema: {
      tags, summary: '在岗期间报告位置（WGS-84）Report positions while on duty (WGS-84)',
      body: PositionReport, response: { 200: PositionReceipt, ...errorResponses },
    },
  }, (req) => reportPositions(app.db, signedIn(req), req.body, settings))

  app.get('/positions/live', {
    schema: { tags, summary: '辖区内在岗人员的实时位置 Where the on-duty staff of the caller\'s area are', response: { 200: LivePositions, ...errorResponses } },
  }, (req) => livePositions(app.db, signedIn(req), settings))
}
