import { defineErrors } from '../../server/errors.ts'

/**
 * Errors of the areas capability (M1.1–M1.4). Messages name the code, field or rule so that a grid
 * office clerk can fix the input without asking anyone.
 */
export const AreaErrors = defineErrors({
  'area.notFound': { status: 404, zh: '区域 {code} 不存在', en: 'Area {code} does not exist' },
  'area.codeMalformed': {
    status: 400,
    zh: '区域编码 {code} 格式不正确：每级两位数字（01–99），最多 {maxLevels} 级',
    en: 'Area code {code} is malformed: two digits per level (01–99), at most {maxLevels} levels',
  },
  'area.codeNotExtendingParent': {
    status: 400,
    zh: '区域编码 {code} 必须是上级编码 {parentCode} 加两位数字',
    en: 'Area code {code} must be its parent code {parentCode} plus two digits',
  },
  'area.codeDuplicate': { status: 409, zh: '区域编码 {code} 已被使用（编码不可重复使用，包括已撤销的区域）', en: 'Area code {code} is already used (codes are never reused, retired areas included)' },
  'area.codeExhausted': { status: 409, zh: '上级区域 {parentCode} 下 01–99 的编码已全部使用', en: 'Every code 01–99 under {parentCode} is used' },
  'area.parentMissing': { status: 404, zh: '上级区域 {parentCode} 不存在', en: 'Parent area {parentCode} does not exist' },
  'area.parentRetired': { status: 409, zh: '上级区域 {parentCode} 已撤销，不能在其下新建区域', en: 'Parent area {parentCode} is retired; no area can be created under it' },
  'area.levelTooDeep': {
    status: 400,
    zh: '区域编码 {code} 是第 {level} 级，而层级方案“{profile}”只有 {maxLevel} 级',
    en: 'Area code {code} is at level {level}, but profile "{profile}" has only {maxLevel} levels',
  },
  'area.profileUnknown': { status: 400, zh: '层级方案 {profileId} 不存在', en: 'Level profile {profileId} does not exist' },
  'area.profileMismatch': {
    status: 400,
    zh: '下级区域沿用上级的层级方案 {parentProfile}，不能指定 {profileId}',
    en: 'A child area uses its parent profile {parentProfile}; {profileId} cannot be given',
  },
  'area.retired': { status: 409, zh: '区域 {code} 已撤销，不能修改', en: 'Area {code} is retired and cannot be changed' },
  'area.approvalRequired': {
    status: 400,
    zh: '请填写“批准人”：区域编码和边界的变更须经区网格办批准',
    en: 'Please fill in “Approved by”: codes and boundaries are approved by the district grid office',
  },
  'area.hasLiveChildren': {
    status: 409,
    zh: '区域 {code} 还有未撤销的下级区域（{children}），请先调整下级区域',
    en: 'Area {code} still has live child areas ({children}); change them first',
  },
  'area.redivideNotSiblings': {
    status: 400,
    zh: '调整的区域必须属于同一上级：{codes}',
    en: 'The areas to redivide must share one parent: {codes}',
  },
  'area.codeRepeated': { status: 400, zh: '编码 {code} 在请求中出现多次', en: 'Code {code} appears more than once in the request' },
  'area.nameInvalid': { status: 400, zh: '区域名称必须是 1–100 个字符', en: 'The area name must have 1–100 characters' },
  // Geometry (M1.3, Q4)
  'area.geometryNotPolygon': {
    status: 400,
    zh: '边界必须是 GeoJSON Polygon 或 MultiPolygon（或包装它们的 Feature），收到的是 {type}',
    en: 'The boundary must be a GeoJSON Polygon or MultiPolygon (or a Feature wrapping one), not {type}',
  },
  'area.geometryEmpty': { status: 400, zh: '边界没有坐标（{path}）', en: 'The boundary has no coordinates ({path})' },
  'area.coordinatesMalformed': {
    status: 400,
    zh: '坐标 {path} 必须是 [经度, 纬度] 数字对',
    en: 'Coordinate {path} must be a [longitude, latitude] pair of numbers',
  },
  'area.coordinatesOutOfRange': {
    status: 400,
    zh: '坐标 {path} 超出范围（经度 −180~180，纬度 −90~90）：{value}',
    en: 'Coordinate {path} is out of range (longitude −180..180, latitude −90..90): {value}',
  },
  'area.ringTooShort': { status: 400, zh: '环 {path} 至少需要 4 个点（首尾相同）', en: 'Ring {path} needs at least 4 positions (first = last)' },
  'area.ringNotClosed': { status: 400, zh: '环 {path} 未闭合：首点与末点必须相同', en: 'Ring {path} is not closed: its first and last positions must be equal' },
  'area.geometryInvalid': {
    status: 400,
    zh: '边界图形无效：{reason}（问题位置已在地图上标出）',
    en: 'The boundary is not a valid shape: {reason} (the place is marked on the map)',
  },
  'area.overlapsSibling': {
    status: 409,
    zh: '边界与同级区域 {siblings} 重叠 {areaM2} 平方米（重叠部分已在地图上标出），请沿相邻边界调整',
    en: 'The boundary overlaps the neighbouring area(s) {siblings} by {areaM2} m² (marked on the map); follow the shared edge',
  },
  'area.outsideParent': {
    status: 409,
    zh: '边界有 {areaM2} 平方米超出上级区域 {parentCode}（超出部分已在地图上标出）',
    en: 'The boundary extends {areaM2} m² outside the parent area {parentCode} (marked on the map)',
  },
  'area.childrenOutside': {
    status: 409,
    zh: '新边界会使下级区域 {children} 有 {areaM2} 平方米落在区域外（已在地图上标出）',
    en: 'The new boundary would leave {areaM2} m² of the child area(s) {children} outside (marked on the map)',
  },
  // Notices (status 200: the save succeeded), issue 13 §6: a shared edge drawn twice was aligned (edges.ts).
  'area.alignedToNeighbour': {
    status: 200,
    zh: '边界已与相邻区域 {neighbour} 的公共边对齐（调整 {areaM2} m²）',
    en: 'The boundary was aligned with the shared edge of the neighbouring area {neighbour} ({areaM2} m² adjusted)',
  },
  'area.alignedToParent': {
    status: 200,
    zh: '边界已与上级区域 {parentCode} 的边界对齐（调整 {areaM2} m²）',
    en: 'The boundary was aligned with the outline of the parent area {parentCode} ({areaM2} m² adjusted)',
  },
})
