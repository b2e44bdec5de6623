import type { TActivityDeliveriesResponse } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TActivityDeliveriesParams } from '../utils/activity-period';
import { activityKeys } from './activity-keys';

export function getActivityDeliveries({ params, signal }: { params: TActivityDeliveriesParams; signal?: AbortSignal }): Promise<TActivityDeliveriesResponse> {
  return api.get<TActivityDeliveriesResponse>('/activity/deliveries', { params: { ...params }, signal });
}

export function getActivityDeliveriesQueryOptions(params: TActivityDeliveriesParams) {
  return queryOptions({
    queryKey: activityKeys.deliveries(params),
    queryFn: ({ signal }) => getActivityDeliveries({ params, signal }),
    staleTime: 60_000,
  });
}

/** An account's (or OPD's) published posts or failures of a period, for the drill-down and the report. */
export function useActivityDeliveries(params: TActivityDeliveriesParams, enabled = true) {
  return useQuery({ ...getActivityDeliveriesQueryOptions(params), enabled });
}
