import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { TAdminOpd } from '@siar/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ui/error-alert';
import { useAdminOpds } from '../../features/admin/api/get-admin-opds';
import { OpdFormModal } from '../../features/admin/components/opd-form-modal';
import { OpdTable } from '../../features/admin/components/opd-table';
import { authKeys } from '../../features/auth/api/auth-keys';

export function AdminOpdsRoute() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const opdsQuery = useAdminOpds();
  // undefined: no form open; null: a new OPD.
  const [editing, setEditing] = useState<TAdminOpd | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);

  const onSaved = (opd: TAdminOpd, created: boolean) => {
    setEditing(undefined);
    setNotice(created ? t('admin.opds.created', { name: opd.name }) : t('admin.common.saved'));
    // The signed-in user's OPD list (pickers, filters) includes every OPD for admins.
    void queryClient.invalidateQueries({ queryKey: authKeys.me() });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed">
          {t('admin.opds.description')}
        </Text>
        <Button onClick={() => setEditing(null)} data-testid="opd-add">
          {t('admin.opds.add')}
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
      {opdsQuery.isPending && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('admin.opds.loading')}</Text>
        </Group>
      )}
      {opdsQuery.isError && <ErrorAlert error={opdsQuery.error} />}
      {opdsQuery.data && opdsQuery.data.length === 0 && <Text c="dimmed">{t('admin.opds.empty')}</Text>}
      {opdsQuery.data && opdsQuery.data.length > 0 && <OpdTable opds={opdsQuery.data} onEdit={setEditing} />}
      {editing !== undefined && (
        <OpdFormModal key={editing?.id ?? 'new'} opd={editing} onClose={() => setEditing(undefined)} onSaved={onSaved} />
      )}
    </Stack>
  );
}
