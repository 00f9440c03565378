import { texts } from '../../lib/i18n/texts'

export default texts({
  who: '当前账户',
  username: '用户名',
  name: '姓名',
  roles: '角色',
  changePassword: '修改密码',
  current: '当前密码',
  new: '新密码',
  rule: '至少 12 位（空格不计），包含大写字母、小写字母、数字、符号中的 3 类，首尾不能有空格，不能是常见密码、演示密码或用户名。',
  required: '必填',
  changed: '密码已修改',
  mustChange: '您的密码由管理员设置或已过期，请先修改密码，之后才能使用其他功能。',
}, {
  who: 'This account',
  username: 'User name',
  name: 'Name',
  roles: 'Roles',
  changePassword: 'Change password',
  current: 'Current password',
  new: 'New password',
  rule: 'At least 12 characters (spaces not counted) with 3 of: capitals, small letters, digits, symbols; no space at either end; not a common password, the demo password nor the user name.',
  required: 'Required',
  changed: 'The password has been changed',
  mustChange: 'Your password was set by an administrator or has expired: change it before using anything else.',
})
