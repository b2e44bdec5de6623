import type { TPostCheck, TPostCheckRequest } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { postKeys } from './post-keys';

/** "Periksa": warnings and the estimated cost of a post as typed so far; saves nothing. */
export function checkPost({ input, signal }: { input: TPostCheckRequest; signal?: AbortSignal }): Promise<TPostCheck> {
  return api.post<TPostCheck>('/posts/check', input, { signal });
}

function sameAccounts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

export function getPostCheckQueryOptions(input: TPostCheckRequest, language: string) {
  return queryOptions({
    queryKey: postKeys.check(input, language),
    queryFn: ({ signal }) => checkPost({ input, signal }),
    // Another post saved meanwhile may change the answer, but not within seconds.
    staleTime: 15_000,
    // A hint, not a gate: a failed check is not worth asking again, the next pause will.
    retry: false,
    refetchOnWindowFocus: false,
    // While the text is edited for the same accounts, the last answer stays on screen until the
    // next one arrives (no flicker); for other accounts it would be wrong, so nothing is shown.
    placeholderData: (previous, previousQuery) =>
      previousQuery && sameAccounts(previousQuery.queryKey[3].accountIds, input.accountIds) ? previous : undefined,
  });
}

export function usePostCheckQuery(input: TPostCheckRequest, { language, enabled }: { language: string; enabled: boolean }) {
  return useQuery({ ...getPostCheckQueryOptions(input, language), enabled });
}
