import type { TResetLink } from '@siar/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** A one-time link for the person to set a new password; the server shows it this once only. */
export function createResetLink({ userId }: { userId: string }): Promise<TResetLink> {
  return api.post<TResetLink>(`/admin/users/${encodeURIComponent(userId)}/reset-link`);
}

export function useCreateResetLink() {
  return useMutation({ mutationFn: createResetLink });
}
