/**
 * Database failures become sentences that say what to run; the password never appears. The real
 * PostgreSQL errors are in test/security/production-role.test.ts; these are the mappings.
 */
import { describe, expect, it } from 'vitest'
import { describeDatabaseError, OperatorError } from './db-errors.ts'
import { SchemaError } from './migrate.ts'

const url = 'postgres://market_grid_app:s3cret@db.example:5432/market_grid'
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('database errors in words', () => {
  it('42501 on a table names the role and grant-app-role', () => {
    const s = describeDatabaseError(pgError('42501', 'permission denied for table audit_events'), url)!
    expect(s).toBe(
      'the database role market_grid_app lacks the right to use table audit_events (permission denied for table audit_events): ' +
        'run `market-grid grant-app-role market_grid_app` as the database owner (docs/deployment.md, step 4)',
    )
  })

  it('42501 on the schema says migrate is the owner\'s', () => {
    expect(describeDatabaseError(pgError('42501', 'permission denied for schema public'), url)).toMatch(/run `market-grid migrate` as the database owner/)
  })

  it('a refused connection (AggregateError of each address), bad password, missing database', () => {
    const refused = Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })]), { code: 'ECONNREFUSED' })
    expect(describeDatabaseError(refused, url)).toMatch(/^cannot reach the PostgreSQL server at db\.example:5432: the connection was refused/)
    expect(describeDatabaseError(pgError('28P01', 'password authentication failed for user "market_grid_app"'), url)).toBe(
      'PostgreSQL refused the password of role market_grid_app (password authentication failed): check DATABASE_URL',
    )
    expect(describeDatabaseError(pgError('3D000', 'database "market_grid" does not exist'), url)).toMatch(/^the database market_grid does not exist on db\.example:5432/)
  })

  it('missing PostGIS in words', () => {
    expect(describeDatabaseError(pgError('0A000', 'extension "postgis" is not available'), url)).toMatch(/^PostGIS is not installed on the database server/)
    expect(describeDatabaseError(pgError('42704', 'type "geometry" does not exist'), url)).toMatch(/^PostGIS is missing from database market_grid/)
  })

  it('never shows the password, and any other SQLSTATE is still a sentence', () => {
    for (const code of ['42501', '28P01', '3D000', '28000', 'XX000', '42P01']) {
      const s = describeDatabaseError(pgError(code, 'something'), url)!
      expect(s).not.toContain('s3cret')
      expect(s).not.toMatch(/^\w{5}: \{\}$/)
    }
    expect(describeDatabaseError(pgError('XX000', 'boom'), url)).toBe('the database refused: boom (SQLSTATE XX000)')
  })

  it('refusals that already are sentences pass through; other errors are not ours', () => {
    expect(describeDatabaseError(new SchemaError('the database schema is not current: …'), url)).toBe('the database schema is not current: …')
    expect(describeDatabaseError(new OperatorError('run it as the owner'), url)).toBe('run it as the owner')
    expect(describeDatabaseError(new TypeError('x is undefined'), url)).toBeNull()
  })
})
