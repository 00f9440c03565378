/**
 * Businesses for tests: valid inputs with distinct codes, rows written straight to the table for
 * fast seeding (placed by SQL like the service), and CSV text in the import's columns.
 */
import type { Sql } from '../src/db/connection.ts'
import type { BusinessInput } from '../src/modules/businesses/rules.ts'
import { makeUscc, type BusinessKind } from '../src/modules/businesses/uscc.ts'

let serial = Math.floor(Math.random() * 1_000_000) * 1000

/** A fresh valid USCC (market-regulator authority, Xi'an Baqiao division). */
export function nextUscc(kind: BusinessKind = 'enterprise'): string {
  return makeUscc(kind, '610111', ++serial)
}

/** A valid business input; the location defaults to the middle of grid 050101 of seedSmallTree. */
export function businessInput(overrides: Partial<BusinessInput> = {}): BusinessInput {
  return {
    uscc: nextUscc(),
    name: `测试商贸有限公司${serial}`,
    registeredAddress: '西安市灞桥区纺织城正街1号',
    actualAddress: '西安市灞桥区纺织城正街1号',
    location: { lng: 109.025, lat: 34.05 },
    industry: '批发和零售业',
    licences: [{ type: '食品经营许可证', number: `JY161011${serial}`, validFrom: '2024-01-01', validTo: '2029-01-01' }],
    keyDomains: ['food'],
    operatingState: 'operating',
    riskClass: 'general',
    legalRepresentative: '张三',
    contactPhone: '13812341234',
    ...overrides,
  }
}

/** Writes a business straight to the table, placed in the live grid covering it (lowest code). */
export async function insertBusiness(sql: Sql, overrides: Partial<BusinessInput> & { areaCode?: string } = {}): Promise<number> {
  const b = businessInput(overrides)
  const loc = b.location ?? null
  const { rows } = await sql.query<{ id: number }>(
    `WITH p AS (SELECT CASE WHEN $5::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($5, $6), 4326) END AS pt),
     g AS (SELECT (SELECT code FROM grids, p WHERE ST_Covers(boundary, p.pt) ORDER BY code LIMIT 1) AS code)
     INSERT INTO businesses (uscc, name, kind, registered_address, location, legal_representative, contact_phone, risk_class,
       grid_code, area_code, unplaced_reason)
     SELECT $1, $2, $3, $4, p.pt, $7, $8, $9, g.code, coalesce(g.code, $10, ''),
       CASE WHEN g.code IS NOT NULL THEN NULL WHEN p.pt IS NULL THEN 'noLocation' ELSE 'outsideGrids' END
     FROM p, g RETURNING id`,
    [b.uscc, b.name, b.kind ?? 'enterprise', b.registeredAddress, loc?.lng ?? null, loc?.lat ?? null, b.legalRepresentative,
      b.contactPhone, b.riskClass ?? 'general', overrides.areaCode ?? null],
  )
  return rows[0].id
}

const HEADER_ZH = ['统一社会信用代码', '名称', '类型', '注册地址', '实际经营地址', '经度', '纬度', '行业', '许可证', '重点领域', '经营状态', '风险等级', '法定代表人', '联系电话']

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s
}

/** One import row in the header's order; `cells` overrides by Chinese column name. */
export function importRow(b: BusinessInput = businessInput(), cells: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    统一社会信用代码: b.uscc, 名称: b.name, 类型: b.kind ?? '', 注册地址: b.registeredAddress, 实际经营地址: b.actualAddress ?? '',
    经度: b.location ? String(b.location.lng) : '', 纬度: b.location ? String(b.location.lat) : '', 行业: b.industry ?? '',
    许可证: (b.licences ?? []).map((l) => [l.type, l.number, l.validFrom ?? '', l.validTo ?? ''].join(':')).join(';'),
    重点领域: (b.keyDomains ?? []).join(';'), 经营状态: b.operatingState ?? '', 风险等级: b.riskClass ?? '',
    法定代表人: b.legalRepresentative ?? '', 联系电话: b.contactPhone ?? '',
  }
  return HEADER_ZH.map((h) => cells[h] ?? base[h])
}

/** A CSV file of the rows with the Chinese header (UTF-8 with BOM, as Excel writes it). */
export function businessCsv(rows: string[][], header: string[] = HEADER_ZH): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export { HEADER_ZH }
