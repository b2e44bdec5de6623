import type { TActivitySeriesResponse } from '@siar/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../../lib/api-client';
import { activityKeys } from '../../api/activity-keys';
import type { TActivityParams } from '../../utils/activity-period';

export type TSeriesBy = 'opd' | 'platform';
export type TActivitySeriesParams = TActivityParams & { by: TSeriesBy };

export function getActivitySeries({ params, signal }: { params: TActivitySeriesParams; signal?: AbortSignal }): Promise<TActivitySeriesResponse> {
  return api.get<TActivitySeriesResponse>('/activity/series', { params: { ...params }, signal });
}

export function getActivitySeriesQueryOptions(params: TActivitySeriesParams) {
  return queryOptions({
    // Under activityKeys.all: whatever invalidates the activity page refreshes its charts too.
    queryKey: [...activityKeys.all, 'series', params] as const,
    queryFn: ({ signal }) => getActivitySeries({ params, signal }),
    staleTime: 60_000,
  });
}

/** The charts of a period (WIB days and hours); the previous period stays drawn while the next loads. */
export function useActivitySeries(params: TActivitySeriesParams | null) {
  return useQuery({ ...getActivitySeriesQueryOptions(params ?? { from: '', to: '', by: 'opd' }), enabled: params !== null, placeholderData: keepPreviousData });
}
