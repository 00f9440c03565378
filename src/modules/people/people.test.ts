import { describe, expect, it } from 'vitest'
import { setupTestApp } from '../../../test/helper.ts'
import { seedSmallTree, userWith } from '../../../test/factories.ts'
import { buildPerson, duty } from '../../../test/factories-people.ts'

const { app, db } = await setupTestApp()
await seedSmallTree(db)

const chief = await userWith(app, db, ['district_chief'], '05')
const station1 = await userWith(app, db, ['station_chief'], '0501')
const worker = await userWith(app, db, ['grid_worker'], '05')
const head050101 = await userWith(app, db, ['grid_head'], '050101')

/** Rows of the ledger and the audit log, to prove a refused request changed nothing. */
async function snapshot() {
  const { rows } = await db.query(`SELECT
    (SELECT count(*) FROM people)::int AS people,
    (SELECT count(*) FROM person_roles)::int AS roles,
    (SELECT coalesce(max(updated_at)::text, '') FROM people) AS updated,
    (SELECT count(*) FROM audit_events WHERE action LIKE 'person.%')::int AS audit`)
  return rows[0]
}

const valid = {
  name: '王副所长', position: 'deputy_station_chief', phone: '13812345678', organisation: '纺织城所', areaCode: '0501',
  roles: [duty('grid_head', '050101'), duty('grid_head', '050102'), duty('overseer', '050101')],
}

describe('creating and changing people', () => {
  it('creates a person with several duties in several grids (一员多责), phone masked in the answer', async () => {
    const res = await chief.post('/api/people', valid)
    expect(res.statusCode).toBe(200)
    const p = res.json()
    expect(p).toMatchObject({ name: '王副所长', position: 'deputy_station_chief', phone: '138****5678', phoneMasked: true, onDuty: true, areaCode: '0501' })
    expect(p.roles).toEqual([duty('grid_head', '050101'), duty('grid_head', '050102'), duty('overseer', '050101')])
    const { rows } = await db.query(`SELECT details FROM audit_events WHERE action = 'person.created' AND object_id = $1`, [String(p.id)])
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows[0].details)).not.toContain('13812345678')
  })

  const refusals: Array<[string, any, any, number, string, RegExp, RegExp]> = [
    ['a grid head at station level', () => chief, { ...valid, roles: [duty('grid_head', '0501')] }, 400,
      'person.roleLevelMismatch', /^网格长不能设在单元级区域 0501，只能设在：网格$/, /^A Grid head cannot sit on the station area 0501; only on: grid$/],
    ['an unknown role', () => chief, { ...valid, roles: [duty('boss', '050101')] }, 400,
      'person.roleUnknown', /^网格职责“boss”无法识别，请选择：网格长、/, /^The duty “boss” is not known; choose one of: Grid head, /],
    ['a duty area outside the scope', () => station1, { ...valid, roles: [duty('overseer', '050201')] }, 403,
      'person.areaOutOfScope', /区域 050201 不在您的管辖范围内/, /area 050201 is outside your scope/],
    ['a home unit outside the scope', () => station1, { ...valid, areaCode: '0502', roles: [] }, 403,
      'person.areaOutOfScope', /区域 0502 不在/, /area 0502 is outside/],
    ['an area that does not exist', () => chief, { ...valid, roles: [duty('overseer', '050109')] }, 400,
      'person.areaUnknown', /050109 不存在/, /050109 does not exist/],
    ['an unknown field', () => chief, { ...valid, salary: 1 }, 400, 'request.unknownField', /不能提交“salary”这一项/, /“salary” is not something that can be sent/],
    ['a bad phone', () => chief, { ...valid, phone: '1234-abc' }, 400,
      'person.phoneInvalid', /联系电话“1234-abc”格式不正确，请填写 11 位手机号/, /The phone number “1234-abc” is not valid; give an 11-digit mobile number/],
    ['an unknown position', () => chief, { ...valid, position: 'boss' }, 400, 'request.invalid', /^“职务”只能是：所长、/, /^Position must be one of: Station chief, /],
    ['a role without the right to write', () => worker, valid, 403, 'auth.forbidden', /无权/, /not allowed/],
  ]
  for (const [what, who, body, status, code, zh, en] of refusals) {
    it(`refuses ${what} with ${code}, in zh-CN and en, changing nothing`, async () => {
      const before = await snapshot()
      const res = await who().post('/api/people', body)
      expect(res.statusCode).toBe(status)
      expect(res.json().error.code).toBe(code)
      expect(res.json().error.message).toMatch(zh)
      const english = await who().post('/api/people', body, { 'accept-language': 'en' })
      expect(english.json().error.code).toBe(code)
      expect(english.json().error.message).toMatch(en)
      expect(await snapshot()).toEqual(before)
    })
  }

  it('a person leaves by going off duty without duties; nothing is deleted and the audit keeps the history', async () => {
    const id = await buildPerson(db, { roles: [duty('informant', '050101')] })
    const res = await chief.patch(`/api/people/${id}`, { onDuty: false, roles: [] })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ onDuty: false, roles: [] })
    const { rows } = await db.query(`SELECT details FROM audit_events WHERE action = 'person.leftDuty' AND object_id = $1`, [String(id)])
    expect(rows[0].details.before.roles).toEqual(['informant@050101'])
    expect((await db.query('SELECT 1 FROM people WHERE id = $1', [id])).rowCount).toBe(1)
    expect((await chief.delete(`/api/people/${id}`)).statusCode).toBe(404)
  })

  it('a station chief replaces only the duties in his scope and cannot rename a person homed elsewhere', async () => {
    const id = await buildPerson(db, { areaCode: '0502', roles: [duty('overseer', '050201'), duty('informant', '050101')] })
    const res = await station1.patch(`/api/people/${id}`, { roles: [duty('grid_manager', '050102')] })
    expect(res.statusCode).toBe(200)
    expect(res.json().roles).toEqual([duty('grid_manager', '050102')])
    const stored = await db.query('SELECT role, area_code FROM person_roles WHERE person_id = $1 ORDER BY area_code', [id])
    expect(stored.rows).toEqual([{ role: 'grid_manager', area_code: '050102' }, { role: 'overseer', area_code: '050201' }])
    const before = await snapshot()
    const rename = await station1.patch(`/api/people/${id}`, { name: '改名' })
    expect(rename.statusCode).toBe(403)
    expect(rename.json().error.code).toBe('person.areaOutOfScope')
    expect(await snapshot()).toEqual(before)
  })
})

