import { Badge, Code, Group, Text, type MantineColor } from '@mantine/core';
import { formatInZone, type TDeliveryAttempt } from '@siar/shared';
import { useTranslation } from 'react-i18next';

const OUTCOMES = [
  'published',
  'found',
  'absent',
  'unknown',
  'interrupted',
  'rate_limited',
  'auth_expired',
  'account_disconnected',
  'content_rejected',
  'transient',
  'ambiguous',
  'internal',
] as const;
type TOutcome = (typeof OUTCOMES)[number];

const isKnownOutcome = (value: string): value is TOutcome => (OUTCOMES as readonly string[]).includes(value);

function outcomeColor(outcome: string | null): MantineColor {
  if (outcome === 'published' || outcome === 'found') return 'green';
  if (outcome === null || outcome === 'rate_limited' || outcome === 'absent') return 'dimmed';
  return outcome === 'transient' || outcome === 'ambiguous' || outcome === 'unknown' ? 'orange' : 'red';
}

interface TDeliveryAttemptRowProps {
  attempt: TDeliveryAttempt;
  timezone: string;
}

export function DeliveryAttemptRow({ attempt, timezone }: TDeliveryAttemptRowProps) {
  const { t } = useTranslation();
  const { outcome } = attempt;
  const outcomeText = outcome === null ? t('attemptOutcome.pending') : isKnownOutcome(outcome) ? t(`attemptOutcome.${outcome}`) : outcome;
  return (
    <li data-testid="delivery-attempt" data-kind={attempt.kind} data-outcome={outcome ?? undefined}>
      <Group gap={6} wrap="wrap">
        <Text size="xs" fw={600}>
          {t('attempts.number', { n: attempt.number })}
        </Text>
        <Badge size="xs" variant="outline" color="gray">
          {t(`attemptKind.${attempt.kind}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {formatInZone(attempt.startedAt, timezone, 'dd/MM/yyyy HH:mm:ss')}
        </Text>
        <Text size="xs" fw={500} c={outcomeColor(outcome)}>
          {outcomeText}
        </Text>
        {attempt.httpStatus !== null && <Code fz="xs">{t('attempts.http', { status: attempt.httpStatus })}</Code>}
      </Group>
      {attempt.excerpt && (
        <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {attempt.excerpt}
        </Text>
      )}
    </li>
  );
}
