import { ACTIVITY_MAX_RANGE_DAYS, activityMonthRange, activityWeekRange, utcToZonedWallTime, zonedWallTimeToUtc } from '@siar/shared';

export type TPeriodKind = 'week' | 'month' | 'custom';

export interface TActivityParams {
  from: string;
  to: string;
  opdId?: string;
}

export interface TActivityDeliveriesParams {
  from: string;
  to: string;
  opdId?: string;
  accountId?: string;
  outcome: 'published' | 'failed';
  limit?: number;
}

/** What the URL holds: `?period=week|month|custom&from=yyyy-MM-dd&to=yyyy-MM-dd` (dates in WIB, `to` inclusive). */
export interface TPeriodValues {
  kind: TPeriodKind;
  fromDate: string;
  toDate: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function periodFromSearch(search: URLSearchParams): TPeriodValues {
  const kind = search.get('period');
  return {
    kind: kind === 'week' || kind === 'custom' ? kind : 'month',
    fromDate: DATE.test(search.get('from') ?? '') ? search.get('from')! : '',
    toDate: DATE.test(search.get('to') ?? '') ? search.get('to')! : '',
  };
}

export function periodToSearch(values: TPeriodValues): URLSearchParams {
  const search = new URLSearchParams({ period: values.kind });
  if (values.kind === 'custom') {
    if (values.fromDate) search.set('from', values.fromDate);
    if (values.toDate) search.set('to', values.toDate);
  }
  return search;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);
}

/** The API range of a period in the zone (WIB); null when a custom range is incomplete, reversed or over a year. */
export function periodRange(values: TPeriodValues, now: Date, timeZone: string): { from: string; to: string } | null {
  if (values.kind === 'week') return activityWeekRange(now, timeZone);
  if (values.kind === 'month') return activityMonthRange(utcToZonedWallTime(now, timeZone).date.slice(0, 7), timeZone);
  if (!values.fromDate || !values.toDate) return null;
  const from = zonedWallTimeToUtc(values.fromDate, '00:00', timeZone);
  const to = zonedWallTimeToUtc(nextDay(values.toDate), '00:00', timeZone);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) return null;
  if (to.getTime() - from.getTime() > ACTIVITY_MAX_RANGE_DAYS * 24 * 3600_000) return null;
  return { from: from.toISOString(), to: to.toISOString() };
}

/** `?month=yyyy-MM` of the report; null when malformed. */
export function reportMonthRange(month: string | null, timeZone: string): { month: string; from: string; to: string } | null {
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return null;
  return { month, ...activityMonthRange(month, timeZone) };
}

export function activityCsvHref(params: TActivityParams): string {
  return `/api/activity.csv?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString()}`;
}
