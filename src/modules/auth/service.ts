import { createHash, randomBytes } from 'node:crypto'
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2'
import type { Db, Sql } from '../../db/connection.ts'
import type { SecuritySettings } from '../../config.ts'
import { AppError } from '../../server/errors.ts'
import { adminConflict, authorize, hasPermission, isAdminRole, PERMISSIONS, ROLE_LABELS, ROLES, type Actor, type Role } from '../access/policy.ts'
import { recordAudit, recordAuditAlone } from '../audit/service.ts'
import { areaNames } from '../areas/lookups.ts'
import { afterFailure, checkPassword, IpThrottle, isBlocked, isPasswordExpired, isSessionAlive, type SourceFailures } from './rules.ts'
import './errors.ts'
import type { UserView } from './schemas.ts'

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
const hashPassword = (password: string) => argonHash(password)

// Verified against when the user name is unknown, so that the reply takes as long as for a real one.
const DUMMY_HASH = await argonHash('dummy-password-for-timing')

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export interface UserRow {
  id: number
  username: string
  display_name: string
  password_hash: string
  roles: Role[]
  scope: string
  person_id: number | null
  failed_logins: number
  locked_until: Date | null
  password_changed_at: Date
  is_demo: boolean
  disabled_at: Date | null
  must_change_password: boolean
  last_failed_login_at: Date | null
  /** set by queries that look at login_failures: some source is made to wait for this account */
  blocked?: boolean
}

/** An account as the API answers it: the schema's type (schemas.ts), declared once. */
export type { UserView }

function toUserView(u: UserRow): UserView {
  return {
    id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, scope: u.scope, personId: u.person_id,
    locked: u.blocked ?? false, disabled: u.disabled_at !== null, isDemo: u.is_demo,
    failedLogins: u.failed_logins, lastFailedLoginAt: u.last_failed_login_at?.toISOString() ?? null,
    mustChangePassword: u.must_change_password,
  }
}

/** The SQL column that tells whether a source must wait for the account (users aliased `u`). */
const BLOCKED = `EXISTS (SELECT 1 FROM login_failures f WHERE f.username_key = lower(u.username) AND f.blocked_until > now()) AS blocked`

function refusePassword(password: string, username: string, isDemo = false) {
  const problem = checkPassword(password, username, { isDemo })
  if (problem) throw new AppError(problem.code, problem)
}

function roleLabels(prefix: string, role: Role): Record<string, string> {
  return { [`${prefix}Zh`]: ROLE_LABELS[role].zh, [`${prefix}En`]: ROLE_LABELS[role].en }
}

/** Administrator roles exist only through `market-grid create-admin` on the host, never through the API. */
function refuseAdminGrant(roles: readonly Role[]) {
  const admin = roles.find(isAdminRole)
  if (admin) throw new AppError('user.adminViaApi', roleLabels('role', admin))
}

async function checkRolesAndScope(tx: Sql, roles: Role[], scope: string) {
  const unknown = roles.find((r) => !ROLES.includes(r))
  if (unknown) throw new AppError('request.invalid', { summary: `roles: ${unknown}` })
  const conflict = adminConflict(roles)
  if (conflict) throw new AppError('user.adminRolesCombined', { ...roleLabels('a', conflict[0]), ...roleLabels('b', conflict[1]) })
  if (scope !== '') {
    if (!(await areaNames(tx, [scope])).has(scope)) throw new AppError('user.scopeUnknown', { scope })
  }
}

export interface NewUser {
  username: string
  displayName: string
  password: string
  roles: Role[]
  scope: string
  personId?: number | null
  isDemo?: boolean
  /** the password was chosen by someone else and must be changed at the first login */
  mustChangePassword?: boolean
}

