import type { TChangePasswordRequest } from '@siar/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Keeps this session; the server ends every other session of the user. */
export function changePassword(body: TChangePasswordRequest): Promise<void> {
  return api.post<void>('/auth/password', body);
}

export function useChangePassword({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useMutation({ mutationFn: changePassword, onSuccess });
}
