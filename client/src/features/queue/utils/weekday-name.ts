// 2024-01-01 was a Monday: weekday n is n − 1 days after it.
const MONDAY_MS = Date.UTC(2024, 0, 1, 12);

/** "Senin" / "Sen" (or "Monday" / "Mon") for an ISO weekday, 1 = Monday. */
export function weekdayName(weekday: number, language: string, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' }).format(new Date(MONDAY_MS + (weekday - 1) * 86_400_000));
}

/** "Senin, 30 November" for a wall date "yyyy-MM-dd". */
export function dayLabel(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
