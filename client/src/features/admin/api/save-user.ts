import type { TAdminUser, TCreateUserRequest, TUpdateUserRequest } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export type TSaveUserInput = { id: null; body: TCreateUserRequest } | { id: string; body: TUpdateUserRequest };

/** Creates a person (no id) or changes their name, role or OPDs. */
export function saveUser(input: TSaveUserInput): Promise<TAdminUser> {
  return input.id === null
    ? api.post<TAdminUser>('/admin/users', input.body)
    : api.patch<TAdminUser>(`/admin/users/${encodeURIComponent(input.id)}`, input.body);
}

export function useSaveUser({ onSuccess }: { onSuccess?: (user: TAdminUser) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveUser,
    onSuccess,
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
}
