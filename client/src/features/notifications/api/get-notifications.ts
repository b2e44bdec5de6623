import type { TNotificationList } from '@siar/shared';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { notificationKeys } from './notification-keys';

/** The bell polls this often for its unread count. */
export const UNREAD_POLL_MS = 30_000;

export function getNotifications({
  unread,
  cursor,
  limit,
  signal,
}: {
  unread?: boolean;
  cursor?: string | undefined;
  limit: number;
  signal?: AbortSignal;
}): Promise<TNotificationList> {
  return api.get<TNotificationList>('/notifications', { params: { unread: unread ? '1' : undefined, cursor, limit }, signal });
}

/** The unread count (one unread item is enough to know it), every 30 s. */
export function useUnreadCount() {
  return useQuery(
    queryOptions({
      queryKey: notificationKeys.unread(),
      queryFn: ({ signal }) => getNotifications({ unread: true, limit: 1, signal }),
      refetchInterval: UNREAD_POLL_MS,
      select: (list) => list.unreadCount,
    }),
  );
}

/** The dropdown's list, newest first, fetched while it is open. */
export function useNotifications({ enabled }: { enabled: boolean }) {
  return useInfiniteQuery({
    ...infiniteQueryOptions({
      queryKey: notificationKeys.lists(),
      queryFn: ({ pageParam, signal }) => getNotifications({ cursor: pageParam, limit: 20, signal }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
    enabled,
  });
}