describe('personal data', () => {
  it('masks the phone for those without person.readPersonal and records nothing', async () => {
    const id = await buildPerson(db, { phone: '13912345678' })
    const before = (await db.query(`SELECT count(*)::int n FROM audit_events WHERE action = 'personal.viewed'`)).rows[0].n
    const res = await worker.get(`/api/people/${id}`)
    expect(res.json()).toMatchObject({ phone: '139****5678', phoneMasked: true })
    const list = await chief.get('/api/people?limit=500')
    expect(list.json().items.find((p: any) => p.id === id).phone).toBe('139****5678')
    expect((await db.query(`SELECT count(*)::int n FROM audit_events WHERE action = 'personal.viewed'`)).rows[0].n).toBe(before)
  })

  it('shows the phone to person.readPersonal and records personal.viewed', async () => {
    const id = await buildPerson(db, { phone: '13712345678' })
    const res = await chief.get(`/api/people/${id}`)
    expect(res.json()).toMatchObject({ phone: '13712345678', phoneMasked: false })
    const { rows } = await db.query(`SELECT username, details FROM audit_events WHERE action = 'personal.viewed' AND object_id = $1`, [String(id)])
    expect(rows).toHaveLength(1)
    expect(rows[0].details).toEqual({ fields: ['phone'] })
  })
})

describe('scope and listing', () => {
  it('a grid head of 050101 sees those serving 050101, not those serving only 050201', async () => {
    const mine = await buildPerson(db, { name: '本格管理员', areaCode: '0502', roles: [duty('grid_manager', '050101')] })
    const other = await buildPerson(db, { name: '外格监督员', areaCode: '0501', roles: [duty('overseer', '050201')] })
    const list = await head050101.get('/api/people?limit=500')
    const ids = list.json().items.map((p: any) => p.id)
    expect(ids).toContain(mine)
    expect(ids).not.toContain(other)
    const res = await head050101.get(`/api/people/${other}`)
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('person.notFound')
    expect(res.body).not.toContain('外格监督员')
    expect(Object.keys(res.json())).toEqual(['error'])
    const patch = await station1.patch(`/api/people/${await buildPerson(db, { areaCode: '0502' })}`, { onDuty: false })
    expect(patch.statusCode).toBe(404)
  })

  it('filters by name, role, grid, area and duty state, and pages by id', async () => {
    const a = await buildPerson(db, { name: '筛选甲', roles: [duty('informant', '050202')] })
    const b = await buildPerson(db, { name: '筛选乙', onDuty: false, roles: [duty('informant', '050202')] })
    const ids = async (url: string) => (await chief.get(url)).json().items.map((p: any) => p.id)
    expect(await ids('/api/people?q=' + encodeURIComponent('筛选'))).toEqual([a, b])
    expect(await ids('/api/people?gridCode=050202&role=informant')).toEqual([a, b])
    expect(await ids('/api/people?gridCode=050202&onDuty=false')).toEqual([b])
    expect(await ids('/api/people?q=' + encodeURIComponent('筛选') + '&under=0502')).toEqual([a, b])
    expect(await ids('/api/people?q=%25')).toEqual([])
    const first = (await chief.get('/api/people?gridCode=050202&limit=1')).json()
    expect(first.items.map((p: any) => p.id)).toEqual([a])
    const second = (await chief.get(`/api/people?gridCode=050202&limit=1&after=${first.nextAfter}`)).json()
    expect(second.items.map((p: any) => p.id)).toEqual([b])
    expect(second.nextAfter).toBeNull()
  })
})

describe('OpenAPI', () => {
  it('documents the people routes under the people tag', async () => {
    const res = await chief.get('/api/docs/json')
    expect(res.statusCode).toBe(200)
    const paths = res.json().paths
    for (const p of ['/api/people', '/api/people/{id}', '/api/staffing', '/api/people/import', '/api/people/export']) {
      expect(Object.values(paths[p]).every((op: any) => op.tags.includes('people'))).toBe(true)
    }
  })
})
