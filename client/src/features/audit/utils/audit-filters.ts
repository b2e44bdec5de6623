import { zonedWallTimeToUtc } from '@siar/shared';

/** What the person chose; dates are calendar days ("yyyy-MM-dd") in their own zone. */
export interface TAuditFilterValues {
  opdId: string;
  actorId: string;
  action: string;
  from: string;
  to: string;
}

/** The API's query: instants in UTC, the `to` day included whole. */
export interface TAuditApiParams {
  opdId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

const KEYS = ['opdId', 'actorId', 'action', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearch(search: URLSearchParams): TAuditFilterValues {
  const value = (key: (typeof KEYS)[number]) => search.get(key) ?? '';
  return {
    opdId: value('opdId'),
    actorId: value('actorId'),
    action: value('action'),
    from: DAY.test(value('from')) ? value('from') : '',
    to: DAY.test(value('to')) ? value('to') : '',
  };
}

export function filtersToSearch(values: TAuditFilterValues): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of KEYS) if (values[key]) search.set(key, values[key]);
  return search;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export function toApiParams(values: TAuditFilterValues, timeZone: string): TAuditApiParams {
  const params: TAuditApiParams = {};
  if (values.opdId) params.opdId = values.opdId;
  if (values.actorId) params.actorId = values.actorId;
  if (values.action) params.action = values.action;
  if (values.from) params.from = zonedWallTimeToUtc(values.from, '00:00', timeZone).toISOString();
  if (values.to) params.to = zonedWallTimeToUtc(nextDay(values.to), '00:00', timeZone).toISOString();
  return params;
}

/** The CSV download of the same filters (a plain link: the browser sends the session cookie). */
export function csvHref(params: TAuditApiParams): string {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const query = search.toString();
  return `/api/audit.csv${query ? `?${query}` : ''}`;
}
