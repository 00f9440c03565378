/**
 * Generates the web console's API types (web/lib/api/schema.d.ts) from the server's OpenAPI
 * document, so the console never retypes a request or response by hand. `npm run gen:api` writes
 * the file; a test fails when the committed file is stale.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { openApiDocument } from '../server/openapi.ts'

export const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/lib/api/schema.d.ts')

const HEADER = '// Generated from the server\'s OpenAPI document by `npm run gen:api`. Do not edit.\n\n'

export async function generateApiTypes(): Promise<string> {
  const doc = await openApiDocument()
  const ast = await openapiTS(doc as any)
  return HEADER + astToString(ast)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const text = await generateApiTypes()
  fs.writeFileSync(schemaFile, text)
  console.log(`wrote ${path.relative(process.cwd(), schemaFile)} (${text.length} bytes)`)
}
