import { Button, Collapse, Group, Loader, Stack, Text } from '@mantine/core';
import { formatInZone, type TPostHistoryEvent } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { usePostHistory } from '../api/get-post-history';

const KNOWN = new Set([
  'created',
  'updated',
  'submitted',
  'approved',
  'rejected',
  'cancelled',
  'published',
  'failed',
  'unconfirmed',
  'expired',
]);

function useEventLabel() {
  const { t } = useTranslation();
  return (event: TPostHistoryEvent): string => {
    const verb = event.action.replace(/^post\./, '');
    const label = KNOWN.has(verb) ? t(`approvals.history.actions.${verb}` as 'approvals.history.actions.created') : event.action;
    const handle = typeof event.details.handle === 'string' ? ` · @${event.details.handle}` : '';
    const self = event.details.self === true ? ` ${t('approvals.history.self')}` : '';
    return `${label}${self}${handle}`;
  };
}

/** "Riwayat": the post's own audit events, oldest first, with who did each and when. */
export function PostHistory({ postId, timezone }: { postId: string; timezone: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const history = usePostHistory(postId, { enabled: opened });
  const labelOf = useEventLabel();
  const items = history.data?.items ?? [];
  return (
    <Stack gap={4}>
      <Group>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => setOpened((value) => !value)}
          aria-expanded={opened}
          data-testid="post-history-toggle"
        >
          {opened ? t('approvals.history.hide') : t('approvals.history.toggle')}
        </Button>
      </Group>
      <Collapse expanded={opened}>
        {history.isPending && opened && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="xs">{t('approvals.history.loading')}</Text>
          </Group>
        )}
        {history.isError && <ErrorAlert error={history.error} />}
        {history.isSuccess && items.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('approvals.history.empty')}
          </Text>
        )}
        <Stack component="ol" gap={2} m={0} pl="md" data-testid="post-history">
          {items.map((event) => (
            <Text component="li" size="xs" key={event.seq} data-action={event.action}>
              <Text span size="xs" c="dimmed">
                {formatInZone(event.at, timezone, 'dd/MM HH:mm')}
              </Text>{' '}
              <Text span size="xs" fw={500}>
                {labelOf(event)}
              </Text>{' '}
              <Text span size="xs" c="dimmed">
                — {event.actorName ?? t('approvals.history.system')}
              </Text>
              {typeof event.details.comment === 'string' && (
                <Text size="xs" fs="italic" style={{ overflowWrap: 'anywhere' }}>
                  “{event.details.comment}”
                </Text>
              )}
            </Text>
          ))}
        </Stack>
      </Collapse>
    </Stack>
  );
}
