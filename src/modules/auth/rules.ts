/**
 * Password and lock-out rules (MLPS 2.0 level 3, ASVS 2.1 / 2.2). Pure: the clock is passed in.
 */
import { COMMON_PASSWORDS } from './common-passwords.ts'

export const MIN_PASSWORD_LENGTH = 12

export type PasswordProblem =
  | { code: 'auth.passwordTooShort'; min: number }
  | { code: 'auth.passwordTooSimple' }
  | { code: 'auth.passwordCommon' }
  | { code: 'auth.passwordContainsUsername' }

/** The character classes present: upper, lower, digit, other. */
export function characterClasses(password: string): number {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]
  return classes.filter((re) => re.test(password)).length
}

/** The first rule the password breaks, or null when it is acceptable. */
export function checkPassword(password: string, username: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return { code: 'auth.passwordTooShort', min: MIN_PASSWORD_LENGTH }
  if (characterClasses(password) < 3) return { code: 'auth.passwordTooSimple' }
  const lower = password.toLowerCase()
  if (COMMON_PASSWORDS.has(lower)) return { code: 'auth.passwordCommon' }
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return { code: 'auth.passwordContainsUsername' }
  return null
}

export interface LockState {
  failedLogins: number
  lockedUntil: Date | null
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime()
}

/** The state after one more failed login: the count grows, and at the limit the account locks. */
export function afterFailedLogin(state: LockState, now: Date, maxFailed: number, lockMinutes: number): LockState {
  const failed = state.failedLogins + 1
  if (failed >= maxFailed) return { failedLogins: 0, lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) }
  return { failedLogins: failed, lockedUntil: state.lockedUntil }
}

/** True when the password is older than the rotation period (0 = no rotation). */
export function isPasswordExpired(changedAt: Date, now: Date, rotationDays: number): boolean {
  if (rotationDays <= 0) return false
  return now.getTime() - changedAt.getTime() > rotationDays * 86_400_000
}

export interface SessionTimes {
  createdAt: Date
  lastSeenAt: Date
}

/** A session ends after `idleMinutes` without a request and `absoluteHours` after login. */
export function isSessionAlive(s: SessionTimes, now: Date, idleMinutes: number, absoluteHours: number): boolean {
  const t = now.getTime()
  return t - s.lastSeenAt.getTime() < idleMinutes * 60_000 && t - s.createdAt.getTime() < absoluteHours * 3_600_000
}

/**
 * Sliding one-minute window per client address, kept in memory: an app server throttles what
 * reaches it; the per-account lock-out, kept in the database, holds across servers.
 */
export class IpThrottle {
  private hits = new Map<string, number[]>()
  constructor(private perMinute: number) {}

  /** Records an attempt; false when the address is over its allowance. */
  allow(ip: string, now: number): boolean {
    const recent = (this.hits.get(ip) ?? []).filter((t) => now - t < 60_000)
    if (recent.length >= this.perMinute) {
      this.hits.set(ip, recent)
      return false
    }
    recent.push(now)
    this.hits.set(ip, recent)
    if (this.hits.size > 10_000) this.prune(now)
    return true
  }

  private prune(now: number) {
    for (const [ip, times] of this.hits) if (times.every((t) => now - t >= 60_000)) this.hits.delete(ip)
  }
}
