import { createHash, randomBytes } from 'node:crypto'
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2'
import type { Db, Sql } from '../../db/connection.ts'
import type { SecuritySettings } from '../../config.ts'
import { AppError } from '../../server/errors.ts'
import { adminConflict, authorize, hasPermission, PERMISSIONS, ROLES, type Actor, type Role } from '../access/policy.ts'
import { recordAudit, recordAuditAlone } from '../audit/service.ts'
import { afterFailedLogin, checkPassword, IpThrottle, isLocked, isPasswordExpired, isSessionAlive } from './rules.ts'
import './errors.ts'

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export const hashPassword = (password: string) => argonHash(password)

// Verified against when the user name is unknown, so that the reply takes as long as for a real one.
const DUMMY_HASH = await argonHash('dummy-password-for-timing')

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

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
}

export interface UserView {
  id: number
  username: string
  displayName: string
  roles: Role[]
  scope: string
  personId: number | null
  locked: boolean
  disabled: boolean
  isDemo: boolean
}

export function toUserView(u: UserRow, now = new Date()): UserView {
  return {
    id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, scope: u.scope, personId: u.person_id,
    locked: isLocked({ failedLogins: u.failed_logins, lockedUntil: u.locked_until }, now),
    disabled: u.disabled_at !== null, isDemo: u.is_demo,
  }
}

function refusePassword(password: string, username: string) {
  const problem = checkPassword(password, username)
  if (problem) throw new AppError(problem.code, problem)
}

