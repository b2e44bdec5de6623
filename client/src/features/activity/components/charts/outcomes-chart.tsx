import { LineChart } from '@mantine/charts';
import type { TActivitySeriesResponse } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { shortDate } from './chart-data';

/** Published, failed, unconfirmed and missed deliveries per WIB day. */
export function OutcomesChart({ body }: { body: TActivitySeriesResponse }) {
  const { t } = useTranslation();
  const data = body.outcomes.map((o) => ({ ...o, date: shortDate(o.date) }));
  return (
    <LineChart
      h={260}
      data={data}
      dataKey="date"
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      curveType="linear"
      withDots={body.outcomes.length <= 31}
      tickLine="y"
      yAxisProps={{ allowDecimals: false }}
      series={[
        { name: 'published', label: t('activity.charts.outcome.published'), color: 'teal.6' },
        { name: 'failed', label: t('activity.charts.outcome.failed'), color: 'red.6' },
        { name: 'unconfirmed', label: t('activity.charts.outcome.unconfirmed'), color: 'yellow.6' },
        { name: 'missed', label: t('activity.charts.outcome.missed'), color: 'violet.5' },
      ]}
    />
  );
}