/** Creates an account inside the caller's transaction. The caller authorises and audits. */
export async function insertUser(tx: Sql, input: NewUser): Promise<UserRow> {
  refusePassword(input.password, input.username, input.isDemo)
  await checkRolesAndScope(tx, input.roles, input.scope)
  const taken = await tx.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [input.username])
  if (taken.rowCount > 0) throw new AppError('user.usernameTaken', { username: input.username })
  const { rows } = await tx.query<UserRow>(
    `INSERT INTO users (username, display_name, password_hash, roles, scope, person_id, is_demo, must_change_password)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [input.username, input.displayName, await hashPassword(input.password), input.roles, input.scope,
      input.personId ?? null, input.isDemo ?? false, input.mustChangePassword ?? false],
  )
  return rows[0]
}

/**
 * An account created by a security administrator (business roles only; its initial password must be
 * changed at the first login), or an administrator by `market-grid create-admin` on the host (actor null).
 */
export function createUser(db: Db, actor: Actor | null, input: NewUser): Promise<UserView> {
  if (actor) {
    authorize(actor, 'user.manage', input.scope)
    refuseAdminGrant(input.roles)
  }
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, { ...input, mustChangePassword: actor !== null })
    await recordAudit(tx, actor, {
      action: 'user.created', objectType: 'user', objectId: user.id, areaCode: user.scope,
      details: { username: user.username, roles: user.roles, scope: user.scope },
    })
    return toUserView(user)
  })
}

export interface UserChange {
  displayName?: string
  roles?: Role[]
  scope?: string
  disabled?: boolean
  unlock?: boolean
  newPassword?: string
}

/**
 * Role, scope and state changes of business accounts are the security administrator's; each is an
 * audit event. Administrator accounts can only be unlocked (三员分立: no administrator disables,
 * re-roles or resets another); a reset password must be changed at the next login.
 */
export function updateUser(db: Db, actor: Actor, id: number, change: UserChange): Promise<UserView> {
  authorize(actor, 'user.manage')
  return db.transaction(async (tx) => {
    // Accounts outside the administrator's scope read as not found.
    const found = await tx.query<UserRow>('SELECT * FROM users WHERE id = $1 AND scope LIKE $2 FOR UPDATE', [id, actor.scope + '%'])
    const user = found.rows[0]
    if (!user) throw new AppError('user.notFound')
    if (user.id === actor.userId && (change.roles || change.disabled || change.scope !== undefined)) {
      throw new AppError('user.cannotChangeSelf')
    }
    const target = user.roles.find(isAdminRole)
    const changes = Object.entries(change).filter(([key, value]) => value !== undefined && key !== 'unlock')
    if (target && changes.length > 0) throw new AppError('user.adminProtected', roleLabels('role', target))
    if (change.roles) refuseAdminGrant(change.roles)
    const roles = change.roles ?? user.roles
    const scope = change.scope ?? user.scope
    authorize(actor, 'user.manage', scope)
    await checkRolesAndScope(tx, roles, scope)
    if (change.newPassword) refusePassword(change.newPassword, user.username, user.is_demo)
    const { rows } = await tx.query<UserRow>(
      `UPDATE users SET display_name = $2, roles = $3, scope = $4,
         disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at WHEN $5 THEN coalesce(disabled_at, now()) ELSE NULL END,
         locked_until = CASE WHEN $6 THEN NULL ELSE locked_until END,
         failed_logins = CASE WHEN $6 THEN 0 ELSE failed_logins END,
         password_hash = coalesce($7, password_hash),
         password_changed_at = CASE WHEN $7::text IS NULL THEN password_changed_at ELSE now() END,
         must_change_password = must_change_password OR $7::text IS NOT NULL,
         updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, change.displayName ?? user.display_name, roles, scope, change.disabled ?? null, change.unlock ?? false,
        change.newPassword ? await hashPassword(change.newPassword) : null],
    )
    if (change.unlock) await tx.query('DELETE FROM login_failures WHERE username_key = lower($1)', [user.username])
    // A changed role, scope, state or password ends the user's sessions: they log in again under the new rules.
    if (change.roles || change.scope !== undefined || change.disabled || change.newPassword) {
      await tx.query('DELETE FROM sessions WHERE user_id = $1', [id])
    }
    await recordAudit(tx, actor, {
      action: change.roles ? 'user.rolesChanged' : 'user.updated', objectType: 'user', objectId: id, areaCode: scope,
      details: {
        before: { roles: user.roles, scope: user.scope, disabled: user.disabled_at !== null },
        after: { roles, scope, disabled: rows[0].disabled_at !== null },
        unlocked: change.unlock ?? false, passwordReset: Boolean(change.newPassword),
      },
    })
    return toUserView(rows[0])
  })
}

export async function listUsers(db: Sql, actor: Actor): Promise<UserView[]> {
  authorize(actor, 'user.manage')
  const { rows } = await db.query<UserRow>(`SELECT u.*, ${BLOCKED} FROM users u WHERE u.scope LIKE $1 ORDER BY u.id`, [actor.scope + '%'])
  return rows.map((u) => toUserView(u))
}

/**
 * Lifts every wait of an account (all sources) and clears its failure count: by the security
 * administrator (`PATCH /api/users/{id}` with unlock) or on the host by `market-grid unlock-user`
 * (actor null). Unlocking grants nothing, so it is allowed for administrator accounts too.
 */
