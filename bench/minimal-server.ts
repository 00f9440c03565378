/**
 * The anchor of the list benchmark: the least a server can do to answer the same keyset page —
 * Fastify, a pg pool, the same SQL (the product's WHERE clause and name-search statements), JSON
 * out. No sessions, validation or masking.
 */
import Fastify from 'fastify'
import pg from 'pg'
import { inTransaction, preparedName } from '../src/db/connection.ts'
import { BUSINESS_COLUMNS, looksLikeUsccPrefix, searchWhere, type BusinessFilters } from '../src/modules/businesses/service.ts'
import { CommonSearches, nameSearchSql, readNamePage, type NameSearchDb } from '../src/modules/businesses/name-search.ts'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
const common = new CommonSearches()
/** The pool as name-search.ts runs on it: statements, and transactions on one client. */
const db: NameSearchDb = {
  prepared: (text, values) => pool.query<any>({ name: preparedName(text), text, values }),
  transaction: (fn) => inTransaction(pool, (client) =>
    fn({ query: (text, values) => client.query<any>(text, values), exec: async (text) => { await client.query(text) } })),
}
const app = Fastify()
app.get('/businesses', async (req) => {
  const q = req.query as BusinessFilters & { after?: string; limit?: string }
  // The product's WHERE clause for the bench account's scope ('' → every area) and the filters.
  const params: unknown[] = []
  const where = searchWhere({ scope: '' }, q, params)
  params.push(Number(q.after ?? 0), Number(q.limit ?? 50))
  const term = q.q?.trim()
  if (!term || looksLikeUsccPrefix(term)) {
    const { rows } = await pool.query(
      `SELECT ${BUSINESS_COLUMNS} FROM businesses WHERE ${where} AND id > $${params.length - 1} ORDER BY id LIMIT $${params.length}`, params)
    return { items: rows }
  }
  // A name search runs the product's statements in the product's order (name-search.ts).
  return { items: await readNamePage(db, term, nameSearchSql(BUSINESS_COLUMNS, where, params.length - 1, params.length), params, common) }
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
console.log('ready')
