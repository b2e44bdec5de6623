import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function QueueRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('queue.title')} · ${t('app.name')}`}</title>
      <Title order={2}>{t('queue.title')}</Title>
    </>
  );
}
