import { toZonedWallClock } from '@siar/shared';
import type { TCalendarRange } from '../api/calendar-keys';
import type { TCalendarView } from './calendar-search';
import { visibleRange } from './calendar-events';

const DAY_MS = 24 * 3600_000;

/** Monday on or before a UTC-fields date (weeks start on Monday). */
function mondayOf(day: Date): Date {
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

/**
 * The range FullCalendar will show for a view and a date (yyyy-MM-dd on the wall clock, today when
 * absent), known before it mounts so the posts are asked for at once: a month grid is the six
 * weeks from the Monday on or before the 1st, a week starts on Monday, the list is the month.
 */
export function initialRange(view: TCalendarView, date: string | undefined, timezone: string, now = new Date()): TCalendarRange {
  const day = new Date(`${date ?? toZonedWallClock(now, timezone).toISOString().slice(0, 10)}T00:00:00Z`);
  const first = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  if (view === 'week') {
    const start = mondayOf(day);
    return visibleRange(start, new Date(start.getTime() + 7 * DAY_MS), timezone);
  }
  if (view === 'list') return visibleRange(first, new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1)), timezone);
  const start = mondayOf(first);
  return visibleRange(start, new Date(start.getTime() + 42 * DAY_MS), timezone);
}
