/**
 * Demo cases (issue 12): a few dozen cases at every step of the loop, filed and moved on through
 * the real service by the demo accounts, so that the command centre, the queues and the portal have
 * something to show on a first start. Same seed, same cases (tracking numbers and times aside).
 */
import sharp from 'sharp'
import { Readable } from 'node:stream'
import type { Db } from '../../db/connection.ts'
import type { EvidenceSettings } from '../../config.ts'
import type { Actor, Role } from '../access/policy.ts'
import { createCase } from '../cases/filing.ts'
import { takeStep } from '../cases/service.ts'
import { sweepDeadlines } from '../cases/deadlines.ts'
import type { CaseAction } from '../cases/loop.ts'
import { storeEvidence } from '../evidence/service.ts'
import { rateCase } from '../portal/service.ts'
import type { Random } from './prng.ts'

const TOPICS: Array<{ category: string; title: string; description: string }> = [
  { category: 'food-safety', title: '后厨生熟不分', description: '巡查发现后厨生熟食品混放，冷藏柜温度偏高。' },
  { category: 'food-safety', title: '销售过期食品', description: '群众反映货架上有过期面包和牛奶。' },
  { category: 'pricing', title: '价签与结算价不符', description: '消费者反映促销商品结算价高于价签。' },
  { category: 'advertising', title: '门头广告用语绝对化', description: '店招使用“全市最低价”等用语。' },
  { category: 'licence', title: '未亮照经营', description: '营业执照未在经营场所醒目位置公示。' },
  { category: 'product-quality', title: '疑似劣质电线', description: '五金店销售的电线线径明显不足。' },
  { category: 'special-equipment', title: '电梯检验标志过期', description: '商场货梯检验合格标志已过有效期。' },
  { category: 'consumer-rights', title: '预付卡拒不退费', description: '健身房停业，会员预付卡无法退费。' },
  { category: 'clue-address-mismatch', title: '实际经营地址与登记不符', description: '核查发现该主体已搬迁，登记地址为空置门面。' },
  { category: 'clue-unlicensed-licensed', title: '无证行医诊所', description: '居民楼内小诊所未取得医疗机构执业许可证。' },
]

/** Where each demo case ends: how many cases stop at each point of the loop. */
const PLAN: Array<{ stop: CaseAction | 'new'; count: number }> = [
  { stop: 'new', count: 6 },
  { stop: 'accept', count: 5 },
  { stop: 'verify', count: 5 },
  { stop: 'escalate', count: 2 },
  { stop: 'refer', count: 2 },
  { stop: 'acknowledge', count: 2 },
  { stop: 'report', count: 4 },
  { stop: 'close', count: 8 },
]

async function actorOf(db: Db, username: string): Promise<Actor | null> {
  const { rows } = await db.query<{ id: number; display_name: string; roles: Role[]; scope: string; department_code: string | null }>(
    'SELECT id, display_name, roles, scope, department_code FROM users WHERE username = $1', [username],
  )
  const u = rows[0]
  return u ? { userId: u.id, username, displayName: u.display_name, roles: u.roles, scope: u.scope, departmentCode: u.department_code } : null
}

/** A small photo of a plain colour: evidence the demo can show. */
async function photo(db: Db, settings: EvidenceSettings, actor: Actor, rng: Random): Promise<string> {
  const background = { r: rng.int(40, 220), g: rng.int(40, 220), b: rng.int(40, 220) }
  const jpeg = await sharp({ create: { width: 480, height: 360, channels: 3, background } }).jpeg({ quality: 70 }).toBuffer()
  return (await storeEvidence(db, settings, actor, Readable.from([jpeg]), { name: '现场照片.jpg', mediaType: 'image/jpeg' })).sha256
}

