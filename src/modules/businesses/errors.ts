import { defineErrors } from '../../server/errors.ts'

export const BusinessErrors = defineErrors({
  'business.notFound': { status: 404, zh: '市场主体不存在', en: 'No such business' },
  'business.gridOutsideScope': { status: 403, zh: '网格 {grid} 不在您的管辖区域内', en: 'Grid {grid} is outside your area' },
  'business.noPlates': { status: 404, zh: '网格 {grid} 内没有可打印门牌的市场主体', en: 'Grid {grid} holds no business to print a plate for' },
  // Says only that the code is taken: the holder may lie outside the caller's scope (Q3).
  'business.duplicateUscc': {
    status: 409,
    zh: '统一社会信用代码 {uscc} 已登记，不能重复登记',
    en: 'The unified social credit code {uscc} is already registered',
  },
  'business.invalidUscc': {
    status: 400,
    zh: '统一社会信用代码 {uscc} 不正确：{ruleZh}。请对照营业执照核对',
    en: 'The unified social credit code {uscc} is not right: {ruleEn}. Please check it against the business licence',
  },
  'business.kindMismatch': {
    status: 400,
    zh: '主体类型“{kindZh}”与统一社会信用代码表示的“{expectedZh}”不一致，请改为“{expectedZh}”或核对代码',
    en: 'The kind “{kindEn}” does not match “{expectedEn}” given by the unified social credit code; choose “{expectedEn}” or check the code',
  },
  'business.fieldLength': {
    status: 400,
    zh: '“{field}”须为 {min} 到 {max} 个字',
    en: '“{field}” must have {min} to {max} characters',
  },
  'business.valueNotAllowed': {
    status: 400,
    zh: '“{field}”不能是“{value}”，请选择：{allowedZh}',
    en: '“{field}” cannot be “{value}”; choose one of: {allowedEn}',
  },
  'business.licenceInvalid': {
    status: 400,
    zh: '第 {index} 个许可证不合法：{reasonZh}',
    en: 'Licence {index} is invalid: {reasonEn}',
  },
  'business.licenceDates': {
    status: 400,
    zh: '第 {index} 个许可证的有效期止 {validTo} 早于有效期起 {validFrom}',
    en: 'Licence {index} ends ({validTo}) before it starts ({validFrom})',
  },
  'business.coordinatesInvalid': {
    status: 400,
    zh: '坐标不合法：经度须在 -180 到 180 之间、纬度须在 -90 到 90 之间，且须同时填写（经度 {lng}，纬度 {lat}）',
    en: 'Invalid coordinates: longitude must lie in -180..180 and latitude in -90..90, both given (lng {lng}, lat {lat})',
  },
  'business.phoneInvalid': {
    status: 400,
    zh: '“{field}”格式不正确：请填写 7 到 20 位，只用数字、+、- 和空格',
    en: '“{field}” has the wrong format: use 7 to 20 digits, +, - and spaces',
  },
  'business.unknownColumnValue': {
    status: 400,
    zh: '第 {row} 行有超出表头的单元格',
    en: 'Row {row} has cells beyond the header',
  },
  // Names no area: its code at any point would map other grids to a grid head (issue 11 §7).
  'business.outsideScope': {
    status: 403,
    zh: '该位置不在您的管辖区域内',
    en: 'This location is outside your area',
  },
  'business.notKeptByMarket': {
    status: 403,
    zh: '市场管理方只能更正实际经营地址、位置、经营状态和行业，“{field}”由市场监管部门维护',
    en: 'A market\'s management corrects the actual address, location, operating state and industry only; {field} is kept by the regulator',
  },
  'business.duplicateInFile': {
    status: 400,
    zh: '统一社会信用代码 {uscc} 在文件中重复（首次出现在第 {firstRow} 行）',
    en: 'The unified social credit code {uscc} repeats in the file (first at row {firstRow})',
  },
  'business.cursorInvalid': {
    status: 400,
    zh: '翻页游标 cursor 无效，请从第一页重新翻页',
    en: 'The page cursor is not valid; page again from the first page',
  },
  // A cursor is a position in one order: in another it would skip or repeat rows.
  'business.cursorSortMismatch': {
    status: 400,
    zh: '翻页游标是按 {cursorSort} 排序时生成的，不能用于按 {sort} 排序的列表，请从第一页重新翻页',
    en: 'The page cursor was made for the order {cursorSort}, not {sort}; page again from the first page',
  },
  'business.afterWithSort': {
    status: 400,
    zh: '排序（sort={sort}）的列表请用 cursor 翻页，after 只用于按登记顺序翻页',
    en: 'A sorted list (sort={sort}) pages with cursor; after pages the order of registration only',
  },
  'business.cursorWithAfter': {
    status: 400,
    zh: 'cursor 与 after 只能给出其一',
    en: 'Give either cursor or after, not both',
  },
})
