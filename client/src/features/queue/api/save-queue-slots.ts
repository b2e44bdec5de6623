import type { TQueueSlot, TQueueSlots } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { queueKeys } from './queue-keys';

/** Replaces the account's weekly posting times (the whole set). */
export function saveQueueSlots({ accountId, slots }: { accountId: string; slots: TQueueSlot[] }): Promise<TQueueSlots> {
  return api.put<TQueueSlots>(`/accounts/${encodeURIComponent(accountId)}/queue-slots`, { slots });
}

export function useSaveQueueSlots() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveQueueSlots,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queueKeys.all }),
  });
}
