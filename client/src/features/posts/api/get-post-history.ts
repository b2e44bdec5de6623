import type { TPostHistoryEvent } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { postKeys } from './post-keys';

/** The post's own audit trail: who did what, when (the same scope as the post itself). */
export function getPostHistory({ postId, signal }: { postId: string; signal?: AbortSignal }): Promise<{ items: TPostHistoryEvent[] }> {
  return api.get<{ items: TPostHistoryEvent[] }>(`/posts/${encodeURIComponent(postId)}/history`, { signal });
}

/** Fetched when "Riwayat" is opened; refreshed with the post (its key sits under the post's detail). */
export function usePostHistory(postId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    ...queryOptions({
      queryKey: [...postKeys.detail(postId), 'history'] as const,
      queryFn: ({ signal }) => getPostHistory({ postId, signal }),
    }),
    enabled,
  });
}
