import { Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useMe } from '../../features/auth/api/get-me';
import { LoginForm } from '../../features/auth/components/login-form';
import { ColorSchemeToggle } from '../layout/color-scheme-toggle';
import { LanguageSwitch } from '../layout/language-switch';

const DEFAULT_DESTINATION = '/posts';

/** Only same-app paths: never bounce a user to another site after signing in. */
function destinationFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : DEFAULT_DESTINATION;
}

export function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const meQuery = useMe();
  const destination = destinationFrom(location.state);

  if (meQuery.data) return <Navigate to={destination} replace />;

  return (
    <Center mih="100vh" p="md">
      <title>{`${t('login.title')} · ${t('app.name')}`}</title>
      <Stack w="100%" maw={400}>
        <Group justify="flex-end">
          <LanguageSwitch />
          <ColorSchemeToggle />
        </Group>
        <Card withBorder padding="xl" component="main">
          <Stack>
            <div>
              <Title order={1} size="h2">
                {t('login.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('app.tagline')}
              </Text>
            </div>
            <LoginForm onSuccess={() => void navigate(destination, { replace: true })} />
          </Stack>
        </Card>
      </Stack>
    </Center>
  );
}
