import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, formatMessage, languageOf, type Lang } from './errors.ts'
import { domainOfUrl, fieldLabel } from './field-labels.ts'
import { VALUE_LABELS } from '../modules/businesses/rules.ts'
import { POSITION_LABELS, ROLE_LABELS } from '../modules/people/rules.ts'
import { SOURCE_LABELS } from '../modules/cases/rules.ts'

interface FieldProblem {
  field: string
  rule: string
  message: string
}

// What each schema rule asks of the user, in words: 「标题」不能超过 100 个字.
const RULE_TEXT: Record<string, { zh: string; en: string }> = {
  required: { zh: '为必填项，请填写', en: 'is required; please fill it in' },
  type: { zh: '应为{type}', en: 'must be {type}' },
  pattern: { zh: '格式不正确，请检查', en: 'has the wrong format; please check it' },
  format: { zh: '应为有效的{format}', en: 'must be a valid {format}' },
  minLength: { zh: '至少需要 {limit} 个字', en: 'needs at least {limit} characters' },
  maxLength: { zh: '不能超过 {limit} 个字', en: 'can have at most {limit} characters' },
  minimum: { zh: '不能小于 {limit}', en: 'must be at least {limit}' },
  maximum: { zh: '不能大于 {limit}', en: 'must be at most {limit}' },
  exclusiveMinimum: { zh: '须大于 {limit}', en: 'must be more than {limit}' },
  exclusiveMaximum: { zh: '须小于 {limit}', en: 'must be less than {limit}' },
  enum: { zh: '只能是：{allowed}', en: 'must be one of: {allowed}' },
  const: { zh: '只能是：{allowed}', en: 'must be: {allowed}' },
  minItems: { zh: '至少需要 {limit} 项', en: 'needs at least {limit} items' },
  maxItems: { zh: '最多 {limit} 项', en: 'can have at most {limit} items' },
  uniqueItems: { zh: '不能有重复项', en: 'cannot list an item twice' },
  additionalProperties: { zh: '不是可以提交的项目', en: 'is not an allowed field' },
}

const TYPE_WORDS: Record<string, { zh: string; en: string }> = {
  string: { zh: '文字', en: 'text' }, integer: { zh: '整数', en: 'a whole number' }, number: { zh: '数字', en: 'a number' },
  boolean: { zh: '“是”或“否”', en: 'yes or no' }, array: { zh: '列表', en: 'a list' }, object: { zh: '一组字段', en: 'a group of fields' },
  null: { zh: '空', en: 'empty' },
}
const FORMAT_WORDS: Record<string, { zh: string; en: string }> = {
  'date-time': { zh: '日期时间', en: 'date and time' }, date: { zh: '日期', en: 'date' }, email: { zh: '电子邮箱', en: 'email address' },
  uri: { zh: '网址', en: 'web address' }, uuid: { zh: '编号', en: 'identifier' },
}

/** The names of coded values, by the field that holds them. */
const VALUE_NAMES: Record<string, Record<string, { zh: string; en: string }>> = {
  ...VALUE_LABELS, position: POSITION_LABELS, role: ROLE_LABELS, source: SOURCE_LABELS,
}

/** An allowed value as people call it (风险等级 higher → 较高风险), else as it is. */
function valueWord(field: string, value: unknown, lang: Lang): string {
  const labels = VALUE_NAMES[field.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? '']
  const label = labels?.[String(value)]
  return label ? (lang === 'en' ? label.en : label.zh) : String(value)
}

/** Unique constraints a duplicate can break, said as what is taken. */
const DUPLICATE_TEXT: Record<string, { zh: string; en: string }> = {
  businesses_uscc_key: { zh: '该统一社会信用代码已登记', en: 'this unified social credit code is already registered' },
  users_username_key: { zh: '该用户名已被使用', en: 'this user name is taken' },
  areas_pkey: { zh: '该区域编码已被使用', en: 'this area code is taken' },
}

