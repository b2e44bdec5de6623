import type { TPlatformId } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { accountKeys } from './account-keys';

export interface TSpendRow {
  opdId: string;
  opdName: string;
  platform: TPlatformId;
  /** Published deliveries in the month. */
  posts: number;
  amount: number;
  currency: string;
}

export interface TMonthSpend {
  month: string;
  items: TSpendRow[];
}

/** The estimated spend of a month ("YYYY-MM", WIB) per OPD and platform; operators get their OPDs only. */
export function getMonthSpend({ month, signal }: { month: string; signal?: AbortSignal }): Promise<TMonthSpend> {
  return api.get<TMonthSpend>('/accounts/spend', { params: { month }, signal });
}

export function getMonthSpendQueryOptions(month: string) {
  return queryOptions({
    queryKey: accountKeys.spend(month),
    queryFn: ({ signal }) => getMonthSpend({ month, signal }),
    // Posts publish while the user is elsewhere: opening the page asks again.
    staleTime: 0,
  });
}

export function useMonthSpend(month: string) {
  return useQuery(getMonthSpendQueryOptions(month));
}