export function unlockUser(db: Db, actor: Actor | null, username: string): Promise<UserView> {
  if (actor) authorize(actor, 'user.manage')
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<UserRow>(
      `UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = now()
       WHERE lower(username) = lower($1) AND scope LIKE $2 RETURNING *`,
      [username, (actor?.scope ?? '') + '%'],
    )
    const user = rows[0]
    if (!user) throw new AppError('user.notFound')
    const lifted = await tx.query('DELETE FROM login_failures WHERE username_key = lower($1)', [user.username])
    await recordAudit(tx, actor, {
      action: 'user.unlocked', objectType: 'user', objectId: user.id, areaCode: user.scope,
      details: { username: user.username, sources: lifted.rowCount, via: actor ? 'api' : 'host' },
    })
    return toUserView({ ...user, blocked: false })
  })
}

export interface SessionActor extends Actor {
  passwordExpired: boolean
  tokenHash: string
}

interface CachedSession {
  actor: SessionActor
  createdAt: Date
  lastSeenAt: Date
  checkedAt: number
}

/**
 * Logins, sessions and passwords. Sessions live in the database (app servers keep no state of
 * their own); each server caches a checked session for `sessionCacheMs` to save a query per request.
 */
export class Sessions {
  private cache = new Map<string, CachedSession>()
  /** lookups on their way, by token hash: a console's parallel requests share one (below) */
  private pending = new Map<string, Promise<Omit<SessionActor, 'ip'> | null>>()
  /** bumped by forget(): a lookup begun before it does not fill the cache */
  private generation = 0
  private throttle: IpThrottle
  /** The clock of the failure counters; tests replace it instead of waiting. */
  now: () => Date = () => new Date()

  constructor(private db: Db, private settings: SecuritySettings) {
    this.throttle = new IpThrottle(settings.loginAttemptsPerIpPerMinute)
  }

  private invalidCredentials(): AppError {
    return new AppError('auth.invalidCredentials', { maxFailed: this.settings.maxFailedLogins })
  }

  /** The failures of `username` from `source`, or null. */
  private async failuresOf(username: string, source: string): Promise<SourceFailures | null> {
    const { rows } = await this.db.query<{ failures: number; blocked_until: Date | null }>(
      'SELECT failures, blocked_until FROM login_failures WHERE username_key = lower($1) AND source = $2', [username, source],
    )
    return rows[0] ? { failures: rows[0].failures, blockedUntil: rows[0].blocked_until } : null
  }

  /** Refuses an attempt while the source must wait, or while the address is over its failures per minute. */
  private async refuseIfWaiting(username: string, source: string, now: Date, who: { userId?: number | null; username: string; ip: string }) {
    if (!this.throttle.allow(source, now.getTime())) {
      await recordAuditAlone(this.db, who, { action: 'auth.loginThrottled', result: 'denied', details: { reason: 'address' } })
      throw new AppError('auth.throttled')
    }
    const state = await this.failuresOf(username, source)
    if (isBlocked(state, now)) {
      await recordAuditAlone(this.db, who, { action: 'auth.loginThrottled', result: 'denied', details: { reason: 'delay' } })
      throw new AppError('auth.delayed', { seconds: Math.ceil((state!.blockedUntil!.getTime() - now.getTime()) / 1000) })
    }
  }

  /** Counts one failure of `username` from `source` inside `tx`; returns the new state. */
  private async countFailure(tx: Sql, username: string, source: string, userId: number | null, now: Date): Promise<SourceFailures> {
    this.throttle.fail(source, now.getTime())
    const { rows } = await tx.query<{ failures: number; blocked_until: Date | null }>(
      'SELECT failures, blocked_until FROM login_failures WHERE username_key = lower($1) AND source = $2 FOR UPDATE', [username, source],
    )
    const before = rows[0] ? { failures: rows[0].failures, blockedUntil: rows[0].blocked_until } : null
    const next = afterFailure(before, now, this.settings.maxFailedLogins, this.settings.maxLoginDelaySeconds)
    await tx.query(
      `INSERT INTO login_failures (username_key, source, failures, last_failed_at, blocked_until)
       VALUES (lower($1), $2, $3, $4, $5)
       ON CONFLICT (username_key, source) DO UPDATE SET failures = $3, last_failed_at = $4, blocked_until = $5`,
      [username, source, next.failures, now, next.blockedUntil],
    )
    if (userId !== null) {
      await tx.query('UPDATE users SET failed_logins = failed_logins + 1, last_failed_login_at = $2 WHERE id = $1', [userId, now])
    }
    // Counters of sources quiet for a day are forgotten (unknown names included, so the table stays small).
    if (Math.random() < 0.01) await tx.query(`DELETE FROM login_failures WHERE last_failed_at < $1::timestamptz - interval '1 day'`, [now])
    return next
  }

