import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { afterFailedLogin, characterClasses, checkPassword, IpThrottle, isLocked, isPasswordExpired, isSessionAlive } from './rules.ts'

describe('password rules', () => {
  it('refuses anything shorter than 12 characters', () => {
    fc.assert(fc.property(fc.string({ maxLength: 11 }), (p) => checkPassword(p, 'someone')?.code === 'auth.passwordTooShort'))
  })

  it('accepts a long password with three classes that is not common and holds no user name', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{6}[A-Z]{4}[0-9]{3}$/), (p) => {
        fc.pre(!p.toLowerCase().includes('someone'))
        return checkPassword(p, 'someone') === null
      }),
    )
  })

  it('counts character classes', () => {
    expect(characterClasses('abc')).toBe(1)
    expect(characterClasses('aB3')).toBe(3)
    expect(characterClasses('aB3!')).toBe(4)
    expect(characterClasses('密码密码密码密码密码密码1a')).toBe(3) // Chinese characters count as symbols
  })

  it('refuses common "complex" passwords whatever their case', () => {
    expect(checkPassword('ADMIN@123456', 'x')?.code).toBe('auth.passwordCommon')
    expect(checkPassword('P@ssw0rd2026', 'x')?.code).toBe('auth.passwordCommon')
  })
})

describe('lock-out', () => {
  it('locks exactly at the limit, for the configured minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 120 }), (max, minutes) => {
        const now = new Date('2026-11-25T08:00:00Z')
        let state = { failedLogins: 0, lockedUntil: null as Date | null }
        for (let i = 1; i < max; i++) {
          state = afterFailedLogin(state, now, max, minutes)
          if (isLocked(state, now)) return false
        }
        state = afterFailedLogin(state, now, max, minutes)
        const justBefore = new Date(now.getTime() + minutes * 60_000 - 1)
        const after = new Date(now.getTime() + minutes * 60_000)
        return isLocked(state, now) && isLocked(state, justBefore) && !isLocked(state, after)
      }),
    )
  })
})

describe('sessions and rotation', () => {
  const created = new Date('2026-11-25T08:00:00Z')
  it('end after the idle time and after the absolute lifetime', () => {
    const at = (ms: number) => new Date(created.getTime() + ms)
    expect(isSessionAlive({ createdAt: created, lastSeenAt: created }, at(29 * 60_000), 30, 12)).toBe(true)
    expect(isSessionAlive({ createdAt: created, lastSeenAt: created }, at(30 * 60_000), 30, 12)).toBe(false)
    // active all day: still ends at 12 hours
    expect(isSessionAlive({ createdAt: created, lastSeenAt: at(12 * 3600_000 - 1000) }, at(12 * 3600_000), 30, 12)).toBe(false)
  })

  it('expires passwords after the rotation period, never when rotation is off', () => {
    expect(isPasswordExpired(created, new Date(created.getTime() + 91 * 86_400_000), 90)).toBe(true)
    expect(isPasswordExpired(created, new Date(created.getTime() + 89 * 86_400_000), 90)).toBe(false)
    expect(isPasswordExpired(created, new Date(created.getTime() + 9999 * 86_400_000), 0)).toBe(false)
  })
})

describe('per-IP throttle', () => {
  it('allows n attempts a minute per address and forgets after a minute', () => {
    const t = new IpThrottle(3)
    expect([0, 1, 2, 3].map((i) => t.allow('1.2.3.4', 1000 + i))).toEqual([true, true, true, false])
    expect(t.allow('5.6.7.8', 1004)).toBe(true)
    expect(t.allow('1.2.3.4', 61_001)).toBe(true)
  })
})
