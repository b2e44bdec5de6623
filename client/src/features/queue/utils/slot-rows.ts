import type { TQueueSlot } from '@siar/shared';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** "Sen–Jum". */
export const WORKDAYS = [1, 2, 3, 4, 5] as const;

/** One time of day and the weekdays (ISO, 1 = Monday) it is a slot on: a row of the editor. */
export interface TSlotRow {
  time: string;
  weekdays: number[];
}

const byNumber = (a: number, b: number) => a - b;
const sortRows = (rows: TSlotRow[]) => [...rows].sort((a, b) => a.time.localeCompare(b.time));

/** The weekly set as editor rows, by time. */
export function toRows(slots: readonly TQueueSlot[]): TSlotRow[] {
  const byTime = new Map<string, Set<number>>();
  for (const s of slots) byTime.set(s.time, (byTime.get(s.time) ?? new Set()).add(s.weekday));
  return sortRows([...byTime].map(([time, days]) => ({ time, weekdays: [...days].sort(byNumber) })));
}

/** What the API takes: one slot per checked day of each row, by weekday then time. */
export function toSlots(rows: readonly TSlotRow[]): TQueueSlot[] {
  return rows
    .flatMap((r) => r.weekdays.map((weekday) => ({ weekday, time: r.time })))
    .sort((a, b) => a.weekday - b.weekday || a.time.localeCompare(b.time));
}

/** Adds the time on these days, merging into the row of that time when there is one. */
export function addTime(rows: readonly TSlotRow[], time: string, weekdays: readonly number[]): TSlotRow[] {
  const existing = rows.find((r) => r.time === time);
  const merged = { time, weekdays: [...new Set([...(existing?.weekdays ?? []), ...weekdays])].sort(byNumber) };
  return sortRows([...rows.filter((r) => r.time !== time), merged]);
}

export function toggleDay(rows: readonly TSlotRow[], time: string, weekday: number): TSlotRow[] {
  return rows.map((r) =>
    r.time !== time
      ? r
      : {
          time,
          weekdays: r.weekdays.includes(weekday) ? r.weekdays.filter((d) => d !== weekday) : [...r.weekdays, weekday].sort(byNumber),
        },
  );
}

export function removeTime(rows: readonly TSlotRow[], time: string): TSlotRow[] {
  return rows.filter((r) => r.time !== time);
}

/** Same set of slots, whatever the order or the empty rows. */
export function sameSlots(a: readonly TQueueSlot[], b: readonly TQueueSlot[]): boolean {
  const key = (slots: readonly TQueueSlot[]) =>
    toSlots(toRows(slots))
      .map((s) => `${s.weekday} ${s.time}`)
      .join(',');
  return key(a) === key(b);
}
