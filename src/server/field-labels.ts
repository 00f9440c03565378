/**
 * What the API's fields are called where people read them (issue 13 §2): a message names a field by
 * its label in the user's language, never by its key. `details.field` keeps the key, for a form to
 * mark the field. A label may depend on the domain of the message (a person's `name` is 姓名, a
 * business's 名称); the domain is the error code's prefix or the route's.
 */
import { ON_DUTY } from '../shared/glossary.ts'

type Label = { zh: string; en: string }

const COMMON: Record<string, Label> = {
  name: { zh: '名称', en: 'Name' },
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  kind: { zh: '主体类型', en: 'Kind' },
  registeredAddress: { zh: '注册地址', en: 'Registered address' },
  actualAddress: { zh: '实际经营地址', en: 'Actual address' },
  location: { zh: '位置', en: 'Location' },
  lng: { zh: '经度', en: 'Longitude' },
  lat: { zh: '纬度', en: 'Latitude' },
  industry: { zh: '行业', en: 'Industry' },
  licences: { zh: '许可证', en: 'Licences' },
  keyDomains: { zh: '重点领域', en: 'Key domains' },
  operatingState: { zh: '经营状态', en: 'Operating state' },
  riskClass: { zh: '风险等级', en: 'Risk class' },
  legalRepresentative: { zh: '法定代表人', en: 'Legal representative' },
  contactPhone: { zh: '联系电话', en: 'Contact phone' },
  phone: { zh: '联系电话', en: 'Phone' },
  position: { zh: '职务', en: 'Position' },
  organisation: { zh: '单位', en: 'Organisation' },
  areaCode: { zh: '所属区域', en: 'Area' },
  onDuty: ON_DUTY,
  roles: { zh: '网格职责', en: 'Duties' },
  id: { zh: '编号', en: 'Number' },
  code: { zh: '编码', en: 'Code' },
  parentCode: { zh: '上级区域', en: 'Parent area' },
  boundary: { zh: '边界', en: 'Boundary' },
  gridCode: { zh: '网格', en: 'Grid' },
  title: { zh: '标题', en: 'Title' },
  description: { zh: '描述', en: 'Description' },
  categoryCode: { zh: '事件类别', en: 'Category' },
  source: { zh: '来源', en: 'Source' },
  address: { zh: '地址', en: 'Address' },
  businessId: { zh: '涉及主体', en: 'Business concerned' },
  departmentCode: { zh: '部门', en: 'Department' },
  note: { zh: '说明', en: 'Note' },
  evidence: { zh: '证据', en: 'Evidence' },
  contact: { zh: '联系方式', en: 'Contact' },
  email: { zh: '电子邮箱', en: 'Email' },
  username: { zh: '用户名', en: 'User name' },
  password: { zh: '密码', en: 'Password' },
  newPassword: { zh: '新密码', en: 'New password' },
  displayName: { zh: '姓名', en: 'Name' },
  scope: { zh: '管辖范围', en: 'Scope' },
  url: { zh: '瓦片地址', en: 'Tile address' },
  attribution: { zh: '版权说明', en: 'Attribution' },
  maxZoom: { zh: '最大缩放级别', en: 'Highest zoom' },
  crs: { zh: '坐标系', en: 'Coordinate system' },
  rating: { zh: '评价', en: 'Rating' },
  comment: { zh: '评价意见', en: 'Comment' },
  definition: { zh: '事项定义', en: 'Item definition' },
  version: { zh: '版本', en: 'Version' },
  approvedBy: { zh: '批准人', en: 'Approved by' },
  days: { zh: '天数', en: 'Days' },
  from: { zh: '起始日期', en: 'From' },
  q: { zh: '搜索词', en: 'Search' },
  body: { zh: '请求内容', en: 'Request' },
  grid: { zh: '网格编码', en: 'Grid code' },
  usccs: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  year: { zh: '年度', en: 'Year' },
  recordedAt: { zh: '记录时间', en: 'Time recorded' },
  accuracy: { zh: '定位精度（米）', en: 'Accuracy (m)' },
  fixes: { zh: '位置', en: 'Positions' },
  known: { zh: '手机已存的市场主体', en: 'Businesses on the phone' },
  consent: { zh: '同意共享位置', en: 'Consent to share the position' },
}

const BY_DOMAIN: Record<string, Record<string, Label>> = {
  person: { name: { zh: '姓名', en: 'Name' }, areaCode: { zh: '所属单位', en: 'Home unit' } },
  area: { name: { zh: '区域名称', en: 'Area name' }, code: { zh: '区域编码', en: 'Area code' } },
  case: { name: { zh: '姓名', en: 'Name' }, phone: { zh: '联系电话', en: 'Phone' } },
  portal: { name: { zh: '姓名', en: 'Name' } },
}

/** The domain of a route, for labels that differ between domains. */
export function domainOfUrl(url: string): string | undefined {
  const m = /^\/api\/(people|staffing|areas|cases|portal|open311)/.exec(url)
  if (!m) return undefined
  return { people: 'person', staffing: 'person', areas: 'area', cases: 'case', portal: 'portal', open311: 'portal' }[m[1]]
}

/**
 * The label of a field key or path (`contact.phone`, `licences.0.type`, `usccs[0]`: the last named
 * segment) in `lang`; the key itself when it has none (a field the caller invented, which only they know).
 */
export function fieldLabel(field: string, lang: 'zh-CN' | 'en', domain?: string): string {
  const key = field.replace(/\[\d+\]/g, '').split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? field
  const label = (domain && BY_DOMAIN[domain]?.[key]) || COMMON[key]
  return label ? (lang === 'en' ? label.en : label.zh) : field
}
