import { defineErrors } from '../../server/errors.ts'

export const MarketErrors = defineErrors({
  'market.notFound': { status: 404, zh: '市场不存在或不在您的管辖区域内', en: 'No such market in your area' },
  'market.notGrid': { status: 400, zh: '市场须设在一个网格内：{code} 不是您辖区内的网格', en: 'A market lies in one grid: {code} is not a grid of your area' },
  'market.nameTaken': { status: 409, zh: '该网格内已有名为“{name}”的市场', en: 'The grid already has a market named “{name}”' },
  'market.businessesUnknown': {
    status: 400,
    zh: '以下统一社会信用代码不是该网格内的市场主体：{usccs}',
    en: 'These codes are not businesses of the market\'s grid: {usccs}',
  },
  'market.businessesTaken': {
    status: 409,
    zh: '以下市场主体已属于其他市场：{list}',
    en: 'These businesses already belong to another market: {list}',
  },
  'market.operatorInvalid': {
    status: 400,
    zh: '账号“{username}”不能作为市场管理方：须为启用的“市场管理方”账号，管辖区域包含该市场所在网格，且未管理其他市场',
    en: 'Account “{username}” cannot keep this market: it must be an enabled market-operator account whose area holds the market\'s grid and that keeps no other market',
  },
  'market.boundaryInvalid': { status: 400, zh: '市场范围不是有效的多边形：{reason}', en: 'The market\'s outline is not a valid polygon: {reason}' },
  'market.periodOpen': {
    status: 400,
    zh: '{period} 尚未结束，月度工作结束后才能抽取核查样本',
    en: '{period} has not ended yet: a month\'s work is drawn for checking once the month is over',
  },
  'market.alreadyDrawn': {
    status: 409,
    zh: '{period} 的核查样本已于 {at} 由 {by} 抽取，不能重新抽取',
    en: 'The sample for {period} was drawn at {at} by {by} and cannot be drawn again',
  },
  'market.checkUnknown': { status: 404, zh: '该巡查记录未被抽中核查，或不在您的管辖区域内', en: 'That finding was not drawn for checking, or is outside your area' },
  'market.checkRecorded': {
    status: 409,
    zh: '该核查结果已于 {at} 由 {by} 记录，不能更改',
    en: 'This check was recorded at {at} by {by} and cannot be changed',
  },
  'market.noteNeeded': { status: 400, zh: '核查发现问题时须写明情况', en: 'Say what the check found wrong' },
})
