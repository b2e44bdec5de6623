import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { formatInZone, type TApprovalItem, type TPost } from '@siar/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useDecidePost } from '../api/decide-post';
import { ApprovalReasons } from './approval-reasons';
import { RejectModal } from './reject-modal';

interface TApprovalCardProps {
  item: TApprovalItem;
  timezone: string;
  /** The post as each platform will show it, supplied by the page. */
  preview: ReactNode;
  /** Told of the post as decided, before it leaves the list. */
  onDecided: (post: TPost, decision: 'approve' | 'reject') => void;
}

/** One pending post: who, for which OPD, when, why it waits, how it will look; approve or reject. */
export function ApprovalCard({ item, timezone, preview, onDecided }: TApprovalCardProps) {
  const { t } = useTranslation();
  const decide = useDecidePost();
  const [rejecting, setRejecting] = useState(false);
  const { post } = item;
  const late = post.scheduledAt !== null && Date.parse(post.scheduledAt) <= Date.now();
  // Through the promise, not mutate's callbacks: the card leaves the list (refetched when the
  // decision settles) before those would run, and the queue must still hear of it.
  const run = (input: { decision: 'approve' } | { decision: 'reject'; comment: string }) =>
    decide
      .mutateAsync({ postId: post.id, revision: post.revision, ...input })
      .then((decided) => {
        setRejecting(false);
        onDecided(decided, input.decision);
      })
      .catch(() => undefined);

  return (
    <Card withBorder padding="md" component="article" data-testid="approval-item" data-post-id={post.id}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Badge variant="light">{item.opd.code || item.opd.name}</Badge>
            <Text size="sm" fw={600}>
              {item.opd.name}
            </Text>
          </Group>
          <Text size="sm" c={late ? 'red' : 'dimmed'} data-testid="approval-scheduled-at">
            {post.scheduledAt ? t('approvals.queue.scheduledAt', { time: formatInZone(post.scheduledAt, timezone) }) : ''}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('approvals.queue.author', { name: post.authorName })}
          {post.threadParts.length > 0 && ` · ${t('approvals.queue.thread', { count: post.threadParts.length + 1 })}`}
          {item.media.length > 0 && ` · ${t('approvals.queue.media', { count: item.media.length })}`}
        </Text>
        <ApprovalReasons needs={item.needs} />
        {late && (
          <Alert color="red" variant="light" p="xs">
            {t('approvals.queue.late')}
          </Alert>
        )}
        {preview}
        <ErrorAlert error={decide.error} testId="approval-error" />
        <Group justify="flex-end" gap="xs">
          <Button variant="light" color="red" disabled={decide.isPending} onClick={() => setRejecting(true)} data-testid="approval-reject">
            {t('approvals.actions.reject')}
          </Button>
          <Button
            color="green"
            loading={decide.isPending && decide.variables?.decision === 'approve'}
            disabled={decide.isPending}
            onClick={() => run({ decision: 'approve' })}
            data-testid="approval-approve"
          >
            {t('approvals.actions.approve')}
          </Button>
        </Group>
      </Stack>
      <RejectModal
        opened={rejecting}
        busy={decide.isPending}
        onReject={(comment) => run({ decision: 'reject', comment })}
        onClose={() => setRejecting(false)}
      />
    </Card>
  );
}
