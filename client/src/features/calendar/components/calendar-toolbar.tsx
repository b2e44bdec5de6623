import { ActionIcon, Button, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { zoneLabel } from '@siar/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { CALENDAR_VIEWS, type TCalendarView } from '../utils/calendar-search';

interface TCalendarToolbarProps {
  title: string;
  view: TCalendarView;
  timezone: string;
  onPrev: () => void;
  onNext: () => void;
  onToday: () => void;
  onView: (view: TCalendarView) => void;
}

/** Mantine controls instead of FullCalendar's own toolbar: same look, labels and focus as the rest of Siar. */
export const CalendarToolbar = memo(function CalendarToolbar({ title, view, timezone, onPrev, onNext, onToday, onView }: TCalendarToolbarProps) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" gap="xs" wrap="wrap">
      <Group gap="xs" wrap="nowrap">
        <ActionIcon variant="default" size="lg" onClick={onPrev} aria-label={t('calendar.prev')} data-testid="calendar-prev">
          ‹
        </ActionIcon>
        <Button variant="default" px="sm" onClick={onToday} data-testid="calendar-today">
          {t('calendar.today')}
        </Button>
        <ActionIcon variant="default" size="lg" onClick={onNext} aria-label={t('calendar.next')} data-testid="calendar-next">
          ›
        </ActionIcon>
      </Group>
      <Group gap={8} align="baseline" wrap="nowrap" style={{ flex: '1 1 auto' }}>
        <Title order={2} size="h3" aria-live="polite" data-testid="calendar-title">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t('calendar.zone', { zone: zoneLabel(timezone) })}
        </Text>
      </Group>
      <SegmentedControl
        value={view}
        onChange={(value) => onView(value as TCalendarView)}
        data={(Object.keys(CALENDAR_VIEWS) as TCalendarView[]).map((key) => ({ value: key, label: t(`calendar.views.${key}`) }))}
        aria-label={t('calendar.viewLabel')}
        data-testid="calendar-view"
      />
    </Group>
  );
});
