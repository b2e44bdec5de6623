import type { TLoginRequest, TMe } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from './auth-keys';

export function login(body: TLoginRequest): Promise<TMe> {
  return api.post<TMe>('/auth/login', body);
}

export function useLogin({ onSuccess }: { onSuccess?: (me: TMe) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      queryClient.setQueryData(authKeys.me(), me);
      onSuccess?.(me);
    },
  });
}
