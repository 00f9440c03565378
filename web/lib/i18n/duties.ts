/**
 * The names of the grid duties (M2.3 roles of the personnel ledger) in both languages, for every
 * page that names a person's duty (the people ledger, the map's grid card).
 */
import { texts } from './texts'

export const dutyNames = texts({
  grid_head: '网格长',
  grid_manager: '管理员',
  informant: '信息员',
  overseer: '监督员',
  station_chief: '单元长',
  district_chief: '片区长',
  command_operator: '指挥中心操作员',
  credit_officer: '信用监管员',
  department_liaison: '部门联络员',
  administrator: '系统管理员',
}, {
  grid_head: 'Grid head',
  grid_manager: 'Grid manager',
  informant: 'Informant',
  overseer: 'Overseer',
  station_chief: 'Station chief',
  district_chief: 'District chief',
  command_operator: 'Command operator',
  credit_officer: 'Credit officer',
  department_liaison: 'Department liaison',
  administrator: 'Administrator',
})
