import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AppError } from '../../server/errors.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { errorResponses } from '../../server/schemas.ts'
import { isValidDay, startOfDay } from './rules.ts'
import { replaceYear, workingDaysAfter, yearView } from './service.ts'

const tags = ['calendar']
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
const DayInfo = Type.Object({
  day: Type.String(),
  working: Type.Boolean(),
  kind: Type.Union([Type.Literal('weekday'), Type.Literal('weekend'), Type.Literal('holiday'), Type.Literal('adjustedWorkday')]),
  name: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.Literal('builtIn'), Type.Literal('administrator'), Type.Literal('unannounced')]),
})
const AfterQuery = Type.Object({
  from: Type.String({ maxLength: 40, description: 'a day (YYYY-MM-DD, Asia/Shanghai) or an ISO instant' }),
  days: Type.Integer({ minimum: 0, maximum: 3650 }),
}, { additionalProperties: false })
const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) })
const YearView = Type.Object({ year: Type.Integer(), announced: Type.Boolean(), loadedByAdministrator: Type.Boolean(), days: Type.Array(DayInfo) })
const YearBody = Type.Object({
  days: Type.Array(Type.Object({
    day: Day, working: Type.Boolean(), name: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  }, { additionalProperties: false }), { maxItems: 366, description: 'the days that differ from Monday–Friday working: holidays and adjusted working days' }),
}, { additionalProperties: false })

export async function calendarRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get('/calendar/working-days', {
    schema: {
      tags, summary: '某日之后第 N 个工作日（不含当日）N working days after a date, the day itself not counted', querystring: AfterQuery,
      response: {
        200: Type.Object({
          from: Type.String(), days: Type.Integer(), endsOn: Type.String(), endsAt: Type.String({ format: 'date-time' }),
          nonWorkingDaysSkipped: Type.Array(DayInfo),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const raw = req.query.from.trim()
    // A day is a Shanghai day; anything else must be a full ISO instant (JavaScript would read
    // 2026-02-30 as 2 March).
    const from = isValidDay(raw) ? startOfDay(raw) : /^\d{4}-\d{2}-\d{2}T/.test(raw) ? new Date(raw) : new Date(NaN)
    if (Number.isNaN(from.getTime()) || (/^\d{4}-\d{2}-\d{2}T/.test(raw) && !isValidDay(raw.slice(0, 10)))) throw new AppError('calendar.dayInvalid', { value: raw.slice(0, 20), field: 'from' })
    return workingDaysAfter(app.db, from, req.query.days)
  })

  app.get('/calendar/years/:year', {
    schema: { tags, summary: '某年的节假日与调休上班日 Holidays and adjusted working days of a year', params: YearParams, response: { 200: YearView, ...errorResponses } },
  }, async (req) => yearView(app.db, req.params.year))

  app.put('/calendar/years/:year', {
    schema: {
      tags, summary: '载入或更正某年日历（系统管理员）Load or correct a year (system administrator)',
      params: YearParams, body: YearBody, response: { 200: YearView, ...errorResponses },
    },
  }, async (req) =>
    replaceYear(app.db, signedIn(req), req.params.year, req.body.days))
}
