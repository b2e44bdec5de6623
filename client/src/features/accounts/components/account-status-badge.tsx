import { Badge, type MantineColor } from '@mantine/core';
import type { TAccount } from '@siar/shared';
import { useTranslation } from 'react-i18next';

const colors: Record<TAccount['status'], MantineColor> = {
  active: 'green',
  needs_reconnect: 'orange',
  disabled: 'gray',
};

export function AccountStatusBadge({ status }: { status: TAccount['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status] ?? 'gray'} variant="light" data-testid="account-status">
      {t(`accountStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}
