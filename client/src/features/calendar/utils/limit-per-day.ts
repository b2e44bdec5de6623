import type { EventInput } from '@fullcalendar/core';

export interface TMoreInfo {
  /** yyyy-MM-dd on the wall clock. */
  date: string;
  count: number;
}

/**
 * A month cell shows at most `limit` rows: past that, the first `limit - 1` posts of the day and
 * one "+n more" row standing for the rest. Done here rather than by FullCalendar's dayMaxEvents,
 * which lays out every post of the month to measure it (seconds for a supervisor's 2,000 posts).
 * `events` carry wall-clock starts in UTC fields (see toCalendarEvent).
 */
export function limitPerDay(events: EventInput[], limit: number): EventInput[] {
  const byDay = new Map<string, EventInput[]>();
  for (const event of events) {
    const day = (event.start as Date).toISOString().slice(0, 10);
    const list = byDay.get(day);
    if (list) list.push(event);
    else byDay.set(day, [event]);
  }
  const shown: EventInput[] = [];
  for (const [date, list] of byDay) {
    if (list.length <= limit) {
      shown.push(...list);
      continue;
    }
    list.sort((a, b) => (a.start as Date).getTime() - (b.start as Date).getTime() || String(a.id).localeCompare(String(b.id)));
    shown.push(...list.slice(0, limit - 1));
    const more: TMoreInfo = { date, count: list.length - (limit - 1) };
    // The last minute of the day, so it sorts after the posts it follows.
    const end = new Date(`${date}T23:59:59.999Z`);
    shown.push({ id: `more:${date}`, start: new Date(end.getTime() - 60_000), end, allDay: false, editable: false, classNames: ['siar-more'], extendedProps: { more } });
  }
  return shown;
}
