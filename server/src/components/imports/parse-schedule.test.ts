import { describe, expect, it } from 'vitest';
import { parseImportDate, parseImportTime } from './parse-schedule';

describe('reading a date', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026-1-5', '2026-01-05'],
    ['01/12/2026', '2026-12-01'],
    ['1/2/2027', '2027-02-01'],
    [' 29/02/2028 ', '2028-02-29'],
  ])('when it is written %s, then it is %s', (raw, date) => {
    expect(parseImportDate(raw)).toBe(date);
  });

  it.each(['', 'besok', '31/02/2026', '29/02/2027', '2026-13-01', '12/2026', '2026/12/01', '01/12/26'])('when it is written %j, then it is refused', (raw) => {
    expect(parseImportDate(raw)).toBeUndefined();
  });
});

describe('reading a time', () => {
  it.each([
    ['08:30', '08:30'],
    ['8:05', '08:05'],
    ['8.30', '08:30'],
    ['13.45', '13:45'],
    ['07:00:00', '07:00'],
    ['23:59', '23:59'],
  ])('when it is written %s, then it is %s', (raw, time) => {
    expect(parseImportTime(raw)).toBe(time);
  });

  it.each(['', '24:00', '8', '8:5', '12:60', 'jam 8', '8 pagi'])('when it is written %j, then it is refused', (raw) => {
    expect(parseImportTime(raw)).toBeUndefined();
  });
});
