import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { formatInZone, type TDelivery, type TPostStatus } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeliveryActions } from './delivery-actions';
import { DeliveryAttempts } from './delivery-attempts';
import { DeliveryHint } from './delivery-hint';
import { DeliveryStatusBadge } from './status-badges';

interface TDeliveryItemProps {
  postId: string;
  /** A post waiting for approval (or expired without it) keeps its deliveries as drafts: the post's badge says it all. */
  postStatus: TPostStatus;
  delivery: TDelivery;
  timezone: string;
}

const SAID_BY_THE_POST = new Set<string>(['pending_approval', 'expired']);

export function DeliveryItem({ postId, postStatus, delivery, timezone }: TDeliveryItemProps) {
  const { t } = useTranslation();
  const [showAttempts, setShowAttempts] = useState(false);
  const attemptsId = `attempts-${delivery.id}`;
  return (
    <li data-testid="delivery-item" data-status={delivery.status} data-handle={delivery.handle} data-delivery-id={delivery.id}>
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={500}>
            @{delivery.handle}
          </Text>
          {!(delivery.status === 'draft' && SAID_BY_THE_POST.has(postStatus)) && <DeliveryStatusBadge status={delivery.status} />}
          {delivery.publishedAt && (
            <Text size="xs" c="dimmed">
              {t('posts.publishedAt', { time: formatInZone(delivery.publishedAt, timezone) })}
            </Text>
          )}
          {delivery.attempt > 1 && (
            <Text size="xs" c="dimmed">
              {t('posts.attempt', { count: delivery.attempt })}
            </Text>
          )}
          {delivery.externalUrl && (
            <Anchor href={delivery.externalUrl} target="_blank" rel="noopener noreferrer" size="sm" data-testid="delivery-link">
              {t('posts.viewPost')}
            </Anchor>
          )}
          {delivery.metrics && (
            <Text
              size="xs"
              c="dimmed"
              role="img"
              data-testid="delivery-metrics"
              aria-label={t('posts.metrics.label', { ...delivery.metrics, time: formatInZone(delivery.metrics.collectedAt, timezone) })}
              title={t('posts.metrics.label', { ...delivery.metrics, time: formatInZone(delivery.metrics.collectedAt, timezone) })}
            >
              ♥ {delivery.metrics.likes} · ↻ {delivery.metrics.reposts} · 💬 {delivery.metrics.replies}
            </Text>
          )}
        </Group>
        <DeliveryHint delivery={delivery} timezone={timezone} />
        <DeliveryActions delivery={delivery}>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            aria-expanded={showAttempts}
            aria-controls={attemptsId}
            onClick={() => setShowAttempts((open) => !open)}
            data-testid="delivery-attempts-toggle"
          >
            {t(showAttempts ? 'attempts.hide' : 'attempts.show')}
          </Button>
        </DeliveryActions>
        <div id={attemptsId}>{showAttempts && <DeliveryAttempts postId={postId} delivery={delivery} timezone={timezone} />}</div>
      </Stack>
    </li>
  );
}
