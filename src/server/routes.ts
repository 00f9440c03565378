import type { FastifyInstance } from 'fastify'
import { authRoutes } from '../modules/auth/routes.ts'
import { auditRoutes } from '../modules/audit/routes.ts'
import { areaRoutes } from '../modules/areas/routes.ts'
import { businessRoutes } from '../modules/businesses/routes.ts'
import { peopleRoutes } from '../modules/people/routes.ts'
import { ledgerIoRoutes } from '../modules/ledger-io/routes.ts'
import { mapRoutes } from '../modules/map/routes.ts'
import { caseRoutes } from '../modules/cases/routes.ts'
import { portalRoutes } from '../modules/portal/routes.ts'
import { calendarRoutes } from '../modules/calendar/routes.ts'
import { evidenceRoutes } from '../modules/evidence/routes.ts'
import { patrolRoutes } from '../modules/patrols/routes.ts'
import { positionRoutes } from '../modules/positions/routes.ts'
import { marketRoutes } from '../modules/markets/routes.ts'

/** Every capability's routes under /api. */
export async function registerRoutes(app: FastifyInstance) {
  await app.register(authRoutes)
  await app.register(auditRoutes)
  await app.register(areaRoutes)
  await app.register(businessRoutes)
  await app.register(peopleRoutes)
  await app.register(ledgerIoRoutes)
  await app.register(mapRoutes)
  await app.register(caseRoutes)
  await app.register(portalRoutes)
  await app.register(calendarRoutes)
  await app.register(evidenceRoutes)
  await app.register(patrolRoutes)
  await app.register(positionRoutes)
  await app.register(marketRoutes)
}
