import { defineErrors } from '../../server/errors.ts'

/**
 * Personnel ledger errors (M2.3). Each names the field and, where it helps, the value and the
 * rule; import reports reuse them per row, so every message stands on its own.
 */
export const PeopleErrors = defineErrors({
  'person.notFound': { status: 404, zh: '人员不存在', en: 'No such person' },
  'person.fieldRequired': { status: 400, zh: '“{field}”为必填项，请填写', en: '“{field}” is required; please fill it in' },
  'person.fieldTooLong': {
    status: 400, zh: '“{field}”不能超过 {max} 个字', en: '“{field}” can have at most {max} characters',
  },
  'person.positionUnknown': {
    status: 400,
    zh: '职务“{value}”无法识别，请选择：{allowedZh}',
    en: 'The position “{value}” is not known; choose one of: {allowedEn}',
  },
  'person.phoneInvalid': {
    status: 400,
    zh: '联系电话“{value}”格式不正确，请填写 11 位手机号或带区号的固定电话（如 029-83123456）',
    en: 'The phone number “{value}” is not valid; give an 11-digit mobile number or a landline with its area code (e.g. 029-83123456)',
  },
  'person.phoneMasked': {
    status: 400,
    zh: '“{field}”是脱敏后的号码“{value}”，不能作为新号码保存，请填写完整号码或不改动此项',
    en: '“{field}” holds the masked number “{value}”, which cannot be saved; give the full number or leave it unchanged',
  },
  'person.onDutyInvalid': {
    status: 400,
    zh: '“{field}”的值“{value}”无法识别，请填写“是”或“否”（或 在岗/不在岗）',
    en: '“{field}”: “{value}” is not understood; write yes or no',
  },
  'person.roleUnknown': {
    status: 400, zh: '网格职责“{value}”无法识别，请选择：{allowedZh}',
    en: 'The duty “{value}” is not known; choose one of: {allowedEn}',
  },
  'person.roleFormat': {
    status: 400,
    zh: '网格职责“{value}”的写法不正确，应写作 职责@区域编码，多项用分号分隔，如 网格长@050101;网格监督员@050102',
    en: 'The duties “{value}” are not written right: write duty@area code, several separated by semicolons, e.g. Grid head@050101;Overseer@050102',
  },
  'person.roleLevelMismatch': {
    status: 400,
    zh: '{roleZh}不能设在{levelZh}级区域 {areaCode}，只能设在：{allowedZh}',
    en: 'A {roleEn} cannot sit on the {levelEn} area {areaCode}; only on: {allowedEn}',
  },
  'person.areaUnknown': {
    status: 400, zh: '“{field}”中的区域编码 {areaCode} 不存在或已撤销',
    en: '“{field}”: the area code {areaCode} does not exist or is retired',
  },
  'person.areaOutOfScope': {
    status: 403, zh: '“{field}”中的区域 {areaCode} 不在您的管辖范围内',
    en: '“{field}”: the area {areaCode} is outside your scope',
  },
  'person.idUnknown': {
    status: 400, zh: '人员编号 {value} 不存在或不在您的管辖范围内',
    en: 'The person number {value} does not exist or is outside your scope',
  },
  'person.idRepeated': {
    status: 400, zh: '人员编号 {value} 在文件中重复出现（首次在第 {firstRow} 行）',
    en: 'Person id {value} appears again in the file (first on row {firstRow})',
  },
  'person.extraCells': {
    status: 400, zh: '该行比表头多出 {count} 个单元格', en: 'The row has {count} cells more than the header',
  },
})
