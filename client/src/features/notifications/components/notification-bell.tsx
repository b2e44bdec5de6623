import { ActionIcon, Button, Divider, Group, Indicator, Loader, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import type { TNotification } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useNotifications, useUnreadCount } from '../api/get-notifications';
import { useMarkNotificationsRead } from '../api/mark-read';
import { BellIcon } from './bell-icon';
import { NotificationItem } from './notification-item';
import { NotificationSettingsModal } from './notification-settings-modal';

/** The header's bell: unread count (polled every 30 s), the list, mark read, e-mail settings. */
export function NotificationBell({ timezone }: { timezone: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [settingsOpened, setSettingsOpened] = useState(false);
  const unread = useUnreadCount().data ?? 0;
  const list = useNotifications({ enabled: opened });
  const markRead = useMarkNotificationsRead();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const open = (notification: TNotification) => {
    if (notification.readAt === null) markRead.mutate({ ids: [notification.id] });
    setOpened(false);
    void navigate(notification.link);
  };

  return (
    <>
      {/* The count decorates the bell; the button itself is the popover's target (aria-expanded belongs on it). */}
      <Indicator
        label={unread > 99 ? '99+' : unread}
        size={16}
        color="red"
        disabled={unread === 0}
        offset={4}
        data-testid="notification-count"
        data-count={unread}
      >
        <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal>
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={() => setOpened((value) => !value)}
              aria-label={
                unread > 0 ? `${t('notifications.bell')}: ${t('notifications.unread', { count: unread })}` : t('notifications.bell')
              }
              data-testid="notification-bell"
            >
              <BellIcon />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown p="xs" data-testid="notification-dropdown">
            <Stack gap={4}>
              <Group justify="space-between" px="xs">
                <Text fw={600} size="sm">
                  {t('notifications.title')}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  disabled={unread === 0}
                  loading={markRead.isPending && markRead.variables !== undefined && 'all' in markRead.variables}
                  onClick={() => markRead.mutate({ all: true })}
                  data-testid="notification-read-all"
                >
                  {t('notifications.markAllRead')}
                </Button>
              </Group>
              <Divider />
              {list.isPending && (
                <Group gap="xs" p="xs">
                  <Loader size="xs" />
                  <Text size="sm">{t('notifications.loading')}</Text>
                </Group>
              )}
              {list.isError && <ErrorAlert error={list.error} />}
              {list.isSuccess && items.length === 0 && (
                <Text size="sm" c="dimmed" p="xs">
                  {t('notifications.empty')}
                </Text>
              )}
              {items.length > 0 && (
                <ScrollArea.Autosize mah={360} type="auto">
                  <Stack gap={0}>
                    {items.map((item) => (
                      <NotificationItem key={item.id} notification={item} timezone={timezone} onOpen={open} />
                    ))}
                    {list.hasNextPage && (
                      <Button variant="subtle" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                        {t('notifications.loadMore')}
                      </Button>
                    )}
                  </Stack>
                </ScrollArea.Autosize>
              )}
              <Divider />
              <Group justify="flex-end" px="xs">
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => {
                    setOpened(false);
                    setSettingsOpened(true);
                  }}
                  data-testid="notification-settings"
                >
                  {t('notifications.emailSettings')}
                </Button>
              </Group>
            </Stack>
          </Popover.Dropdown>
        </Popover>
      </Indicator>
      <NotificationSettingsModal opened={settingsOpened} onClose={() => setSettingsOpened(false)} />
    </>
  );
}
