import { Button, Group, Stack, Text } from '@mantine/core';
import type { TAccount } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { problemMessage } from '../../../lib/problem-message';
import { useConnectAccount } from '../api/connect-account';
import { useDisconnectAccount } from '../api/disconnect-account';

/**
 * Reconnect when the platform no longer accepts the account's access (or soon will not:
 * `offerReconnect`); disconnect while it does.
 */
export function AccountActions({ account, offerReconnect = false }: { account: TAccount; offerReconnect?: boolean }) {
  const { t } = useTranslation();
  const connect = useConnectAccount();
  const disconnect = useDisconnectAccount();
  const [confirming, setConfirming] = useState(false);
  const error = connect.error ?? disconnect.error;
  const platform = t(`platformName.${account.platform}`);

  const runReconnect = () => {
    disconnect.reset();
    connect.mutate({ platform: account.platform, opdId: account.opdId });
  };
  const runDisconnect = () => {
    setConfirming(false);
    connect.reset();
    disconnect.mutate({ accountId: account.id });
  };

  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs" justify="flex-end" wrap={offerReconnect ? 'wrap' : 'nowrap'}>
        {account.status === 'active' && offerReconnect && (
          <Button size="compact-sm" variant="light" loading={connect.isPending || connect.isSuccess} onClick={runReconnect} data-testid="account-reconnect">
            {t('accounts.reconnect')}
          </Button>
        )}
        {account.status === 'active' ? (
          <Button
            size="compact-sm"
            variant="light"
            color="red"
            loading={disconnect.isPending}
            onClick={() => setConfirming(true)}
            data-testid="account-disconnect"
          >
            {t('accounts.disconnect')}
          </Button>
        ) : (
          <Button
            size="compact-sm"
            variant="light"
            loading={connect.isPending || connect.isSuccess}
            onClick={runReconnect}
            data-testid="account-reconnect"
          >
            {t('accounts.reconnect')}
          </Button>
        )}
      </Group>
      {error && (
        <Text size="xs" c="red" role="alert" data-testid="account-action-error">
          {problemMessage(error, t)}
        </Text>
      )}
      <ConfirmModal
        opened={confirming}
        title={t('accounts.disconnectTitle', { handle: account.handle })}
        message={t('accounts.disconnectConfirm', { handle: account.handle, platform })}
        confirmLabel={t('accounts.disconnectYes')}
        color="red"
        confirmTestId="disconnect-confirm"
        onConfirm={runDisconnect}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
