import { defineErrors } from '../../server/errors.ts'

export const DemoErrors = defineErrors({
  'demo.databaseNotEmpty': {
    status: 409,
    zh: '数据库中已有区域数据，演示辖区只能生成到空数据库中',
    en: 'The database already holds areas; the demo district can only be generated into an empty database',
  },
  'demo.invalidOption': {
    status: 400,
    zh: '演示数据参数 {option} 不合法：应为 {rule}',
    en: 'Demo option {option} is invalid: it must be {rule}',
  },
})
