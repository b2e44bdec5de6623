import type { TCalendarItem, TCalendarResponse } from '@siar/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { calendarKeys, type TCalendarFilters, type TCalendarRange } from './calendar-keys';

const POLL_INTERVAL_MS = 10_000;
const SOON_MS = 10 * 60_000;

const paramsOf = (range: TCalendarRange, filters: TCalendarFilters) => ({ from: range.from, to: range.to, opdId: filters.opdId, accountId: filters.accountId, status: filters.statuses?.join(',') });

/** Answers asked for before the page could render (preloadCalendar), by their parameters; used once. */
const preloads = new Map<string, { at: number; answer: Promise<TCalendarResponse>; value?: TCalendarResponse }>();
/** An answer older than this is not used: ask again. */
const PRELOAD_TTL_MS = 10_000;

/**
 * Asks for a range ahead of the query that will want it (while the page's code and the user are
 * still loading), so the first paint of the calendar does not wait for a request it could not
 * start earlier. An answer nobody takes is dropped.
 */
export function preloadCalendar(range: TCalendarRange, filters: TCalendarFilters): void {
  const params = paramsOf(range, filters);
  const answer = api.get<TCalendarResponse>('/calendar', { params });
  const entry: { at: number; answer: Promise<TCalendarResponse>; value?: TCalendarResponse } = { at: Date.now(), answer };
  // The query that takes it sees its failure; one never taken must not be an unhandled rejection.
  answer.then((value) => (entry.value = value)).catch(() => undefined);
  preloads.set(JSON.stringify(params), entry);
}

/** A preloaded answer that has already arrived, for a first render that shows it at once. */
export function takePreloadedCalendar(range: TCalendarRange, filters: TCalendarFilters): TCalendarResponse | undefined {
  const key = JSON.stringify(paramsOf(range, filters));
  const entry = preloads.get(key);
  if (!entry?.value || Date.now() - entry.at >= PRELOAD_TTL_MS) return undefined;
  preloads.delete(key);
  return entry.value;
}

export function getCalendar({ range, filters, signal }: { range: TCalendarRange; filters: TCalendarFilters; signal?: AbortSignal }) {
  const params = paramsOf(range, filters);
  const key = JSON.stringify(params);
  const preloaded = preloads.get(key);
  preloads.delete(key);
  const ask = () => api.get<TCalendarResponse>('/calendar', { params, signal });
  // A failed preload (say, asked before signing in) is asked again rather than shown.
  if (preloaded && Date.now() - preloaded.at < PRELOAD_TTL_MS) return preloaded.answer.catch(ask);
  return ask();
}

/** While a post of the view is going out, about to or just due: watch it happen. */
function needsPolling(items: TCalendarItem[], now = Date.now()): boolean {
  return items.some((item) => item.status === 'publishing' || (item.status === 'scheduled' && Math.abs(Date.parse(item.scheduledAt) - now) < SOON_MS));
}

export function getCalendarQueryOptions(range: TCalendarRange, filters: TCalendarFilters) {
  return queryOptions({
    queryKey: calendarKeys.range(range, filters),
    queryFn: ({ signal }) => getCalendar({ range, filters, signal }),
    // The next month keeps the last one on screen until it arrives, instead of a blank grid.
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
    refetchInterval: (query) => (needsPolling(query.state.data?.items ?? []) ? POLL_INTERVAL_MS : false),
  });
}

/** The posts of the visible range. */
export function useCalendar(range: TCalendarRange, filters: TCalendarFilters) {
  return useQuery(getCalendarQueryOptions(range, filters));
}
