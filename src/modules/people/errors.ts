import { defineErrors } from '../../server/errors.ts'

/**
 * Personnel ledger errors (M2.3). Each names the field and, where it helps, the value and the
 * rule; import reports reuse them per row, so every message stands on its own.
 */
export const PeopleErrors = defineErrors({
  'person.notFound': { status: 404, zh: '人员不存在', en: 'No such person' },
  'person.fieldRequired': { status: 400, zh: '字段 {field} 不能为空', en: 'Field {field} is required' },
  'person.fieldTooLong': {
    status: 400, zh: '字段 {field} 长度不能超过 {max} 个字符', en: 'Field {field} must have at most {max} characters',
  },
  'person.positionUnknown': {
    status: 400,
    zh: '字段 {field} 的职务“{value}”无法识别（可用：{allowed}）',
    en: 'Field {field}: unknown position "{value}" (allowed: {allowed})',
  },
  'person.phoneInvalid': {
    status: 400,
    zh: '字段 {field} 的联系电话“{value}”格式不正确（手机 11 位，或固定电话如 029-83123456）',
    en: 'Field {field}: phone "{value}" is not valid (an 11-digit mobile number, or a landline like 029-83123456)',
  },
  'person.phoneMasked': {
    status: 400,
    zh: '字段 {field} 是脱敏后的号码“{value}”，不能作为新号码保存',
    en: 'Field {field} holds a masked number "{value}", which cannot be saved as a new number',
  },
  'person.onDutyInvalid': {
    status: 400,
    zh: '字段 {field} 的值“{value}”无法识别（可用：是/否、true/false、在岗/离岗）',
    en: 'Field {field}: "{value}" is not understood (use yes/no, true/false, 是/否)',
  },
  'person.roleUnknown': {
    status: 400, zh: '字段 {field} 的职责“{value}”无法识别（可用：{allowed}）',
    en: 'Field {field}: unknown role "{value}" (allowed: {allowed})',
  },
  'person.roleFormat': {
    status: 400,
    zh: '字段 {field} 的“{value}”格式不正确，应写作 职责@区域编码，多项用分号分隔，如 grid_head@050101;overseer@050102',
    en: 'Field {field}: "{value}" must read role@areaCode, several separated by semicolons, e.g. grid_head@050101;overseer@050102',
  },
  'person.roleLevelMismatch': {
    status: 400,
    zh: '字段 {field}：职责 {role} 不能设在{levelZh}级区域 {areaCode}（只能设在：{allowedZh}）',
    en: 'Field {field}: role {role} cannot sit at the {level} level area {areaCode} (allowed levels: {allowed})',
  },
  'person.areaUnknown': {
    status: 400, zh: '字段 {field} 的区域编码 {areaCode} 不存在或已撤销',
    en: 'Field {field}: area code {areaCode} does not exist or is retired',
  },
  'person.areaOutOfScope': {
    status: 403, zh: '字段 {field} 的区域 {areaCode} 不在您的管辖范围内',
    en: 'Field {field}: area {areaCode} is outside your scope',
  },
  'person.idUnknown': {
    status: 400, zh: '字段 {field} 的人员编号 {value} 不存在或不在您的管辖范围内',
    en: 'Field {field}: person id {value} does not exist or is outside your scope',
  },
  'person.idRepeated': {
    status: 400, zh: '人员编号 {value} 在文件中重复出现（首次在第 {firstRow} 行）',
    en: 'Person id {value} appears again in the file (first on row {firstRow})',
  },
  'person.extraCells': {
    status: 400, zh: '该行比表头多出 {count} 个单元格', en: 'The row has {count} cells more than the header',
  },
})
