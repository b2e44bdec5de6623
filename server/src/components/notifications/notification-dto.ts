import { ZNotificationKind, type TNotification } from '@siar/shared';
import { notificationLink } from './notification-link';
import type { TNotificationRow } from './notifications.repository';
import { parseNotificationParams } from './notification-params';

/** Rows of a kind this version does not know are left out of the list rather than failing it. */
export function toNotificationDto(row: TNotificationRow): TNotification | undefined {
  const kind = ZNotificationKind.safeParse(row.kind);
  if (!kind.success) return undefined;
  return {
    id: row.id,
    kind: kind.data,
    createdAt: row.created_at,
    readAt: row.read_at,
    postId: row.post_id,
    accountId: row.account_id,
    opdId: row.opd_id,
    params: parseNotificationParams(row.params),
    link: notificationLink(kind.data),
  };
}
