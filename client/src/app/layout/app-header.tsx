import { Badge, Box, Button, Group, Text, Title } from '@mantine/core';
import type { TMe } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '../../features/auth/api/logout';
import { AppNav } from './app-nav';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { LanguageSwitch } from './language-switch';

export function AppHeader({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logoutMutation = useLogout({ onSuccess: () => void navigate('/login', { replace: true }) });

  return (
    <Group h="100%" px={{ base: 'xs', xs: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
      <Group gap="lg" wrap="nowrap">
        {/* On a phone the sections matter more than the name. */}
        <Title order={1} size="h3" visibleFrom="xs">
          {t('app.name')}
        </Title>
        <AppNav />
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Group gap={6} visibleFrom="sm" wrap="nowrap" data-testid="current-user">
          <Text size="sm" fw={500}>
            {me.name}
          </Text>
          <Badge variant="outline" size="sm" data-testid="current-user-role">
            {t(`role.${me.role}`)}
          </Badge>
        </Group>
        {/* Narrowed on phones, so the navigation and the logout button keep their full width. */}
        <Box w={{ base: 76, xs: 'auto' }} miw={0}>
          <LanguageSwitch />
        </Box>
        <ColorSchemeToggle />
        <Button variant="subtle" size="xs" onClick={() => logoutMutation.mutate()} loading={logoutMutation.isPending} data-testid="logout">
          {t('header.logout')}
        </Button>
      </Group>
    </Group>
  );
}
