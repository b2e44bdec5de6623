import type { TConnectChoices } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { accountKeys } from './account-keys';

/** The accounts a consent reached (Facebook Login: Pages and their Instagram accounts), to choose from. */
export function getConnectChoices({ grant, id, signal }: { grant: string; id: string; signal?: AbortSignal }): Promise<TConnectChoices> {
  return api.get<TConnectChoices>(`/accounts/connect/${encodeURIComponent(grant)}/${encodeURIComponent(id)}`, { signal });
}

export function getConnectChoicesQueryOptions(grant: string, id: string) {
  return queryOptions({
    queryKey: accountKeys.connectChoices(grant, id),
    queryFn: ({ signal }) => getConnectChoices({ grant, id, signal }),
    // Single use and short-lived: a refusal (404) is final, asking again changes nothing.
    retry: false,
    staleTime: Infinity,
  });
}

export function useConnectChoices(grant: string, id: string) {
  return useQuery(getConnectChoicesQueryOptions(grant, id));
}
