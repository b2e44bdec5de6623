import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { TAdminUser } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ui/error-alert';
import { useAdminOpds } from '../../features/admin/api/get-admin-opds';
import { useAdminUsers } from '../../features/admin/api/get-admin-users';
import { ResetLinkModal } from '../../features/admin/components/reset-link-modal';
import { UserFormModal } from '../../features/admin/components/user-form-modal';
import { UserTable } from '../../features/admin/components/user-table';
import { useCurrentUser } from '../../features/auth/api/get-me';

export function AdminUsersRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const usersQuery = useAdminUsers();
  const opds = useAdminOpds().data ?? [];
  // undefined: no form open; null: a new person.
  const [editing, setEditing] = useState<TAdminUser | null | undefined>(undefined);
  const [resetting, setResetting] = useState<TAdminUser | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const onSaved = (user: TAdminUser, created: boolean) => {
    setEditing(undefined);
    setNotice(created ? t('admin.users.created', { name: user.name }) : t('admin.common.saved'));
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed">
          {t('admin.users.description')}
        </Text>
        <Button onClick={() => setEditing(null)} data-testid="user-add">
          {t('admin.users.add')}
        </Button>
      </Group>
      {notice && (
        <Alert
          color="teal"
          variant="light"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
          data-testid="admin-notice"
        >
          {notice}
        </Alert>
      )}
      {usersQuery.isPending && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('admin.users.loading')}</Text>
        </Group>
      )}
      {usersQuery.isError && <ErrorAlert error={usersQuery.error} />}
      {usersQuery.data && usersQuery.data.length === 0 && <Text c="dimmed">{t('admin.users.empty')}</Text>}
      {usersQuery.data && usersQuery.data.length > 0 && (
        <UserTable users={usersQuery.data} currentUserId={me.id} onEdit={setEditing} onResetLink={setResetting} />
      )}
      {editing !== undefined && (
        <UserFormModal
          key={editing?.id ?? 'new'}
          user={editing}
          opds={opds}
          isSelf={editing?.id === me.id}
          onClose={() => setEditing(undefined)}
          onSaved={onSaved}
        />
      )}
      {resetting && <ResetLinkModal key={resetting.id} user={resetting} timezone={me.timezone} onClose={() => setResetting(null)} />}
    </Stack>
  );
}
