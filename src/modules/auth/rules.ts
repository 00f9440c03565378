/**
 * Password and lock-out rules (MLPS 2.0 level 3, ASVS 2.1 / 2.2). Pure: the clock is passed in.
 */
import { COMMON_PASSWORDS } from './common-passwords.ts'

const MIN_PASSWORD_LENGTH = 12

export type PasswordProblem =
  | { code: 'auth.passwordTooShort'; min: number }
  | { code: 'auth.passwordTooSimple' }
  | { code: 'auth.passwordCommon' }
  | { code: 'auth.passwordContainsUsername' }
  | { code: 'auth.passwordEdgeSpaces' }
  | { code: 'auth.passwordDemo' }

/** The demo installation's published password: never acceptable for a real account, in any case or spelling. */
const DEMO_PASSWORD_KEY = 'demogrid2026'

/** The character classes present: upper, lower, digit, other (white space is no class). */
export function characterClasses(password: string): number {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9\s]/u]
  return classes.filter((re) => re.test(password)).length
}

/** True for the demo password and its simple variants (case, separators: "demo grid 2026", "DEMO_GRID_2026!"). */
export function isDemoPassword(password: string): boolean {
  return password.toLowerCase().replace(/[^a-z0-9]/g, '') === DEMO_PASSWORD_KEY
}

/**
 * The first rule the password breaks, or null when it is acceptable. White space inside a pass
 * phrase is allowed but counts for nothing: length and classes are counted without it, and a
 * leading or trailing space (invisible, often pasted by mistake) is refused.
 */
export function checkPassword(password: string, username: string, opts: { isDemo?: boolean } = {}): PasswordProblem | null {
  if (/^\s|\s$/u.test(password)) return { code: 'auth.passwordEdgeSpaces' }
  const visible = password.replace(/\s/gu, '')
  if ([...visible].length < MIN_PASSWORD_LENGTH) return { code: 'auth.passwordTooShort', min: MIN_PASSWORD_LENGTH }
  if (characterClasses(visible) < 3) return { code: 'auth.passwordTooSimple' }
  if (!opts.isDemo && isDemoPassword(password)) return { code: 'auth.passwordDemo' }
  const lower = password.toLowerCase()
  if (COMMON_PASSWORDS.has(lower)) return { code: 'auth.passwordCommon' }
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return { code: 'auth.passwordContainsUsername' }
  return null
}

/**
 * Failed logins of one account from one source address (issue 11 §3). The first `freeFailures`
 * cost nothing; each further one makes that source wait 2^k seconds (k = failures beyond the free
 * ones, 1-based), capped at `maxDelaySeconds`. Other sources are not affected, so nobody can lock
 * an account out from elsewhere; the per-address throttle limits how many accounts one source tries.
 */
export interface SourceFailures {
  failures: number
  blockedUntil: Date | null
}

export function isBlocked(state: SourceFailures | null | undefined, now: Date): boolean {
  return Boolean(state?.blockedUntil && state.blockedUntil.getTime() > now.getTime())
}

/** Seconds the source waits after its `failures`-th failure. */
export function delayAfter(failures: number, freeFailures: number, maxDelaySeconds: number): number {
  const beyond = failures - freeFailures + 1
  if (beyond <= 0) return 0
  return Math.min(2 ** Math.min(beyond, 30), maxDelaySeconds)
}

/** The state after one more failure from the source. */
export function afterFailure(state: SourceFailures | null | undefined, now: Date, freeFailures: number, maxDelaySeconds: number): SourceFailures {
  const failures = (state?.failures ?? 0) + 1
  const delay = delayAfter(failures, freeFailures, maxDelaySeconds)
  return { failures, blockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000) : null }
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
 * Sliding one-minute window of failed attempts per client address, kept in memory: an app server
 * throttles what reaches it; the per-account-and-source delays, kept in the database, hold across
 * servers. Only failures count, so that an office behind one address can log in all morning.
 */
export class IpThrottle {
  private hits = new Map<string, number[]>()
  constructor(private perMinute: number) {}

  /** False when the address has failed `perMinute` times in the last minute. */
  allow(ip: string, now: number): boolean {
    const recent = (this.hits.get(ip) ?? []).filter((t) => now - t < 60_000)
    if (recent.length === 0) this.hits.delete(ip)
    else this.hits.set(ip, recent)
    return recent.length < this.perMinute
  }

  /** Records one failed attempt of the address. */
  fail(ip: string, now: number): void {
    const recent = (this.hits.get(ip) ?? []).filter((t) => now - t < 60_000)
    recent.push(now)
    this.hits.set(ip, recent)
    if (this.hits.size > 10_000) this.prune(now)
  }

  private prune(now: number) {
    for (const [ip, times] of this.hits) if (times.every((t) => now - t >= 60_000)) this.hits.delete(ip)
  }
}
