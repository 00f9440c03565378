import { defineErrors } from '../../server/errors.ts'

export const AuthErrors = defineErrors({
  // One reply for an unknown user, a wrong password and a locked account (ASVS 2.2.1, no enumeration).
  'auth.invalidCredentials': {
    status: 401,
    zh: '用户名或密码错误；连续失败 {maxFailed} 次将锁定账户 {lockMinutes} 分钟',
    en: 'Wrong user name or password; {maxFailed} failures in a row lock the account for {lockMinutes} minutes',
  },
  'auth.throttled': { status: 429, zh: '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts, please wait and try again' },
  'auth.passwordExpired': { status: 403, zh: '密码已过期，请先修改密码', en: 'Your password has expired; change it first' },
  'auth.wrongCurrentPassword': { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  'auth.passwordTooShort': { status: 400, zh: '密码至少需要 {min} 个字符', en: 'The password needs at least {min} characters' },
  'auth.passwordTooSimple': {
    status: 400,
    zh: '密码须包含大写字母、小写字母、数字、符号中的至少 3 类',
    en: 'The password needs at least 3 of: upper-case letters, lower-case letters, digits, symbols',
  },
  'auth.passwordCommon': { status: 400, zh: '密码过于常见，请换一个', en: 'This password is too common; choose another' },
  'auth.passwordContainsUsername': { status: 400, zh: '密码不能包含用户名', en: 'The password must not contain the user name' },
  'auth.passwordReused': { status: 400, zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  'user.notFound': { status: 404, zh: '用户不存在', en: 'No such user' },
  'user.usernameTaken': { status: 409, zh: '用户名 {username} 已存在', en: 'The user name {username} is taken' },
  'user.adminRolesCombined': {
    status: 400,
    zh: '三员分立：角色 {a} 与 {b} 不能授予同一账户',
    en: 'Separation of duties: roles {a} and {b} cannot be given to one account',
  },
  'user.scopeUnknown': { status: 400, zh: '管辖范围 {scope} 不是已有的区域编码', en: 'Scope {scope} is not an existing area code' },
  'user.cannotChangeSelf': { status: 400, zh: '不能修改自己的角色或停用自己', en: 'You cannot change your own roles or disable yourself' },
})
