import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import type { TOpdRef, TPlatformId } from '@siar/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemFieldErrors, problemMessage } from '../../../lib/problem-message';
import { useConnectAccount } from '../api/connect-account';

interface TConnectAccountModalProps {
  platform: TPlatformId;
  opds: TOpdRef[];
  opened: boolean;
  onClose: () => void;
}

/** Chooses the OPD the new account will belong to, then leaves for the platform's consent page. */
export function ConnectAccountModal({ platform, opds, opened, onClose }: TConnectAccountModalProps) {
  const { t } = useTranslation();
  const connect = useConnectAccount();
  const [opdId, setOpdId] = useState<string | null>(opds.length === 1 ? (opds[0]?.id ?? null) : null);
  const [missingOpd, setMissingOpd] = useState(false);
  const platformName = t(`platformName.${platform}`);
  const fieldErrors = problemFieldErrors(connect.error);
  const opdError = missingOpd ? t('validation.required') : fieldErrors.opdId;
  const leaving = connect.isPending || connect.isSuccess;

  const close = () => {
    connect.reset();
    setMissingOpd(false);
    onClose();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissingOpd(!opdId);
    if (opdId) connect.mutate({ platform, opdId });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('accounts.connectTitle', { platform: platformName })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack>
          <Text size="sm">{t('accounts.connectDescription', { platform: platformName })}</Text>
          <Select
            label={t('accounts.opd')}
            placeholder={t('accounts.opdPlaceholder')}
            data={opds.map((opd) => ({ value: opd.id, label: opd.name }))}
            value={opdId}
            onChange={(value) => {
              setOpdId(value);
              setMissingOpd(false);
            }}
            searchable={opds.length > 8}
            allowDeselect={false}
            error={opdError}
            required
            data-autofocus
            data-testid="connect-opd-select"
          />
          {connect.isError && !fieldErrors.opdId && (
            <Alert color="red" variant="light" role="alert" data-testid="connect-error">
              {fieldErrors.platform ?? problemMessage(connect.error, t)}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.back')}
            </Button>
            <Button type="submit" loading={leaving} data-testid="connect-submit">
              {t('accounts.connectSubmit', { platform: platformName })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
