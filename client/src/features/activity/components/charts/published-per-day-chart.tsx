import { BarChart } from '@mantine/charts';
import type { TActivitySeriesResponse } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { OTHERS_KEY, stackedDays } from './chart-data';

/** Publications per WIB day, stacked by OPD or platform. */
export function PublishedPerDayChart({ body }: { body: TActivitySeriesResponse }) {
  const { t } = useTranslation();
  const { data, series, hasOthers } = stackedDays(body, (k) => (body.by === 'platform' ? t(`platformName.${k.key}`, { defaultValue: k.label }) : k.label));
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="date"
      type="stacked"
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      tickLine="y"
      yAxisProps={{ allowDecimals: false }}
      series={hasOthers ? [...series, { name: OTHERS_KEY, label: t('activity.charts.others'), color: 'gray.6' }] : series}
    />
  );
}
