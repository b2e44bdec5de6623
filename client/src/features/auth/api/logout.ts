import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function logout(): Promise<void> {
  return api.post<void>('/auth/logout');
}

export function useLogout({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      onSuccess?.();
      // Nothing of the previous user may stay in memory for the next one.
      queryClient.clear();
    },
  });
}
