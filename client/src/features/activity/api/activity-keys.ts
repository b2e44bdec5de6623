import type { TActivityDeliveriesParams, TActivityParams } from '../utils/activity-period';

export const activityKeys = {
  all: ['activity'] as const,
  overview: (params: TActivityParams) => [...activityKeys.all, 'overview', params] as const,
  deliveries: (params: TActivityDeliveriesParams) => [...activityKeys.all, 'deliveries', params] as const,
};
