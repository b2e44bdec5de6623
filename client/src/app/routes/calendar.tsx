import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function CalendarRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('calendar.title')} · ${t('app.name')}`}</title>
      <Title order={2}>{t('calendar.title')}</Title>
    </>
  );
}
