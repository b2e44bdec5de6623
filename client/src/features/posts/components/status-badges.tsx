import { Badge, type MantineColor } from '@mantine/core';
import type { TDeliveryStatus, TPostStatus } from '@siar/shared';
import { useTranslation } from 'react-i18next';

/** `draft` deliveries exist for draft posts even though the publishing protocol never sets it. */
export type TShownDeliveryStatus = TDeliveryStatus | 'draft';

const postColors: Record<TPostStatus, MantineColor> = {
  draft: 'gray',
  pending_approval: 'yellow',
  scheduled: 'blue',
  publishing: 'cyan',
  published: 'green',
  partially_published: 'orange',
  failed: 'red',
  cancelled: 'gray',
  expired: 'grape',
};

const deliveryColors: Record<TShownDeliveryStatus, MantineColor> = {
  draft: 'gray',
  scheduled: 'blue',
  publishing: 'cyan',
  published: 'green',
  failed: 'red',
  unconfirmed: 'orange',
  missed: 'grape',
  cancelled: 'gray',
};

export function PostStatusBadge({ status }: { status: TPostStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={postColors[status] ?? 'gray'} variant="light" data-testid="post-status">
      {t(`postStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function DeliveryStatusBadge({ status }: { status: TShownDeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={deliveryColors[status] ?? 'gray'} variant="dot" data-testid="delivery-status">
      {t(`deliveryStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}
