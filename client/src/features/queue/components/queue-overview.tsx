import { Accordion, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { QUEUE_DAYS_DEFAULT, type TQueueAccount } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useQueue } from '../api/get-queue';
import { QueueAccountItem } from './queue-account-item';

/** Accounts by OPD name, as the server lists them (OPD, then handle). */
function byOpd(items: TQueueAccount[]): { opdId: string; opdName: string; accounts: TQueueAccount[] }[] {
  const groups = new Map<string, { opdId: string; opdName: string; accounts: TQueueAccount[] }>();
  for (const item of items) {
    const group = groups.get(item.opdId) ?? { opdId: item.opdId, opdName: item.opdName, accounts: [] };
    group.accounts.push(item);
    groups.set(item.opdId, group);
  }
  return [...groups.values()];
}

/** Every account in the user's scope, grouped by OPD; one opened at a time (panels mount when opened). */
export function QueueOverview({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const days = QUEUE_DAYS_DEFAULT;
  const queueQuery = useQueue(days);
  const [opened, setOpened] = useState<string | null>(null);

  if (queueQuery.isPending) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('queue.loading')}</Text>
      </Group>
    );
  }
  if (queueQuery.isError) return <ErrorAlert error={queueQuery.error} />;
  const groups = byOpd(queueQuery.data.items);
  if (groups.length === 0) {
    return <Text data-testid="queue-empty">{t('queue.empty')}</Text>;
  }

  return (
    <Stack gap="lg">
      {groups.map((group) => (
        <section key={group.opdId} aria-label={group.opdName} data-testid="queue-group" data-opd-id={group.opdId}>
          <Title order={2} size="h4" mb="xs">
            {group.opdName}
          </Title>
          <Accordion variant="separated" keepMounted={false} value={opened} onChange={setOpened}>
            {group.accounts.map((account) => (
              <QueueAccountItem
                key={account.accountId}
                account={account}
                timezone={queueQuery.data.timezone}
                days={days}
                canEdit={canEdit}
              />
            ))}
          </Accordion>
        </section>
      ))}
    </Stack>
  );
}
