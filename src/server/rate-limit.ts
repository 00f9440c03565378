/**
 * Fixed-window rate limits counted in the database, so that every server process behind the proxy
 * counts the same hits (the public portal's per-address limits). One UPSERT per hit.
 */
import type { Sql } from '../db/connection.ts'
import { AppError, defineErrors } from './errors.ts'

export const RateLimitErrors = defineErrors({
  'request.rateLimited': {
    status: 429,
    zh: '操作过于频繁，请 {retryAfter} 秒后再试',
    en: 'Too many requests; please try again in {retryAfter} seconds',
  },
})

export interface Limit {
  /** what is counted, e.g. `portal.file:203.0.113.7` */
  bucket: string
  max: number
  windowSeconds: number
}

/** Counts one hit; throws `request.rateLimited` (429, with retryAfter) once the window's limit is passed. */
export async function hitLimit(sql: Sql, limit: Limit, now = new Date()): Promise<void> {
  const windowMs = limit.windowSeconds * 1000
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  const { rows } = await sql.query<{ hits: number }>(
    `INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
    [limit.bucket, start],
  )
  if (rows[0].hits > limit.max) {
    const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000))
    throw new AppError('request.rateLimited', { retryAfter })
  }
  // Old windows are dropped now and then by whoever happens to pass (1 in 200 hits).
  if (Math.random() < 0.005) await sql.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`)
}
