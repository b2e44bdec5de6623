import { ZPostStatus } from '@siar/shared';
import type { TCalendarFilters } from '../api/calendar-keys';

export const CALENDAR_VIEWS = { month: 'dayGridMonth', week: 'timeGridWeek', list: 'listMonth' } as const;
export type TCalendarView = keyof typeof CALENDAR_VIEWS;

/** Below Mantine's `sm` breakpoint: a phone, where the list is the first view and the filters fold. */
export const PHONE_QUERY = '(max-width: 47.99em)';

const isView = (value: string | null): value is TCalendarView => value !== null && value in CALENDAR_VIEWS;
const STATUSES = new Set<string>(ZPostStatus.options);

export interface TCalendarSearch {
  view: TCalendarView | undefined;
  /** yyyy-MM-dd on the user's wall clock. */
  date: string | undefined;
  filters: TCalendarFilters;
}

/**
 * The calendar's state in the address (`?view=week&date=2026-12-01&opd=…&account=…&status=failed,scheduled`),
 * so a reload or a shared link opens the same view. Unknown values are ignored, not errors.
 */
export function parseCalendarSearch(params: URLSearchParams): TCalendarSearch {
  const view = params.get('view');
  const date = params.get('date');
  const statuses = (params.get('status') ?? '').split(',').filter((s) => STATUSES.has(s));
  return {
    view: isView(view) ? view : undefined,
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined,
    filters: { opdId: params.get('opd') ?? undefined, accountId: params.get('account') ?? undefined, statuses: statuses.length ? statuses.sort() : undefined },
  };
}
