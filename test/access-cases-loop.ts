/**
 * Access-matrix cases of the case loop, the calendar, evidence and the portal (issue 12; see
 * access-control.test.ts for the shape). The target case lies in grid 050101 with a complainant
 * whose name and phone are among the target secrets.
 */
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../src/db/connection.ts'
import type { Targets } from './access-targets.ts'
import type { AccessCase } from './access-cases.ts'
import { userWith } from './factories.ts'
import { multipartFile } from './factories-people.ts'

const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: { r: Math.floor(Math.random() * 255), g: 9, b: 9 } } }).png().toBuffer()

/** Uploads a photo as a worker of the target's grid and attaches it to the target case. */
export async function attachTargetEvidence(app: FastifyInstance, db: Db, t: Targets): Promise<string> {
  const worker = await userWith(app, db, ['grid_worker'], '050101')
  const { payload, headers } = multipartFile(await png(), 'target.png', 'file', 'image/png')
  const res = await worker.request({ method: 'POST', url: '/api/evidence', payload, headers })
  if (res.statusCode !== 200) throw new Error(`target evidence: ${res.body}`)
  const sha = res.json().sha256 as string
  await db.query(`INSERT INTO evidence_links (sha256, owner_type, owner_id, area_code) VALUES ($1, 'case', $2, '050101')`, [sha, String(t.caseId)])
  return sha
}

const photo = await png()

let patrolSerial = 1
const matrixPatrolItem = {
  name: { zh: '矩阵巡查事项', en: 'Matrix patrol item' }, targets: {}, cycle: { kind: 'periodic', days: 30 }, duties: ['grid_worker'],
  checklist: [{ key: 'ok', text: { zh: '正常', en: 'In order' }, answer: 'yesNo', required: true }],
  evidence: { minPhotos: 0, video: false }, transfers: [],
}

