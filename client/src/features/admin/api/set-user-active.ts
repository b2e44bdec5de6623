import type { TAdminUser } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

/** Deactivating signs the person out everywhere at once; reactivating lets them sign in again. */
export function setUserActive({ userId, active }: { userId: string; active: boolean }): Promise<TAdminUser> {
  return api.post<TAdminUser>(`/admin/users/${encodeURIComponent(userId)}/${active ? 'reactivate' : 'deactivate'}`);
}

export function useSetUserActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setUserActive,
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
}
