/**
 * Who may do what: roles, area scopes and the permission table (Q3). Pure: no I/O.
 *
 * A user has account roles and one area scope, a code prefix: scope `0501` covers `0501` and every
 * code that starts with it; `''` covers the whole installation. Reads are filtered by scope inside
 * the query (see `scopeFilter`); writes call `authorize` before touching data.
 */
import { AppError } from '../../server/errors.ts'
import { ACCOUNT_ROLE_TERMS, type Term } from '../../shared/glossary.ts'

export const ROLES = [
  'district_chief',
  'station_chief',
  'grid_head',
  'grid_worker',
  'overseer',
  'command_operator',
  'credit_officer',
  'department_liaison',
  'market_operator',
  // 三员分立: three administrators that no account combines
  'system_admin',
  'security_admin',
  'audit_admin',
] as const
export type Role = (typeof ROLES)[number]

export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin']

export interface Actor {
  userId: number
  username: string
  displayName: string
  roles: Role[]
  scope: string
  /** the department a department liaison acts for (cases referred to it, M3.4) */
  departmentCode?: string | null
  /** the markets a market operator keeps (M4.4, market_operators) */
  marketIds?: number[]
  ip?: string
}

/** Chinese and English names of the roles, for messages: the glossary's (src/shared/glossary.ts), shared with the console. */
export const ROLE_LABELS: Record<Role, Term> = ACCOUNT_ROLE_TERMS

export const isAdminRole = (role: Role) => ADMIN_ROLES.includes(role)

// Business staff. The system administrator is not among them (三员分立, docs/admin-guide.md): it runs
// the system (settings, the area tree read-only for the map) and reads or changes no business data.
const STAFF: Role[] = [
  'district_chief', 'station_chief', 'grid_head', 'grid_worker', 'overseer', 'command_operator',
  'credit_officer', 'department_liaison', 'market_operator',
]
const LEADERS: Role[] = ['district_chief', 'station_chief']

/**
 * The permission table: an action and the roles that may take it. An action that is not listed, or
 * a role that is not in its list, is refused (deny by default).
 */
export const PERMISSIONS = {
  /** the area tree and its boundaries; the system administrator sees it to set up the map (no businesses on it) */
  'area.read': [...STAFF, 'system_admin'],
  /**
   * create, rename, redraw, move, retire areas strictly below one's scope. The area tree is the
   * installation's structure (no business or personal data), so the system administrator keeps it.
   */
  'area.manage': [...LEADERS, 'system_admin'],
  // Not the market operator: a market's management is not the bureau's staff, and sees and keeps
  // only the businesses of its market ('market.keep', businessScopeFilter).
  'business.read': STAFF.filter((r) => r !== 'market_operator'),
  'business.write': ['district_chief', 'station_chief', 'grid_head', 'credit_officer'],
  /** M4.4 keep the records of the businesses of one's market: read them, correct what the market knows, patrol them */
  'market.keep': ['market_operator'],
  /** the markets of one's area, their work and its assessment */
  'market.read': ['district_chief', 'station_chief', 'grid_head', 'grid_worker', 'overseer', 'command_operator'],
  /** set up a market: its name, grid, businesses and the accounts of its management */
  'market.manage': LEADERS,
  /** draw the month's sample of a market's patrol work for checking (the sub-district's level) */
  'marketCheck.draw': LEADERS,
  /** record what checking a drawn finding found */
  'marketCheck.record': [...LEADERS, 'grid_head', 'grid_worker', 'overseer'],
  'business.import': LEADERS,
  'business.export': [...LEADERS, 'grid_head', 'command_operator', 'credit_officer'],
  'person.read': STAFF.filter((r) => r !== 'market_operator'),
  /** see people's phone numbers unmasked (personal data; each view is audited) */
  'person.readPersonal': ['district_chief', 'station_chief', 'grid_head', 'command_operator'],
  'person.write': LEADERS,
  'person.import': LEADERS,
  'person.export': LEADERS,
  'user.manage': ['security_admin'],
  /** see the cases in one's scope (and, for a liaison, those referred to one's department) */
  // not the market operator: a market's organiser must never see complaints about its traders
  'case.read': STAFF.filter((r) => r !== 'market_operator'),
  /** file a case: a patrol finding, a complaint taken by phone, an order from above */
  // the market operator too: a clue its patrol finds in the market goes to the loop (M4.4); it files, it does not read
  'case.create': ['grid_worker', 'grid_head', 'station_chief', 'district_chief', 'command_operator', 'market_operator'],
  /** upload photos, recordings, videos and documents as evidence of a case */
  'evidence.upload': ['grid_worker', 'grid_head', 'station_chief', 'district_chief', 'command_operator', 'department_liaison', 'overseer', 'credit_officer', 'market_operator'],
  /** open evidence files (of cases one sees, or one's own uploads) */
  'evidence.read': STAFF.filter((r) => r !== 'market_operator'),
  /** see a complainant's contact details unmasked (each view is audited; never the business or a department) */
  'case.readContact': ['station_chief', 'district_chief', 'command_operator'],
  /** load or correct a year's working-day calendar (configuration, announced yearly) */
  'calendar.manage': ['system_admin'],
  'audit.read': ['audit_admin'],
  'settings.manage': ['system_admin'],
  /** the patrol item catalogue (M4.1): what a patrol checks, who does it, what becomes a case */
  'patrolItem.read': STAFF,
  'patrolTask.read': STAFF,
  /** record a finding on a patrol task (the phone app) */
  'patrolFinding.record': ['grid_worker', 'grid_head', 'market_operator'],
  /** revise it: supervision policy for the whole installation, the district chief's (docs/decisions.md) */
  'patrolItem.manage': ['district_chief'],
  /** record who filed the annual report (the publicity system's list): credit supervision */
  'annualReport.record': ['district_chief', 'station_chief', 'credit_officer'],
  /** go on duty with the phone reporting one's position (M5.1): the staff who patrol */
  'position.report': ['grid_worker', 'grid_head', 'overseer', 'station_chief'],
  /** see where on-duty staff of one's area are, live (the command centre) */
  'position.read': ['district_chief', 'station_chief', 'command_operator'],
} satisfies Record<string, Role[]>
export type Action = keyof typeof PERMISSIONS

