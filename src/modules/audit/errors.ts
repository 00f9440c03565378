import { defineErrors } from '../../server/errors.ts'

/** Errors of the audit log: what the audit administrator or the operator at the host can meet. */
export const AuditErrors = defineErrors({
  'audit.keyMissing': {
    status: 500,
    zh: '审计密钥不存在（目录 {dir}）：请在服务器上运行 `market-grid audit-key new` 生成密钥，多台应用服务器须复制同一密钥目录',
    en: 'No audit key in {dir}: run `market-grid audit-key new` on the host (several app servers share copies of one key folder)',
  },
  'audit.checkpointDirUnwritable': {
    status: 500,
    zh: '无法写入审计检查点目录 {dir}：请检查 AUDIT_CHECKPOINT_DIR 设置和目录权限',
    en: 'Cannot write the audit checkpoint folder {dir}: check the AUDIT_CHECKPOINT_DIR setting and the folder\'s rights',
  },
  'audit.chainEmpty': { status: 409, zh: '审计日志还没有任何事件，无法生成检查点或回执', en: 'The audit log has no event yet: no checkpoint or receipt can be made' },
})
