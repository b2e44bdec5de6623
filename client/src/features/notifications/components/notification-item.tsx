import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { formatInZone, type TNotification } from '@siar/shared';
import { useTranslation } from 'react-i18next';

interface TNotificationItemProps {
  notification: TNotification;
  timezone: string;
  onOpen: (notification: TNotification) => void;
}

/** One line of the bell's list: what happened, when; unread ones are marked and bold. */
export function NotificationItem({ notification, timezone, onOpen }: TNotificationItemProps) {
  const { t } = useTranslation();
  const unread = notification.readAt === null;
  return (
    <UnstyledButton
      onClick={() => onOpen(notification)}
      p="xs"
      w="100%"
      style={{ borderRadius: 'var(--mantine-radius-sm)' }}
      data-testid="notification-item"
      data-kind={notification.kind}
      data-unread={unread || undefined}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Box
          w={8}
          h={8}
          mt={6}
          style={{ flex: 'none', borderRadius: '50%', background: unread ? 'var(--mantine-color-blue-6)' : 'transparent' }}
        />
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={unread ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
            {t(`notifications.kinds.${notification.kind}`, { ...notification.params, defaultValue: notification.kind })}
          </Text>
          <Text size="xs" c="dimmed">
            {formatInZone(notification.createdAt, timezone, 'dd/MM HH:mm')}
          </Text>
        </div>
      </Group>
    </UnstyledButton>
  );
}
