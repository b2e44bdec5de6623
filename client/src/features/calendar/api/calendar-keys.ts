export interface TCalendarFilters {
  opdId?: string | undefined;
  accountId?: string | undefined;
  statuses?: string[] | undefined;
}

export interface TCalendarRange {
  from: string;
  to: string;
}

export const calendarKeys = {
  all: ['calendar'] as const,
  ranges: () => [...calendarKeys.all, 'range'] as const,
  range: (range: TCalendarRange, filters: TCalendarFilters) => [...calendarKeys.ranges(), range, filters] as const,
};
