import type { TMarkNotificationsReadRequest } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { notificationKeys } from './notification-keys';

export function markNotificationsRead(input: TMarkNotificationsReadRequest): Promise<{ unreadCount: number }> {
  return api.post<{ unreadCount: number }>('/notifications/read', input);
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
