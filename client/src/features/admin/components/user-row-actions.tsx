import { Button, Group } from '@mantine/core';
import type { TAdminUser } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useSetUserActive } from '../api/set-user-active';

interface TUserRowActionsProps {
  user: TAdminUser;
  isSelf: boolean;
  onEdit: (user: TAdminUser) => void;
  onResetLink: (user: TAdminUser) => void;
}

/** Edit, reset link and (de)activation; an admin's own row has no deactivation. */
export function UserRowActions({ user, isSelf, onEdit, onResetLink }: TUserRowActionsProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const setActive = useSetUserActive();

  return (
    <>
      <Group gap={4} justify="flex-end" wrap="nowrap">
        <Button variant="subtle" size="xs" onClick={() => onEdit(user)} data-testid="user-edit">
          {t('admin.common.edit')}
        </Button>
        {!user.disabled && (
          <Button variant="subtle" size="xs" onClick={() => onResetLink(user)} data-testid="user-reset-link">
            {t('admin.users.resetLink')}
          </Button>
        )}
        {!isSelf &&
          (user.disabled ? (
            <Button
              variant="subtle"
              size="xs"
              color="teal"
              loading={setActive.isPending}
              onClick={() => setActive.mutate({ userId: user.id, active: true })}
              data-testid="user-reactivate"
            >
              {t('admin.users.reactivate')}
            </Button>
          ) : (
            <Button variant="subtle" size="xs" color="red" onClick={() => setConfirming(true)} data-testid="user-deactivate">
              {t('admin.users.deactivate')}
            </Button>
          ))}
      </Group>
      {setActive.isError && <ErrorAlert error={setActive.error} />}
      <ConfirmModal
        opened={confirming}
        title={t('admin.users.deactivateTitle', { name: user.name })}
        message={t('admin.users.deactivateConfirm', { name: user.name })}
        confirmLabel={t('admin.users.deactivateYes')}
        color="red"
        confirmTestId="user-deactivate-confirm"
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          setActive.mutate({ userId: user.id, active: false });
        }}
      />
    </>
  );
}