export async function seedDemoCases(db: Db, settings: EvidenceSettings, rng: Random, log: (msg: string) => void): Promise<number> {
  const [operator, chief, station, worker, head, liaison] = await Promise.all(
    ['operator', 'chief', 'station0502', 'worker050203', 'head050203', 'liaison'].map((u) => actorOf(db, u)),
  )
  if (!operator || !chief || !station || !worker || !head || !liaison) return 0
  // Businesses with a point in the district, most of them in the demo grid 050203 so that the demo
  // grid accounts find work in their queues.
  const { rows: own } = await db.query<{ id: number; lng: number; lat: number }>(
    `SELECT id, ST_X(location) AS lng, ST_Y(location) AS lat FROM businesses WHERE grid_code = '050203' AND location IS NOT NULL ORDER BY id LIMIT 40`)
  const { rows: elsewhere } = await db.query<{ id: number; lng: number; lat: number }>(
    `SELECT id, ST_X(location) AS lng, ST_Y(location) AS lat FROM businesses WHERE grid_code LIKE '05%' AND grid_code <> '050203'
     AND location IS NOT NULL ORDER BY id LIMIT 40`)
  if (own.length === 0) return 0
  let filed = 0
  for (const { stop, count } of PLAN) {
    for (let k = 0; k < count; k++) {
      const mine = rng.next() < 0.7 || elsewhere.length === 0
      const at = mine ? own[rng.int(0, own.length - 1)] : elsewhere[rng.int(0, elsewhere.length - 1)]
      const topic = TOPICS[rng.int(0, TOPICS.length - 1)]
      const complaint = rng.next() < 0.5 && !topic.category.startsWith('clue-')
      const filer = complaint ? operator : mine ? worker : chief
      const { case: c } = await createCase(db, filer, {
        source: complaint ? 'complaint' : 'patrol', categoryCode: topic.category, title: topic.title, description: topic.description,
        location: { lng: at.lng, lat: at.lat }, businessId: at.id,
        contact: complaint ? { name: '张女士', phone: `139${String(rng.int(10000000, 99999999))}` } : undefined,
      })
      filed++
      if (stop === 'new') continue
      // In the demo grid its own staff work; elsewhere the district chief does, and the command
      // centre reviews (nobody reviews their own report).
      const doer = mine ? worker : chief
      const reviewer = mine ? station : operator
      const go = (who: Actor, action: CaseAction, input: Parameters<typeof takeStep>[4] = {}) => takeStep(db, who, c.id, action, input)
      await go(mine ? head : operator, 'accept')
      if (stop === 'accept') continue
      await go(doer, 'verify', { note: '现场核查属实，已拍照取证。', evidence: [await photo(db, settings, doer, rng)], location: { lng: at.lng, lat: at.lat } })
      if (stop === 'verify') continue
      if (stop === 'escalate') {
        await go(mine ? worker : chief, mine ? 'escalate' : 'record', { note: mine ? '需所里协调执法力量。' : '已约谈负责人。' })
        continue
      }
      if (stop === 'refer' || stop === 'acknowledge') {
        const referrer = mine ? head : chief
        if (topic.category.startsWith('clue-')) {
          // The Nancheng route: up to the top level first, which alone may refer.
          await go(chief, 'escalate', { note: '社区无法处置，需执法权。' })
          await go(chief, 'escalate', { note: '提请街道网格中心移送。' })
          await go(chief, 'refer', { note: '属卫健部门职责，依法移送。', departmentCode: 'health' })
        } else {
          await go(referrer, 'refer', { note: '属卫健部门职责，依法移送。', departmentCode: 'health' })
        }
        if (stop === 'acknowledge') await go(liaison, 'acknowledge')
        continue
      }
      await go(doer, 'report', { note: '已责令当场整改，复查合格。', evidence: [await photo(db, settings, doer, rng)] })
      if (stop === 'report') continue
      const closed = await go(reviewer, 'close')
      if (closed.source === 'complaint' && rng.next() < 0.6) await rateCase(db, closed.trackingNo, rng.int(3, 5), '处理及时，满意。')
    }
  }
  const emergency = own[0]
  await createCase(db, operator, {
    source: 'complaint', categoryCode: 'emergency-group', title: '商户聚集讨要押金', description: '二十余名商户在市场管理处聚集，要求退还押金。',
    location: { lng: emergency.lng, lat: emergency.lat }, contact: { name: '李先生', phone: '13700000000' },
  })
  filed++
  // Three cases whose deadline has passed, so the command centre shows what overdue looks like.
  await db.query(
    `UPDATE cases SET due_at = now() - interval '2 days' WHERE id IN (SELECT id FROM cases WHERE closed_at IS NULL ORDER BY id LIMIT 3)`)
  await sweepDeadlines(db)
  log(`demo: ${filed} cases filed and moved through the loop`)
  return filed
}
