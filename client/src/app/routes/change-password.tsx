import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '../../features/auth/components/change-password-form';

/** /account/password, linked from the user's name in the header. */
export function ChangePasswordRoute() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={480}>
      <title>{`${t('account.password.title')} · ${t('app.name')}`}</title>
      <div>
        <Title order={1} size="h2">
          {t('account.password.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('account.password.description')}
        </Text>
      </div>
      <Card withBorder padding="lg">
        <ChangePasswordForm />
      </Card>
    </Stack>
  );
}
