import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { TAdminOpd } from '@siar/shared';
import { useTranslation } from 'react-i18next';

type TAccountStatus = 'active' | 'needs_reconnect' | 'disabled';
const STATUS_COLOR: Record<TAccountStatus, string> = { active: 'teal', needs_reconnect: 'orange', disabled: 'gray' };

function AccountBadges({ accounts }: { accounts: TAdminOpd['accounts'] }) {
  const { t } = useTranslation();
  if (accounts.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('admin.opds.noAccounts')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {accounts.map((account) => {
        const status = account.status as TAccountStatus;
        return (
          <Badge
            key={account.id}
            variant="light"
            color={STATUS_COLOR[status] ?? 'gray'}
            tt="none"
            title={t(`accountStatus.${status}`)}
            data-testid="opd-account"
          >
            {`@${account.handle}`}
          </Badge>
        );
      })}
    </Group>
  );
}

/** Every OPD with its settings, accounts and number of operators; edit per row. */
export function OpdTable({ opds, onEdit }: { opds: TAdminOpd[]; onEdit: (opd: TAdminOpd) => void }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="opd-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.opds.name')}</Table.Th>
            <Table.Th w={120}>{t('admin.opds.approvalColumn')}</Table.Th>
            <Table.Th w={120} ta="right">
              {t('admin.opds.weeklyTargetColumn')}
            </Table.Th>
            <Table.Th w={100} ta="right">
              {t('admin.opds.operators')}
            </Table.Th>
            <Table.Th>{t('admin.opds.accounts')}</Table.Th>
            <Table.Th w={90} ta="right">
              {t('admin.opds.actions')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {opds.map((opd) => (
            <Table.Tr key={opd.id} data-testid="opd-row" data-code={opd.code}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {opd.name}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {opd.code}
                </Text>
              </Table.Td>
              <Table.Td>{opd.requiresApproval ? t('admin.common.yes') : t('admin.common.no')}</Table.Td>
              <Table.Td ta="right">{opd.weeklyTarget}</Table.Td>
              <Table.Td ta="right">{opd.operatorCount}</Table.Td>
              <Table.Td>
                <AccountBadges accounts={opd.accounts} />
              </Table.Td>
              <Table.Td ta="right">
                <Button variant="subtle" size="xs" onClick={() => onEdit(opd)} data-testid="opd-edit">
                  {t('admin.common.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
