/**
 * The anchor of the list benchmark: the least a server can do to answer the same keyset page —
 * Fastify, a pg pool, the same SQL, JSON out. No sessions, scope, validation or masking.
 */
import Fastify from 'fastify'
import pg from 'pg'
import { BUSINESS_COLUMNS } from '../src/modules/businesses/service.ts'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
const app = Fastify()
app.get('/businesses', async (req) => {
  const q = req.query as { after?: string; limit?: string; q?: string }
  // The same scope condition as the bench account's (scope '' → every area).
  const params: unknown[] = ['%']
  let where = 'area_code LIKE $1'
  if (q.q) {
    params.push('%' + q.q + '%')
    where += ` AND name LIKE $${params.length}`
  }
  params.push(Number(q.after ?? 0), Number(q.limit ?? 50))
  const { rows } = await pool.query(
    `SELECT ${BUSINESS_COLUMNS} FROM businesses WHERE ${where} AND id > $${params.length - 1} ORDER BY id LIMIT $${params.length}`, params)
  return { items: rows }
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
console.log('ready')
