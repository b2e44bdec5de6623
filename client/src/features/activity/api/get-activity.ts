import type { TActivityResponse } from '@siar/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TActivityParams } from '../utils/activity-period';
import { activityKeys } from './activity-keys';

export function getActivity({ params, signal }: { params: TActivityParams; signal?: AbortSignal }): Promise<TActivityResponse> {
  return api.get<TActivityResponse>('/activity', { params: { ...params }, signal });
}

export function getActivityQueryOptions(params: TActivityParams) {
  return queryOptions({
    queryKey: activityKeys.overview(params),
    queryFn: ({ signal }) => getActivity({ params, signal }),
    staleTime: 60_000,
  });
}

/** The overview of a period; the previous period stays on screen while the next one loads. */
export function useActivity(params: TActivityParams | null) {
  return useQuery({ ...getActivityQueryOptions(params ?? { from: '', to: '' }), enabled: params !== null, placeholderData: keepPreviousData });
}
