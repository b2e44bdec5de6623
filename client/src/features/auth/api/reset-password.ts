import type { TResetLinkInfo, TResetPasswordRequest } from '@siar/shared';
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from './auth-keys';

/** Whom a one-time link is for, while it is still usable (POST: the token stays out of URLs and logs). */
export function checkResetLink({ token }: { token: string }): Promise<TResetLinkInfo> {
  return api.post<TResetLinkInfo>('/auth/reset-password/check', { token });
}

export function getResetLinkQueryOptions(token: string) {
  return queryOptions({
    queryKey: [...authKeys.all, 'reset-link', token] as const,
    queryFn: () => checkResetLink({ token }),
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function useResetLink(token: string) {
  return useQuery({ ...getResetLinkQueryOptions(token), enabled: token !== '' });
}

export function resetPassword(body: TResetPasswordRequest): Promise<void> {
  return api.post<void>('/auth/reset-password', body);
}

export function useResetPassword({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useMutation({ mutationFn: resetPassword, onSuccess });
}
