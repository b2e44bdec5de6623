import { Badge, Group } from '@mantine/core';
import type { TActivityFlags } from '@siar/shared';
import { useTranslation } from 'react-i18next';

/** "tidak aktif", "gagal berulang", "perlu dihubungkan ulang", as badges (nothing when none is up). */
export function ActivityFlags({ flags }: { flags: TActivityFlags }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {flags.inactive && (
        <Badge color="gray" variant="light" size="sm" data-testid="flag-inactive">
          {t('activity.flags.inactive')}
        </Badge>
      )}
      {flags.repeatedFailures && (
        <Badge color="red" variant="light" size="sm" data-testid="flag-repeated-failures">
          {t('activity.flags.repeatedFailures')}
        </Badge>
      )}
      {flags.needsReconnect && (
        <Badge color="orange" variant="light" size="sm" data-testid="flag-needs-reconnect">
          {t('activity.flags.needsReconnect')}
        </Badge>
      )}
    </Group>
  );
}
