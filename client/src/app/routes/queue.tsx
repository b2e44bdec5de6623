import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { QueueOverview } from '../../features/queue/components/queue-overview';

export function QueueRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Stack gap="md" data-testid="queue-page">
      <title>{`${t('queue.title')} · ${t('app.name')}`}</title>
      <div>
        <Title order={1} size="h2">
          {t('queue.title')}
        </Title>
        <Text size="sm">{t('queue.description')}</Text>
      </div>
      {/* Supervisors watch; admins and the OPDs' operators set the times (the server enforces it). */}
      <QueueOverview canEdit={me.role !== 'supervisor'} />
    </Stack>
  );
}
