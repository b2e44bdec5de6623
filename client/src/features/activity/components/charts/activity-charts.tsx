import { Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../../components/ui/error-alert';
import type { TActivityParams } from '../../utils/activity-period';
import { OutcomesChart } from './outcomes-chart';
import { PostingHoursHeatmap } from './posting-hours-heatmap';
import { PublishedPerDayChart } from './published-per-day-chart';
import { useActivitySeries, type TSeriesBy } from './use-activity-series';

function ChartCard({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  return (
    <Paper component="figure" withBorder p="md" m={0} aria-labelledby={`${id}-title`} data-testid={id}>
      <Title order={2} size="h5" id={`${id}-title`}>
        {title}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {description}
      </Text>
      {children}
    </Paper>
  );
}

/** The charts of the activity page for one period (and OPD filter): all in WIB. */
export function ActivityCharts({ params }: { params: TActivityParams | null }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<TSeriesBy>('opd');
  const query = useActivitySeries(params ? { ...params, by } : null);
  const body = query.data;
  const total = body?.keys.reduce((sum, k) => sum + k.total, 0) ?? 0;

  return (
    <Stack gap="sm" data-testid="activity-charts">
      {query.isError && <ErrorAlert error={query.error} />}
      {!body && query.isFetching && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('activity.charts.loading')}</Text>
        </Group>
      )}
      {body && (
        <>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <ChartCard id="activity-chart-published" title={t('activity.charts.publishedTitle')} description={t('activity.charts.publishedDescription', { count: total })}>
              <SegmentedControl
                size="xs"
                mb="sm"
                aria-label={t('activity.charts.stackBy')}
                value={by}
                onChange={(value) => setBy(value as TSeriesBy)}
                data={[
                  { value: 'opd', label: t('activity.charts.byOpd') },
                  { value: 'platform', label: t('activity.charts.byPlatform') },
                ]}
                data-testid="activity-chart-by"
              />
              {total > 0 ? (
                <PublishedPerDayChart body={body} />
              ) : (
                <Text size="sm" c="dimmed" data-testid="activity-chart-empty">
                  {t('activity.charts.empty')}
                </Text>
              )}
            </ChartCard>
            <ChartCard id="activity-chart-outcomes" title={t('activity.charts.outcomesTitle')} description={t('activity.charts.outcomesDescription')}>
              <OutcomesChart body={body} />
            </ChartCard>
          </SimpleGrid>
          <ChartCard id="activity-chart-hours" title={t('activity.charts.heatmapTitle')} description={t('activity.charts.heatmapDescription')}>
            <PostingHoursHeatmap hours={body.hours} />
          </ChartCard>
        </>
      )}
    </Stack>
  );
}
