import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { TApprovalItem, TPost } from '@siar/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useApprovals } from '../api/get-approvals';
import { ApprovalCard } from './approval-card';

interface TApprovalQueueProps {
  timezone: string;
  /** How each post looks per platform; the page composes the posts feature's preview. */
  renderPreview: (item: TApprovalItem) => ReactNode;
}

/** The posts waiting for a decision, oldest first; decided ones leave the list. */
export function ApprovalQueue({ timezone, renderPreview }: TApprovalQueueProps) {
  const { t } = useTranslation();
  const query = useApprovals();
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const [notice, setNotice] = useState<{ text: string; color: string } | null>(null);
  const onDecided = (post: TPost, decision: 'approve' | 'reject') => {
    if (decision === 'reject') setNotice({ text: t('approvals.actions.rejectedOk'), color: 'gray' });
    else if (post.status === 'expired') setNotice({ text: t('approvals.actions.expiredOk'), color: 'orange' });
    else setNotice({ text: t('approvals.actions.approvedOk'), color: 'green' });
  };
  return (
    <Stack gap="sm" data-testid="approval-queue">
      {notice && (
        <Alert
          color={notice.color}
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
          data-testid="approval-notice"
        >
          {notice.text}
        </Alert>
      )}
      {query.isPending && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('approvals.queue.loading')}</Text>
        </Group>
      )}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.isSuccess && items.length === 0 && (
        <Text c="dimmed" data-testid="approval-empty">
          {t('approvals.queue.empty')}
        </Text>
      )}
      {items.map((item) => (
        <ApprovalCard key={item.post.id} item={item} timezone={timezone} preview={renderPreview(item)} onDecided={onDecided} />
      ))}
      {query.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
            data-testid="approval-load-more"
          >
            {t('approvals.queue.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
