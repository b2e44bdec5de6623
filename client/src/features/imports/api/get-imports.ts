import type { TImportSummary } from '@siar/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { importKeys } from './import-keys';

export interface TImportPage {
  items: TImportSummary[];
  nextCursor: string | null;
}

export function getImports({ limit, cursor, signal }: { limit: number; cursor?: string | undefined; signal?: AbortSignal }) {
  return api.get<TImportPage>('/imports', { params: { limit, cursor }, signal });
}

/** The user's recent imports, newest first; refreshed while one of them is being scheduled. */
export function useImports(limit = 10) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: importKeys.list(limit),
      queryFn: ({ pageParam, signal }) => getImports({ limit, cursor: pageParam, signal }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some((item) => item.status === 'committing')) ? 5_000 : false),
    }),
  );
}
