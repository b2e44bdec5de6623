import { describe, expect, it } from 'vitest';
import { dayLabel, weekdayName } from './weekday-name';

describe('weekday and day names', () => {
  it('then weekdays are named in the UI language, Monday first', () => {
    expect([1, 5, 7].map((d) => weekdayName(d, 'id'))).toEqual(['Senin', 'Jumat', 'Minggu']);
    expect(weekdayName(1, 'en', 'short')).toBe('Mon');
  });

  it('then a day of the upcoming queue reads as in a calendar', () => {
    expect(dayLabel('2026-11-30', 'id')).toBe('Senin, 30 November');
    expect(dayLabel('2026-12-06', 'en')).toBe('Sunday, December 6');
  });
});
