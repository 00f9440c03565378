import { defineErrors } from '../../server/errors.ts'

/** Errors the public and other platforms meet (the portal, the intake API, Open311). */
export const PortalErrors = defineErrors({
  'portal.notFound': {
    status: 404,
    zh: '未找到该受理编号，请核对后重试（编号形如 MG20261204-7KQ9X3）',
    en: 'No complaint has this tracking number; check it and try again (it looks like MG20261204-7KQ9X3)',
  },
  'portal.alreadyRated': { status: 409, zh: '该事件已评价，感谢您的反馈', en: 'This case has been rated already; thank you' },
  'portal.notClosedYet': { status: 409, zh: '事件办结后才能评价', en: 'A case can be rated once it is closed' },
  'intake.keyRequired': {
    status: 401, zh: '请在 X-Api-Key 请求头中提供接入密钥', en: 'Send your intake key in the X-Api-Key header',
  },
  'intake.keyInvalid': { status: 401, zh: '接入密钥无效或已停用', en: 'The intake key is not valid or was revoked' },
  'intake.idempotencyKeyRequired': {
    status: 400,
    zh: '转办接口须带 Idempotency-Key 请求头（如原工单编号），以免重复登记',
    en: 'The intake API needs an Idempotency-Key header (such as the original order number), so that a retry never files twice',
  },
})
