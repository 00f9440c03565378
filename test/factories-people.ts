/**
 * People for tests, written through the ledger's own insert (the rules have their own tests), and
 * multipart bodies for import requests.
 */
import { randomBytes } from 'node:crypto'
import type { Sql } from '../src/db/connection.ts'
import type { PersonRecord } from '../src/modules/people/rules.ts'
import { insertPeople } from '../src/modules/people/service.ts'

let counter = 0

/** A person with the given overrides; a supervision officer on duty at 0501 with no duties by default. */
export async function buildPerson(sql: Sql, overrides: Partial<PersonRecord> = {}): Promise<number> {
  const n = ++counter
  const [id] = await insertPeople(sql, [{
    name: `测试人员${n}`, position: 'supervision_officer', phone: `139${String(10000000 + n).slice(-8)}`,
    organisation: '测试所', areaCode: '0501', onDuty: true, roles: [], ...overrides,
  }])
  return id
}

/** Shorthand for duties: duty('grid_head', '050101'). */
export const duty = (role: string, areaCode: string) => ({ role, areaCode })

/** A multipart/form-data body with one file part, for app.inject. */
export function multipartFile(content: Buffer | string, filename = 'people.csv', field = 'file', contentType = 'application/octet-stream') {
  const boundary = '----mg' + randomBytes(8).toString('hex')
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
