import type { TDatabase } from '@siar/shared/node';

/** One person's notifications, newest first, keyset-paginated on (created_at, id). */
export async function findNotificationsPage(
  db: TDatabase,
  o: { userId: string; unreadOnly: boolean; cursor?: { createdAt: string; id: string } | undefined; limit: number },
) {
  let query = db.selectFrom('notification').selectAll().where('user_id', '=', o.userId);
  if (o.unreadOnly) query = query.where('read_at', 'is', null);
  const cursor = o.cursor;
  if (cursor)
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', cursor.createdAt), eb.and([eb('created_at', '=', cursor.createdAt), eb('id', '<', cursor.id)])]),
    );
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(o.limit + 1)
    .execute();
}
export type TNotificationRow = Awaited<ReturnType<typeof findNotificationsPage>>[number];

export async function countUnread(db: TDatabase, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Only the person's own notifications change: ids of someone else's are ignored. */
export async function markRead(db: TDatabase, o: { userId: string; ids: string[] | 'all'; at: string }): Promise<void> {
  let query = db.updateTable('notification').set({ read_at: o.at }).where('user_id', '=', o.userId).where('read_at', 'is', null);
  if (o.ids !== 'all') query = query.where('id', 'in', o.ids);
  await query.execute();
}
