import type { TQueue } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queueKeys } from './queue-keys';

/** Every account in the user's scope: its weekly times and the slots of the next `days` days. */
export function getQueue({ days, signal }: { days: number; signal?: AbortSignal }): Promise<TQueue> {
  return api.get<TQueue>('/queue', { params: { days }, signal });
}

export function getQueueQueryOptions(days: number) {
  return queryOptions({
    queryKey: queueKeys.list(days),
    queryFn: ({ signal }) => getQueue({ days, signal }),
    // Posts are added to the queue from the composer, elsewhere: opening the page shows it as it is now.
    staleTime: 0,
  });
}

export function useQueue(days: number) {
  return useQuery(getQueueQueryOptions(days));
}
