import { DEFAULT_TIMEZONE } from '@siar/shared';
import { PHONE_QUERY, parseCalendarSearch } from '../utils/calendar-search';
import { initialRange } from '../utils/initial-range';
import { preloadCalendar } from './get-calendar';

/**
 * On a page load straight onto /calendar: asks for the range the calendar will open on while the
 * signed-in user is still being fetched, assuming the default zone (WIB). A user in another zone
 * asks for a different range, and the preload simply goes unused. Navigating to the calendar from
 * another page loads this module while the address still names that page: nothing is asked then.
 */
export function preloadCalendarOnPageLoad(location: Location, matchMedia: (query: string) => MediaQueryList): void {
  if (location.pathname !== '/calendar') return;
  const search = parseCalendarSearch(new URLSearchParams(location.search));
  const view = search.view ?? (matchMedia(PHONE_QUERY).matches ? 'list' : 'month');
  preloadCalendar(initialRange(view, search.date, DEFAULT_TIMEZONE), search.filters);
}
