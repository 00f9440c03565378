import { texts } from '../../lib/i18n/texts'

/** The case pages' strings (namespace `cases`). */
export default texts({
  printRecord: {
    button: '打印办理记录',
    tooltip: '在新标签页打开本事件的全过程记录（含证据与审计哈希），可打印或另存为 PDF；每次打开记入审计日志',
  },
}, {
  printRecord: {
    button: 'Print record',
    tooltip: 'Opens the case\'s full record (with evidence and audit hashes) in a new tab, to print or save as PDF; each opening is recorded in the audit log',
  },
})
