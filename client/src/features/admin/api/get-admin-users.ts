import type { TAdminUser } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

/** Every person (about 100: one page, nextCursor is always null). */
export async function getAdminUsers({ signal }: { signal?: AbortSignal } = {}): Promise<TAdminUser[]> {
  return (await api.get<{ items: TAdminUser[]; nextCursor: string | null }>('/admin/users', { signal })).items;
}

export function getAdminUsersQueryOptions() {
  return queryOptions({ queryKey: adminKeys.users(), queryFn: ({ signal }) => getAdminUsers({ signal }) });
}

export function useAdminUsers() {
  return useQuery(getAdminUsersQueryOptions());
}
