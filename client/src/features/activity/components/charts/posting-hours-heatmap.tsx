import { Box, Group, Text, VisuallyHidden } from '@mantine/core';
import type { TActivitySeriesResponse } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { heatMax } from './chart-data';
import classes from './posting-hours-heatmap.module.css';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Colour of a cell: a neutral tile mixed towards blue by its share of the busiest cell. */
function shade(n: number, max: number): string {
  if (n === 0) return 'var(--mantine-color-default-border)';
  return `color-mix(in srgb, var(--mantine-color-blue-filled) ${Math.round(20 + (80 * n) / max)}%, var(--mantine-color-default-border))`;
}

/**
 * Publishing hours in WIB: 7 weekdays × 24 hours, a CSS grid shaded by count. The grid is drawn
 * for the eye only; screen readers get the same numbers as a table.
 */
export function PostingHoursHeatmap({ hours }: { hours: TActivitySeriesResponse['hours'] }) {
  const { t } = useTranslation();
  const max = heatMax(hours);
  const byCell = new Map(hours.map((h) => [(h.weekday - 1) * 24 + h.hour, h.published]));
  const count = (weekday: number, hour: number) => byCell.get((weekday - 1) * 24 + hour) ?? 0;
  const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
  return (
    <div>
      <Box className={classes.grid} aria-hidden="true" data-testid="activity-heatmap">
        <span />
        {HOURS.map((hour) => (
          <span key={hour} className={classes.hour}>
            {hour % 3 === 0 ? hour : ''}
          </span>
        ))}
        {WEEKDAYS.map((weekday) => [
          <span key={`d${weekday}`} className={classes.day}>
            {t(`activity.charts.weekdays.${weekday}`)}
          </span>,
          ...HOURS.map((hour) => {
            const n = count(weekday, hour);
            return <span key={`${weekday}-${hour}`} className={classes.cell} style={{ background: shade(n, max) }} title={t('activity.charts.heatmapCell', { day: t(`activity.charts.weekdays.${weekday}`), hour: hh(hour), count: n })} />;
          }),
        ])}
      </Box>
      <Group gap={6} mt="xs" aria-hidden="true">
        <Text size="xs" c="dimmed">
          0
        </Text>
        {[0.25, 0.5, 0.75, 1].map((share) => (
          <span key={share} className={classes.swatch} style={{ background: shade(Math.max(1, Math.round(share * max)), max) }} />
        ))}
        <Text size="xs" c="dimmed">
          {max}
        </Text>
      </Group>
      <VisuallyHidden>
        <table>
          <caption>{t('activity.charts.heatmapTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('activity.charts.weekday')}</th>
              {HOURS.map((hour) => (
                <th key={hour} scope="col">
                  {hh(hour)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((weekday) => (
              <tr key={weekday}>
                <th scope="row">{t(`activity.charts.weekdays.${weekday}`)}</th>
                {HOURS.map((hour) => (
                  <td key={hour}>{count(weekday, hour)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </div>
  );
}
