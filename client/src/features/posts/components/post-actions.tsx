import { Button, Group, Stack } from '@mantine/core';
import type { TPost } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useCancelPost } from '../api/cancel-post';
import { usePublishPostNow } from '../api/publish-post-now';
import { EditTextModal } from './edit-text-modal';
import { RescheduleModal } from './reschedule-modal';

/** Deliveries the server's post cancel still stops (everything not yet out). */
const CANCELLABLE = new Set<string>(['draft', 'scheduled', 'failed', 'unconfirmed', 'missed']);
const PENDING = new Set<string>(['draft', 'scheduled']);
/** Never sent, or sent and refused: nothing of the post can be live. */
const NOT_OUT = new Set<string>(['failed', 'missed']);

/** The posts the server moves to a new time (publish-now, reschedule): nothing of them went out. */
function canMoveInTime(post: TPost): boolean {
  // A draft whose every delivery was cancelled stays a draft, with nothing left to publish.
  // A post waiting for approval, or expired unapproved, is moved by resubmitting it at a new time.
  if (['draft', 'scheduled', 'pending_approval', 'expired'].includes(post.status)) return post.deliveries.some((delivery) => PENDING.has(delivery.status));
  const remaining = post.deliveries.filter((delivery) => delivery.status !== 'cancelled');
  return post.status === 'failed' && remaining.length > 0 && remaining.every((delivery) => NOT_OUT.has(delivery.status));
}

export function PostActions({ post, timezone }: { post: TPost; timezone: string }) {
  const { t } = useTranslation();
  const publishNow = usePublishPostNow();
  const cancel = useCancelPost();
  const [dialog, setDialog] = useState<'confirm-cancel' | 'reschedule' | 'edit' | null>(null);
  const canMove = canMoveInTime(post);
  // Waiting for (or past) approval: publishing "now" would only submit it again for a time already gone.
  const canPublishNow = canMove && post.status !== 'pending_approval' && post.status !== 'expired';
  const canCancel = post.deliveries.some((delivery) => CANCELLABLE.has(delivery.status));
  const busy = publishNow.isPending || cancel.isPending;
  const error = publishNow.error ?? cancel.error;

  const runPublishNow = () => {
    cancel.reset();
    publishNow.mutate({ postId: post.id });
  };
  const runCancel = () => {
    setDialog(null);
    publishNow.reset();
    cancel.mutate({ postId: post.id });
  };

  return (
    <Stack gap={4}>
      <ErrorAlert error={error} testId="post-action-error" />
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="subtle" component={Link} to={`/posts?duplicate=${encodeURIComponent(post.id)}`} disabled={busy} data-testid="post-duplicate">
          {t('postActions.duplicate')}
        </Button>
        {canCancel && (
          <Button size="xs" variant="light" color="red" loading={cancel.isPending} disabled={busy} onClick={() => setDialog('confirm-cancel')} data-testid="post-cancel">
            {t('postActions.cancel')}
          </Button>
        )}
        {canMove && (
          <Button size="xs" variant="default" disabled={busy} onClick={() => setDialog('edit')} data-testid="post-edit">
            {t('postActions.edit')}
          </Button>
        )}
        {canMove && (
          <Button size="xs" variant="default" disabled={busy} onClick={() => setDialog('reschedule')} data-testid="post-reschedule">
            {t('postActions.reschedule')}
          </Button>
        )}
        {canPublishNow && (
          <Button size="xs" loading={publishNow.isPending} disabled={busy} onClick={runPublishNow} data-testid="post-publish-now">
            {t('postActions.publishNow')}
          </Button>
        )}
      </Group>
      <RescheduleModal post={post} timezone={timezone} opened={dialog === 'reschedule'} onClose={() => setDialog(null)} />
      <EditTextModal post={post} opened={dialog === 'edit'} onClose={() => setDialog(null)} />
      <ConfirmModal
        opened={dialog === 'confirm-cancel'}
        title={t('postActions.cancelTitle')}
        message={t('postActions.cancelConfirm')}
        confirmLabel={t('postActions.cancelYes')}
        color="red"
        onConfirm={runCancel}
        onClose={() => setDialog(null)}
      />
    </Stack>
  );
}
