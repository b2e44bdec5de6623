import type { TAuditActor } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { auditKeys } from './audit-keys';

export async function getAuditActors({ signal }: { signal?: AbortSignal } = {}): Promise<TAuditActor[]> {
  return (await api.get<{ items: TAuditActor[]; nextCursor: string | null }>('/audit/actors', { signal })).items;
}

export function getAuditActorsQueryOptions() {
  return queryOptions({ queryKey: auditKeys.actors(), queryFn: ({ signal }) => getAuditActors({ signal }), staleTime: 5 * 60_000 });
}

export function useAuditActors() {
  return useQuery(getAuditActorsQueryOptions());
}
