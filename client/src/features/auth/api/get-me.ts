import type { TMe } from '@siar/shared';
import { queryOptions, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from './auth-keys';

/** The signed-in user; 401 (ApiError) when nobody is. Also obtains the CSRF cookie. */
export function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<TMe> {
  return api.get<TMe>('/auth/me', { signal });
}

export function getMeQueryOptions() {
  return queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => getMe({ signal }),
    staleTime: 5 * 60_000,
  });
}

export function useMe() {
  return useQuery(getMeQueryOptions());
}

/** For pages behind the sign-in guard, where the user is already loaded. */
export function useCurrentUser(): TMe {
  return useSuspenseQuery(getMeQueryOptions()).data;
}
