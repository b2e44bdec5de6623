import { Button } from '@mantine/core';
import type { TOpdRef, TPlatformId } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectAccountModal } from './connect-account-modal';

/** "Hubungkan akun X": for admins and operators, with at least one OPD to connect it to. */
export function ConnectAccountButton({ platform, opds }: { platform: TPlatformId; opds: TOpdRef[] }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button onClick={() => setOpened(true)} data-testid={`accounts-connect-${platform}`}>
        {t('accounts.connect', { platform: t(`platformName.${platform}`) })}
      </Button>
      <ConnectAccountModal platform={platform} opds={opds} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
