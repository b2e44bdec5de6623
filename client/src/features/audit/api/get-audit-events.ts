import type { TAuditEvent } from '@siar/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TAuditApiParams } from '../utils/audit-filters';
import { auditKeys } from './audit-keys';

interface TAuditPage {
  items: TAuditEvent[];
  nextCursor: string | null;
}

const PAGE_SIZE = 50;

export function getAuditPage({
  params,
  cursor,
  signal,
}: {
  params: TAuditApiParams;
  cursor?: string | undefined;
  signal?: AbortSignal;
}): Promise<TAuditPage> {
  return api.get<TAuditPage>('/audit', { params: { ...params, cursor, limit: PAGE_SIZE }, signal });
}

/** Newest first; each further page is older ("load more"), keyed by the filters. */
export function getAuditEventsQueryOptions(params: TAuditApiParams) {
  return infiniteQueryOptions({
    queryKey: auditKeys.list(params),
    queryFn: ({ pageParam, signal }) => getAuditPage({ params, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAuditEvents(params: TAuditApiParams) {
  return useInfiniteQuery(getAuditEventsQueryOptions(params));
}
