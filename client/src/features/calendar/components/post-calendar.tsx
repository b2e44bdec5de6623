import type { DatesSetArg, EventClickArg } from '@fullcalendar/core';
import type FullCalendar from '@fullcalendar/react';
import { Alert, Box, LoadingOverlay, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { calendarKeys, type TCalendarRange } from '../api/calendar-keys';
import { getCalendarQueryOptions, takePreloadedCalendar, useCalendar } from '../api/get-calendar';
import { useCalendarSearchParams } from '../hooks/use-calendar-search-params';
import { useDropToReschedule } from '../hooks/use-drop-to-reschedule';
import { useEventsPaintedMark } from '../hooks/use-events-painted-mark';
import { toCalendarEvent, visibleRange } from '../utils/calendar-events';
import { CALENDAR_VIEWS, PHONE_QUERY, type TCalendarView } from '../utils/calendar-search';
import { initialRange } from '../utils/initial-range';
import { limitPerDay, type TMoreInfo } from '../utils/limit-per-day';
import { CalendarFilters, type TCalendarAccountOption, type TCalendarOpd } from './calendar-filters';
import { CalendarGrid } from './calendar-grid';
import { CalendarPostDrawer, type TRenderPostDetail } from './calendar-post-drawer';
import { CalendarToolbar } from './calendar-toolbar';
import './post-calendar.css';

/** Rows of a month cell; a busier day shows a "+n more" row that opens its week. */
const MONTH_DAY_ROWS = 3;
const WEEK_SCROLL_TIME = '06:00:00';
const viewKeyOf = (type: string) => (Object.keys(CALENDAR_VIEWS) as TCalendarView[]).find((key) => CALENDAR_VIEWS[key] === type) ?? 'month';

interface TPostCalendarProps {
  timezone: string;
  opds: TCalendarOpd[];
  accounts: TCalendarAccountOption[];
  renderPostDetail: TRenderPostDetail;
  /** After a drop was saved (so other views of posts can refresh). */
  onPostMoved?: (postId: string) => void;
}

/**
 * The operator's month: posts by status colour, with their accounts, in the user's zone (drawn
 * in UTC with shifted times, as FullCalendar has no zones of its own). Drag to reschedule,
 * click or Enter to open the post.
 */
export function PostCalendar({ timezone, opds, accounts, renderPostDetail, onPostMoved }: TPostCalendarProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const { search, update } = useCalendarSearchParams();
  const [initial] = useState(() => ({ view: search.view ?? (phone ? 'list' : 'month'), date: search.date }));
  const calendarRef = useRef<FullCalendar>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  // Known before FullCalendar mounts: the posts are already there (preloaded with the page) or
  // asked for now, while it lays out its grid, rather than once it has mounted.
  const [range, setRange] = useState<TCalendarRange>(() => {
    const first = initialRange(initial.view, initial.date, timezone);
    const options = getCalendarQueryOptions(first, search.filters);
    const ready = takePreloadedCalendar(first, search.filters);
    if (ready) queryClient.setQueryData(options.queryKey, ready);
    else void queryClient.prefetchQuery(options);
    return first;
  });
  const [title, setTitle] = useState('');
  const [view, setView] = useState<TCalendarView>(initial.view);
  const [shown, setShown] = useState<{ view: TCalendarView; date: string }>();
  const [selected, setSelected] = useState<string | null>(null);

  const calendar = useCalendar(range, search.filters);
  const items = calendar.data?.items;
  const events = useMemo(() => {
    const all = (items ?? []).map((item) => toCalendarEvent(item, timezone));
    return view === 'month' ? limitPerDay(all, MONTH_DAY_ROWS) : all;
  }, [items, timezone, view]);
  const { onDrop, notice, dismiss } = useDropToReschedule({ timezone, onMoved: onPostMoved });
  useEventsPaintedMark(boxRef, calendar.data, { posts: items?.length ?? 0, events: events.length });

  const onDatesSet = useCallback(
    (arg: DatesSetArg) => {
      const key = viewKeyOf(arg.view.type);
      const next = visibleRange(arg.start, arg.end, timezone);
      setRange((current) => (current.from === next.from && current.to === next.to ? current : next));
      setTitle(arg.view.title);
      setView(key);
      setShown({ view: key, date: arg.view.currentStart.toISOString().slice(0, 10) });
    },
    [timezone],
  );
  useEffect(() => {
    // After the height change of the week view has been laid out.
    if (view !== 'week') return;
    const frame = requestAnimationFrame(() => calendarRef.current?.getApi().scrollToTime(WEEK_SCROLL_TIME));
    return () => cancelAnimationFrame(frame);
  }, [view]);
  // In an effect: FullCalendar reports its first range while the page is still mounting.
  useEffect(() => {
    if (shown) update(shown);
  }, [shown, update]);
  const onEventClick = useCallback((arg: EventClickArg) => {
    arg.jsEvent.preventDefault();
    const more = arg.event.extendedProps.more as TMoreInfo | undefined;
    if (more) arg.view.calendar.changeView(CALENDAR_VIEWS.week, more.date);
    else setSelected(arg.event.id);
  }, []);
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: calendarKeys.all }), [queryClient]);
  const onPrev = useCallback(() => calendarRef.current?.getApi().prev(), []);
  const onNext = useCallback(() => calendarRef.current?.getApi().next(), []);
  const onToday = useCallback(() => calendarRef.current?.getApi().today(), []);
  const onView = useCallback((key: TCalendarView) => calendarRef.current?.getApi().changeView(CALENDAR_VIEWS[key]), []);
  const onClose = useCallback(() => setSelected(null), []);

  return (
    <Stack gap="sm">
      <CalendarToolbar title={title} view={view} timezone={timezone} onPrev={onPrev} onNext={onNext} onToday={onToday} onView={onView} />
      <CalendarFilters filters={search.filters} opds={opds} accounts={accounts} onChange={update} />
      {notice && (
        <Alert
          color={notice.kind === 'error' ? 'red' : 'green'}
          variant="light"
          role={notice.kind === 'error' ? 'alert' : 'status'}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={dismiss}
          data-testid="calendar-notice"
          data-kind={notice.kind}
        >
          {notice.message}
        </Alert>
      )}
      {calendar.isError && <ErrorAlert error={calendar.error} testId="calendar-error" />}
      <Box ref={boxRef} pos="relative" className="siar-calendar" data-testid="calendar" data-view={view} data-loaded={calendar.data && !calendar.isPlaceholderData ? events.length : undefined}>
        <LoadingOverlay visible={calendar.isPending} zIndex={5} loaderProps={{ 'aria-label': t('app.loading') }} />
        <CalendarGrid
          calendarRef={calendarRef}
          timezone={timezone}
          initialView={initial.view}
          initialDate={initial.date}
          view={view}
          events={events}
          onDatesSet={onDatesSet}
          onEventClick={onEventClick}
          onEventDrop={onDrop}
        />
      </Box>
      <Text size="xs" c="dimmed">
        {t('calendar.hint')}
      </Text>
      <CalendarPostDrawer postId={selected} onClose={onClose} onChanged={refresh} renderPostDetail={renderPostDetail} />
    </Stack>
  );
}
