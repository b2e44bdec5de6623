import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ImportRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('imports.title')} · ${t('app.name')}`}</title>
      <Title order={2}>{t('imports.title')}</Title>
    </>
  );
}
