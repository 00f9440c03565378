/**
 * The OpenAPI document without a database or a listening socket: for `market-grid openapi` and for
 * generating the web console's typed client (web/lib/api/schema.d.ts).
 */
import { loadConfig } from '../config.ts'
import type { Db } from '../db/connection.ts'
import { buildApp } from './app.ts'

function unavailable(): never {
  throw new Error('no database while the OpenAPI document is generated')
}

/** Registration reads no data, so a database that refuses every call is enough. */
const noDatabase: Db = {
  kind: 'postgres',
  location: '(none)',
  query: unavailable,
  prepared: unavailable,
  exec: unavailable,
  copyCsv: unavailable,
  notifyAfterCommit: unavailable,
  afterCommit: unavailable,
  writeLater: unavailable,
  transaction: unavailable,
  listen: unavailable,
  close: async () => {},
}

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = await buildApp({ db: noDatabase, config: loadConfig({}), serveWeb: false })
  await app.ready()
  const doc = app.swagger() as unknown as Record<string, unknown>
  await app.close()
  return doc
}
