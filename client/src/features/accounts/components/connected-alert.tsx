import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConnectedNotice } from '../hooks/use-connected-notice';

/** "Akun @handle berhasil dihubungkan", after the platform sent the user back. */
export function ConnectedAlert() {
  const { t } = useTranslation();
  const { notice, dismiss } = useConnectedNotice();
  if (!notice) return null;
  return (
    <Alert
      color="green"
      variant="light"
      role="status"
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={dismiss}
      data-testid="connected-alert"
    >
      {t(notice.reconnected ? 'accounts.reconnected' : 'accounts.connected', { handle: notice.handle })}
    </Alert>
  );
}
