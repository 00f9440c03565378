import { defineErrors } from '../../server/errors.ts'

/**
 * Case loop errors (M3). A refused step names the step and the state in the user's words: the
 * labels come in the details (`stepZh`/`stepEn`, `stateZh`/`stateEn`) so that the message never
 * shows an internal name.
 */
export const CaseErrors = defineErrors({
  'case.notFound': { status: 404, zh: '事件不存在或不在您的管辖范围内', en: 'No such case in your area' },
  'case.categoryUnknown': {
    status: 400, zh: '事件类别“{value}”不存在或已停用', en: 'Case category "{value}" does not exist or is no longer used',
  },
  'case.placeRequired': {
    status: 400,
    zh: '请在地图上选择事件地点，或指定所属网格',
    en: 'Pick the place of the case on the map, or choose its grid',
  },
  'case.outsideGrids': {
    status: 400,
    zh: '该地点（{lng}, {lat}）不在任何网格内，请核对位置或直接选择网格',
    en: 'That place ({lng}, {lat}) lies in no grid; check the location or choose the grid',
  },
  'case.gridUnknown': { status: 400, zh: '网格 {code} 不存在或已撤销', en: 'Grid {code} does not exist or was retired' },
  'case.outsideScope': {
    status: 403, zh: '网格 {code} 不在您的管辖范围内', en: 'Grid {code} is outside your area',
  },
  'case.businessUnknown': { status: 400, zh: '所涉市场主体不存在或不在您的管辖范围内', en: 'The business concerned does not exist or is outside your area' },
  'case.stepNotAllowedInState': {
    status: 409,
    zh: '事件当前状态为“{stateZh}”，不能执行“{stepZh}”',
    en: 'The case is "{stateEn}" now; "{stepEn}" is not possible',
  },
  'case.stepNotForRole': {
    status: 403, zh: '您的岗位不能执行“{stepZh}”', en: 'Your role cannot take the step "{stepEn}"',
  },
  'case.stepNotForPlace': {
    status: 403,
    zh: '“{stepZh}”须由事件所在层级（或其上级、所移送部门）的人员执行',
    en: '"{stepEn}" is taken by the level holding the case (or the level above, or the department it was referred to)',
  },
  'case.ownReport': {
    status: 403,
    zh: '办理结果由您本人反馈，须由其他人员复核',
    en: 'You reported the result yourself; someone else must review it',
  },
  'case.notPlaced': {
    status: 409,
    zh: '该事件尚未落入网格，请先派遣到网格',
    en: 'The case is not in a grid yet; dispatch it to a grid first',
  },
  'case.noteRequired': {
    status: 400, zh: '“{stepZh}”须填写{noteZh}', en: '"{stepEn}" needs a {noteEn}',
  },
  'case.evidenceRequired': {
    status: 400,
    zh: '“{stepZh}”前须上传至少一份证据（照片、录音、视频或文件）',
    en: '"{stepEn}" needs at least one piece of evidence (photo, audio, video or document) first',
  },
  'case.gridRequired': { status: 400, zh: '请选择要派遣到的网格', en: 'Choose the grid to dispatch to' },
  'case.departmentRequired': { status: 400, zh: '请选择移送的部门', en: 'Choose the department to refer to' },
  'case.departmentUnknown': { status: 400, zh: '部门“{value}”不存在', en: 'Department "{value}" does not exist' },
  'case.referralNotHere': {
    status: 409,
    zh: '按“{routeZh}”流程，事件须先上报到可移送的层级',
    en: 'Under the route "{routeEn}", the case is escalated to a level that may refer it first',
  },
  'case.topLevel': {
    status: 409, zh: '事件已在最高层级，不能再上报；请移送部门或办结', en: 'The case is at the top level already; refer it or close it',
  },
  'case.mergeTargetRequired': { status: 400, zh: '请选择要合并到的事件', en: 'Choose the case to merge into' },
  'case.mergeTargetInvalid': {
    status: 400,
    zh: '只能合并到另一件未办结、在您管辖范围内的事件',
    en: 'A case can only be merged into another open case in your area',
  },
  'case.fieldNotForStep': {
    status: 400, zh: '“{stepZh}”这一步不需要填写“{field}”', en: '“{stepEn}” does not take “{field}”',
  },
  'case.idempotencyKeyInvalid': {
    status: 400,
    zh: 'Idempotency-Key 须为 1–100 个字母、数字或 -_.:',
    en: 'The Idempotency-Key must be 1–100 letters, digits or -_.:',
  },
  'case.contactInvalid': {
    status: 400, zh: '联系电话“{value}”格式不正确', en: 'Phone number "{value}" is not valid',
  },
})
