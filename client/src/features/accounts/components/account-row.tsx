import { Table, Text } from '@mantine/core';
import type { TAccount } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { AccountActions } from './account-actions';
import { reconnectDaysLeft } from '../utils/reconnect-reminder';
import { AccountStatusBadge } from './account-status-badge';

export function AccountRow({ account, canManage }: { account: TAccount; canManage: boolean }) {
  const { t } = useTranslation();
  // From a week before a grant Siar cannot renew ends (Facebook Login), people are told to reconnect.
  const daysLeft = account.status === 'active' ? reconnectDaysLeft(account.reconnectBy) : null;
  return (
    <Table.Tr data-testid="account-row" data-handle={account.handle} data-status={account.status} data-account-id={account.id}>
      <Table.Td>
        <Text size="sm" fw={500} truncate>
          @{account.handle}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {account.displayName}
        </Text>
      </Table.Td>
      <Table.Td>{t(`platformName.${account.platform}`)}</Table.Td>
      <Table.Td>
        <AccountStatusBadge status={account.status} />
        {daysLeft !== null && (
          <Text size="xs" c="dimmed" fw={600} mt={2} data-testid="account-reconnect-reminder" data-days={daysLeft}>
            {daysLeft < 0 ? t('accounts.reconnectOverdue') : t('accounts.reconnectWithin', { count: daysLeft })}
          </Text>
        )}
      </Table.Td>
      {canManage && (
        <Table.Td>
          <AccountActions account={account} offerReconnect={daysLeft !== null} />
        </Table.Td>
      )}
    </Table.Tr>
  );
}