/** Turns ajv's schema errors into field + rule + message in the request's language. */
function fieldProblems(err: FastifyError, lang: Lang, domain: string | undefined): FieldProblem[] {
  const all = (err.validation ?? []) as any[]
  // A value that may also be null fails both branches: say what the value should be, not that it
  // could also have been empty, nor the union itself.
  let errors = all.filter((v) => v.keyword !== 'anyOf' && !(v.keyword === 'type' && v.params?.type === 'null' && all.length > 1))
  // A union of literals fails each one: one problem listing them all.
  const merged: any[] = []
  for (const v of errors.length ? errors : all) {
    const prev = merged.at(-1)
    if (v.keyword === 'const' && prev?.keyword === 'enum' && prev.fromUnion && prev.instancePath === v.instancePath) {
      prev.params = { allowedValues: [...prev.params.allowedValues, v.params.allowedValue] }
    } else merged.push(v.keyword === 'const' ? { ...v, keyword: 'enum', fromUnion: true, params: { allowedValues: [v.params.allowedValue] } } : v)
  }
  errors = merged
  return errors.map((v: any) => {
    const base = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.')
    const field =
      v.keyword === 'required' ? [base, v.params.missingProperty].filter(Boolean).join('.')
        : v.keyword === 'additionalProperties' ? [base, v.params.additionalProperty].filter(Boolean).join('.')
          : base || (err as any).validationContext || 'body'
    const text = RULE_TEXT[v.keyword]
    const word = (w: { zh: string; en: string } | undefined, raw: unknown) => (w ? (lang === 'en' ? w.en : w.zh) : String(raw ?? ''))
    const values: Record<string, string> = {
      type: String(v.params?.type ?? '').split(',').map((t) => word(TYPE_WORDS[t], t)).join(lang === 'en' ? ' or ' : '或'),
      format: word(FORMAT_WORDS[v.params?.format], v.params?.format),
      limit: String(v.params?.limit ?? ''),
      allowed: (v.params?.allowedValues ?? [v.params?.allowedValue]).map((a: unknown) => valueWord(field, a, lang)).join(lang === 'en' ? ', ' : '、'),
    }
    const template = text ? (lang === 'en' ? text.en : text.zh) : lang === 'en' ? 'is not valid' : '不符合要求'
    const rule = template.replace(/\{(\w+)\}/g, (_: string, k: string) => values[k] ?? '')
    const label = fieldLabel(field, lang, domain)
    const message = lang === 'en' ? `${label} ${rule}` : `“${label}”${rule}`
    return { field, rule: v.keyword, message }
  })
}

function sendError(reply: FastifyReply, lang: Lang, code: string, status: number, details: Record<string, unknown> = {}) {
  const domain = domainOfUrl(reply.request.url)
  return reply.status(status).send({ error: { code, message: formatMessage(code, lang, details, domain), details } })
}

/**
 * One error shape for every route: `{ error: { code, message, details } }`, message in zh-CN or
 * English. Anything unexpected is logged and answered with a 500 that says nothing internal.
 */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const lang = languageOf(req.headers['accept-language'])
    if (err instanceof AppError) {
      if (typeof err.details.retryAfter === 'number') reply.header('retry-after', String(err.details.retryAfter))
      return sendError(reply, lang, err.code, err.status, err.details)
    }
    if (err.validation) {
      const fields = fieldProblems(err, lang, domainOfUrl(req.url))
      const unknown = fields.find((f) => f.rule === 'additionalProperties')
      if (unknown) return sendError(reply, lang, 'request.unknownField', 400, { field: unknown.field, fields })
      const summary = fields.map((f) => f.message).join(lang === 'en' ? '; ' : '；')
      return sendError(reply, lang, 'request.invalid', 400, { summary, fields })
    }
    const pgCode = (err as any).code
    // A data error PostgreSQL raised about a value the client sent (class 22: bad text, number out of
    // range, NUL; 54000: a value too large to index) is the client's mistake, not ours: the input
    // guard and schemas should have refused it, so it is logged, but answered as a 400.
    if (typeof pgCode === 'string' && (/^22[0-9A-Z]{3}$/.test(pgCode) || pgCode === '54000')) {
      req.log.warn({ err }, 'database refused a value from the request')
      return sendError(reply, lang, 'request.badValue', 400)
    }
    if (pgCode === '23505') {
      const constraint = String((err as any).constraint ?? '')
      const what = DUPLICATE_TEXT[constraint]
      return sendError(reply, lang, 'request.conflict', 409, {
        constraint, what: what ? (lang === 'en' ? what.en : what.zh) : lang === 'en' ? 'it duplicates a record that exists' : '与已有记录重复',
      })
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
      return sendError(reply, lang, 'request.tooLarge', 413, { limitMb: Math.round((req.server as any).config?.uploadLimitBytes / 1048576) || '' })
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
      return sendError(reply, lang, 'request.unsupportedType', 415, { type: req.headers['content-type'] ?? '' })
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(reply, lang, 'request.invalid', err.statusCode, { summary: err.message })
    }
    req.log.error({ err }, 'unhandled error')
    return sendError(reply, lang, 'server.internal', 500)
  })
  app.setNotFoundHandler((req, reply) => sendError(reply, languageOf(req.headers['accept-language']), 'request.notFound', 404))
}
