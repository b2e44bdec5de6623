import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { accountKeys } from './account-keys';

/** Revokes the account's access at the platform; the account stays listed as disconnected. */
export function disconnectAccount({ accountId }: { accountId: string }): Promise<void> {
  return api.delete<void>(`/accounts/${encodeURIComponent(accountId)}`);
}

export function useDisconnectAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disconnectAccount,
    // A refusal (404: gone, 409: changed) also means the list on screen is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}
