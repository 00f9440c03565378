import { defineErrors } from '../../server/errors.ts'

export const MapErrors = defineErrors({
  'map.tileOutOfRange': {
    status: 400,
    zh: '瓦片坐标不合法（z={z}，x={x}，y={y}）：z 须为 {minZoom} 到 {maxZoom} 的整数，x 和 y 须为 0 到 2^z−1 的整数',
    en: 'Invalid tile (z={z}, x={x}, y={y}): z must be an integer from {minZoom} to {maxZoom}, x and y integers from 0 to 2^z−1',
  },
  'map.locateQuery': {
    status: 400,
    zh: '定位查询须为 1 到 {max} 个字符',
    en: 'The locate query must have 1 to {max} characters',
  },
  'map.basemapInvalid': {
    status: 400,
    zh: '底图设置中的“{field}”不正确：{reasonZh}',
    en: 'The basemap setting “{field}” is not right: {reasonEn}',
  },
})
