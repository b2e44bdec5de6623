import type { TAccount, TAddChosenAccountsRequest } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { accountKeys } from './account-keys';

/** Adds the chosen accounts, each to an OPD; the choice cannot be used again. */
export function addChosenAccounts({ grant, id, input }: { grant: string; id: string; input: TAddChosenAccountsRequest }): Promise<{ items: TAccount[] }> {
  return api.post<{ items: TAccount[] }>(`/accounts/connect/${encodeURIComponent(grant)}/${encodeURIComponent(id)}`, input);
}

export function useAddChosenAccounts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addChosenAccounts,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.lists() }),
  });
}
