import { describe, expect, it } from 'vitest';
import { addTime, removeTime, sameSlots, toggleDay, toRows, toSlots, WORKDAYS } from './slot-rows';

describe('the weekly slot editor rows', () => {
  it('when slots come from the server, then they become one row per time with its days, and back', () => {
    const slots = [
      { weekday: 3, time: '19:00' },
      { weekday: 1, time: '08:00' },
      { weekday: 1, time: '19:00' },
      { weekday: 2, time: '08:00' },
    ];
    const rows = toRows(slots);
    expect(rows).toEqual([
      { time: '08:00', weekdays: [1, 2] },
      { time: '19:00', weekdays: [1, 3] },
    ]);
    expect(toSlots(rows)).toEqual([
      { weekday: 1, time: '08:00' },
      { weekday: 1, time: '19:00' },
      { weekday: 2, time: '08:00' },
      { weekday: 3, time: '19:00' },
    ]);
  });

  it('when a time is added on Sen–Jum and again on the weekend, then it is one row for all seven days', () => {
    const rows = addTime(addTime([{ time: '19:00', weekdays: [7] }], '12:00', WORKDAYS), '12:00', [6, 7]);
    expect(rows).toEqual([
      { time: '12:00', weekdays: [1, 2, 3, 4, 5, 6, 7] },
      { time: '19:00', weekdays: [7] },
    ]);
  });

  it('when a day is toggled off and a time removed, then the API set loses exactly those slots', () => {
    let rows = toRows([
      { weekday: 1, time: '08:00' },
      { weekday: 2, time: '08:00' },
      { weekday: 1, time: '12:00' },
    ]);
    rows = toggleDay(rows, '08:00', 2);
    expect(toSlots(rows)).toEqual([
      { weekday: 1, time: '08:00' },
      { weekday: 1, time: '12:00' },
    ]);
    rows = toggleDay(rows, '08:00', 7);
    expect(rows[0]).toEqual({ time: '08:00', weekdays: [1, 7] });
    expect(toSlots(removeTime(rows, '08:00'))).toEqual([{ weekday: 1, time: '12:00' }]);
  });

  it('when a row has no days left, then it sends nothing, and the set counts as unchanged', () => {
    const saved = [{ weekday: 1, time: '08:00' }];
    const rows = addTime(toRows(saved), '10:00', []);
    expect(toSlots(rows)).toEqual(saved);
    expect(sameSlots(toSlots(rows), saved)).toBe(true);
    expect(sameSlots([{ weekday: 2, time: '08:00' }], saved)).toBe(false);
  });
});
