import type { TPost } from '@siar/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { needsPolling, POLL_INTERVAL_MS } from './post-polling';
import { postKeys, type TPostListFilters } from './post-keys';

export interface TPostPage {
  items: TPost[];
  nextCursor: string | null;
}

export function getPosts({ limit, cursor, signal }: TPostListFilters & { cursor?: string | undefined; signal?: AbortSignal }) {
  return api.get<TPostPage>('/posts', { params: { limit, cursor }, signal });
}

export function getPostsQueryOptions(filters: TPostListFilters = { limit: 50 }) {
  return infiniteQueryOptions({
    queryKey: postKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getPosts({ ...filters, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Watching a post go live: refresh while something is about to publish or publishing.
    refetchInterval: (query) => (needsPolling(query.state.data?.pages.flatMap((page) => page.items) ?? []) ? POLL_INTERVAL_MS : false),
  });
}

/** Posts, newest first, one page of `limit` at a time. */
export function usePosts(filters?: TPostListFilters) {
  return useInfiniteQuery(getPostsQueryOptions(filters));
}
