import { AppError, type TNotificationList, type TNotificationListQuery } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { toNotificationDto } from './notification-dto';
import { countUnread, findNotificationsPage } from './notifications.repository';

function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)))
    throw new AppError('validation', { fieldErrors: [{ field: 'cursor', key: 'invalid' }] });
  return { createdAt, id };
}

/** `GET /api/notifications`: the caller's own, newest first, with the unread count for the bell. */
export async function listNotifications(o: { db: TDatabase; auth: TAuth; query: TNotificationListQuery }): Promise<TNotificationList> {
  const { db, auth, query } = o;
  const rows = await findNotificationsPage(db, {
    userId: auth.userId,
    unreadOnly: query.unread === '1',
    cursor: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url') : null;
  return { items: page.flatMap((r) => toNotificationDto(r) ?? []), nextCursor, unreadCount: await countUnread(db, auth.userId) };
}
