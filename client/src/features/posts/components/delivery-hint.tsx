import { Text, type MantineColor } from '@mantine/core';
import { formatInZone, type TDelivery } from '@siar/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

interface THint {
  kind: string;
  text: string;
  color: MantineColor;
}

function hintOf(delivery: TDelivery, timezone: string, t: TFunction): THint | null {
  const { status, errorKind, nextAttemptAt, error } = delivery;
  switch (status) {
    case 'scheduled':
      if (!nextAttemptAt) return null;
      if (errorKind === 'rate_limited') {
        return { kind: 'rate_limited', color: 'dimmed', text: t('deliveryHint.waitingQuota', { time: formatInZone(nextAttemptAt, timezone) }) };
      }
      if (errorKind === 'transient') {
        // `attempt` counts the tries made so far; the one announced here is the next.
        const text = t('deliveryHint.retrying', { time: formatInZone(nextAttemptAt, timezone), n: delivery.attempt + 1 });
        return { kind: 'transient', color: 'orange', text };
      }
      return null;
    case 'unconfirmed':
      return { kind: 'unconfirmed', color: 'orange', text: t('deliveryHint.unconfirmed') };
    case 'missed':
      return { kind: 'missed', color: 'grape', text: t('deliveryHint.missed') };
    case 'failed':
      return { kind: errorKind ?? 'failed', color: 'red', text: error ? t('posts.error', { error }) : t('deliveryHint.failed') };
    case 'published':
      // "Marked as published by a person" is worth seeing next to a link nobody's worker found.
      return error ? { kind: errorKind ?? 'published', color: 'dimmed', text: error } : null;
    default:
      return null;
  }
}

interface TDeliveryHintProps {
  delivery: TDelivery;
  timezone: string;
}

/** One line saying what is going on with a delivery and, when it waits for a person, what to do. */
export function DeliveryHint({ delivery, timezone }: TDeliveryHintProps) {
  const { t } = useTranslation();
  const hint = hintOf(delivery, timezone, t);
  if (!hint) return null;
  return (
    <Text size="sm" c={hint.color} data-testid="delivery-hint" data-kind={hint.kind} style={{ overflowWrap: 'anywhere' }}>
      {hint.text}
    </Text>
  );
}
