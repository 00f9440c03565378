import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { errorResponses, Id } from '../../server/schemas.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { checksOf, drawChecks, recordCheck } from './checks.ts'
import { CheckRecord, CheckView, DrawWithChecks, MarketChange, MarketList, MarketQuery, MarketView, NewDraw, NewMarket, Period } from './schemas.ts'
import { changeMarket, createMarket, listMarkets } from './service.ts'

const tags = ['co-governance']

export async function marketRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const ratio = app.config.marketCheckRatio
  // Who keeps a market is part of the session (the operator's reach): cached sessions read it again.
  const forgetSessions = (changed: boolean) => { if (changed) app.sessions.forget() }

  app.get('/markets', {
    schema: {
      tags, summary: '辖区内的市场及其月度考核 The markets of the caller\'s area and their month\'s assessment',
      querystring: MarketQuery, response: { 200: MarketList, ...errorResponses },
    },
  }, (req) => listMarkets(app.db, signedIn(req), ratio, req.query.period))

  app.post('/markets', {
    schema: {
      tags, summary: '设立市场（网格共治）：名称、网格、场内主体、管理方账号 Set up a market: name, grid, businesses, management accounts',
      body: NewMarket, response: { 201: MarketView, ...errorResponses },
    },
  }, async (req, reply) => {
    const { market, operatorsChanged } = await createMarket(app.db, signedIn(req), req.body)
    forgetSessions(operatorsChanged)
    return reply.code(201).send(market)
  })

  app.patch('/markets/:id', {
    schema: {
      tags, summary: '更改市场：名称、场内主体名单、管理方账号 Change a market: name, its list of businesses, its management',
      params: Id, body: MarketChange, response: { 200: MarketView, ...errorResponses },
    },
  }, async (req) => {
    const { market, operatorsChanged } = await changeMarket(app.db, signedIn(req), req.params.id, req.body)
    forgetSessions(operatorsChanged)
    return market
  })

  app.get('/markets/:id/checks', {
    schema: {
      tags, summary: '某月抽查样本及核查结果 A month\'s draw of the market\'s work and the checks',
      params: Id, querystring: Type.Object({ period: Period }, { additionalProperties: false }), response: { 200: DrawWithChecks, ...errorResponses },
    },
  }, (req) => checksOf(app.db, signedIn(req), req.params.id, req.query.period))

  app.post('/markets/:id/draws', {
    schema: {
      tags, summary: '抽取某月的核查样本（月份结束后，一次）Draw a month\'s sample for checking (after the month, once)',
      params: Id, body: NewDraw, response: { 201: DrawWithChecks, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await drawChecks(app.db, signedIn(req), req.params.id, req.body.period, ratio)))

  app.put('/market-checks/:findingId', {
    schema: {
      tags, summary: '记录核查结果 Record what checking a drawn finding found',
      params: Type.Object({ findingId: Type.String({ format: 'uuid' }) }), body: CheckRecord, response: { 200: CheckView, ...errorResponses },
    },
  }, (req) => recordCheck(app.db, signedIn(req), req.params.findingId, req.body))
}
