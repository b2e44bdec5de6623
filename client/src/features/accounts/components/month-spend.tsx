import { Divider, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useMonthSpend } from '../api/get-month-spend';
import { monthLabel, recentMonths } from '../utils/recent-months';
import { SpendTable } from './spend-table';

/** "Perkiraan biaya bulan ini": published posts priced per OPD, for this month or one of the last eleven. */
export function MonthSpend({ timezone }: { timezone: string }) {
  const { t, i18n } = useTranslation();
  const [months] = useState(() => recentMonths(timezone));
  const [month, setMonth] = useState(months[0] ?? '');
  const spendQuery = useMonthSpend(month);

  return (
    <Stack gap="xs" component="section" aria-labelledby="spend-title">
      <Divider mt="md" mb="xs" />
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3" id="spend-title">
            {month === months[0] ? t('spend.title') : t('spend.titleMonth', { month: monthLabel(month, i18n.language) })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('spend.description')}
          </Text>
        </div>
        <NativeSelect
          label={t('spend.month')}
          value={month}
          onChange={(event) => setMonth(event.currentTarget.value)}
          data={months.map((value) => ({ value, label: monthLabel(value, i18n.language) }))}
          data-testid="spend-month"
        />
      </Group>
      {spendQuery.isPending && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('spend.loading')}</Text>
        </Group>
      )}
      {spendQuery.isError && <ErrorAlert error={spendQuery.error} />}
      {spendQuery.isSuccess && <SpendTable rows={spendQuery.data.items} monthLabel={monthLabel(month, i18n.language)} />}
    </Stack>
  );
}
