import { Table, Text } from '@mantine/core';
import type { TAccount } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { AccountActions } from './account-actions';
import { AccountStatusBadge } from './account-status-badge';

export function AccountRow({ account, canManage }: { account: TAccount; canManage: boolean }) {
  const { t } = useTranslation();
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
      </Table.Td>
      {canManage && (
        <Table.Td>
          <AccountActions account={account} />
        </Table.Td>
      )}
    </Table.Tr>
  );
}
