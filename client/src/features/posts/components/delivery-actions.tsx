import { Button, Group, Stack } from '@mantine/core';
import type { TDelivery } from '@siar/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useCancelDelivery } from '../api/cancel-delivery';
import { useRetryDelivery } from '../api/retry-delivery';
import { MarkPublishedModal } from './mark-published-modal';

const RETRYABLE = new Set<string>(['failed', 'unconfirmed', 'missed']);
const CANCELLABLE = new Set<string>(['draft', 'scheduled', 'failed', 'missed']);

interface TDeliveryActionsProps {
  delivery: TDelivery;
  /** Shown at the end of the row (the attempts toggle). */
  children?: ReactNode;
}

/** What a person can do with one delivery in its current state. */
export function DeliveryActions({ delivery, children }: TDeliveryActionsProps) {
  const { t } = useTranslation();
  const retry = useRetryDelivery();
  const cancel = useCancelDelivery();
  const [dialog, setDialog] = useState<'mark-published' | 'confirm-retry' | null>(null);
  const unconfirmed = delivery.status === 'unconfirmed';
  const busy = retry.isPending || cancel.isPending;
  const variables = { deliveryId: delivery.id };

  const runRetry = () => {
    setDialog(null);
    cancel.reset();
    retry.mutate(variables);
  };
  const runCancel = () => {
    retry.reset();
    cancel.mutate(variables);
  };

  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        {unconfirmed && (
          <Button size="compact-xs" variant="light" color="green" disabled={busy} onClick={() => setDialog('mark-published')} data-testid="delivery-mark-published">
            {t('deliveryActions.markPublished')}
          </Button>
        )}
        {RETRYABLE.has(delivery.status) && (
          <Button
            size="compact-xs"
            variant="light"
            loading={retry.isPending}
            disabled={busy}
            onClick={unconfirmed ? () => setDialog('confirm-retry') : runRetry}
            data-testid="delivery-retry"
          >
            {t('deliveryActions.retry')}
          </Button>
        )}
        {CANCELLABLE.has(delivery.status) && (
          <Button size="compact-xs" variant="subtle" color="red" loading={cancel.isPending} disabled={busy} onClick={runCancel} data-testid="delivery-cancel">
            {t('deliveryActions.cancel')}
          </Button>
        )}
        {children}
      </Group>
      <ErrorAlert error={retry.error ?? cancel.error} testId="delivery-action-error" />
      {/* Always mounted, so closing on success still runs after the row's status has changed. */}
      <MarkPublishedModal delivery={delivery} opened={unconfirmed && dialog === 'mark-published'} onClose={() => setDialog(null)} />
      <ConfirmModal
        opened={unconfirmed && dialog === 'confirm-retry'}
        title={t('deliveryActions.retryTitle')}
        message={t('deliveryActions.retryUnconfirmed')}
        confirmLabel={t('deliveryActions.retryYes')}
        color="orange"
        onConfirm={runRetry}
        onClose={() => setDialog(null)}
      />
    </Stack>
  );
}
