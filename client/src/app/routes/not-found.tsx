import { Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <title>{`${t('notFound.title')} · ${t('app.name')}`}</title>
      <Title order={1} size="h2">
        {t('notFound.title')}
      </Title>
      <Anchor component={Link} to="/posts">
        {t('notFound.back')}
      </Anchor>
    </Stack>
  );
}
