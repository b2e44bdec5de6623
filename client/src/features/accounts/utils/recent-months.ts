import { utcToZonedWallTime } from '@siar/shared';

/** The current month on the user's wall clock and the ones before it, newest first, as "YYYY-MM". */
export function recentMonths(timezone: string, count = 12, now = new Date()): string[] {
  const [year = 1970, month = 1] = utcToZonedWallTime(now, timezone).date.split('-').map(Number);
  return Array.from({ length: count }, (_, back) => new Date(Date.UTC(year, month - 1 - back, 1)).toISOString().slice(0, 7));
}

/** "Juli 2026" / "July 2026". */
export function monthLabel(month: string, language: string): string {
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}
