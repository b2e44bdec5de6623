import { Button, Group, Stack } from '@mantine/core';
import type { TPost } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useCancelPost } from '../api/cancel-post';
import { usePublishPostNow } from '../api/publish-post-now';

/** Deliveries the server's post cancel still stops (everything not yet out). */
const CANCELLABLE = new Set<string>(['draft', 'scheduled', 'failed', 'unconfirmed', 'missed']);
const PENDING = new Set<string>(['draft', 'scheduled']);

export function PostActions({ post }: { post: TPost }) {
  const { t } = useTranslation();
  const publishNow = usePublishPostNow();
  const cancel = useCancelPost();
  const [confirming, setConfirming] = useState(false);
  // A draft whose every delivery was cancelled stays a draft, with nothing left to publish.
  const canPublishNow = (post.status === 'draft' || post.status === 'scheduled') && post.deliveries.some((delivery) => PENDING.has(delivery.status));
  const canCancel = post.deliveries.some((delivery) => CANCELLABLE.has(delivery.status));
  const busy = publishNow.isPending || cancel.isPending;
  const error = publishNow.error ?? cancel.error;
  if (!canPublishNow && !canCancel && !error) return null;

  const runPublishNow = () => {
    cancel.reset();
    publishNow.mutate({ postId: post.id });
  };
  const runCancel = () => {
    setConfirming(false);
    publishNow.reset();
    cancel.mutate({ postId: post.id });
  };

  return (
    <Stack gap={4}>
      <ErrorAlert error={error} testId="post-action-error" />
      <Group justify="flex-end" gap="xs">
        {canCancel && (
          <Button size="xs" variant="light" color="red" loading={cancel.isPending} disabled={busy} onClick={() => setConfirming(true)} data-testid="post-cancel">
            {t('postActions.cancel')}
          </Button>
        )}
        {canPublishNow && (
          <Button size="xs" loading={publishNow.isPending} disabled={busy} onClick={runPublishNow} data-testid="post-publish-now">
            {t('postActions.publishNow')}
          </Button>
        )}
      </Group>
      <ConfirmModal
        opened={confirming}
        title={t('postActions.cancelTitle')}
        message={t('postActions.cancelConfirm')}
        confirmLabel={t('postActions.cancelYes')}
        color="red"
        onConfirm={runCancel}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
