import type { TAdminOpd } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

/** Every OPD (about 40: one page, nextCursor is always null). */
export async function getAdminOpds({ signal }: { signal?: AbortSignal } = {}): Promise<TAdminOpd[]> {
  return (await api.get<{ items: TAdminOpd[]; nextCursor: string | null }>('/admin/opds', { signal })).items;
}

export function getAdminOpdsQueryOptions() {
  return queryOptions({ queryKey: adminKeys.opds(), queryFn: ({ signal }) => getAdminOpds({ signal }) });
}

export function useAdminOpds() {
  return useQuery(getAdminOpdsQueryOptions());
}
