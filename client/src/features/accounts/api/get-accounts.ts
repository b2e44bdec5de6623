import type { TAccount } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { accountKeys } from './account-keys';

interface TAccountPage {
  items: TAccount[];
  nextCursor: string | null;
}

/** Bounds the cursor walk so a server bug can never spin the browser forever. */
const MAX_PAGES = 50;

export function getAccountsPage({ cursor, signal }: { cursor?: string; signal?: AbortSignal } = {}) {
  return api.get<TAccountPage>('/accounts', { params: { cursor }, signal });
}

/** Every account the user may post to (a few hundred at most), across all pages. */
export async function getAccounts({ signal }: { signal?: AbortSignal } = {}): Promise<TAccount[]> {
  const accounts: TAccount[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await getAccountsPage({ cursor, signal });
    accounts.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return accounts;
}

export function getAccountsQueryOptions() {
  return queryOptions({
    queryKey: accountKeys.list(),
    queryFn: ({ signal }) => getAccounts({ signal }),
    staleTime: 60_000,
  });
}

export function useAccounts() {
  return useQuery(getAccountsQueryOptions());
}
