/**
 * Access-matrix cases of the ledger capabilities (see access-control.test.ts for the shape).
 */
import type { Targets } from './access-targets.ts'
import { makeUscc } from '../src/modules/businesses/uscc.ts'
import { latToWorldY, lngToWorldX } from '../src/modules/map/tile-geometry.ts'

let serial = 5_000_000
const freshUscc = () => makeUscc('enterprise', '610111', serial++)
/** The zoom-16 tile holding the target business (109.025, 34.05): its name and its grid's are in it. */
const targetTile = `16/${Math.floor(lngToWorldX(109.025) * 2 ** 16)}/${Math.floor(latToWorldY(34.05) * 2 ** 16)}`

/** One route of the matrix (access-control.test.ts explains the fields). */
export interface AccessCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  route: string
  url: (t: Targets) => string
  body?: (t: Targets) => unknown
  upload?: (t: Targets) => { filename: string; content: string | Buffer }
  permission: any
  scoped: boolean
  insiderScope?: string
  insiderStatus?: number[]
  /** answers an outsider with nothing of another area and changes nothing there (not a refusal): a POST that only reads, a record limited to one's area */
  reads?: boolean
}

export const moduleCases: AccessCase[] = [
  // businesses (M2.2); a market's management reads and corrects its market's (M4.4: an empty list without one)
  { method: 'GET', route: '/api/businesses', url: () => '/api/businesses?limit=500', permission: ['business.read', 'market.keep'], scoped: true },
  { method: 'GET', route: '/api/businesses/{id}', url: (t) => `/api/businesses/${t.businessId}`, permission: ['business.read', 'market.keep'], scoped: true },
  { method: 'GET', route: '/api/businesses/unplaced', url: () => '/api/businesses/unplaced', permission: ['business.read', 'market.keep'], scoped: true },
  // the phone's businesses: an account over the district holds no task there, so keeps none (200, empty)
  { method: 'POST', route: '/api/businesses/on-phone', url: () => '/api/businesses/on-phone', permission: ['business.read', 'market.keep'], scoped: true, reads: true, body: () => ({ known: [] }) },
  // recorded for the caller's area only (tasks.test.ts: another area's business is not recorded); the
  // answer names back the codes sent that are not in the caller's area, so the matrix sends a fresh one
  {
    method: 'PUT', route: '/api/annual-reports/{year}', url: () => '/api/annual-reports/2025', permission: 'annualReport.record', scoped: true, reads: true,
    body: () => ({ usccs: [freshUscc()] }),
  },
  { method: 'GET', route: '/api/businesses/plates', url: () => '/api/businesses/plates?grid=050101', permission: 'business.read', scoped: true },
  { method: 'GET', route: '/api/businesses/count', url: () => '/api/businesses/count', permission: ['business.read', 'market.keep'], scoped: true },
  {
    method: 'POST', route: '/api/businesses', url: () => '/api/businesses', permission: 'business.write', scoped: true,
    body: () => ({ uscc: freshUscc(), name: '矩阵新企业', registeredAddress: '西安市灞桥区矩阵路1号', location: { lng: 109.02, lat: 34.05 } }),
  },
  { method: 'PATCH', route: '/api/businesses/{id}', url: (t) => `/api/businesses/${t.businessId}`, permission: ['business.write', 'market.keep'], scoped: true, body: () => ({ industry: '矩阵改' }) },
  {
    method: 'POST', route: '/api/businesses/import', url: () => '/api/businesses/import', permission: 'business.import', scoped: true,
    upload: () => ({ filename: 'b.csv', content: `统一社会信用代码,名称,注册地址,经度,纬度\n${freshUscc()},矩阵导入企业,西安市灞桥区矩阵路2号,109.03,34.05\n` }),
  },
  // Writes nothing and answers only the uploader's own rows: for another area's chief it is a file of refusals.
  {
    method: 'POST', route: '/api/businesses/import/refused-rows', url: () => '/api/businesses/import/refused-rows', permission: 'business.import', scoped: false,
    upload: () => ({ filename: 'b.csv', content: `统一社会信用代码,名称,注册地址,经度,纬度
${freshUscc()},矩阵导入企业,西安市灞桥区矩阵路2号,109.03,34.05
` }),
  },
  { method: 'GET', route: '/api/businesses/export', url: () => '/api/businesses/export?format=csv', permission: 'business.export', scoped: true },
  // coverage dashboard (M1.3, M2.2)
  { method: 'GET', route: '/api/coverage/placement', url: () => '/api/coverage/placement', permission: 'business.read', scoped: true },
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
  // Writes nothing and answers only the uploader's own rows: for another area's chief it is a file of refusals.
  {
    method: 'POST', route: '/api/people/import/refused-rows', url: () => '/api/people/import/refused-rows', permission: 'person.import', scoped: false,
    upload: () => ({ filename: 'people.csv', content: '姓名,职务,所属单位编码,网格职责\n矩阵导入,监管人员,0501,监督员@050101\n' }),
  },
  { method: 'GET', route: '/api/people/export', url: () => '/api/people/export?format=csv', permission: 'person.export', scoped: true },
  // electronic map (M5.1)
  { method: 'GET', route: '/api/map/tiles/{z}/{x}/{y}', url: () => `/api/map/tiles/${targetTile}`, permission: 'area.read', scoped: true },
  { method: 'GET', route: '/api/map/locate', url: (t) => `/api/map/locate?q=${t.uscc}`, permission: 'area.read', scoped: true },
  { method: 'GET', route: '/api/map/settings', url: () => '/api/map/settings', permission: 'area.read', scoped: false },
  {
    method: 'PUT', route: '/api/map/settings', url: () => '/api/map/settings', permission: 'settings.manage', scoped: false, insiderScope: '',
    body: () => ({ basemap: { kind: 'xyz', url: 'https://tiles.example.com/{z}/{x}/{y}.png' } }),
  },
]
