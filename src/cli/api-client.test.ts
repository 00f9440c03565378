import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateApiTypes, schemaFile } from './api-client.ts'

describe('web API types', () => {
  it('match the server: run `npm run gen:api` after changing a route schema', async () => {
    const generated = await generateApiTypes()
    expect(fs.readFileSync(schemaFile, 'utf8') === generated, 'web/lib/api/schema.d.ts is stale: run npm run gen:api').toBe(true)
  })
})
