import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConnectedNotice } from '../hooks/use-connected-notice';
import { ConnectChoicesModal } from './meta-connect-choices-modal';

/**
 * What the platform's way back brings: "Akun @handle berhasil dihubungkan", or, when one consent
 * covered several accounts, the choice of which to add.
 */
export function ConnectedAlert() {
  const { notice, dismiss } = useConnectedNotice();
  return (
    <>
      <ConnectChoicesModal />
      {notice && <ConnectedNotice reconnected={notice.reconnected} handle={notice.handle} onClose={dismiss} />}
    </>
  );
}

function ConnectedNotice({ handle, reconnected, onClose }: { handle: string; reconnected: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="green"
      variant="light"
      role="status"
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
      data-testid="connected-alert"
    >
      {t(reconnected ? 'accounts.reconnected' : 'accounts.connected', { handle })}
    </Alert>
  );
}
