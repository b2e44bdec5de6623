import type { TNotificationSettings } from '@siar/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { notificationKeys } from './notification-keys';

export function getNotificationSettings({ signal }: { signal?: AbortSignal } = {}): Promise<TNotificationSettings> {
  return api.get<TNotificationSettings>('/notifications/settings', { signal });
}

export function useNotificationSettings({ enabled }: { enabled: boolean }) {
  return useQuery({
    ...queryOptions({ queryKey: notificationKeys.settings(), queryFn: ({ signal }) => getNotificationSettings({ signal }) }),
    enabled,
  });
}

export function saveNotificationSettings(input: { email: string | null }): Promise<TNotificationSettings> {
  return api.put<TNotificationSettings>('/notifications/settings', input);
}

export function useSaveNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveNotificationSettings,
    onSuccess: (settings) => queryClient.setQueryData(notificationKeys.settings(), settings),
  });
}
