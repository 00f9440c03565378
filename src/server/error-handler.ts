import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, formatMessage, languageOf, type Lang } from './errors.ts'

interface FieldProblem {
  field: string
  rule: string
  message: string
}

const RULE_TEXT: Record<string, { zh: string; en: string }> = {
  required: { zh: '缺少必填字段', en: 'is required' },
  type: { zh: '类型不正确，应为 {type}', en: 'must be of type {type}' },
  pattern: { zh: '格式不正确', en: 'has the wrong format' },
  format: { zh: '格式不正确（{format}）', en: 'must be a valid {format}' },
  minLength: { zh: '长度不能少于 {limit}', en: 'must have at least {limit} characters' },
  maxLength: { zh: '长度不能超过 {limit}', en: 'must have at most {limit} characters' },
  minimum: { zh: '不能小于 {limit}', en: 'must be at least {limit}' },
  maximum: { zh: '不能大于 {limit}', en: 'must be at most {limit}' },
  enum: { zh: '取值必须是：{allowed}', en: 'must be one of: {allowed}' },
  const: { zh: '取值必须是：{allowed}', en: 'must be: {allowed}' },
  minItems: { zh: '至少需要 {limit} 项', en: 'needs at least {limit} items' },
  maxItems: { zh: '最多 {limit} 项', en: 'allows at most {limit} items' },
  additionalProperties: { zh: '不允许的字段', en: 'is not an allowed field' },
}

/** Turns ajv's schema errors into field + rule + message in the request's language. */
function fieldProblems(err: FastifyError, lang: Lang): FieldProblem[] {
  return (err.validation ?? []).map((v: any) => {
    const base = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.')
    const field =
      v.keyword === 'required' ? [base, v.params.missingProperty].filter(Boolean).join('.')
        : v.keyword === 'additionalProperties' ? [base, v.params.additionalProperty].filter(Boolean).join('.')
          : base || (err as any).validationContext || 'body'
    const text = RULE_TEXT[v.keyword]
    const values: Record<string, string> = {
      type: String(v.params?.type ?? ''),
      format: String(v.params?.format ?? ''),
      limit: String(v.params?.limit ?? ''),
      allowed: (v.params?.allowedValues ?? [v.params?.allowedValue]).join(', '),
    }
    const template = text ? (lang === 'en' ? text.en : text.zh) : v.message
    const message = template.replace(/\{(\w+)\}/g, (_: string, k: string) => values[k] ?? '')
    return { field, rule: v.keyword, message }
  })
}

export function sendError(reply: FastifyReply, lang: Lang, code: string, status: number, details: Record<string, unknown> = {}) {
  return reply.status(status).send({ error: { code, message: formatMessage(code, lang, details), details } })
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
      const fields = fieldProblems(err, lang)
      const unknown = fields.find((f) => f.rule === 'additionalProperties')
      if (unknown) return sendError(reply, lang, 'request.unknownField', 400, { field: unknown.field, fields })
      const summary = fields.map((f) => `${f.field} ${f.message}`).join('; ')
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
    if (pgCode === '23505') return sendError(reply, lang, 'request.conflict', 409, { constraint: (err as any).constraint ?? '' })
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
