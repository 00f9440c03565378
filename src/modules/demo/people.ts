/**
 * The demo personnel ledger (M2.3): a station chief per station, a grid head for every grid (a deputy
 * station chief or a supervision officer, one of them heading up to three grids: 一员多责), 1–3
 * overseers and 1–4 managers or informants per grid (一格多员), and the district's chief, command-centre
 * operators, credit officers and department liaisons. Pure; the people are fictional.
 */
import { GIVEN_CHARS, MEMBER_UNITS, PROPERTY_COMPANY_WORDS, SURNAMES, TRADE_NAMES } from './names.ts'
import type { Random } from './prng.ts'
import type { TerritoryPlan } from './territory.ts'

export type Position = 'station_chief' | 'deputy_station_chief' | 'supervision_officer' | 'coordinator' | 'community_cadre'
  | 'deputy' | 'property_manager' | 'department_staff' | 'other'
type PersonRole = 'grid_head' | 'grid_manager' | 'informant' | 'overseer' | 'station_chief' | 'district_chief'
  | 'command_operator' | 'credit_officer' | 'department_liaison'

interface PersonPlan {
  id: number
  name: string
  position: Position
  phone: string
  organisation: string
  areaCode: string
  onDuty: boolean
}

interface RolePlan {
  personId: number
  role: PersonRole
  areaCode: string
}

export interface StaffPlan {
  people: PersonPlan[]
  roles: RolePlan[]
}

const SURNAME_WEIGHTS = SURNAMES.map((s, rank) => [s, 1 / (rank + 4)] as const)

/** A fictional Chinese name: a surname by frequency and one or two given-name characters. */
export function personName(rng: Random): string {
  const given = rng.pick(GIVEN_CHARS) + (rng.chance(0.7) ? rng.pick(GIVEN_CHARS) : '')
  return rng.weighted(SURNAME_WEIGHTS) + given
}

const MOBILE_PREFIXES = ['133', '135', '137', '138', '139', '150', '152', '158', '159', '180', '186', '187', '189', '191', '199']

/** A fictional mobile number: 11 digits in the shape of a Chinese mobile. */
export function phoneNumber(rng: Random): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0')
}

/** The staffing of every area of the territory; person ids count up from `firstId`. */
export function planStaff(plan: TerritoryPlan, rng: Random, firstId: number): StaffPlan {
  const people: PersonPlan[] = []
  const roles: RolePlan[] = []
  // Off duty now and then, but never the one head or overseer a grid relies on: the staffing
  // rules count people on duty only, and every demo grid meets them (M2.3).
  const person = (position: Position, organisation: string, areaCode: string, mayBeOff = false): number => {
    const id = firstId + people.length
    const name = personName(rng)
    const phone = phoneNumber(rng)
    people.push({ id, name, position, phone, organisation, areaCode, onDuty: mayBeOff ? rng.chance(0.95) : true })
    return id
  }
  const role = (personId: number, r: PersonRole, areaCode: string) => roles.push({ personId, role: r, areaCode })

  for (const d of plan.districts) {
    const bureau = `${d.addressName}市场监督管理局`
    role(person('other', bureau, d.code), 'district_chief', d.code)
    for (let k = 0; k < 3; k++) role(person('supervision_officer', `${bureau}网格化指挥中心`, d.code), 'command_operator', d.code)
    for (let k = 0; k < 2; k++) role(person('supervision_officer', `${bureau}信用监管科`, d.code), 'credit_officer', d.code)
    for (const unit of MEMBER_UNITS.slice(0, 3)) {
      role(person('department_staff', unit.replace('灞桥区', d.addressName), d.code), 'department_liaison', d.code)
    }

    for (const s of d.stations) {
      const st = plan.stations[s]
      role(person('station_chief', st.name, st.code), 'station_chief', st.code)
      // Grid heads (M2.3): deputies first, then supervision officers; each heads 1–3 grids in a row.
      let deputies = rng.int(1, 2)
      let head = -1
      let left = 0
      let previousWorkers: number[] = []
      for (const g of st.grids) {
        const grid = plan.grids[g]
        if (left === 0) {
          const position: Position = deputies-- > 0 ? 'deputy_station_chief' : 'supervision_officer'
          head = person(position, st.name, st.code)
          left = rng.weighted([[1, 60], [2, 30], [3, 10]] as const)
        }
        left--
        role(head, 'grid_head', grid.code)
        // Supervision staff also serve as the grid's manager now and then (管理员由监管和协管人员担任).
        if (rng.chance(0.3)) role(head, 'grid_manager', grid.code)

        const overseers = rng.weighted([[1, 30], [2, 45], [3, 25]] as const)
        for (let k = 0; k < overseers; k++) {
          const kind = rng.weighted([['community_cadre', 50], ['deputy', 20], ['property_manager', 30]] as const)
          const organisation = kind === 'community_cadre'
            ? grid.landmark.replace(/\d+区$/, '').endsWith('村')
              ? `${st.short}街道${grid.landmark}村民委员会`
              : `${st.short}街道${grid.landmark}社区居民委员会`
            : kind === 'deputy'
              ? rng.pick([`${d.addressName}人大代表`, `${d.addressName}政协委员`])
              : `西安${rng.pick(TRADE_NAMES)}${rng.pick(PROPERTY_COMPANY_WORDS)}`
          role(person(kind, organisation, grid.code, k > 0), 'overseer', grid.code)
        }

        const workers: number[] = []
        const count = rng.int(1, 4)
        for (let k = 0; k < count; k++) {
          const id = person('coordinator', `${st.name}（协管员）`, grid.code, true)
          role(id, k === 0 || rng.chance(0.5) ? 'grid_manager' : 'informant', grid.code)
          workers.push(id)
        }
        // 一员多责: a worker of the neighbouring grid also reports from this one.
        if (previousWorkers.length > 0 && rng.chance(0.25)) role(rng.pick(previousWorkers), 'informant', grid.code)
        previousWorkers = workers
      }
    }
  }
  return { people, roles }
}
