import { Alert, Button, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { problemFieldErrors } from '../../../lib/problem-message';
import { useNotificationSettings, useSaveNotificationSettings } from '../api/notification-settings';

/** Where one's notifications are also e-mailed (when the server sends e-mail at all). */
export function NotificationSettingsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const settings = useNotificationSettings({ enabled: opened });
  const save = useSaveNotificationSettings();
  const [email, setEmail] = useState('');
  useEffect(() => {
    if (opened && settings.data) setEmail(settings.data.email ?? '');
  }, [opened, settings.data]);
  const fieldError = save.error ? problemFieldErrors(save.error).email : undefined;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('notifications.settings.title')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {settings.isPending && <Loader size="sm" />}
      {settings.isError && <ErrorAlert error={settings.error} />}
      {settings.data && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ email: email.trim() === '' ? null : email.trim() });
          }}
        >
          <Stack>
            {!settings.data.emailEnabled && (
              <Alert color="gray" variant="light" p="xs" data-testid="notification-email-off">
                {t('notifications.settings.off')}
              </Alert>
            )}
            <TextInput
              type="email"
              label={t('notifications.settings.label')}
              description={t('notifications.settings.hint')}
              value={email}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
                save.reset();
              }}
              error={fieldError}
              autoComplete="email"
              data-testid="notification-email"
            />
            {save.error && !fieldError && <ErrorAlert error={save.error} />}
            <Group justify="flex-end" gap="xs">
              {save.isSuccess && (
                <Text size="sm" c="green" role="status">
                  {t('notifications.settings.saved')}
                </Text>
              )}
              <Button type="submit" loading={save.isPending} data-testid="notification-email-save">
                {t('notifications.settings.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