export const loopCases: AccessCase[] = [
  // cases (M3)
  { method: 'GET', route: '/api/cases/loop', url: () => '/api/cases/loop', permission: 'case.read', scoped: false },
  { method: 'GET', route: '/api/case-catalogue', url: () => '/api/case-catalogue', permission: 'case.read', scoped: false },
  {
    method: 'POST', route: '/api/cases', url: () => '/api/cases', permission: 'case.create', scoped: true, insiderStatus: [201],
    body: () => ({ source: 'patrol', categoryCode: 'other', title: '矩阵事件', description: '矩阵', gridCode: '050101' }),
  },
  { method: 'GET', route: '/api/cases', url: () => '/api/cases?limit=500', permission: 'case.read', scoped: true },
  { method: 'GET', route: '/api/cases/{id}', url: (t) => `/api/cases/${t.caseId}`, permission: 'case.read', scoped: true },
  {
    method: 'POST', route: '/api/cases/{id}/steps', url: (t) => `/api/cases/${t.caseId}/steps`, permission: 'case.read', scoped: true,
    body: () => ({ action: 'record', note: '矩阵记录' }),
  },
  // the printable record: authorised as the case itself; other areas find no such case (404)
  { method: 'GET', route: '/api/cases/{id}/record', url: (t) => `/api/cases/${t.caseId}/record`, permission: 'case.read', scoped: true },
  { method: 'GET', route: '/api/cases/{id}/contact', url: (t) => `/api/cases/${t.caseId}/contact`, permission: 'case.readContact', scoped: true },
  { method: 'GET', route: '/api/cases/summary', url: () => '/api/cases/summary', permission: 'case.read', scoped: true },
  { method: 'GET', route: '/api/cases/points', url: () => '/api/cases/points', permission: 'case.read', scoped: true },
  // working days (M3.5)
  { method: 'GET', route: '/api/calendar/working-days', url: () => '/api/calendar/working-days?from=2026-02-12&days=5', permission: 'authenticated', scoped: false },
  { method: 'GET', route: '/api/calendar/years/{year}', url: () => '/api/calendar/years/2026', permission: 'authenticated', scoped: false },
  {
    method: 'PUT', route: '/api/calendar/years/{year}', url: () => '/api/calendar/years/2031', permission: 'calendar.manage', scoped: false, insiderScope: '',
    body: () => ({ days: [{ day: '2031-01-01', working: false, name: '元旦' }] }),
  },
  // patrol item catalogue (M4.1): installation-wide, read by all staff, revised by the district chief
  { method: 'GET', route: '/api/patrol-items', url: () => '/api/patrol-items', permission: 'patrolItem.read', scoped: false },
  { method: 'GET', route: '/api/patrol-tasks', url: () => '/api/patrol-tasks?limit=500', permission: 'patrolTask.read', scoped: true },
  {
    method: 'POST', route: '/api/patrol-findings', url: () => '/api/patrol-findings', permission: 'patrolFinding.record', scoped: true, insiderStatus: [201],
    body: (t) => ({ id: randomUUID(), taskId: t.patrolTaskId, answers: { reminded: true }, photos: [], recordedAt: new Date().toISOString() }),
  },
  { method: 'GET', route: '/api/patrol-findings/{id}', url: (t) => `/api/patrol-findings/${t.findingId}`, permission: 'patrolTask.read', scoped: true },
  { method: 'GET', route: '/api/patrol-items/{code}', url: () => '/api/patrol-items/address-check', permission: 'patrolItem.read', scoped: false },
  {
    method: 'POST', route: '/api/patrol-items', url: () => '/api/patrol-items', permission: 'patrolItem.manage', scoped: false, insiderStatus: [201],
    body: () => ({ code: `matrix-${patrolSerial++}`, definition: matrixPatrolItem }),
  },
  {
    method: 'PUT', route: '/api/patrol-items/{code}', url: () => '/api/patrol-items/licence-display', permission: 'patrolItem.manage', scoped: false,
    body: () => ({ version: 1, active: true }),
  },
  // staff positions (M5.1): one's own duty and positions; the live view is the area's
  { method: 'GET', route: '/api/positions/duty', url: () => '/api/positions/duty', permission: 'position.report', scoped: false },
  { method: 'PUT', route: '/api/positions/duty', url: () => '/api/positions/duty', permission: 'position.report', scoped: false, body: () => ({ onDuty: false }) },
  // a new account is off duty: its position is refused with 409 and nothing kept
  {
    method: 'POST', route: '/api/positions', url: () => '/api/positions', permission: 'position.report', scoped: false, insiderStatus: [409],
    body: () => ({ fixes: [{ lng: 109.02, lat: 34.05, recordedAt: new Date().toISOString() }] }),
  },
  { method: 'GET', route: '/api/positions/live', url: () => '/api/positions/live', permission: 'position.read', scoped: true },
  // co-governance (M4.4): the markets of one's area, set up by the chiefs, checked by the grid's staff
  { method: 'GET', route: '/api/markets', url: () => '/api/markets', permission: 'market.read', scoped: true },
  {
    method: 'POST', route: '/api/markets', url: () => '/api/markets', permission: 'market.manage', scoped: true, insiderStatus: [201],
    body: () => ({ name: `矩阵市场${patrolSerial++}`, gridCode: '050101' }),
  },
  { method: 'PATCH', route: '/api/markets/{id}', url: (t) => `/api/markets/${t.marketId}`, permission: 'market.manage', scoped: true, body: () => ({ name: '机密目标市场（改）' }) },
  { method: 'GET', route: '/api/markets/{id}/checks', url: (t) => `/api/markets/${t.marketId}/checks?period=2026-01`, permission: 'market.read', scoped: true },
  {
    method: 'POST', route: '/api/markets/{id}/draws', url: (t) => `/api/markets/${t.marketId}/draws`, permission: 'marketCheck.draw', scoped: true, insiderStatus: [201],
    body: () => ({ period: '2026-02' }),
  },
  {
    method: 'PUT', route: '/api/market-checks/{findingId}', url: (t) => `/api/market-checks/${t.findingId}`, permission: 'marketCheck.record', scoped: true,
    body: () => ({ result: 'confirmed' }),
  },
  // evidence
  { method: 'POST', route: '/api/evidence', url: () => '/api/evidence', permission: 'evidence.upload', scoped: false, upload: () => ({ filename: 'm.png', content: photo }) },
  {
    method: 'POST', route: '/api/evidence/uploads', url: () => '/api/evidence/uploads', permission: 'evidence.upload', scoped: false, insiderStatus: [201],
    body: () => ({ size: 1000, mediaType: 'video/mp4', name: 'm.mp4' }),
  },
  // Only an upload's creator may see or continue it: any other user, insiders included, finds none.
  {
    method: 'GET', route: '/api/evidence/uploads/{id}', url: () => '/api/evidence/uploads/00000000-0000-4000-8000-000000000000',
    permission: 'evidence.upload', scoped: false, insiderStatus: [404],
  },
  {
    method: 'PATCH', route: '/api/evidence/uploads/{id}', url: () => '/api/evidence/uploads/00000000-0000-4000-8000-000000000000',
    permission: 'evidence.upload', scoped: false, insiderStatus: [400, 404],
  },
  { method: 'GET', route: '/api/evidence/{sha256}', url: (t) => `/api/evidence/${t.evidenceSha}`, permission: 'evidence.read', scoped: true },
  { method: 'GET', route: '/api/evidence/{sha256}/thumbnail', url: (t) => `/api/evidence/${t.evidenceSha}/thumbnail`, permission: 'evidence.read', scoped: true },
  // the public portal and the intake of other platforms: no session (auth-routes.test.ts lists them)
  { method: 'GET', route: '/api/public/categories', url: () => '/api/public/categories', permission: 'public', scoped: false },
  { method: 'GET', route: '/api/public/map', url: () => '/api/public/map', permission: 'public', scoped: false },
  { method: 'POST', route: '/api/public/complaints', url: () => '/api/public/complaints', permission: 'public', scoped: false },
  { method: 'GET', route: '/api/public/complaints/{trackingNo}', url: () => '/api/public/complaints/MG20260101-JM0001', permission: 'public', scoped: false },
  { method: 'POST', route: '/api/public/complaints/{trackingNo}/rating', url: () => '/api/public/complaints/MG20260101-JM0001/rating', permission: 'public', scoped: false },
  { method: 'POST', route: '/api/public/photos', url: () => '/api/public/photos', permission: 'public', scoped: false },
  { method: 'POST', route: '/api/intake/cases', url: () => '/api/intake/cases', permission: 'public', scoped: false },
]
