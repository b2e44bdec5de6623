import type { TApprovalItem } from '@siar/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { approvalKeys } from './approval-keys';

interface TApprovalPage {
  items: TApprovalItem[];
  nextCursor: string | null;
}

const PAGE_SIZE = 20;
/** Submissions arrive while a reviewer works through the queue. */
const REFRESH_MS = 30_000;

export function getApprovalsPage({ cursor, signal }: { cursor?: string | undefined; signal?: AbortSignal }): Promise<TApprovalPage> {
  return api.get<TApprovalPage>('/approvals', { params: { cursor, limit: PAGE_SIZE }, signal });
}

/** Oldest first; each further page is newer ("load more"). */
export function getApprovalsQueryOptions() {
  return infiniteQueryOptions({
    queryKey: approvalKeys.lists(),
    queryFn: ({ pageParam, signal }) => getApprovalsPage({ cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: REFRESH_MS,
  });
}

export function useApprovals() {
  return useInfiniteQuery(getApprovalsQueryOptions());
}