async function checkRolesAndScope(tx: Sql, roles: Role[], scope: string) {
  const unknown = roles.find((r) => !ROLES.includes(r))
  if (unknown) throw new AppError('request.invalid', { summary: `roles: ${unknown}` })
  const conflict = adminConflict(roles)
  if (conflict) throw new AppError('user.adminRolesCombined', { a: conflict[0], b: conflict[1] })
  if (scope !== '') {
    const found = await tx.query('SELECT 1 FROM areas WHERE code = $1', [scope])
    if (found.rowCount === 0) throw new AppError('user.scopeUnknown', { scope })
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
}

/** Creates an account inside the caller's transaction. The caller authorises and audits. */
export async function insertUser(tx: Sql, input: NewUser): Promise<UserRow> {
  refusePassword(input.password, input.username)
  await checkRolesAndScope(tx, input.roles, input.scope)
  const taken = await tx.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [input.username])
  if (taken.rowCount > 0) throw new AppError('user.usernameTaken', { username: input.username })
  const { rows } = await tx.query<UserRow>(
    `INSERT INTO users (username, display_name, password_hash, roles, scope, person_id, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [input.username, input.displayName, await hashPassword(input.password), input.roles, input.scope,
      input.personId ?? null, input.isDemo ?? false],
  )
  return rows[0]
}

/** An account created by a security administrator (or by `market-grid create-admin`, actor null). */
export function createUser(db: Db, actor: Actor | null, input: NewUser): Promise<UserView> {
  if (actor) authorize(actor, 'user.manage', input.scope)
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, input)
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

/** Role, scope and state changes are the security administrator's; each is an audit event. */
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
    const roles = change.roles ?? user.roles
    const scope = change.scope ?? user.scope
    authorize(actor, 'user.manage', scope)
    await checkRolesAndScope(tx, roles, scope)
    if (change.newPassword) refusePassword(change.newPassword, user.username)
    const { rows } = await tx.query<UserRow>(
      `UPDATE users SET display_name = $2, roles = $3, scope = $4,
         disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at WHEN $5 THEN coalesce(disabled_at, now()) ELSE NULL END,
         locked_until = CASE WHEN $6 THEN NULL ELSE locked_until END,
         failed_logins = CASE WHEN $6 THEN 0 ELSE failed_logins END,
         password_hash = coalesce($7, password_hash),
         password_changed_at = CASE WHEN $7::text IS NULL THEN password_changed_at ELSE now() - interval '100 years' END,
         updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, change.displayName ?? user.display_name, roles, scope, change.disabled ?? null, change.unlock ?? false,
        change.newPassword ? await hashPassword(change.newPassword) : null],
    )
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
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE scope LIKE $1 ORDER BY id', [actor.scope + '%'])
  return rows.map((u) => toUserView(u))
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
  private throttle: IpThrottle

  constructor(private db: Db, private settings: SecuritySettings) {
    this.throttle = new IpThrottle(settings.loginAttemptsPerIpPerMinute)
  }

  private invalidCredentials(): AppError {
    return new AppError('auth.invalidCredentials', {
      maxFailed: this.settings.maxFailedLogins, lockMinutes: this.settings.lockMinutes,
    })
  }

  /**
   * Checks the password and opens a new session (a new id at every login, ASVS 3.2.1). An unknown
   * user, a wrong password, a locked or disabled account all get the same reply.
   */
  async login(input: { username: string; password: string; ip: string; userAgent?: string; previousToken?: string }) {
    const now = new Date()
    if (!this.throttle.allow(input.ip, now.getTime())) {
      await recordAuditAlone(this.db, { username: input.username, ip: input.ip }, {
        action: 'auth.loginThrottled', result: 'denied',
      })
      throw new AppError('auth.throttled')
    }
    if (input.previousToken) await this.logout(input.previousToken, { ip: input.ip }, false)
    const found = await this.db.query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [input.username])
    const user = found.rows[0]
    const passwordOk = await argonVerify(user?.password_hash ?? DUMMY_HASH, input.password).catch(() => false)
    const state = user ? { failedLogins: user.failed_logins, lockedUntil: user.locked_until } : null
    if (!user || !passwordOk || user.disabled_at || isLocked(state!, now)) {
      await this.db.transaction(async (tx) => {
        let reason = !user ? 'unknownUser' : user.disabled_at ? 'disabled' : isLocked(state!, now) ? 'locked' : 'wrongPassword'
        if (user && reason === 'wrongPassword') {
          const next = afterFailedLogin(state!, now, this.settings.maxFailedLogins, this.settings.lockMinutes)
          await tx.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [user.id, next.failedLogins, next.lockedUntil])
          if (isLocked(next, now)) reason = 'lockedNow'
        }
        await recordAudit(tx, { userId: user?.id ?? null, username: input.username, ip: input.ip }, {
          action: 'auth.loginFailed', result: 'denied', objectType: 'user', objectId: user?.id, areaCode: user?.scope,
          details: { reason },
        })
      })
      throw this.invalidCredentials()
    }
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(now.getTime() + this.settings.sessionAbsoluteHours * 3_600_000)
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id])
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
      user: toUserView(user, now),
      passwordExpired: isPasswordExpired(user.password_changed_at, now, this.settings.passwordRotationDays),
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
      passwordExpired: isPasswordExpired(u.password_changed_at, now, s.passwordRotationDays),
    }
    if (this.cache.size > 50_000) this.cache.clear()
    this.cache.set(tokenHash, { actor, createdAt: u.session_created_at, lastSeenAt: now, checkedAt: now.getTime() })
    return { ...actor, ip }
  }

  /** Drops every cached session, after roles, scopes or passwords changed. */
  forget(): void {
    this.cache.clear()
  }

  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const found = await this.db.query<UserRow>('SELECT * FROM users WHERE id = $1', [actor.userId])
    const user = found.rows[0]
    if (!user || !(await argonVerify(user.password_hash, current).catch(() => false))) {
      await recordAuditAlone(this.db, actor, { action: 'auth.passwordChangeFailed', result: 'denied', objectType: 'user', objectId: actor.userId })
      throw new AppError('auth.wrongCurrentPassword')
    }
    if (current === next) throw new AppError('auth.passwordReused')
    refusePassword(next, user.username)
    const newHash = await hashPassword(next)
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1', [user.id, newHash])
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
  const area = actor.scope
    ? (await db.query<{ name: string }>('SELECT name FROM areas WHERE code = $1', [actor.scope])).rows[0]
    : undefined
  return {
    id: actor.userId, username: actor.username, displayName: actor.displayName, roles: actor.roles,
    scope: actor.scope, passwordExpired: actor.passwordExpired, scopeName: area?.name ?? null,
    permissions: Object.keys(PERMISSIONS).filter((action) => hasPermission(actor, action)),
  }
}
