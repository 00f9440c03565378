/**
 * Figures for the coverage dashboard (M1.3, M2.2): per live area in the actor's scope, how many
 * businesses belong to it and how many of those are placed in a grid. Read-only.
 *
 * One grouped scan of the businesses by their area code (at most one group per area), rolled up to
 * every ancestor in memory: a million businesses cost one aggregate, not one count per area.
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Sql } from '../../db/connection.ts'
import { errorResponses } from '../../server/schemas.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { authorize, scopeFilter, type Actor } from '../access/policy.ts'
import { scopedPrefix } from './coverage.ts'
import './errors.ts'

export interface PlacementRow {
  code: string
  name: string
  level: number
  parentCode: string | null
  /** businesses whose area is this one or below it */
  businesses: number
  /** of those, placed in a grid */
  placed: number
}

/** Businesses and placed businesses per live area under `under` (default and bound: the actor's scope). */
async function placementByArea(db: Sql, actor: Actor, under?: string): Promise<PlacementRow[]> {
  authorize(actor, 'business.read')
  const prefix = scopedPrefix(actor, under)
  const scoped = { scope: prefix }
  const areaParams: unknown[] = []
  const areas = await db.query<{ code: string; name: string; level: number; parent_code: string | null }>(
    `SELECT code, name, level, parent_code FROM areas
     WHERE ${scopeFilter(scoped, 'code', areaParams)} AND retired_at IS NULL ORDER BY code`,
    areaParams,
  )
  const bizParams: unknown[] = []
  const groups = await db.query<{ area_code: string; n: number; placed: number }>(
    `SELECT area_code, count(*)::int AS n, count(grid_code)::int AS placed FROM businesses
     WHERE ${scopeFilter(scoped, 'area_code', bizParams)} GROUP BY area_code`,
    bizParams,
  )
  const totals = new Map<string, { businesses: number; placed: number }>()
  for (const g of groups.rows) {
    for (let len = 2; len <= g.area_code.length; len += 2) {
      const code = g.area_code.slice(0, len)
      const t = totals.get(code) ?? { businesses: 0, placed: 0 }
      t.businesses += g.n
      t.placed += g.placed
      totals.set(code, t)
    }
  }
  return areas.rows.map((a) => ({
    code: a.code, name: a.name, level: a.level, parentCode: a.parent_code,
    businesses: totals.get(a.code)?.businesses ?? 0, placed: totals.get(a.code)?.placed ?? 0,
  }))
}

const UnderQuery = Type.Object({ under: Type.Optional(Type.String({ minLength: 1, maxLength: 24 })) }, { additionalProperties: false })
const PlacementRowSchema = Type.Object({
  code: Type.String(), name: Type.String(), level: Type.Integer(), parentCode: Type.Union([Type.String(), Type.Null()]),
  businesses: Type.Integer({ description: 'businesses of this area or below it' }),
  placed: Type.Integer({ description: 'of those, placed in a grid' }),
})

export async function dashboardRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get('/coverage/placement', {
    schema: {
      tags: ['areas'], summary: '各区域市场主体入格情况 Businesses placed per area (dashboard)',
      querystring: UnderQuery, response: { 200: Type.Array(PlacementRowSchema), ...errorResponses },
    },
  }, (req) => placementByArea(app.db, signedIn(req), req.query.under))
}
