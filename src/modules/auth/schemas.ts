/**
 * The shape of an account as the API answers it, declared once: the routes document it and the
 * service's type is derived from it.
 */
import { Type, type Static } from '@sinclair/typebox'
import { ROLES } from '../access/policy.ts'

export const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)))
export const UserView = Type.Object({
  id: Type.Integer(), username: Type.String(), displayName: Type.String(), roles: Type.Array(RoleName),
  scope: Type.String(), personId: Type.Union([Type.Integer(), Type.Null()]),
  locked: Type.Boolean({ description: 'some address must wait before its next login attempt; the security administrator can unlock' }),
  disabled: Type.Boolean(), isDemo: Type.Boolean(),
  failedLogins: Type.Integer({ description: 'failed logins since the last successful one or unlock, from any address' }),
  lastFailedLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  mustChangePassword: Type.Boolean({ description: 'the password was set by the security administrator and must be changed at the next login' }),
})
export type UserView = Static<typeof UserView>
