import { Group, Stack, Text, Title } from '@mantine/core';
import { ZPlatformId } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { AccountList } from '../../features/accounts/components/account-list';
import { ConnectAccountButton } from '../../features/accounts/components/connect-account-button';
import { ConnectedAlert } from '../../features/accounts/components/connected-alert';
import { MonthSpend } from '../../features/accounts/components/month-spend';
import { useCurrentUser } from '../../features/auth/api/get-me';

export function AccountsRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  // Supervisors watch; connecting and disconnecting is for admins and the OPDs' operators.
  const canManage = me.role !== 'supervisor';

  return (
    <Stack gap="md">
      <title>{`${t('accounts.title')} · ${t('app.name')}`}</title>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('accounts.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('accounts.description')}
          </Text>
        </div>
        {canManage && me.opds.length > 0 && (
          <Group gap="xs">
            {ZPlatformId.options.map((platform) => (
              <ConnectAccountButton key={platform} platform={platform} opds={me.opds} />
            ))}
          </Group>
        )}
      </Group>
      <ConnectedAlert />
      <AccountList canManage={canManage} />
      {/* Every role: the server answers operators with their own OPDs only. */}
      <MonthSpend timezone={me.timezone} />
    </Stack>
  );
}
