import type { TNotificationKind } from '@siar/shared';

/** Where a notification leads in the app: the approval queue, the posts, or the accounts page. */
export function notificationLink(kind: TNotificationKind | string): string {
  if (kind === 'approval_requested') return '/approvals';
  if (kind === 'account_needs_reconnect') return '/accounts';
  return '/posts';
}
