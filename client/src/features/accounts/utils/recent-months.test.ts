import { describe, expect, it } from 'vitest';
import { monthLabel, recentMonths } from './recent-months';

describe('the month picker of the estimated spend', () => {
  it('when it is already the 1st in WIB but still the last day in UTC, then the WIB month comes first', () => {
    const months = recentMonths('Asia/Jakarta', 12, new Date('2026-11-30T18:00:00Z'));
    expect(months[0]).toBe('2026-12');
    expect(months[11]).toBe('2026-01');
    expect(months).toHaveLength(12);
  });

  it('when the year turns, then the months before January are in the year before', () => {
    expect(recentMonths('Asia/Jakarta', 3, new Date('2027-01-15T00:00:00Z'))).toEqual(['2027-01', '2026-12', '2026-11']);
  });

  it('then months are named in the UI language', () => {
    expect(monthLabel('2026-07', 'id')).toBe('Juli 2026');
    expect(monthLabel('2026-07', 'en')).toBe('July 2026');
  });
});
