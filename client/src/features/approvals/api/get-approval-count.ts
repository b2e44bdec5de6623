import type { TApprovalCount } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { approvalKeys } from './approval-keys';

/** The navigation's badge: posts waiting for a decision, refreshed every 30 s. */
export function getApprovalCount({ signal }: { signal?: AbortSignal } = {}): Promise<TApprovalCount> {
  return api.get<TApprovalCount>('/approvals/count', { signal });
}

export function useApprovalCount({ enabled }: { enabled: boolean }) {
  return useQuery({
    ...queryOptions({ queryKey: approvalKeys.count(), queryFn: ({ signal }) => getApprovalCount({ signal }), refetchInterval: 30_000 }),
    enabled,
  });
}
