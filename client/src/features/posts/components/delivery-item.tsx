import { Anchor, Group, Text } from '@mantine/core';
import { formatInZone, type TDelivery } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { DeliveryStatusBadge } from './status-badges';

interface TDeliveryItemProps {
  delivery: TDelivery;
  timezone: string;
}

export function DeliveryItem({ delivery, timezone }: TDeliveryItemProps) {
  const { t } = useTranslation();
  return (
    <li data-testid="delivery-item" data-status={delivery.status} data-handle={delivery.handle} data-delivery-id={delivery.id}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          @{delivery.handle}
        </Text>
        <DeliveryStatusBadge status={delivery.status} />
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
      </Group>
      {delivery.error && (
        <Text size="sm" c="red" data-testid="delivery-error">
          {t('posts.error', { error: delivery.error })}
        </Text>
      )}
    </li>
  );
}
