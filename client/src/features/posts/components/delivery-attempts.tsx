import { Loader, Stack, Text } from '@mantine/core';
import type { TDelivery } from '@siar/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { usePost } from '../api/get-post';
import { postKeys } from '../api/post-keys';
import { DeliveryAttemptRow } from './delivery-attempt-row';

interface TDeliveryAttemptsProps {
  postId: string;
  delivery: TDelivery;
  timezone: string;
}

/** The "Riwayat percobaan" of one delivery; mounted only when opened, so fetched on demand. */
export function DeliveryAttempts({ postId, delivery, timezone }: TDeliveryAttemptsProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const postQuery = usePost(postId, { staleTime: 0 });

  // The list polls; when it shows this delivery moving on, the history is out of date too.
  const seen = useRef(`${delivery.status}:${delivery.attempt}`);
  useEffect(() => {
    const key = `${delivery.status}:${delivery.attempt}`;
    if (seen.current === key) return;
    seen.current = key;
    void queryClient.invalidateQueries({ queryKey: postKeys.detail(postId) });
  }, [delivery.status, delivery.attempt, postId, queryClient]);

  if (!postQuery.data) {
    if (postQuery.isError) return <ErrorAlert error={postQuery.error} />;
    return <Loader size="xs" aria-label={t('app.loading')} />;
  }
  const attempts = postQuery.data.deliveries.find((item) => item.id === delivery.id)?.attempts ?? [];
  return (
    <Stack component="ol" gap={4} m={0} pl="sm" style={{ listStyle: 'none', borderLeft: '2px solid var(--mantine-color-default-border)' }} data-testid="delivery-attempts">
      {attempts.length === 0 && (
        <Text component="li" size="xs" c="dimmed">
          {t('attempts.empty')}
        </Text>
      )}
      {attempts.map((attempt) => (
        <DeliveryAttemptRow key={`${attempt.kind}-${attempt.number}-${attempt.startedAt}`} attempt={attempt} timezone={timezone} />
      ))}
    </Stack>
  );
}
