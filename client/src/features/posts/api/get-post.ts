import type { TPost } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { needsPolling, POLL_INTERVAL_MS } from './post-polling';
import { postKeys } from './post-keys';

export function getPost({ id, signal }: { id: string; signal?: AbortSignal }): Promise<TPost> {
  return api.get<TPost>(`/posts/${encodeURIComponent(id)}`, { signal });
}

export function getPostQueryOptions(id: string) {
  return queryOptions({
    queryKey: postKeys.detail(id),
    queryFn: ({ signal }) => getPost({ id, signal }),
    refetchInterval: (query) => (query.state.data && needsPolling([query.state.data]) ? POLL_INTERVAL_MS : false),
  });
}

/** `staleTime: 0` where opening a view means "show me how it is now". */
export function usePost(id: string, { staleTime }: { staleTime?: number } = {}) {
  return useQuery({ ...getPostQueryOptions(id), ...(staleTime === undefined ? {} : { staleTime }) });
}
