/**
 * What the server adjusted on a boundary save without refusing it (issue 13 §6: thin overlaps and
 * gaps along a neighbour's edge aligned). The messages come from the server in the console's
 * language; they stay until closed, since the drawing that was saved is not quite the one drawn.
 */
import type { NotificationInstance } from 'antd/es/notification/interface'

export interface BoundaryNotice {
  message: string
}

export function showNotices(notification: NotificationInstance, title: string, notices: BoundaryNotice[]): void {
  if (notices.length === 0) return
  notification.info({ message: title, description: notices.map((n) => n.message).join('\n'), duration: 0, style: { whiteSpace: 'pre-line' } })
}