export function hasPermission(actor: Pick<Actor, 'roles'>, action: Action | string): boolean {
  const allowed = (PERMISSIONS as Record<string, Role[]>)[action]
  if (!allowed) return false
  return actor.roles.some((r) => allowed.includes(r))
}

/** True when `code` lies inside the actor's scope (the scope itself included). */
export function isInScope(actor: Pick<Actor, 'scope'>, code: string | null | undefined): boolean {
  if (code === null || code === undefined) return false
  return code.startsWith(actor.scope)
}

/** Roles the actor may take the action with, and, when a target area is given, whether it is in scope. */
export function can(actor: Actor, action: Action, areaCode?: string | null): boolean {
  if (!hasPermission(actor, action)) return false
  if (areaCode === undefined) return true
  return isInScope(actor, areaCode)
}

/** Throws `auth.forbidden` unless `can(actor, action, areaCode)`. */
export function authorize(actor: Actor, action: Action, areaCode?: string | null): void {
  if (!can(actor, action, areaCode)) throw new AppError('auth.forbidden', { action })
}

/**
 * M4.4 An actor that keeps a market's businesses and reads no other: a market operator (an account
 * that also holds a staff role reads as that role).
 */
export function keepsMarketOnly(actor: Partial<Pick<Actor, 'roles'>>): boolean {
  return !!actor.roles && !hasPermission({ roles: actor.roles }, 'business.read') && hasPermission({ roles: actor.roles }, 'market.keep')
}

/**
 * Throws `auth.forbidden` unless the actor may take `action` on businesses, or keeps a market's only
 * (an account holding a staff role as well acts as that role, with that role's rights alone).
 */
export function authorizeBusinesses(actor: Actor, action: 'business.read' | 'business.write'): void {
  if (!hasPermission(actor, action) && !keepsMarketOnly(actor)) throw new AppError('auth.forbidden', { action })
}

/**
 * scopeFilter for businesses (`idColumn`, `areaColumn`), narrowed to the actor's markets when it
 * keeps a market only: a market operator without a market sees none.
 */
export function businessScopeFilter(
  actor: Pick<Actor, 'scope'> & Partial<Pick<Actor, 'roles' | 'marketIds'>>, idColumn: string, areaColumn: string, params: unknown[],
): string {
  const scope = scopeFilter(actor, areaColumn, params)
  if (!keepsMarketOnly(actor)) return scope
  params.push(actor.marketIds ?? [])
  return `${scope} AND ${idColumn} IN (SELECT business_id FROM market_businesses WHERE market_id = ANY($${params.length}::int[]))`
}

/**
 * The SQL condition that keeps rows of `column` inside the actor's scope, with its parameter.
 * Scopes are digits only (checked at login and by the users table), so LIKE needs no escaping.
 */
export function scopeFilter(actor: Pick<Actor, 'scope'>, column: string, params: unknown[]): string {
  params.push(actor.scope + '%')
  return `${column} LIKE $${params.length}`
}

/**
 * 三员分立: system, security and audit administrator are three different people, and none of them
 * does business work. An account with an administrator role holds that one role and nothing else.
 * Returns the offending pair, or null when the combination is allowed.
 */
export function adminConflict(roles: readonly Role[]): [Role, Role] | null {
  const admin = roles.find(isAdminRole)
  if (!admin) return null
  const other = roles.find((r) => r !== admin)
  return other ? [admin, other] : null
}
