import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { errorResponses, Scope } from '../../server/schemas.ts'
import { SESSION_COOKIE, SIGNED_IN_COOKIE, signedIn, tokenOf } from '../../server/auth-hook.ts'
import { createUser, listUsers, updateUser, whoAmI } from './service.ts'
import { RoleName, UserView } from './schemas.ts'

const Login = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false })
const LoginResult = Type.Object({
  token: Type.String({ description: 'send as "Authorization: Bearer <token>"; browsers get the same in an HttpOnly cookie' }),
  expiresAt: Type.String({ format: 'date-time' }),
  passwordExpired: Type.Boolean(),
  user: UserView,
})
const Me = Type.Object({
  id: Type.Integer(), username: Type.String(), displayName: Type.String(), roles: Type.Array(RoleName),
  scope: Type.String(), passwordExpired: Type.Boolean(),
  scopeName: Type.Union([Type.String(), Type.Null()], { description: 'name of the scope area; null for the whole installation' }),
  permissions: Type.Array(Type.String(), { description: 'actions the user may take (the console hides the rest; the server still decides)' }),
})
const ChangePassword = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false })
const NewUser = Type.Object({
  username: Type.String({ pattern: '^[a-zA-Z0-9_.@-]{3,64}$' }),
  displayName: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  roles: Type.Array(RoleName, { minItems: 1, maxItems: 12 }),
  scope: Scope,
  personId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
}, { additionalProperties: false })
const UserChange = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  roles: Type.Optional(Type.Array(RoleName, { minItems: 1, maxItems: 12 })),
  scope: Type.Optional(Scope),
  disabled: Type.Optional(Type.Boolean()),
  unlock: Type.Optional(Type.Boolean()),
  newPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
}, { additionalProperties: false })
const Ok = Type.Object({ ok: Type.Boolean() })

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'strict', maxAge: maxAgeSeconds,
    secure: req.server.config.security.secureCookies || req.protocol === 'https',
  })
  reply.setCookie(SIGNED_IN_COOKIE, '1', {
    path: '/', httpOnly: false, sameSite: 'strict', maxAge: maxAgeSeconds,
    secure: req.server.config.security.secureCookies || req.protocol === 'https',
  })
}

export async function authRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['auth']
  app.post('/auth/login', {
    config: { public: true },
    schema: { tags, summary: '登录 Log in', security: [], body: Login, response: { 200: LoginResult, 429: errorResponses[400], ...errorResponses } },
  }, async (req, reply) => {
    const result = await app.sessions.login({
      username: req.body.username, password: req.body.password, ip: req.ip,
      userAgent: req.headers['user-agent'], previousToken: tokenOf(req)?.token,
    })
    setSessionCookie(req, reply, result.token, app.config.security.sessionAbsoluteHours * 3600)
    return { ...result, expiresAt: result.expiresAt.toISOString() }
  })

  app.post('/auth/logout', {
    config: { public: true, allowExpiredPassword: true },
    schema: { tags, summary: '退出 Log out', response: { 200: Ok, ...errorResponses } },
  }, async (req, reply) => {
    const found = tokenOf(req)
    if (found) await app.sessions.logout(found.token, { ip: req.ip })
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    reply.clearCookie(SIGNED_IN_COOKIE, { path: '/' })
    return { ok: true }
  })

  app.get('/auth/me', {
    config: { allowExpiredPassword: true },
    schema: { tags, summary: '当前用户 Who am I', response: { 200: Me, ...errorResponses } },
  }, async (req) => {
    return whoAmI(app.db, signedIn(req))
  })

  app.post('/auth/password', {
    config: { allowExpiredPassword: true },
    schema: { tags, summary: '修改密码 Change password', body: ChangePassword, response: { 200: Ok, ...errorResponses } },
  }, async (req) => {
    await app.sessions.changePassword(signedIn(req), req.body.currentPassword, req.body.newPassword)
    return { ok: true }
  })

  const userTags = ['users']
  app.get('/users', {
    schema: { tags: userTags, summary: '账户列表（安全管理员）List accounts', response: { 200: Type.Array(UserView), ...errorResponses } },
  }, (req) => listUsers(app.db, signedIn(req)))

  app.post('/users', {
    schema: { tags: userTags, summary: '新建账户（安全管理员）Create an account', body: NewUser, response: { 200: UserView, ...errorResponses } },
  }, (req) => createUser(app.db, signedIn(req), req.body))

  app.patch('/users/:id', {
    schema: {
      tags: userTags, summary: '修改账户角色、范围、状态（安全管理员）Change an account',
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), body: UserChange, response: { 200: UserView, ...errorResponses },
    },
  }, async (req) => {
    const view = await updateUser(app.db, signedIn(req), req.params.id, req.body)
    app.sessions.forget()
    return view
  })
}