  /**
   * Checks the password and opens a new session (a new id at every login, ASVS 3.2.1). An unknown
   * user, a wrong password and a disabled account get the same reply; failures slow down the
   * source they came from (see `afterFailure`), never the account as a whole.
   */
  async login(input: { username: string; password: string; ip: string; userAgent?: string; previousToken?: string }) {
    const now = this.now()
    await this.refuseIfWaiting(input.username, input.ip, now, { username: input.username, ip: input.ip })
    if (input.previousToken) await this.logout(input.previousToken, { ip: input.ip }, false)
    const found = await this.db.query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [input.username])
    const user = found.rows[0]
    const passwordOk = await argonVerify(user?.password_hash ?? DUMMY_HASH, input.password).catch(() => false)
    if (!user || !passwordOk || user.disabled_at) {
      await this.db.transaction(async (tx) => {
        const reason = !user ? 'unknownUser' : !passwordOk ? 'wrongPassword' : 'disabled'
        const next = await this.countFailure(tx, input.username, input.ip, user?.id ?? null, now)
        await recordAudit(tx, { userId: user?.id ?? null, username: input.username, ip: input.ip }, {
          action: 'auth.loginFailed', result: 'denied', objectType: 'user', objectId: user?.id, areaCode: user?.scope,
          details: { reason, failuresFromSource: next.failures, waitUntil: next.blockedUntil?.toISOString() ?? null },
        })
      })
      throw this.invalidCredentials()
    }
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(now.getTime() + this.settings.sessionAbsoluteHours * 3_600_000)
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id])
      await tx.query('DELETE FROM login_failures WHERE username_key = lower($1) AND source = $2', [user.username, input.ip])
      await tx.query(
        `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, $3, $4, $5, $6)`,
        [sha256(token), user.id, now, expiresAt, input.ip, input.userAgent?.slice(0, 300) ?? null],
      )
      await recordAudit(tx, { userId: user.id, username: user.username, ip: input.ip }, {
        action: 'auth.login', objectType: 'user', objectId: user.id, areaCode: user.scope,
      })
    })
    return {
      token,
      expiresAt,
      user: toUserView(user),
      passwordExpired: user.must_change_password || isPasswordExpired(user.password_changed_at, now, this.settings.passwordRotationDays),
    }
  }

  async logout(token: string, who: { ip?: string }, audit = true): Promise<void> {
    const tokenHash = sha256(token)
    this.cache.delete(tokenHash)
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ user_id: number; username: string; scope: string }>(
        `DELETE FROM sessions s USING users u WHERE s.token_hash = $1 AND u.id = s.user_id
         RETURNING s.user_id, u.username, u.scope`,
        [tokenHash],
      )
      if (rows[0] && audit) {
        await recordAudit(tx, { userId: rows[0].user_id, username: rows[0].username, ip: who.ip }, {
          action: 'auth.logout', objectType: 'user', objectId: rows[0].user_id, areaCode: rows[0].scope,
        })
      }
    })
  }

  /** The actor behind a token, or null when the session is unknown, expired, idle too long or its user disabled. */
  async resolve(token: string, ip?: string): Promise<SessionActor | null> {
    const tokenHash = sha256(token)
    const now = new Date()
    const s = this.settings
    const cached = this.cache.get(tokenHash)
    if (cached && now.getTime() - cached.checkedAt < s.sessionCacheMs) {
      if (!isSessionAlive(cached, now, s.sessionIdleMinutes, s.sessionAbsoluteHours)) return null
      cached.lastSeenAt = now
      return { ...cached.actor, ip }
    }
    // When the cached entry expires, a console's parallel requests all miss at once; one lookup
    // serves them, instead of each updating the same session row after the other (issue 12: the
    // command-centre counts' p99).
    let pending = this.pending.get(tokenHash)
    if (!pending) {
      pending = this.lookup(tokenHash, now).finally(() => this.pending.delete(tokenHash))
      this.pending.set(tokenHash, pending)
    }
    const actor = await pending
    return actor && { ...actor, ip }
  }

  private async lookup(tokenHash: string, now: Date): Promise<Omit<SessionActor, 'ip'> | null> {
    const s = this.settings
    const generation = this.generation
    // Touching last_seen_at in the same statement keeps this one round trip.
    const { rows } = await this.db.query<UserRow & { created_at: Date; last_seen_at: Date }>(
      `UPDATE sessions s SET last_seen_at = now()
       FROM users u
       WHERE s.token_hash = $1 AND u.id = s.user_id AND u.disabled_at IS NULL AND s.expires_at > now()
         AND s.last_seen_at > now() - make_interval(mins => $2) AND s.created_at > now() - make_interval(hours => $3)
       RETURNING u.*, s.created_at AS session_created_at, s.last_seen_at`,
      [tokenHash, s.sessionIdleMinutes, s.sessionAbsoluteHours],
    )
    const u = rows[0] as any
    if (!u) {
      this.cache.delete(tokenHash)
      return null
    }
    const actor: SessionActor = {
      userId: u.id, username: u.username, displayName: u.display_name, roles: u.roles, scope: u.scope, tokenHash,
      departmentCode: u.department_code ?? null,
      passwordExpired: u.must_change_password || isPasswordExpired(u.password_changed_at, now, s.passwordRotationDays),
    }
    // M4.4 a market operator reaches only its market's businesses: which market is part of who it is.
    if (actor.roles.includes('market_operator')) {
      const { rows: markets } = await this.db.query<{ market_id: number }>('SELECT market_id FROM market_operators WHERE user_id = $1', [u.id])
      actor.marketIds = markets.map((m) => m.market_id)
    }
    if (this.cache.size > 50_000) this.cache.clear()
    if (generation === this.generation) this.cache.set(tokenHash, { actor, createdAt: u.session_created_at, lastSeenAt: now, checkedAt: now.getTime() })
    return actor
  }

  /** Drops every cached session, after roles, scopes or passwords changed. */
  forget(): void {
    this.generation++
    this.cache.clear()
    this.pending.clear()
  }

  /**
   * Changes the actor's own password. Wrong current passwords are counted like failed logins of the
   * account from the caller's address, so a stolen session cannot guess the password at leisure.
   */
  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const now = this.now()
    const source = actor.ip ?? 'unknown'
    await this.refuseIfWaiting(actor.username, source, now, { userId: actor.userId, username: actor.username, ip: source })
    const found = await this.db.query<UserRow>('SELECT * FROM users WHERE id = $1', [actor.userId])
    const user = found.rows[0]
    if (!user || !(await argonVerify(user.password_hash, current).catch(() => false))) {
      await this.db.transaction(async (tx) => {
        const state = await this.countFailure(tx, actor.username, source, actor.userId, now)
        await recordAudit(tx, actor, {
          action: 'auth.passwordChangeFailed', result: 'denied', objectType: 'user', objectId: actor.userId,
          details: { failuresFromSource: state.failures, waitUntil: state.blockedUntil?.toISOString() ?? null },
        })
      })
      throw new AppError('auth.wrongCurrentPassword')
    }
    if (current === next) throw new AppError('auth.passwordReused')
    refusePassword(next, user.username, user.is_demo)
    const newHash = await hashPassword(next)
    await this.db.transaction(async (tx) => {
      await tx.query(
        'UPDATE users SET password_hash = $2, password_changed_at = now(), must_change_password = false, updated_at = now() WHERE id = $1',
        [user.id, newHash],
      )
      await tx.query('DELETE FROM login_failures WHERE username_key = lower($1) AND source = $2', [user.username, source])
      // Other sessions of the user end; the one that changed the password stays.
      const keep = (actor as SessionActor).tokenHash ?? ''
      await tx.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [user.id, keep])
      await recordAudit(tx, actor, { action: 'auth.passwordChanged', objectType: 'user', objectId: user.id, areaCode: user.scope })
    })
    this.cache.clear()
  }
}

/** The signed-in user as the console needs it: who, which area, and which actions to offer. */
export async function whoAmI(db: Sql, actor: SessionActor) {
  const scopeName = actor.scope ? (await areaNames(db, [actor.scope])).get(actor.scope) ?? null : null
  return {
    id: actor.userId, username: actor.username, displayName: actor.displayName, roles: actor.roles,
    scope: actor.scope, passwordExpired: actor.passwordExpired, scopeName,
    permissions: Object.keys(PERMISSIONS).filter((action) => hasPermission(actor, action)),
  }
}
