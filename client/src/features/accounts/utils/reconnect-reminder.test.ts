import { describe, expect, it } from 'vitest';
import { reconnectDaysLeft } from './reconnect-reminder';

const DAY_MS = 24 * 3600_000;
const now = Date.parse('2026-11-27T03:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('the reminder to reconnect an account', () => {
  it('when the access ends more than 7 days from now, or Siar renews it itself, then there is no reminder', () => {
    expect(reconnectDaysLeft(at(8 * DAY_MS), now)).toBeNull();
    expect(reconnectDaysLeft(null, now)).toBeNull();
    expect(reconnectDaysLeft(undefined, now)).toBeNull();
  });

  it('when it ends within 7 days, then the whole days left are counted', () => {
    expect(reconnectDaysLeft(at(7 * DAY_MS), now)).toBe(7);
    expect(reconnectDaysLeft(at(3 * DAY_MS + 5 * 3600_000), now)).toBe(3);
    expect(reconnectDaysLeft(at(2 * 3600_000), now)).toBe(0);
  });

  it('when it has ended, then it says so', () => {
    expect(reconnectDaysLeft(at(-1000), now)).toBe(-1);
  });
});
