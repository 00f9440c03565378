/**
 * The demo business ledger (M2.2) as CSV rows for COPY: valid unified social credit codes, names
 * built as 字号 + 行业 + 组织形式, addresses on the area's streets, licences and key-domain flags that
 * fit the industry, and a location strictly inside one grid, so that every business is placed.
 * Pure and streaming: a million rows never sit in memory at once.
 */
import { makeUscc, type BusinessKind } from '../businesses/uscc.ts'
import {
  COOPERATIVE_PRODUCTS, ENTERPRISE_WORDS, INDUSTRY_WEIGHTS, SHOP_WORDS, SURNAMES, TRADE_NAMES, type Industry,
} from './names.ts'
import { personName, phoneNumber } from './people.ts'
import { WeightedIndex, type Random } from './prng.ts'
import type { KEY_DOMAINS } from '../businesses/rules.ts'
import type { TerritoryPlan } from './territory.ts'

/** Administrative division of Baqiao (GB/T 2260), used in codes and licence numbers. */
const DIVISION = '610111'

type KeyDomain = (typeof KEY_DOMAINS)[number]

export interface Licence {
  type: string
  number: string
  validFrom: string
  validTo: string
}

/** The columns `csvChunks` writes, in order. */
export const BUSINESS_COLUMNS = ['uscc', 'name', 'kind', 'registered_address', 'actual_address', 'location', 'industry',
  'licences', 'key_domains', 'operating_state', 'risk_class', 'legal_representative', 'contact_phone', 'grid_code',
  'area_code'] as const

const RISK = [['low', 30], ['general', 50], ['higher', 15], ['high', 5]] as const
const STATES = [['operating', 90], ['suspended', 4], ['closed', 3], ['deregistered', 3]] as const
const ENTERPRISE_FORMS = [['有限公司', 80], ['有限责任公司', 17], ['股份有限公司', 3]] as const

const DAY = 86_400_000
const FIRST_DAY = Date.UTC(2018, 0, 1)
const RECENT_DAY = Date.UTC(2021, 6, 1)
const LAST_DAY = Date.UTC(2025, 11, 31)
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10)

