/**
 * The anchor of the list benchmark: the least a server can do to answer the same keyset page —
 * Fastify, a pg pool, the same SQL, JSON out. No sessions, scope, validation or masking.
 */
import Fastify from 'fastify'
import pg from 'pg'
import { BUSINESS_COLUMNS } from '../src/modules/businesses/service.ts'
import { CommonSearches, nameSearchSql, readNamePage } from '../src/modules/businesses/name-search.ts'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
const common = new CommonSearches()
const app = Fastify()
app.get('/businesses', async (req) => {
  const q = req.query as { after?: string; limit?: string; q?: string }
  // The same scope condition as the bench account's (scope '' → every area).
  const params: unknown[] = ['%']
  let where = 'area_code LIKE $1'
  if (!q.q) {
    params.push(Number(q.after ?? 0), Number(q.limit ?? 50))
    const { rows } = await pool.query(
      `SELECT ${BUSINESS_COLUMNS} FROM businesses WHERE ${where} AND id > $2 ORDER BY id LIMIT $3`, params)
    return { items: rows }
  }
  // A name search runs the product's statements in the product's order (name-search.ts).
  params.push('%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%')
  where += ' AND name LIKE $2'
  params.push(Number(q.after ?? 0), Number(q.limit ?? 50))
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const tx = { query: (text: string, values?: unknown[]) => client.query(text, values), exec: async (text: string) => { await client.query(text) } }
    const rows = await readNamePage(tx, q.q, nameSearchSql(BUSINESS_COLUMNS, where, 3, 4), params, common)
    await client.query('COMMIT')
    return { items: rows }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  } finally {
    client.release()
  }
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
console.log('ready')
