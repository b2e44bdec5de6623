import idLocale from '@fullcalendar/core/locales/id';
import type { DatesSetArg, DayCellMountArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { toZonedWallClock } from '@siar/shared';
import { memo, useCallback, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { CALENDAR_VIEWS, type TCalendarView } from '../utils/calendar-search';
import { CalendarEventContent } from './calendar-event-content';

const PLUGINS = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];
/** 14:05, as Siar writes times everywhere (FullCalendar's Indonesian locale would write 14.05). */
const TIME_FORMAT = ({ date }: { date: { hour: number; minute: number } }) => `${String(date.hour).padStart(2, '0')}:${String(date.minute).padStart(2, '0')}`;
const VIEW_OPTIONS = { timeGridWeek: { eventMaxStack: 3 } };
/** A day of posts is longer than a laptop screen: the week scrolls inside its grid. */
const WEEK_HEIGHT = 560;
const renderEventContent = (arg: EventContentArg) => <CalendarEventContent arg={arg} />;

interface TCalendarGridProps {
  calendarRef: Ref<FullCalendar>;
  timezone: string;
  initialView: TCalendarView;
  initialDate: string | undefined;
  view: TCalendarView;
  events: EventInput[];
  onDatesSet: (arg: DatesSetArg) => void;
  onEventClick: (arg: EventClickArg) => void;
  onEventDrop: (arg: EventDropArg) => void;
}

/**
 * FullCalendar itself, drawing in UTC with wall-clock times (see toCalendarEvent). Memoised with
 * stable props: any changed option makes FullCalendar render every event again.
 */
/**
 * FullCalendar names each day cell after its date link alone, so a cell holding posts has visible
 * text its name lacks (axe: label-content-name-mismatch); the date link still says the date.
 */
function unlabelDayCell(arg: DayCellMountArg): void {
  arg.el.removeAttribute('aria-labelledby');
}

export const CalendarGrid = memo(function CalendarGrid({ calendarRef, timezone, initialView, initialDate, view, events, onDatesSet, onEventClick, onEventDrop }: TCalendarGridProps) {
  const { t, i18n } = useTranslation();
  const now = useCallback(() => toZonedWallClock(new Date(), timezone), [timezone]);
  const moreLinkText = useCallback((count: number) => t('calendar.more', { count }), [t]);
  return (
    <FullCalendar
      ref={calendarRef}
      plugins={PLUGINS}
      timeZone="UTC"
      now={now}
      initialView={CALENDAR_VIEWS[initialView]}
      {...(initialDate ? { initialDate } : {})}
      locale={i18n.language === 'id' ? idLocale : 'en'}
      firstDay={1}
      headerToolbar={false}
      contentHeight={view === 'week' ? WEEK_HEIGHT : 'auto'}
      views={VIEW_OPTIONS}
      events={events}
      eventContent={renderEventContent}
      eventDisplay="block"
      eventTimeFormat={TIME_FORMAT}
      slotLabelFormat={TIME_FORMAT}
      allDaySlot={false}
      nowIndicator
      editable
      eventDurationEditable={false}
      snapDuration="00:15:00"
      eventClick={onEventClick}
      eventDrop={onEventDrop}
      datesSet={onDatesSet}
      dayCellDidMount={unlabelDayCell}
      moreLinkText={moreLinkText}
      noEventsText={t('calendar.empty')}
    />
  );
});
