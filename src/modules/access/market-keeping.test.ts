/**
 * Who keeps a market's businesses only (M4.4), as the policy table says: the market operator alone;
 * any staff role beside it makes the account that staff role, with that role's rights alone.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { authorizeBusinesses, businessScopeFilter, hasPermission, isAdminRole, keepsMarketOnly, ROLES, type Actor, type Role } from './policy.ts'

const actor = (roles: Role[]): Actor => ({ userId: 1, username: 'u', displayName: 'u', roles, scope: '050101', marketIds: [7] })
const allowed = (f: () => void) => { try { f(); return true } catch { return false } }

describe('market keeping', () => {
  it('narrows a market operator\'s reads to its markets, and nobody else\'s', () => {
    const params: unknown[] = []
    expect(businessScopeFilter(actor(['market_operator']), 'id', 'area_code', params)).toContain('market_businesses')
    expect(params).toEqual(['050101%', [7]])
    expect(businessScopeFilter(actor(['grid_worker']), 'id', 'area_code', [])).not.toContain('market_businesses')
  })

  it('lets an account read or write businesses exactly when a role of it may, or it keeps a market only', () => {
    // Business roles only: an administrator role is never combined with another (auth rules,
    // user.adminRolesCombined), and reads no business anyway.
    const businessRoles = ROLES.filter((r) => !isAdminRole(r))
    fc.assert(fc.property(fc.subarray(businessRoles, { minLength: 1 }), (roles) => {
      const a = actor(roles)
      const onlyMarket = roles.every((r) => r === 'market_operator')
      expect(keepsMarketOnly(a)).toBe(onlyMarket)
      for (const action of ['business.read', 'business.write'] as const) {
        expect(allowed(() => authorizeBusinesses(a, action))).toBe(hasPermission(a, action) || onlyMarket)
      }
    }), { numRuns: 500 })
  })
})
