/**
 * The loop's configuration tables (M3.1, M3.4): case categories, the routes above the grid and the
 * departments cases are referred to.
 */
import type { Sql } from '../../db/connection.ts'

export interface CaseCatalogue {
  categories: Array<{ code: string; name: { zh: string; en: string }; routeCode: string; emergency: boolean; active: boolean }>
  routes: Array<{ code: string; name: { zh: string; en: string }; referFromLevels: number[] }>
  departments: Array<{ code: string; name: { zh: string; en: string }; active: boolean }>
}

/** The codes of the categories a case may be filed under now (patrol items name them for findings). */
export async function activeCategoryCodes(sql: Sql): Promise<Set<string>> {
  const { rows } = await sql.query<{ code: string }>('SELECT code FROM case_categories WHERE active')
  return new Set(rows.map((r) => r.code))
}

export async function caseCatalogue(sql: Sql): Promise<CaseCatalogue> {
  const [categories, routes, departments] = await Promise.all([
    sql.query<{ code: string; name_zh: string; name_en: string; route_code: string; emergency: boolean; active: boolean }>(
      'SELECT code, name_zh, name_en, route_code, emergency, active FROM case_categories ORDER BY sort, code'),
    sql.query<{ code: string; name_zh: string; name_en: string; refer_from_levels: number[] }>(
      'SELECT code, name_zh, name_en, refer_from_levels FROM case_routes ORDER BY code'),
    sql.query<{ code: string; name_zh: string; name_en: string; active: boolean }>(
      'SELECT code, name_zh, name_en, active FROM departments ORDER BY code'),
  ])
  return {
    categories: categories.rows.map((c) => ({ code: c.code, name: { zh: c.name_zh, en: c.name_en }, routeCode: c.route_code, emergency: c.emergency, active: c.active })),
    routes: routes.rows.map((r) => ({ code: r.code, name: { zh: r.name_zh, en: r.name_en }, referFromLevels: r.refer_from_levels })),
    departments: departments.rows.map((d) => ({ code: d.code, name: { zh: d.name_zh, en: d.name_en }, active: d.active })),
  }
}
