import { Anchor, Badge, Box, Burger, Button, Group, Title } from '@mantine/core';
import type { TMe } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLogout } from '../../features/auth/api/logout';
import { NotificationBell } from '../../features/notifications/components/notification-bell';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { LanguageSwitch } from './language-switch';

export function AppHeader({ me, navOpened, onToggleNav }: { me: TMe; navOpened: boolean; onToggleNav: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logoutMutation = useLogout({ onSuccess: () => void navigate('/login', { replace: true }) });

  return (
    <Group h="100%" px={{ base: 'xs', xs: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={t(navOpened ? 'nav.closeMenu' : 'nav.openMenu')}
          data-testid="nav-toggle"
        />
        <Title order={1} size="h3">
          {t('app.name')}
        </Title>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Group gap={6} visibleFrom="sm" wrap="nowrap" data-testid="current-user">
          {/* The user's own settings: the password. */}
          <Anchor
            component={Link}
            to="/account/password"
            size="sm"
            fw={500}
            c="inherit"
            title={t('account.password.link')}
            data-testid="current-user-name"
          >
            {me.name}
          </Anchor>
          <Badge variant="outline" size="sm" data-testid="current-user-role">
            {t(`role.${me.role}`)}
          </Badge>
        </Group>
        {/* Narrowed on phones, so the navigation and the logout button keep their full width. */}
        <Box w={{ base: 76, xs: 'auto' }} miw={0}>
          <LanguageSwitch />
        </Box>
        <NotificationBell timezone={me.timezone} />
        <ColorSchemeToggle />
        <Button variant="subtle" size="xs" onClick={() => logoutMutation.mutate()} loading={logoutMutation.isPending} data-testid="logout">
          {t('header.logout')}
        </Button>
      </Group>
    </Group>
  );
}
