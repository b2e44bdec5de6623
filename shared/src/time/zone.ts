import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const DEFAULT_TIMEZONE = 'Asia/Jakarta';

const zoneLabels: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function zoneLabel(timeZone: string): string {
  return zoneLabels[timeZone] ?? timeZone;
}

/** Formats a UTC instant in the given zone, e.g. "27/11/2026 14:05 WIB". */
export function formatInZone(instant: string | Date, timeZone = DEFAULT_TIMEZONE, pattern = 'dd/MM/yyyy HH:mm'): string {
  const date = new TZDate(new Date(instant).getTime(), timeZone);
  return `${format(date, pattern)} ${zoneLabel(timeZone)}`;
}

/** Reads a wall-clock date and time typed in a zone ("2026-11-27", "14:05") as a UTC instant. */
export function zonedWallTimeToUtc(date: string, time: string, timeZone = DEFAULT_TIMEZONE): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  if ([y, m, d, hh, mm].some((n) => n === undefined || Number.isNaN(n))) return new Date(Number.NaN);
  return new Date(new TZDate(y!, m! - 1, d!, hh!, mm!, 0, 0, timeZone).getTime());
}

/** The wall-clock date ("yyyy-MM-dd") and time ("HH:mm") of an instant in a zone. */
export function utcToZonedWallTime(instant: Date, timeZone = DEFAULT_TIMEZONE): { date: string; time: string } {
  const z = new TZDate(instant.getTime(), timeZone);
  return { date: format(z, 'yyyy-MM-dd'), time: format(z, 'HH:mm') };
}

/**
 * For views that draw in UTC (FullCalendar without a time-zone plugin): a Date whose UTC fields
 * read as the wall clock of `instant` in the zone. Undo with `fromZonedWallClock`.
 */
export function toZonedWallClock(instant: string | Date, timeZone = DEFAULT_TIMEZONE): Date {
  const z = new TZDate(new Date(instant).getTime(), timeZone);
  return new Date(Date.UTC(z.getFullYear(), z.getMonth(), z.getDate(), z.getHours(), z.getMinutes(), z.getSeconds(), z.getMilliseconds()));
}

/** The instant a wall clock (held in a Date's UTC fields, see `toZonedWallClock`) names in the zone. */
export function fromZonedWallClock(wall: Date, timeZone = DEFAULT_TIMEZONE): Date {
  return new Date(new TZDate(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds(), timeZone).getTime());
}
