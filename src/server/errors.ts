import { fieldLabel } from './field-labels.ts'

/**
 * One error type for the whole server. A code (`domain.camelCase`) maps to an HTTP status and a
 * message in zh-CN and en; `{name}` placeholders are filled from `details`. Each capability
 * declares its own codes with `defineErrors` in its `errors.ts`.
 */
export interface ErrorSpec {
  status: number
  zh: string
  en: string
}

const catalog = new Map<string, ErrorSpec>()

export function defineErrors<K extends string>(specs: Record<K, ErrorSpec>): Record<K, K> {
  const keys = {} as Record<K, K>
  for (const [code, spec] of Object.entries(specs) as Array<[K, ErrorSpec]>) {
    if (catalog.has(code)) throw new Error(`error code defined twice: ${code}`)
    catalog.set(code, spec)
    keys[code] = code
  }
  return keys
}

export type Lang = 'zh-CN' | 'en'

/**
 * The codes of every capability's catalogue, filled in by src/server/error-codes.ts (declaration
 * merging) so that this file, which the console imports for its messages, imports no module. In the
 * server's program `new AppError('…')` with an undeclared code fails to compile; where the registry
 * is not loaded (the console's program) a code is a string.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
interface ErrorCodeRegistry {}
export type ErrorCode = [keyof ErrorCodeRegistry] extends [never] ? string : keyof ErrorCodeRegistry

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown>
  constructor(code: ErrorCode, details: Record<string, unknown> = {}) {
    super(code)
    if (!catalog.has(code)) throw new Error(`unknown error code: ${code}`)
    this.code = code
    this.details = details
  }
  get status(): number {
    return catalog.get(this.code)!.status
  }
}

export function errorSpec(code: string): ErrorSpec | undefined {
  return catalog.get(code)
}

/**
 * The message of `code` in `lang`, placeholders filled from `details`. `{field}` is the field's label
 * in `lang` (field-labels.ts), not its key: details keep the key for forms, messages speak words.
 */
export function formatMessage(code: string, lang: Lang, details: Record<string, unknown> = {}, domain?: string): string {
  const spec = catalog.get(code)
  if (!spec) return code
  const template = lang === 'en' ? spec.en : spec.zh
  return template.replace(/\{(\w+)\}/g, (whole, key) => {
    if (details[key] === undefined) return whole
    if (key === 'field') return fieldLabel(String(details.field), lang, domain ?? code.split('.')[0])
    return String(details[key])
  })
}

/** Every code of the catalogue with its texts (the test that no message shows an identifier reads it). */
export function catalogEntries(): Array<[string, ErrorSpec]> {
  return [...catalog]
}

/** zh-CN unless the client asks for English first. */
export function languageOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN'
  const first = acceptLanguage.split(',')[0].trim().toLowerCase()
  return first.startsWith('en') ? 'en' : 'zh-CN'
}

export const CoreErrors = defineErrors({
  'request.invalid': { status: 400, zh: '{summary}', en: '{summary}' },
  'request.unknownField': { status: 400, zh: '不能提交“{field}”这一项', en: '“{field}” is not something that can be sent' },
  'request.tooLarge': { status: 413, zh: '上传内容超过大小上限（{limitMb} MB）', en: 'Upload exceeds the size limit ({limitMb} MB)' },
  'request.unsupportedType': { status: 415, zh: '不支持的文件类型：{type}', en: 'Unsupported file type: {type}' },
  'request.notFound': { status: 404, zh: '请求的资源不存在', en: 'The requested resource does not exist' },
  'request.conflict': { status: 409, zh: '无法保存：{what}', en: 'Cannot save: {what}' },
  'request.invalidCharacters': {
    status: 400,
    zh: '“{field}”的第 {position} 个字符（U+{hex}）不能提交：控制字符、文字方向控制符和残缺的字符不被接受，请删去后重试',
    en: '“{field}” has a character that cannot be sent (character {position}, U+{hex}): control characters, text-direction overrides and broken characters are not accepted; remove it and try again',
  },
  'request.badValue': {
    status: 400,
    zh: '请求中的某个值无法保存或超出范围，请检查后重试',
    en: 'A value in the request cannot be stored or is out of range; please check it and try again',
  },
  'server.internal': { status: 500, zh: '服务器内部错误，请稍后重试', en: 'Internal server error, please try again later' },
  'server.unavailable': { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  'auth.required': { status: 401, zh: '请先登录', en: 'Please log in' },
  'auth.forbidden': { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  'auth.csrf': { status: 403, zh: '拒绝来自其他站点的请求', en: 'Cross-site request refused' },
})
