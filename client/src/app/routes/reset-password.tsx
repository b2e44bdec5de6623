import { Card, Center, Group, Stack, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ResetPasswordForm } from '../../features/auth/components/reset-password-form';
import { ColorSchemeToggle } from '../layout/color-scheme-toggle';
import { LanguageSwitch } from '../layout/language-switch';

/**
 * /reset-password?token=…: public, like the login page. The token is read once and taken out of
 * the address bar, so it stays out of the history and of anything copied from it.
 */
export function ResetPasswordRoute() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const [token] = useState(() => search.get('token') ?? '');
  useEffect(() => {
    if (search.has('token')) setSearch({}, { replace: true });
  }, [search, setSearch]);

  return (
    <Center mih="100vh" p="md">
      <title>{`${t('account.reset.title')} · ${t('app.name')}`}</title>
      <Stack w="100%" maw={440}>
        <Group justify="flex-end">
          <LanguageSwitch />
          <ColorSchemeToggle />
        </Group>
        <Card withBorder padding="xl" component="main">
          <Stack>
            <Title order={1} size="h2">
              {t('account.reset.title')}
            </Title>
            <ResetPasswordForm token={token} />
          </Stack>
        </Card>
      </Stack>
    </Center>
  );
}