/** RFC 4180 field; null is an unquoted empty field, which COPY reads as NULL. */
function csv(value: string | null): string {
  if (value === null) return ''
  return /[",\n\r]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value
}

class LicenceMaker {
  private serials = new Map<string, number>()
  constructor(private rng: Random) {}

  private next(kind: string): number {
    const n = (this.serials.get(kind) ?? 0) + 1
    this.serials.set(kind, n)
    return n
  }

  /** Five-year licences; about one in eight was issued before mid-2021 and may have run out. */
  make(type: string, number: string): Licence {
    const rng = this.rng
    const from = rng.chance(0.12) ? rng.range(FIRST_DAY, RECENT_DAY) : rng.range(RECENT_DAY, LAST_DAY)
    const start = new Date(Math.floor(from / DAY) * DAY)
    const end = Date.UTC(start.getUTCFullYear() + 5, start.getUTCMonth(), start.getUTCDate() - 1)
    return { type, number, validFrom: isoDay(start.getTime()), validTo: isoDay(end) }
  }

  /** 食品经营许可证 JY + 主体业态 (1 销售, 2 餐饮) + division + serial + check digit. */
  food(catering: boolean): Licence {
    const body = `${catering ? 2 : 1}${DIVISION}${String(this.next(catering ? 'JY2' : 'JY1') % 1_000_000).padStart(6, '0')}`
    const check = [...body].reduce((a, c) => a + Number(c), 0) % 10
    return this.make('食品经营许可证', `JY${body}${check}`)
  }

  drug(): Licence {
    return this.make('药品经营许可证', `陕AA029${String(this.next('drug') % 100_000).padStart(5, '0')}`)
  }

  equipment(): Licence {
    const l = this.make('特种设备使用登记证', '')
    l.number = `梯11陕A${String(this.next('equipment') % 100_000).padStart(5, '0')}(${l.validFrom.slice(2, 4)})`
    return l
  }

  industrial(): Licence {
    const product = this.rng.pick(['06-001', '06-014', '08-002', '15-001', '16-004'])
    return this.make('全国工业产品生产许可证', `XK${product}-${String(this.next('xk') % 100_000).padStart(5, '0')}`)
  }

  hygiene(): Licence {
    const l = this.make('公共场所卫生许可证', '')
    l.number = `陕卫公证字〔${l.validFrom.slice(0, 4)}〕第${DIVISION}${String(this.next('hygiene') % 10_000).padStart(4, '0')}号`
    return l
  }
}

/** Licences and key-domain flags that go with an industry (M2.2). */
function licensing(industry: Industry, lic: LicenceMaker, rng: Random): { licences: Licence[]; domains: KeyDomain[] } {
  switch (industry) {
    case '餐饮服务':
      return { licences: [lic.food(true)], domains: ['food'] }
    case '食品销售':
      return rng.chance(0.2) ? { licences: [lic.food(false)], domains: ['food', 'special_food'] } : { licences: [lic.food(false)], domains: ['food'] }
    case '药品零售':
      // Pharmacies that also sell health foods (保健食品) hold a food licence too.
      return rng.chance(0.5) ? { licences: [lic.drug(), lic.food(false)], domains: ['special_food'] } : { licences: [lic.drug()], domains: [] }
    case '特种设备使用':
      return { licences: [lic.equipment()], domains: ['special_equipment'] }
    case '工业产品生产':
      return { licences: [lic.industrial()], domains: ['industrial_products'] }
    case '住宿':
      return rng.chance(0.3)
        ? { licences: [lic.hygiene(), lic.equipment()], domains: ['special_equipment'] }
        : { licences: [lic.hygiene()], domains: [] }
    case '美容美发':
      return { licences: [lic.hygiene()], domains: [] }
    default:
      return { licences: [], domains: [] }
  }
}

/**
 * `count` businesses as CSV text in chunks of `chunkRows` rows (columns: BUSINESS_COLUMNS).
 * `serialBase` keeps the codes of different seeds apart; codes are distinct for distinct serials.
 */
export function* csvChunks(plan: TerritoryPlan, count: number, rng: Random, serialBase: number, chunkRows = 2000): Generator<string> {
  const pickGrid = new WeightedIndex(plan.grids.map((g) => g.weight))
  const lic = new LicenceMaker(rng)
  const { lattice, gridCells } = plan
  let lines: string[] = []
  for (let n = 0; n < count; n++) {
    const g = pickGrid.draw(rng.next())
    const grid = plan.grids[g]
    const station = plan.stations[grid.station]
    const district = plan.districts[station.district]
    const dn = district.addressName
    const cellsFrom = gridCells.offsets[g]
    const cell = gridCells.cells[cellsFrom + Math.floor(rng.next() * (gridCells.offsets[g + 1] - cellsFrom))]
    const [lng, lat] = lattice.pointIn(cell, rng.next(), rng.next())

    const rural = station.density < 1.3
    const kind: BusinessKind = rng.chance(rural ? 0.06 : 0.01) ? 'cooperative' : rng.chance(0.56) ? 'enterprise' : 'individual'
    const legal = personName(rng)
    const trade = rng.pick(TRADE_NAMES)
    let industry: Industry
    let name: string
    if (kind === 'cooperative') {
      const [product, ind] = rng.pick(COOPERATIVE_PRODUCTS)
      industry = ind
      name = `西安市${dn}${station.short}街道${trade}${product}专业合作社`
    } else if (kind === 'enterprise') {
      industry = rng.weighted(INDUSTRY_WEIGHTS)
      const prefix = rng.pick(['西安', `西安市${dn}`, '陕西', `西安${dn}`])
      name = `${prefix}${trade}${rng.pick(ENTERPRISE_WORDS[industry])}${rng.weighted(ENTERPRISE_FORMS)}`
    } else {
      industry = rng.weighted(INDUSTRY_WEIGHTS)
      const surname = SURNAMES.find((s) => legal.startsWith(s)) ?? legal[0]
      const style = rng.next()
      const brand = style < 0.35 ? `${surname}记` : style < 0.5 ? `老${surname}家` : trade
      name = `${dn}${brand}${rng.pick(SHOP_WORDS[industry])}`
    }
    const { licences, domains } = licensing(industry, lic, rng)
    // A few businesses in licensed trades trade without their licence (无证经营): patrols find them.
    const held = licences.length > 0 && rng.chance(0.03) ? [] : licences

    const street = rng.pick(station.streets)
    const number = rng.int(1, 999)
    const detail = rng.weighted([['', 70], [`${rng.int(1, 12)}幢`, 20], ['院内', 10]] as const)
    const registered = `西安市${dn}${street}${number}号${detail}`
    // Some trade elsewhere than registered (地址与登记不符): the address check finds them.
    const actual = rng.chance(0.85) ? registered : `西安市${dn}${rng.chance(0.2) ? rng.pick(station.streets) : street}${rng.int(1, 999)}号`

    lines.push([
      makeUscc(kind, DIVISION, serialBase + n),
      csv(name),
      kind,
      csv(registered),
      csv(actual),
      `SRID=4326;POINT(${lng.toFixed(7)} ${lat.toFixed(7)})`,
      industry,
      csv(JSON.stringify(held)),
      csv(`{${domains.join(",")}}`),
      rng.weighted(STATES),
      rng.weighted(RISK),
      csv(legal),
      phoneNumber(rng),
      grid.code,
      grid.code,
    ].join(','))
    if (lines.length === chunkRows) {
      yield lines.join('\n') + '\n'
      lines = []
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n'
}
