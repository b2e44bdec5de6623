import { Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useAccounts } from '../api/get-accounts';
import { groupByOpd } from '../utils/group-by-opd';
import { AccountRow } from './account-row';

/** Every account the user can see, one table per OPD; actions only for those who manage them. */
export function AccountList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const accountsQuery = useAccounts();
  const groups = useMemo(() => groupByOpd(accountsQuery.data ?? []), [accountsQuery.data]);

  if (accountsQuery.isPending) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('accounts.loading')}</Text>
      </Group>
    );
  }
  if (accountsQuery.isError) return <ErrorAlert error={accountsQuery.error} />;
  if (groups.length === 0) {
    return (
      <Text c="dimmed" data-testid="accounts-empty">
        {t('accounts.empty')}
      </Text>
    );
  }

  return (
    <Stack gap="lg">
      {groups.map((group) => (
        <section key={group.opdId} aria-label={group.opdName} data-testid="account-group" data-opd-id={group.opdId}>
          <Title order={2} size="h4" mb="xs">
            {group.opdName}
          </Title>
          <Table.ScrollContainer minWidth={canManage ? 600 : 440}>
            {/* Fixed columns line the OPDs' tables up with each other. */}
            <Table layout="fixed" verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accounts.handle')}</Table.Th>
                  <Table.Th w={90}>{t('accounts.platform')}</Table.Th>
                  <Table.Th w={210}>{t('accounts.status')}</Table.Th>
                  {canManage && (
                    <Table.Th w={170} ta="right">
                      {t('accounts.actions')}
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {group.accounts.map((account) => (
                  <AccountRow key={account.id} account={account} canManage={canManage} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
      ))}
    </Stack>
  );
}
