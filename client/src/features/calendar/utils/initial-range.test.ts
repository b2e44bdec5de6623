import { describe, expect, it } from 'vitest';
import { initialRange } from './initial-range';

describe('the range asked for before the calendar mounts', () => {
  it('when the month view opens on June 2026, then it is six weeks from Monday 1 June, WIB', () => {
    expect(initialRange('month', '2026-06-15', 'Asia/Jakarta')).toEqual({ from: '2026-05-31T17:00:00.000Z', to: '2026-07-12T17:00:00.000Z' });
  });

  it('when a month starts on a Sunday, then its grid starts on the Monday before', () => {
    expect(initialRange('month', '2026-11-27', 'Asia/Jakarta')).toEqual({ from: '2026-10-25T17:00:00.000Z', to: '2026-12-06T17:00:00.000Z' });
  });

  it('when the week view opens on a Sunday, then the week is the one that ends that day', () => {
    expect(initialRange('week', '2026-11-29', 'Asia/Jakarta')).toEqual({ from: '2026-11-22T17:00:00.000Z', to: '2026-11-29T17:00:00.000Z' });
  });

  it('when the list opens, then it is the calendar month', () => {
    expect(initialRange('list', '2026-12-31', 'Asia/Jakarta')).toEqual({ from: '2026-11-30T17:00:00.000Z', to: '2026-12-31T17:00:00.000Z' });
  });

  it('when no date is given, then it is today on the WIB wall clock (already the 1st in WIB, still the 30th in UTC)', () => {
    expect(initialRange('list', undefined, 'Asia/Jakarta', new Date('2026-11-30T18:00:00Z'))).toEqual({ from: '2026-11-30T17:00:00.000Z', to: '2026-12-31T17:00:00.000Z' });
  });
});
