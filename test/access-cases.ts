/**
 * Access-matrix cases of the ledger capabilities (see access-control.test.ts for the shape).
 */
import type { Targets } from './access-targets.ts'

export const moduleCases: Array<{
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  route: string
  url: (t: Targets) => string
  body?: (t: Targets) => unknown
  upload?: (t: Targets) => { filename: string; content: string | Buffer }
  permission: any
  scoped: boolean
  insiderScope?: string
  insiderStatus?: number[]
}> = [
  // people (M2.3)
  { method: 'GET', route: '/api/people', url: () => '/api/people?limit=500', permission: 'person.read', scoped: true },
  { method: 'GET', route: '/api/people/{id}', url: (t) => `/api/people/${t.personId}`, permission: 'person.read', scoped: true },
  {
    method: 'POST', route: '/api/people', url: () => '/api/people', permission: 'person.write', scoped: true,
    body: () => ({ name: '矩阵新人', position: 'supervision_officer', areaCode: '0501', roles: [{ role: 'overseer', areaCode: '050101' }] }),
  },
  { method: 'PATCH', route: '/api/people/{id}', url: (t) => `/api/people/${t.personId}`, permission: 'person.write', scoped: true, body: () => ({ organisation: '矩阵改' }) },
  { method: 'GET', route: '/api/staffing', url: () => '/api/staffing', permission: 'person.read', scoped: true },
  {
    method: 'POST', route: '/api/people/import', url: () => '/api/people/import', permission: 'person.import', scoped: true,
    upload: (t) => ({ filename: 'people.csv', content: `人员编号,姓名,职务,所属单位编码,网格职责\n${t.personId},机密目标人员,监管人员,0501,网格长@050101\n,矩阵导入,监管人员,0501,监督员@050101\n` }),
  },
  { method: 'GET', route: '/api/people/export', url: () => '/api/people/export?format=csv', permission: 'person.export', scoped: true },
]
