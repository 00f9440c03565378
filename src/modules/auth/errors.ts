import { defineErrors } from '../../server/errors.ts'

export const AuthErrors = defineErrors({
  // One reply for an unknown user, a wrong password and a locked account (ASVS 2.2.1, no enumeration).
  'auth.invalidCredentials': {
    status: 401,
    zh: '用户名或密码错误；连续失败 {maxFailed} 次后，需等待一段时间才能再试',
    en: 'Wrong user name or password; after {maxFailed} failures in a row you must wait before trying again',
  },
  'auth.throttled': { status: 429, zh: '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts, please wait and try again' },
  'auth.delayed': {
    status: 429,
    zh: '从您的地址失败次数过多，请 {seconds} 秒后再试；如需立即解锁请联系安全管理员',
    en: 'Too many failures from your address; try again in {seconds} seconds, or ask the security administrator to unlock the account',
  },
  'auth.passwordEdgeSpaces': { status: 400, zh: '密码不能以空格开头或结尾', en: 'The password must not begin or end with a space' },
  'auth.passwordDemo': { status: 400, zh: '不能使用公开的演示密码，请换一个', en: 'The published demo password cannot be used; choose another' },
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
    zh: '三员分立：“{aZh}”与“{bZh}”不能授予同一账户，管理员账户只能有一个管理员角色',
    en: 'Separation of duties: "{aEn}" and "{bEn}" cannot be given to one account; an administrator account holds its one administrator role only',
  },
  'user.adminViaApi': {
    status: 403,
    zh: '三员分立：“{roleZh}”账户不能在系统内创建或授予，只能由安装人员在服务器上用 market-grid create-admin 创建',
    en: 'Separation of duties: "{roleEn}" accounts cannot be created or granted here; the installer creates them on the server with market-grid create-admin',
  },
  'user.adminProtected': {
    status: 403,
    zh: '三员分立：不能修改、停用或重置管理员账户（“{roleZh}”），只能解锁',
    en: 'Separation of duties: an administrator account ("{roleEn}") cannot be changed, disabled or reset, only unlocked',
  },
  'user.scopeUnknown': { status: 400, zh: '管辖范围 {scope} 不是已有的区域编码', en: 'Scope {scope} is not an existing area code' },
  'user.cannotChangeSelf': { status: 400, zh: '不能修改自己的角色或停用自己', en: 'You cannot change your own roles or disable yourself' },
})
