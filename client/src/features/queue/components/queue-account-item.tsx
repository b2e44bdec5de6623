import { Accordion, Badge, Grid, Group, Stack, Text } from '@mantine/core';
import { platformName, type TQueueAccount } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { queueCounts } from '../utils/queue-timeline';
import { SlotEditor } from './slot-editor';
import { UpcomingQueue } from './upcoming-queue';

interface TQueueAccountItemProps {
  account: TQueueAccount;
  timezone: string;
  days: number;
  canEdit: boolean;
}

/** One account: its weekly times and the next days' slots, opened on demand. */
export function QueueAccountItem({ account, timezone, days, canEdit }: TQueueAccountItemProps) {
  const { t } = useTranslation();
  const counts = queueCounts(account);
  return (
    <Accordion.Item value={account.accountId} data-testid="queue-account" data-account-id={account.accountId} data-handle={account.handle}>
      <Accordion.Control data-testid={`queue-account-control-${account.handle}`}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={0} miw={0}>
            <Text fw={500} truncate>
              @{account.handle}
            </Text>
            <Text size="xs" truncate>
              {`${platformName(account.platform)} · ${account.displayName}`}
            </Text>
          </Stack>
          <Group gap="xs">
            {account.status !== 'active' && (
              <Badge variant="dot" color="orange">
                {t(`accountStatus.${account.status}`)}
              </Badge>
            )}
            <Badge variant="dot" color={account.slots.length ? 'blue' : 'gray'}>
              {account.slots.length ? t('queue.slotsPerWeek', { n: account.slots.length }) : t('queue.noSlots')}
            </Badge>
            {account.slots.length > 0 && <Text size="xs">{t('queue.summary', { ...counts, days })}</Text>}
          </Group>
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <SlotEditor accountId={account.accountId} slots={account.slots} timezone={timezone} canEdit={canEdit} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <UpcomingQueue account={account} timezone={timezone} days={days} />
          </Grid.Col>
        </Grid>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
