import { defineErrors } from '../../server/errors.ts'

export const PositionErrors = defineErrors({
  'position.consentNeeded': {
    status: 400,
    zh: '上岗共享位置前须同意：在岗期间手机按设定间隔报告您的位置，指挥中心可见，保存 {days} 天后删除',
    en: 'Going on duty needs your consent: while on duty the phone reports where you are at an interval, the command centre sees it, and it is deleted after {days} days',
  },
  'position.offDuty': { status: 409, zh: '您当前不在岗，位置未保存。请先在手机上“上岗”', en: 'You are not on duty, so the position was not kept. Go on duty on the phone first' },
})
