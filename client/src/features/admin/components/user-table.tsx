import { Badge, Group, Table, Text } from '@mantine/core';
import type { TAdminUser } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { UserRowActions } from './user-row-actions';

function OpdCell({ user }: { user: TAdminUser }) {
  const { t } = useTranslation();
  if (user.role !== 'operator') {
    return (
      <Text size="sm" c="dimmed">
        {t('admin.users.allOpds')}
      </Text>
    );
  }
  if (user.opds.length === 0) {
    return (
      <Text size="sm" c="orange">
        {t('admin.users.noOpds')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {user.opds.map((opd) => (
        <Badge key={opd.id} variant="outline" size="sm" tt="none" title={opd.name}>
          {opd.code}
        </Badge>
      ))}
    </Group>
  );
}

/** Every person: role, OPDs, status, and what an admin can do with them. */
export function UserTable({
  users,
  currentUserId,
  onEdit,
  onResetLink,
}: {
  users: TAdminUser[];
  currentUserId: string;
  onEdit: (user: TAdminUser) => void;
  onResetLink: (user: TAdminUser) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="user-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.users.name')}</Table.Th>
            <Table.Th w={120}>{t('admin.users.role')}</Table.Th>
            <Table.Th>{t('admin.users.opds')}</Table.Th>
            <Table.Th w={110}>{t('admin.users.status')}</Table.Th>
            <Table.Th w={300} ta="right">
              {t('admin.users.actions')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid="user-row" data-username={user.username} data-disabled={user.disabled}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500} c={user.disabled ? 'dimmed' : undefined}>
                    {user.name}
                  </Text>
                  {user.id === currentUserId && (
                    <Badge size="xs" variant="light">
                      {t('admin.users.you')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" ff="monospace">
                  {user.username}
                </Text>
              </Table.Td>
              <Table.Td>{t(`role.${user.role}`)}</Table.Td>
              <Table.Td>
                <OpdCell user={user} />
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={user.disabled ? 'gray' : 'teal'} data-testid="user-status">
                  {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <UserRowActions user={user} isSelf={user.id === currentUserId} onEdit={onEdit} onResetLink={onResetLink} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
