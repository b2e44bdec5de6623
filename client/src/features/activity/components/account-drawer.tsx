import { Anchor, Badge, Drawer, Loader, Stack, Text, Title } from '@mantine/core';
import { formatInZone, type TActivityAccount, type TActivityDelivery } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useActivityDeliveries } from '../api/get-activity-deliveries';

function DeliveryList({ account, range, outcome, timezone }: { account: TActivityAccount; range: { from: string; to: string }; outcome: 'published' | 'failed'; timezone: string }) {
  const { t } = useTranslation();
  const query = useActivityDeliveries({ ...range, accountId: account.id, outcome, limit: 100 });
  if (query.isPending) return <Loader size="xs" />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (query.data.items.length === 0) return <Text size="sm" c="dimmed">{t(outcome === 'published' ? 'activity.drawer.noPublished' : 'activity.drawer.noFailures')}</Text>;
  return (
    <Stack gap="xs" component="ul" p={0} style={{ listStyle: 'none' }}>
      {query.data.items.map((d: TActivityDelivery) => (
        <li key={d.id} data-testid={`activity-${outcome}-item`}>
          <Text size="xs" c="dimmed">
            {formatInZone((outcome === 'published' ? d.publishedAt : d.scheduledAt) ?? '', timezone)}
            {d.status === 'unconfirmed' && (
              <Badge ml={6} size="xs" color="yellow" variant="light">
                {t('activity.drawer.unconfirmed')}
              </Badge>
            )}
          </Text>
          <Text size="sm">{d.excerpt}</Text>
          {d.externalUrl && (
            <Anchor href={d.externalUrl} target="_blank" rel="noreferrer" size="sm">
              {t('activity.drawer.open')}
            </Anchor>
          )}
          {d.error && (
            <Text size="sm" c="red">
              {d.error.label}
              {d.error.message ? `: ${d.error.message}` : ''}
            </Text>
          )}
        </li>
      ))}
    </Stack>
  );
}

/** An account's published posts (with links to the live posts) and its failures with reasons. */
export function AccountDrawer({ account, range, timezone, onClose }: { account: TActivityAccount | null; range: { from: string; to: string }; timezone: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer opened={account !== null} onClose={onClose} position="right" size="lg" title={account ? t('activity.drawer.title', { handle: `@${account.handle}` }) : ''}>
      {account && (
        <Stack gap="md" data-testid="activity-account-drawer">
          <Title order={3} size="h5">
            {t('activity.drawer.failures')}
          </Title>
          <DeliveryList account={account} range={range} outcome="failed" timezone={timezone} />
          <Title order={3} size="h5">
            {t('activity.drawer.published')}
          </Title>
          <DeliveryList account={account} range={range} outcome="published" timezone={timezone} />
        </Stack>
      )}
    </Drawer>
  );
}
