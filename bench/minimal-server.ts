/**
 * The anchor of the list benchmark: the least a server can do to answer the same keyset page —
 * Fastify, a pg pool, the same SQL, JSON out. No sessions, scope, validation or masking.
 */
import Fastify from 'fastify'
import pg from 'pg'
import { BUSINESS_COLUMNS, NAME_BITMAP_SETTINGS, NAME_WALK_SETTINGS, RARE_NAME_ROWS, hasTrigram, nameSearchSql } from '../src/modules/businesses/service.ts'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
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
  // A name search runs the product's statements in the product's order (service.ts, searchByName).
  params.push('%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%')
  where += ' AND name LIKE $2'
  params.push(Number(q.after ?? 0), Number(q.limit ?? 50))
  const sql = nameSearchSql(where, 3, 4)
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    let rows: any[] | null = null
    if (hasTrigram(q.q)) {
      await client.query(NAME_BITMAP_SETTINGS)
      const bitmap = (await client.query(sql.bitmap, params)).rows
      if (bitmap.length === 0 || bitmap[0].hits <= RARE_NAME_ROWS) rows = bitmap
    }
    if (!rows) {
      await client.query(NAME_WALK_SETTINGS)
      rows = (await client.query(sql.walk, params)).rows
    }
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
